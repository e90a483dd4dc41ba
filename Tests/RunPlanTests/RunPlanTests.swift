import NSRun
import Testing

/// The pure decisions of `nstrace run`: no root needed.
@Suite struct RunPlanTests {
    @Test func namespaceSets() throws {
        #expect(try RunPlan.namespaceTypes(ns: nil, share: nil, user: false) == [.mnt, .uts, .ipc, .pid, .net, .cgroup, .time])
        #expect(try RunPlan.namespaceTypes(ns: nil, share: nil, user: true).first == .user)
        #expect(try RunPlan.namespaceTypes(ns: nil, share: "net,time", user: false) == [.mnt, .uts, .ipc, .pid, .cgroup])
        #expect(try RunPlan.namespaceTypes(ns: "pid,mount", share: nil, user: false) == [.mnt, .pid])
        #expect(throws: RunError.self) { try RunPlan.namespaceTypes(ns: "pid,bogus", share: nil, user: false) }
        do {
            _ = try RunPlan.namespaceTypes(ns: nil, share: "bogus", user: false)
            Issue.record("an unknown type was accepted")
        } catch {
            #expect(error.message.contains("'bogus'") && error.message.contains("known: user,mnt"))
        }
        // CLONE_NEWNS | CLONE_NEWPID; user is never among the unshare flags.
        #expect(RunPlan.unshareFlags([.mnt, .pid, .user]) == 0x0002_0000 | 0x2000_0000)
    }

    @Test func processFromImageConfig() throws {
        let p = try RunPlan.process(entrypoint: ["/bin/sh", "-c"], cmd: ["echo hi"], env: ["A=1"], workingDir: "/data",
                                    user: "", command: [])
        #expect(p.argv == ["/bin/sh", "-c", "echo hi"])
        #expect(p.env.first?.hasPrefix("PATH=") == true && p.env.contains("A=1"))
        #expect(p.cwd == "/data")
        #expect(p.user == nil)
        // COMMAND replaces Cmd, Entrypoint stays (docker run IMAGE ARGS).
        let q = try RunPlan.process(entrypoint: ["/bin/sh", "-c"], cmd: ["echo hi"], env: ["PATH=/x"], workingDir: nil,
                                    user: "1000", command: ["id"])
        #expect(q.argv == ["/bin/sh", "-c", "id"])
        #expect(q.path == "/x")
        #expect(q.cwd == "/")
        #expect(q.user == "1000")
        #expect(throws: RunError.self) { try RunPlan.process(entrypoint: nil, cmd: nil, env: nil, workingDir: nil, user: nil, command: []) }
        #expect(throws: RunError.self) { try RunPlan.process(entrypoint: nil, cmd: ["x"], env: nil, workingDir: "rel", user: nil, command: []) }
    }

    @Test func addresses() throws {
        let a = try RunPlan.addresses("10.200.0.0/30")
        #expect(a.host == "10.200.0.1/30" && a.container == "10.200.0.2/30")
        let b = try RunPlan.addresses("192.168.7.77/24")
        #expect(b.host == "192.168.7.1/24" && b.container == "192.168.7.2/24")
        for bad in ["10.0.0.0/31", "10.0.0.0", "10.0.0/30", "300.1.1.1/30", "a.b.c.d/30"] {
            #expect(throws: RunError.self, "\(bad)") { try RunPlan.addresses(bad) }
        }
    }

    @Test func hostnames() {
        #expect(RunPlan.hostname(fromImageName: "docker.io/library/busybox:latest") == "busybox")
        #expect(RunPlan.hostname(fromImageName: "hello-world") == "hello-world")
        #expect(RunPlan.hostname(fromImageName: "my_app@sha256:abc") == "my-app")
        #expect(RunPlan.hostname(fromImageName: "___") == "container")
        #expect(RunPlan.hostname(fromImageName: String(repeating: "a", count: 100)).count == 63)
    }

    @Test func users() throws {
        let passwd = "root:x:0:0:root:/root:/bin/sh\nwww:x:33:33::/var/www:/bin/false\n"
        let group = "root:x:0:\nwww:x:33:\nextra:x:50:www\n"
        #expect(try RunPlan.resolveUser("www", passwd: passwd, group: group) == ResolvedUser(uid: 33, gid: 33, groups: [33, 50]))
        #expect(try RunPlan.resolveUser("33:extra", passwd: passwd, group: group) == ResolvedUser(uid: 33, gid: 50, groups: [50]))
        #expect(try RunPlan.resolveUser("1234", passwd: passwd, group: group) == ResolvedUser(uid: 1234, gid: 0, groups: [0]))
        #expect(throws: RunError.self) { try RunPlan.resolveUser("nobody", passwd: passwd, group: group) }
        #expect(throws: RunError.self) { try RunPlan.resolveUser("www:nogroup", passwd: passwd, group: group) }
    }

    @Test func sizesAndOverlayOptions() {
        #expect(RunPlan.bytes("64m") == 64 << 20)
        #expect(RunPlan.bytes("1G") == 1 << 30)
        #expect(RunPlan.bytes("512kb") == 512 << 10)
        #expect(RunPlan.bytes("4096") == 4096)
        #expect(RunPlan.bytes("0") == nil && RunPlan.bytes("-1m") == nil && RunPlan.bytes("x") == nil)
        #expect(RunPlan.bytes("99999999999g") == nil)
        #expect(RunPlan.overlayOptions(lower: ["/c/2", "/c/1"], upper: "/r/u", work: "/r/w", userxattr: false)
                == "lowerdir=/c/2:/c/1,upperdir=/r/u,workdir=/r/w")
        #expect(RunPlan.overlayOptions(lower: ["/l"], upper: "/u", work: "/w", userxattr: true).hasSuffix(",userxattr"))
        #expect(RunPlan.overlaySafe("/a/b") && !RunPlan.overlaySafe("/a,b") && !RunPlan.overlaySafe("/a:b") && !RunPlan.overlaySafe("rel"))
    }
}
