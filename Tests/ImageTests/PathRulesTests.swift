import Foundation
import Testing
@testable import NSImage

extension ImageSuite {
    @Suite("Path rules") struct PathRulesTests {
        func path(_ s: String) throws -> String { try PathRules.entryPath(s).description }

        @Test func normalizesHarmlessNames() throws {
            #expect(try path("etc/motd") == "/etc/motd")
            #expect(try path("./etc/motd") == "/etc/motd")
            #expect(try path("etc//motd/") == "/etc/motd")
            #expect(try path("a/./b/../c") == "/a/c")
            #expect(try path(".") == "/")
            #expect(try path("./") == "/")
        }

        @Test func refusesNamesOutsideTheRoot() {
            #expect(throws: PathRefusal.escapes) { try PathRules.entryPath("../x") }
            #expect(throws: PathRefusal.escapes) { try PathRules.entryPath("a/../../x") }
            #expect(throws: PathRefusal.escapes) { try PathRules.entryPath("./..") }
            #expect(throws: PathRefusal.absolute) { try PathRules.entryPath("/etc/passwd") }
            #expect(throws: PathRefusal.empty) { try PathRules.entryPath("") }
        }

        @Test func whiteoutMeanings() throws {
            #expect(try PathRules.meaning(of: "etc/.wh.motd") == .whiteout(RootPath(["etc", "motd"])))
            #expect(try PathRules.meaning(of: "opt/old/.wh..wh..opq") == .opaque(RootPath(["opt", "old"])))
            #expect(try PathRules.meaning(of: ".wh..wh..opq") == .opaque(RootPath([])))
            #expect(try PathRules.meaning(of: ".wh..wh.plnk/123") == .plain(RootPath([".wh..wh.plnk", "123"])))
            #expect(try PathRules.meaning(of: "a/.wh..wh.plnk") == .internalMarker(RootPath(["a", ".wh..wh.plnk"])))
            #expect(throws: PathRefusal.badWhiteout("..")) { try PathRules.meaning(of: "a/.wh...") }
            #expect(throws: PathRefusal.badWhiteout(".")) { try PathRules.meaning(of: "a/.wh..") }
            #expect(throws: PathRefusal.badWhiteout("")) { try PathRules.meaning(of: ".wh.") }
            #expect(throws: PathRefusal.absolute) { try PathRules.meaning(of: "/etc/.wh.passwd") }
            #expect(throws: PathRefusal.escapes) { try PathRules.meaning(of: "../.wh.x") }
        }

        @Test func archivePathsStayInTheArchive() throws {
            #expect(try PathRules.archivePath("../b.tar", relativeTo: ["a"]).relative == "b.tar")
            #expect(throws: PathRefusal.escapes) { try PathRules.archivePath("../../b.tar", relativeTo: ["a"]) }
            #expect(throws: PathRefusal.absolute) { try PathRules.archivePath("/etc/passwd") }
        }

        @Test func digestsAreStrict() throws {
            let hex = String(repeating: "ab", count: 32)
            #expect(try Digest(parsing: "sha256:" + hex).hex == hex)
            #expect(throws: ImageError.self) { try Digest(parsing: "sha256:../../etc/passwd") }
            #expect(throws: ImageError.self) { try Digest(parsing: "sha512:" + hex) }
            #expect(throws: ImageError.self) { try Digest(parsing: "sha256:" + hex.uppercased()) }
            #expect(Digest.of(Data()).hex == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        }

        @Test func sizes() {
            #expect(ByteSize.parse("8G") == 8 << 30)
            #expect(ByteSize.parse("8GiB") == 8 << 30)
            #expect(ByteSize.parse("512m") == 512 << 20)
            #expect(ByteSize.parse("1000") == 1000)
            #expect(ByteSize.parse("x") == nil)
            #expect(ByteSize.parse("-1") == nil)
            #expect(ByteSize.exact(8 << 30) == "8 GiB")
            #expect(ByteSize.human(1_982_256) == "2.0 MB")
        }

        @Test func imageNamesMatchLikeDocker() {
            typealias C = Image.Candidate
            #expect(C.normalized("docker.io/library/busybox:latest") == "busybox:latest")
            #expect(C.normalized("busybox") == "busybox:latest")
            #expect(C.normalized("localhost:5000/x") == "localhost:5000/x:latest")
        }
    }
}
