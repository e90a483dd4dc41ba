/// `--format json` of `nstrace ns` and `nstrace graph`: the model written straight into a
/// byte buffer, in the layout JSONEncoder gives it with `.prettyPrinted` and `.sortedKeys`
/// (two-space indents, `"key" : value`, keys in order, nil optionals left out).
///
/// JSONEncoder took a fifth of `nstrace ns --format json` with a few hundred processes
/// (reflection and boxing per value; docs/performance.md). The model's `Codable`
/// conformances stay the definition of the format: `GraphJSONTests` checks that this
/// writer's output is byte for byte what JSONEncoder writes for rich and hostile graphs.
/// Strings go through `JSONText.string`, which also writes every character a terminal
/// must not see as a `\u` escape.
enum GraphJSON {
    static func render(_ g: NamespaceGraph) -> String {
        let w = Writer()
        w.object { o in
            o.array("namespaces", g.namespaces) { w, n in w.namespace(n) }
            o.array("processes", g.processes) { w, p in w.process(p) }
            o.string("source", g.source)
            o.array("transitions", g.transitions) { w, t in w.transition(t) }
            o.array("veths", g.veths) { w, v in w.veth(v) }
        }
        w.b.append(byte: 10)
        return String(decoding: w.b.bytes, as: UTF8.self)
    }

    final class Writer {
        var b = ByteBuffer(capacity: 64 * 1024)
        var depth = 0

        func newline() {
            b.append(byte: 10)
            for _ in 0..<depth { b.append("  ") }
        }

        /// An object whose fields `body` writes in sorted order (the caller's duty).
        func object(_ body: (inout Fields) -> Void) {
            b.append(byte: UInt8(ascii: "{"))
            depth += 1
            var f = Fields(w: self)
            body(&f)
            depth -= 1
            if f.count > 0 { newline() } else { b.append(byte: 10); newline() }
            b.append(byte: UInt8(ascii: "}"))
        }

        func list<T>(_ items: [T], _ element: (Writer, T) -> Void) {
            b.append(byte: UInt8(ascii: "["))
            depth += 1
            for (i, item) in items.enumerated() {
                if i > 0 { b.append(byte: UInt8(ascii: ",")) }
                newline()
                element(self, item)
            }
            depth -= 1
            if items.isEmpty { b.append(byte: 10) }
            newline()
            b.append(byte: UInt8(ascii: "]"))
        }

        func string(_ s: String) { JSONText.string(s, into: &b) }
        func int<I: BinaryInteger>(_ v: I) { b.append(String(v)) }
        func double(_ v: Double) { b.append(GraphJSON.number(v)) }

        func id(_ id: NamespaceID) {
            object { o in
                o.int("inode", id.inode)
                o.string("type", id.type.rawValue)
            }
        }

        func namespace(_ n: NamespaceNode) {
            object { o in
                o.field("facts") { w in w.facts(n.facts) }
                o.array("holders", n.holders) { w, h in w.holder(h) }
                o.field("id") { w in w.id(n.id) }
                o.bool("isInitial", n.isInitial)
                o.int("owner", n.owner)
                o.int("ownerUID", n.ownerUID)
                o.int("parent", n.parent)
                o.array("processes", n.processes) { w, p in w.int(p) }
            }
        }

        func facts(_ f: NamespaceFacts) {
            object { o in
                o.string("cgroupRoot", f.cgroupRoot)
                o.string("domainname", f.domainname)
                o.string("gidMap", f.gidMap)
                o.string("hostname", f.hostname)
                if let ifs = f.interfaces { o.array("interfaces", ifs) { w, i in w.interface(i) } }
                o.int("mountCount", f.mountCount)
                if let lower = f.overlayLower { o.array("overlayLower", lower) { w, s in w.string(s) } }
                o.string("overlayUpper", f.overlayUpper)
                o.string("root", f.root)
                o.string("timeOffsets", f.timeOffsets)
                o.string("uidMap", f.uidMap)
            }
        }

        func interface(_ i: Interface) {
            object { o in
                o.array("addresses", i.addresses) { w, s in w.string(s) }
                o.int("ifindex", i.ifindex)
                o.string("kind", i.kind)
                o.string("name", i.name)
                o.int("peerIfindex", i.peerIfindex)
                o.int("peerNamespace", i.peerNamespace)
                o.int("peerNetnsid", i.peerNetnsid)
                o.bool("up", i.up)
            }
        }

        func holder(_ h: Holder) {
            object { o in
                switch h {
                case .process(let p): o.int("process", p)
                case .fd(let pid, let fd):
                    o.field("fd") { w in
                        w.object { f in
                            f.int("fd", fd)
                            f.int("pid", pid)
                        }
                    }
                case .bindMount(let path): o.string("bindMount", path)
                }
            }
        }

        func process(_ p: ProcessNode) {
            object { o in
                o.array("argv", p.argv) { w, s in w.string(s) }
                o.string("comm", p.comm)
                o.double("end", p.end)
                o.field("ns") { w in
                    w.object { f in
                        for key in p.ns.keys.sorted() { f.int(key, p.ns[key]) }
                    }
                }
                o.array("nspid", p.nspid) { w, v in w.int(v) }
                o.int("pid", p.pid)
                o.int("ppid", p.ppid)
                o.double("start", p.start)
                o.int("uid", p.uid)
                o.string("via", p.via)
            }
        }

        func transition(_ t: Transition) {
            object { o in
                o.string("call", t.call)
                o.string("cause", t.cause)
                if let from = t.from { o.field("from") { w in w.id(from) } }
                o.string("kind", t.kind.rawValue)
                o.int("pid", t.pid)
                o.double("t", t.t)
                o.field("to") { w in w.id(t.to) }
            }
        }

        func veth(_ v: VethLink) {
            object { o in
                o.field("a") { w in w.id(v.a) }
                o.array("aAddresses", v.aAddresses) { w, s in w.string(s) }
                o.string("aInterface", v.aInterface)
                o.field("b") { w in w.id(v.b) }
                o.array("bAddresses", v.bAddresses) { w, s in w.string(s) }
                o.string("bInterface", v.bInterface)
            }
        }
    }

    /// The fields of one object; nil values are left out, as synthesized Codable does.
    struct Fields {
        let w: Writer
        var count = 0

        mutating func field(_ key: String, _ value: (Writer) -> Void) {
            if count > 0 { w.b.append(byte: UInt8(ascii: ",")) }
            count += 1
            w.newline()
            w.string(key)
            w.b.append(" : ")
            value(w)
        }

        mutating func string(_ key: String, _ v: String?) {
            if let v { field(key) { $0.string(v) } }
        }

        mutating func int<I: BinaryInteger>(_ key: String, _ v: I?) {
            if let v { field(key) { $0.int(v) } }
        }

        mutating func double(_ key: String, _ v: Double?) {
            if let v { field(key) { $0.double(v) } }
        }

        mutating func bool(_ key: String, _ v: Bool) {
            field(key) { $0.b.append(v ? "true" : "false") }
        }

        mutating func array<T>(_ key: String, _ items: [T], _ element: (Writer, T) -> Void) {
            field(key) { $0.list(items, element) }
        }
    }

    /// A Double as JSONEncoder writes it: the shortest text that reads back as the same
    /// value; integral values without a fraction ("2", not "2.0"). A value JSON cannot
    /// hold (infinite, NaN) is written as null, where JSONEncoder would refuse the document.
    static func number(_ v: Double) -> String {
        guard v.isFinite else { return "null" }
        if v == v.rounded(.towardZero), abs(v) < 1e15 { return String(Int64(v)) }
        return v.description
    }
}
