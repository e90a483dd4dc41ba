import CGraphviz
import CSeccomp
import NSRender
import CUnwind
import Glibc
import Testing

/// The system libraries the later parts stand on link and answer in-process
/// (libseccomp's syscall table, libunwind-ptrace, libgraphviz's SVG renderer).
/// Serialized: libgraphviz keeps global state and is not safe to use from two threads.
@Suite(.serialized) struct SystemLibraryTests {
    @Test func seccompKnowsTheSyscallTableOfEveryABI() {
        let x86_64: UInt32 = 0xC000003E, i386: UInt32 = 0x40000003
        let name = seccomp_syscall_resolve_num_arch(x86_64, 59)
        defer { free(name) }
        #expect(name.map { String(cString: $0) } == "execve")
        #expect(seccomp_syscall_resolve_name_arch(i386, "execve") == 11)
    }

    @Test func unwindPtraceLinks() {
        // A remote unwinder for a pid that cannot be traced still allocates its context.
        let ctx = _UPT_create(getpid())
        #expect(ctx != nil)
        _UPT_destroy(ctx)
    }

    @Test func graphvizRendersSVGInProcess() throws {
        let gvc = gvContext()
        defer { gvFreeContext(gvc) }
        let g = try #require(agmemread("digraph g { a -> b }"))
        defer { agclose(g) }
        #expect(gvLayout(gvc, g, "dot") == 0)
        var data: UnsafeMutablePointer<CChar>?
        var length: UInt32 = 0
        #expect(gvRenderData(gvc, g, "svg", &data, &length) == 0)
        let svg = data.map { String(cString: $0) } ?? ""
        gvFreeRenderData(data)
        gvFreeLayout(gvc, g)
        #expect(svg.contains("<svg"))
        #expect(svg.contains(">a</text>"))
    }

    /// A layout's cost grows faster than its graph: more than `Graphviz.maxElements` nodes
    /// and edges is refused with a message, before any layout (docs/security.md, "Bounds").
    @Test func graphvizRefusesALayoutLargerThanItsBound() throws {
        func chain(_ n: Int) -> String {
            "digraph g {\n" + (1..<n).map { "n\($0 - 1) -> n\($0);" }.joined(separator: "\n") + "\n}\n"
        }
        let small = try Graphviz.render(dot: chain(50), format: "svg")
        #expect(String(decoding: small, as: UTF8.self).contains("<svg"))
        // 2,600 nodes and 2,599 edges.
        #expect {
            _ = try Graphviz.render(dot: chain(2600), format: "svg")
        } throws: { error in
            "\(error)".contains("5199 nodes and edges are more than nstrace lays out (at most 5000)")
        }
    }
}
