import Foundation
import Testing
import TestSupport
@testable import NSCore

/// The namespace graph's renderers on a fixed model (golden files): a host, a user
/// namespace owning a pid namespace that has a child pid namespace, two network
/// namespaces joined by a veth pair, and 20 identical sleepers in a container.
@Suite struct GraphRendererTests {
    static func model() -> NamespaceGraph {
        let hostUser = NamespaceID(type: .user, inode: 4026531837)
        let hostPid = NamespaceID(type: .pid, inode: 4026531836)
        let hostNet = NamespaceID(type: .net, inode: 4026531833)
        let hostUts = NamespaceID(type: .uts, inode: 4026531838)
        let cUser = NamespaceID(type: .user, inode: 4026532300)
        let cPid = NamespaceID(type: .pid, inode: 4026532301)
        let cPid2 = NamespaceID(type: .pid, inode: 4026532302)
        let red = NamespaceID(type: .net, inode: 4026532201)
        let blue = NamespaceID(type: .net, inode: 4026532202)
        let cUts = NamespaceID(type: .uts, inode: 4026532303)
        func host(_ pid: Int32, _ ppid: Int32?, _ comm: String) -> ProcessNode {
            ProcessNode(pid: pid, ppid: ppid, comm: comm, argv: [comm], nspid: [pid], uid: 0,
                        ns: ["user": hostUser.inode, "pid": hostPid.inode, "net": hostNet.inode, "uts": hostUts.inode])
        }
        var procs = [host(1, nil, "init"), host(100, 1, "bash")]
        procs.append(ProcessNode(pid: 200, ppid: 100, comm: "unshare", argv: ["unshare", "-Urfp", "sh"], nspid: [200], uid: 1000,
                                 ns: ["user": cUser.inode, "pid": hostPid.inode, "net": red.inode, "uts": cUts.inode]))
        procs.append(ProcessNode(pid: 201, ppid: 200, comm: "sh", argv: ["sh"], nspid: [201, 1], uid: 1000,
                                 ns: ["user": cUser.inode, "pid": cPid.inode, "net": red.inode, "uts": cUts.inode]))
        for i in 0..<20 {
            procs.append(ProcessNode(pid: 210 + Int32(i), ppid: 201, comm: "sleep", argv: ["sleep", "60"],
                                     nspid: [210 + Int32(i), 2 + Int32(i)], uid: 1000,
                                     ns: ["user": cUser.inode, "pid": cPid.inode, "net": red.inode, "uts": cUts.inode]))
        }
        procs.append(ProcessNode(pid: 300, ppid: 201, comm: "init2", argv: ["init2"], nspid: [300, 30, 1], uid: 1000,
                                 ns: ["user": cUser.inode, "pid": cPid2.inode, "net": red.inode, "uts": cUts.inode]))
        var hostUtsFacts = NamespaceFacts()
        hostUtsFacts.hostname = "vm"
        var cUtsFacts = NamespaceFacts()
        cUtsFacts.hostname = "bananaman"
        var userFacts = NamespaceFacts()
        userFacts.uidMap = "0 1000 1"
        var redFacts = NamespaceFacts()
        redFacts.interfaces = [Interface(name: "lo", ifindex: 1, kind: "loopback", up: false, addresses: []),
                               Interface(name: "veth0", ifindex: 2, kind: "veth", up: true, addresses: ["192.168.15.1/24"], peerIfindex: 2)]
        var blueFacts = NamespaceFacts()
        blueFacts.interfaces = [Interface(name: "lo", ifindex: 1, kind: "loopback", up: false, addresses: []),
                                Interface(name: "veth1", ifindex: 2, kind: "veth", up: true, addresses: ["192.168.15.2/24"], peerIfindex: 2)]
        let members: (NamespaceID) -> [Int32] = { id in procs.filter { $0.namespace(id.type) == id }.map(\.pid) }
        func node(_ id: NamespaceID, owner: NamespaceID? = nil, parent: NamespaceID? = nil, facts: NamespaceFacts = NamespaceFacts(),
                  extra: [Holder] = [], initial: Bool = false) -> NamespaceNode {
            NamespaceNode(id: id, owner: owner?.inode, parent: parent?.inode, ownerUID: id.type == .user && !initial ? 1000 : nil,
                          processes: members(id), holders: members(id).map { .process($0) } + extra, facts: facts, isInitial: initial)
        }
        var nodes = [
            node(hostUser, initial: true), node(hostPid, owner: hostUser, initial: true),
            node(hostNet, owner: hostUser, initial: true), node(hostUts, owner: hostUser, facts: hostUtsFacts, initial: true),
            node(cUser, owner: hostUser, parent: hostUser, facts: userFacts),
            node(cPid, owner: cUser, parent: hostPid), node(cPid2, owner: cUser, parent: cPid),
            node(red, owner: cUser, facts: redFacts, extra: [.bindMount("/run/netns/red")]),
            node(blue, owner: hostUser, facts: blueFacts, extra: [.bindMount("/run/netns/blue"), .fd(pid: 100, fd: 3)]),
            node(cUts, owner: cUser, facts: cUtsFacts),
        ]
        nodes.sort { $0.id < $1.id }
        return NamespaceGraph(source: "live", processes: procs, namespaces: nodes,
                              veths: NamespaceGraph.pairVeths(nodes.filter { $0.id.type == .net }))
    }

    @Test func vethPairsAreFoundAcrossNamespaces() {
        let g = Self.model()
        #expect(g.veths.count == 1)
        #expect(g.veths.first?.aInterface == "veth0" && g.veths.first?.bInterface == "veth1")
    }

    @Test func treeShowsOwnershipAndPidHierarchy() {
        let tree = TreeRenderer.render(Self.model())
        Golden.check(tree, "graph-tree.txt")
        // user ns → pid ns → child pid ns, each one level deeper.
        let lines = tree.split(separator: "\n").map(String.init)
        let user = lines.firstIndex { $0.contains("user:[4026532300]") }
        let pid = lines.firstIndex { $0.contains("pid:[4026532301]") }
        let pid2 = lines.firstIndex { $0.contains("pid:[4026532302]") }
        #expect(user != nil && pid != nil && pid2 != nil)
        if let user, let pid, let pid2 {
            func depth(_ s: String) -> Int { s.prefix { !$0.isLetter }.count }
            #expect(user < pid && pid < pid2)
            #expect(depth(lines[pid]) > depth(lines[user]) && depth(lines[pid2]) > depth(lines[pid]))
        }
        #expect(tree.contains("×20 sleep"))
    }

    @Test func tableHasLsnsColumnsAndHeldBy() {
        let table = TableRenderer.render(Self.model())
        Golden.check(table, "graph-table.txt")
        #expect(table.hasPrefix("        NS TYPE NPROCS PID USER COMMAND"))
        #expect(table.contains("/run/netns/blue, fd 3 of pid 100"))
    }

    @Test func dotGroupsSiblingsAndDrawsTheVeth() {
        let dot = DotRenderer.render(Self.model(), title: "test")
        Golden.check(dot, "graph.dot")
        #expect(dot.contains("×20 sleep"))
        #expect(dot.components(separatedBy: "dir=none").count == 2) // one veth edge
        #expect(dot.contains("label=\"owner\"") && dot.contains("label=\"parent\""))
        // Host-only processes are not drawn; the container's are.
        #expect(!dot.contains("\"p1\" [") && dot.contains("\"p201\" ["))
    }

    @Test func jsonRoundTrips() throws {
        let json = JSONRenderer.render(Self.model())
        let back = try JSONDecoder().decode(NamespaceGraph.self, from: Data(json.utf8))
        #expect(back == Self.model())
    }

    @Test func neighbourhoodAndTypeFilters() throws {
        let g = Self.model()
        let n = try #require(g.neighbourhood(of: 300))
        #expect(Set(n.processes.map(\.pid)) == [1, 100, 200, 201, 300])
        #expect(n.namespaces.contains { $0.id.inode == 4026532302 })
        #expect(!n.namespaces.contains { $0.id.inode == 4026532202 } || n.veths.count == 1)
        #expect(g.neighbourhood(of: 9999) == nil)
        let nets = g.filtered(types: [.net])
        #expect(Set(nets.namespaces.map(\.id.type)) == [.net])
    }

    @Test func recordGraphHasTransitionsAndHostname() throws {
        let r = RecordHeader(command: ["unshare", "-u", "sh"], attached: [], start: "", startEpoch: 0,
                             kernel: "", machine: "", hostname: "", tool: "")
        let lines: [RecordLine] = [
            .header(r),
            .event(.task(TaskEvent(pid: 10, tgid: 10, ppid: nil, via: .spawned, t: 0,
                                   ns: NamespaceSet([.uts: 1, .pid: 2, .pidForChildren: 2]), nspid: [10]))),
            .event(.namespace(NamespaceEvent(pid: 10, t: 0.5, kind: .uts, from: 1, to: 5, cause: "unshare", call: "unshare(CLONE_NEWUTS)"))),
            .event(.syscall(SyscallEvent(pid: 10, t: 0.6, name: "sethostname", nr: 170, abi: .x86_64,
                                         args: ["\"bananaman\"", "9"], ret: 0, errno: nil, retText: "0", duration: 0))),
            .event(.task(TaskEvent(pid: 11, tgid: 11, ppid: 10, via: .clone, t: 0.7,
                                   ns: NamespaceSet([.uts: 5, .pid: 2, .pidForChildren: 2]), nspid: [11]))),
        ]
        let g = GraphFromRecord.build(lines)
        #expect(g.processes.map(\.pid) == [10, 11])
        #expect(g.transitions.count == 1)
        #expect(g.namespace(NamespaceID(type: .uts, inode: 5))?.facts.hostname == "bananaman")
        #expect(g.namespace(NamespaceID(type: .uts, inode: 1))?.isInitial == true)
        #expect(g.namespace(NamespaceID(type: .uts, inode: 5))?.isInitial == false)
        let tree = TreeRenderer.render(g)
        #expect(tree.hasPrefix("10 unshare: uts:[1] → uts:[5] by unshare @0.500s\n└── 11 unshare (clone)\n"))
        #expect(DotRenderer.render(g).contains("label=\"unshare @0.500s\""))
    }
}
