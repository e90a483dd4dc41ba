import Foundation
import Testing

/// Golden files of a test target live in its `Golden` folder, beside the test file that
/// checks them. Set NSTRACE_RECORD_GOLDEN=1 to rewrite them from the current output (then
/// review the diff before committing).
public enum Golden {
    /// The `Golden` folder beside the calling test file.
    public static func directory(filePath: String = #filePath) -> URL {
        URL(fileURLWithPath: filePath).deletingLastPathComponent().appendingPathComponent("Golden")
    }

    public static func check(_ actual: String, _ name: String, filePath: String = #filePath,
                             sourceLocation: SourceLocation = #_sourceLocation) {
        let url = directory(filePath: filePath).appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["NSTRACE_RECORD_GOLDEN"] == "1" {
            try? actual.write(to: url, atomically: true, encoding: .utf8)
            return
        }
        guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
            Issue.record("missing golden file \(name); run with NSTRACE_RECORD_GOLDEN=1", sourceLocation: sourceLocation)
            return
        }
        #expect(actual == expected, "output differs from Golden/\(name)", sourceLocation: sourceLocation)
    }
}
