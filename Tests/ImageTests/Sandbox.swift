import Foundation
import TestSupport

extension ImageSuite {
    /// A scratch tree for unpacking hostile images: sandbox/outside/victim is what an
    /// escaping entry would hit, the image is sandbox/image, the unpack target (DIR) is
    /// sandbox/rootfs. `decoys` adds more targets outside (sub/file, and a symlink to /).
    struct Sandbox {
        let root = Harness.tempDir()
        var outside: URL { root.appendingPathComponent("outside") }
        var image: URL { root.appendingPathComponent("image") }
        var dir: URL { root.appendingPathComponent("rootfs") }

        init(decoys: Bool = false) throws {
            // Explicit modes (0755 directories, 0644 files): the snapshots compared before
            // and after must not depend on the umask.
            try Fixture.write("victim\n", to: outside.appendingPathComponent("victim"))
            if decoys {
                try Fixture.write("deep\n", to: outside.appendingPathComponent("sub/file"))
                try FileManager.default.createSymbolicLink(atPath: outside.appendingPathComponent("link").path,
                                                           withDestinationPath: "/")
            }
        }

        /// Names directly in the sandbox.
        var names: Set<String> { Set((try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []) }

        func remove() { try? FileManager.default.removeItem(at: root) }
    }
}
