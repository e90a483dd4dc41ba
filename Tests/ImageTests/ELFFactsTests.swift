import Foundation
import Testing
import TestSupport
@testable import NSImage

extension ImageSuite {
    /// ELF facts from libelf, checked against binaries of this machine.
    @Suite("ELF facts") struct ELFFactsTests {
        @Test func dynamicExecutable() throws {
            let facts = try #require(ELFFacts.read(try Data(contentsOf: URL(fileURLWithPath: "/bin/ls"))))
            #expect(facts.bits == 64)
            #expect(facts.machine == "x86-64")
            #expect(facts.type == "pie executable")
            #expect(!facts.isStatic)
            #expect(facts.interpreter == "/lib64/ld-linux-x86-64.so.2")
            #expect(facts.needed.contains("libc.so.6"))
            #expect(facts.summary.hasPrefix("ELF 64-bit x86-64 pie executable, dynamic, interpreter /lib64/ld-linux-x86-64.so.2, needs "))
        }

        @Test func sharedLibrary() throws {
            let facts = try #require(ELFFacts.read(try Data(contentsOf: URL(fileURLWithPath: "/lib/x86_64-linux-gnu/libc.so.6"))))
            #expect(facts.type == "shared object")
            #expect(facts.needed == ["ld-linux-x86-64.so.2"])
        }

        @Test(.requires("busybox-static (apt-get install busybox-static)", FileManager.default.isExecutableFile(atPath: "/bin/busybox")))
        func staticExecutable() throws {
            let facts = try #require(ELFFacts.read(try Data(contentsOf: URL(fileURLWithPath: "/bin/busybox"))))
            #expect(facts.isStatic && facts.interpreter == nil && facts.needed.isEmpty)
            #expect(facts.summary == "ELF 64-bit x86-64 executable, static, no interpreter")
        }

        @Test func notELF() {
            #expect(ELFFacts.read(Data("#!/bin/sh\necho hi\n".utf8)) == nil)
            #expect(ELFFacts.read(Data([0x7f, 0x45, 0x4c, 0x46])) == nil)
            // A header that claims more than the bytes hold is refused, not read past.
            var junk = Data([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]) + Data(count: 8)
            junk += Data(repeating: 0xff, count: 48)
            #expect(ELFFacts.read(junk) == nil || ELFFacts.read(junk)?.needed == [])
        }
    }
}
