import Testing
@testable import NSCore

/// The namespace and container syscalls (issue 3), decoded from fake tracee memory.
@Suite struct DecoderNamespaceTests {
    func call(_ name: String, _ args: [UInt64], ret: Int64 = 0, mem: FakeMemory = FakeMemory()) -> String {
        let d = SyscallDecoder(options: DecodeOptions())
        let e = d.decodeEntry(name: name, abi: .x86_64, args: args, memory: mem, fds: nil)
        let x = d.decodeExit(e, abi: .x86_64, args: args, rval: ret, isError: false, memory: mem, fds: nil)
        return name + "(" + x.args.joined(separator: ", ") + ") = " + x.ret
    }

    let cwd = UInt64(bitPattern: -100)

    @Test func unshareSetnsAndHostnames() {
        #expect(call("unshare", [0x0400_0000 | 0x0002_0000]) == "unshare(CLONE_NEWNS|CLONE_NEWUTS) = 0")
        #expect(call("setns", [5, 0x4000_0000]) == "setns(5, CLONE_NEWNET) = 0")
        var m = FakeMemory()
        m.put(0x1000, Array("bananaman".utf8))
        #expect(call("sethostname", [0x1000, 9], mem: m) == #"sethostname("bananaman", 9) = 0"#)
        #expect(call("setdomainname", [0x1000, 6], mem: m) == #"setdomainname("banana", 6) = 0"#)
    }

    @Test func mountFamily() {
        var m = FakeMemory()
        m.put(0x1000, cString: "proc")
        m.put(0x2000, cString: "/proc")
        m.put(0x3000, cString: "lowerdir=/l,upperdir=/u,workdir=/w")
        m.put(0x4000, cString: "overlay")
        #expect(call("mount", [0x1000, 0x2000, 0x1000, 0x2 | 0x4 | 0x8, 0], mem: m)
            == #"mount("proc", "/proc", "proc", MS_NOSUID|MS_NODEV|MS_NOEXEC, NULL) = 0"#)
        #expect(call("mount", [0x4000, 0x2000, 0x4000, 0, 0x3000], mem: m)
            == #"mount("overlay", "/proc", "overlay", 0, "lowerdir=/l,upperdir=/u,workdir="...) = 0"#)
        #expect(call("umount2", [0x2000, 2], mem: m) == #"umount2("/proc", MNT_DETACH) = 0"#)
        #expect(call("pivot_root", [0x2000, 0x2000], mem: m) == #"pivot_root("/proc", "/proc") = 0"#)
        #expect(call("chroot", [0x2000], mem: m) == #"chroot("/proc") = 0"#)
    }

    @Test func newMountAPI() {
        var m = FakeMemory()
        m.put(0x1000, cString: "tmpfs")
        m.put(0x2000, cString: "size")
        m.put(0x3000, cString: "1m")
        m.put(0x4000, cString: "/mnt")
        m.put(0x5000, cString: "")
        m.put(0x6000, words: [0x1 | 0x8, 0x2, 0x0004_0000, 0])
        #expect(call("fsopen", [0x1000, 1], ret: 3, mem: m) == #"fsopen("tmpfs", FSOPEN_CLOEXEC) = 3"#)
        #expect(call("fsconfig", [3, 1, 0x2000, 0x3000, 0], mem: m) == #"fsconfig(3, FSCONFIG_SET_STRING, "size", "1m", 0) = 0"#)
        #expect(call("fsconfig", [3, 6, 0, 0, 0], mem: m) == "fsconfig(3, FSCONFIG_CMD_CREATE, NULL, NULL, 0) = 0")
        #expect(call("fsmount", [3, 1, 0x8], ret: 4, mem: m) == "fsmount(3, FSMOUNT_CLOEXEC, MOUNT_ATTR_NOEXEC) = 4")
        #expect(call("move_mount", [4, 0x5000, cwd, 0x4000, 0x4], mem: m)
            == #"move_mount(4, "", AT_FDCWD, "/mnt", MOVE_MOUNT_F_EMPTY_PATH) = 0"#)
        #expect(call("open_tree", [cwd, 0x4000, 0x1 | 0x80000 | 0x8000], ret: 5, mem: m)
            == #"open_tree(AT_FDCWD, "/mnt", OPEN_TREE_CLONE|OPEN_TREE_CLOEXEC|AT_RECURSIVE) = 5"#)
        #expect(call("fspick", [cwd, 0x4000, 1], ret: 6, mem: m) == #"fspick(AT_FDCWD, "/mnt", FSPICK_CLOEXEC) = 6"#)
        #expect(call("mount_setattr", [cwd, 0x4000, 0x8000, 0x6000, 32], mem: m)
            == #"mount_setattr(AT_FDCWD, "/mnt", AT_RECURSIVE, {attr_set=MOUNT_ATTR_RDONLY|MOUNT_ATTR_NOEXEC, attr_clr=MOUNT_ATTR_NOSUID, propagation=MS_PRIVATE, userns_fd=0}, 32) = 0"#)
    }

    @Test func clone3WithSetTidAndNSGetIoctls() {
        var m = FakeMemory()
        // struct clone_args: flags, pidfd, child_tid, parent_tid, exit_signal, stack, stack_size, tls, set_tid, set_tid_size
        m.put(0x1000, words: [0x2000_0000 | 0x0400_0000, 0, 0, 0, 17, 0, 0, 0, 0x2000, 2, 0])
        m.put(0x2000, le(1, 4) + le(4242, 4))
        #expect(call("clone3", [0x1000, 88], ret: 4243, mem: m)
            == "clone3({flags=CLONE_NEWUTS|CLONE_NEWPID, exit_signal=SIGCHLD, stack=NULL, stack_size=0, set_tid=[1, 4242], set_tid_size=2}, 88) = 4243")
        #expect(call("ioctl", [3, 0xb703, 0], ret: 0x4000_0000) .hasPrefix("ioctl(3, NS_GET_NSTYPE"))
        #expect(call("ioctl", [3, 0xb701, 0], ret: 4).hasPrefix("ioctl(3, NS_GET_USERNS"))
    }
}
