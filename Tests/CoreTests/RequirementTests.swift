import Testing
import TestSupport

/// The rule every skip of the test targets follows (TestSupport/Requirement.swift): a
/// missing component skips a test outside CI and fails it under CI=true.
@Suite struct RequirementTests {
    @Test func availableRunsEverywhere() throws {
        #expect(try Requirement.check(true, "x", ci: false))
        #expect(try Requirement.check(true, "x", ci: true))
    }

    @Test func missingSkipsOutsideCI() throws {
        #expect(try Requirement.check(false, "podman", ci: false) == false)
    }

    @Test func missingFailsUnderCINamingIt() {
        #expect {
            _ = try Requirement.check(false, "runc (apt-get install runc)", ci: true)
        } throws: { error in
            "\(error)".contains("runc (apt-get install runc)") && "\(error)".contains("CI=true")
        }
    }
}

extension RequirementTests {
    @Test func ciIsTrueOneOrYes() {
        #expect(Requirement.ciValue("true") && Requirement.ciValue("TRUE") && Requirement.ciValue("1") && Requirement.ciValue("yes"))
        #expect(!Requirement.ciValue(nil) && !Requirement.ciValue("") && !Requirement.ciValue("false") && !Requirement.ciValue("0"))
    }
}
