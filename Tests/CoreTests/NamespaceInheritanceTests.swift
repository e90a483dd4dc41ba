import Testing
@testable import NSCore

/// When a new task's namespaces follow from its parent's (so the tracer need not read ten
/// links per fork), and when an execve cannot move its caller.
@Suite struct NamespaceInheritanceTests {
    /// A task at the top of everything: pid == pid_for_children, time == time_for_children.
    func plain() -> NamespaceSet {
        var s = NamespaceSet()
        for (i, kind) in NamespaceKind.allCases.enumerated() { s[kind] = 4_026_531_830 + UInt64(i) }
        s[.pidForChildren] = s[.pid]
        s[.timeForChildren] = s[.time]
        return s
    }

    @Test func forkAndThreadsShareEverything() {
        let parent = plain()
        #expect(NamespaceEffects.inherited(from: parent, cloneFlags: 0) == parent)              // fork
        #expect(NamespaceEffects.inherited(from: parent, cloneFlags: 0x4100) == parent)         // vfork
        #expect(NamespaceEffects.inherited(from: parent, cloneFlags: 0x3d0f00 | 17) == parent)  // pthread_create
    }

    @Test func anyNewNamespaceFlagMeansRead() {
        for kind in NamespaceKind.allCases {
            #expect(NamespaceEffects.inherited(from: plain(), cloneFlags: kind.cloneFlag | 17) == nil, "\(kind)")
        }
    }

    @Test func pendingPidOrTimeNamespaceMeansRead() {
        // After unshare(CLONE_NEWPID) the first child is the new namespace's init.
        var afterUnsharePid = plain()
        afterUnsharePid[.pidForChildren] = 4_026_532_999
        #expect(NamespaceEffects.inherited(from: afterUnsharePid, cloneFlags: 0) == nil)
        // After unshare(CLONE_NEWTIME) a child enters the new time namespace (unless CLONE_VM).
        var afterUnshareTime = plain()
        afterUnshareTime[.timeForChildren] = 4_026_532_998
        #expect(NamespaceEffects.inherited(from: afterUnshareTime, cloneFlags: 0) == nil)
        #expect(!NamespaceEffects.execKeeps(afterUnshareTime))
    }

    @Test func unknownLinksMeanRead() {
        var partial = plain()
        partial[.cgroup] = nil
        #expect(NamespaceEffects.inherited(from: partial, cloneFlags: 0) == nil)
        #expect(!NamespaceEffects.execKeeps(partial))
        #expect(NamespaceEffects.inherited(from: NamespaceSet(), cloneFlags: 0) == nil)
    }

    @Test func execKeepsAPlainTask() {
        #expect(NamespaceEffects.execKeeps(plain()))
        // A pending pid namespace does not move the caller at exec.
        var afterUnsharePid = plain()
        afterUnsharePid[.pidForChildren] = 4_026_532_999
        #expect(NamespaceEffects.execKeeps(afterUnsharePid))
    }

    @Test func unshareAndSetnsReadOnlyTheTypesTheirFlagsName() {
        func changed(_ name: String, _ args: [UInt64]) -> [NamespaceKind]? {
            NamespaceEffects.linksChanged(by: name, args: SyscallArgs(args))
        }
        // unshare(CLONE_NEWUTS|CLONE_NEWPID): uts, and both pid links.
        #expect(changed("unshare", [0x2400_0000]) == [.pid, .pidForChildren, .uts])
        #expect(changed("unshare", [0x80]) == [.time, .timeForChildren])
        #expect(changed("unshare", [0x1000_0000 | 0x4000_0000]) == [.net, .user])
        // unshare(CLONE_FILES): no namespace can change.
        #expect(changed("unshare", [0x400]) == [])
        // setns(fd, CLONE_NEWNET) reads net; setns(fd, 0) joins whatever fd is: all.
        #expect(changed("setns", [3, 0x4000_0000]) == [.net])
        #expect(changed("setns", [3, 0]) == nil)
        #expect(changed("execve", [0, 0, 0]) == nil)
    }
}
