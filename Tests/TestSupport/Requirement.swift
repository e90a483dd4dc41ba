import Foundation
import Testing

/// What a test needs from the machine (root, a real tool such as podman, runc, umoci,
/// skopeo, strace, busybox, the sample images), and what happens when it is not there:
///
/// - under `CI=true` the test FAILS, naming what is missing and how to get it: CI installs
///   everything (`make deps`), so a missing or broken component there is a defect of the
///   machine or the Makefile, never a reason to pass quietly;
/// - anywhere else the test is skipped, saying why.
///
/// Every skip, cancel or `.enabled(if:)` of the test targets goes through here
/// (docs/testing.md).
public enum Requirement {
    /// `CI=true` (also `1` or `yes`) in the environment.
    public static var isCI: Bool { ciValue(ProcessInfo.processInfo.environment["CI"]) }

    public static func ciValue(_ v: String?) -> Bool {
        guard let v = v?.lowercased() else { return false }
        return v == "true" || v == "1" || v == "yes"
    }

    /// The error a test fails with under CI when what it needs is missing.
    public struct Missing: Error, CustomStringConvertible {
        public var description: String
    }

    /// Whether to run: true when `available`; otherwise false outside CI (the test is
    /// skipped) and an error under CI (the test fails with it).
    public static func check(_ available: Bool, _ what: String, ci: Bool = Requirement.isCI) throws -> Bool {
        if available { return true }
        if ci { throw Missing(description: "CI=true and this test's \(what) is missing: install it (make deps), do not skip") }
        return false
    }

    /// For a component found broken while the test runs (podman installed but failing):
    /// under CI the test fails with `why`; elsewhere it is cancelled (skipped) with it.
    public static func unavailable(_ what: String, _ why: String,
                                   sourceLocation: SourceLocation = #_sourceLocation) throws -> Never {
        if isCI {
            throw Missing(description: "CI=true and \(what) does not work here: \(why)")
        }
        try Test.cancel("\(what) does not work here, skipped (CI=true makes this a failure): \(why)",
                        sourceLocation: sourceLocation)
    }
}

extension Trait where Self == ConditionTrait {
    /// `@Test(.requires("strace (apt-get install strace)", Harness.hasStrace))`: runs when
    /// `available`; skipped with the reason outside CI; fails naming `what` under CI=true.
    public static func requires(_ what: String, _ available: @autoclosure @escaping @Sendable () -> Bool,
                                sourceLocation: SourceLocation = #_sourceLocation) -> Self {
        .enabled("needs \(what) (missing: skipped; under CI=true a failure)", sourceLocation: sourceLocation) {
            try Requirement.check(available(), what)
        }
    }
}
