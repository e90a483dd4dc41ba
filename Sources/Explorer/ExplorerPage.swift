import CNettle
import NSCore

/// The explorer page: one self-contained HTML file. Styles and script are inlined from
/// `Assets/` (ExplorerAssets, generated at build time); the data is three gzip streams in
/// base64 inside `<script type="application/gzip+base64">` elements, which the browser
/// inflates with `DecompressionStream('gzip')`. Nothing is loaded from anywhere: the
/// Content-Security-Policy forbids every fetch (`default-src 'none'`).
public enum ExplorerPage {
    /// The page's Content-Security-Policy: its own script only (by its SHA-256: no other
    /// inline script, no event handler attribute, no eval), inline style; no request of any
    /// kind, no frames, no forms.
    public static var contentSecurityPolicy: String {
        "default-src 'none'; script-src '\(scriptHash)'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"
    }

    /// The page's script element's text: the script with a newline either side.
    static var scriptText: String { "\n" + ExplorerAssets.js + "\n" }

    /// `sha256-` and the base64 SHA-256 of the script element's text (nettle).
    static let scriptHash: String = {
        var ctx = sha256_ctx()
        nettle_sha256_init(&ctx)
        let text = Array(scriptText.utf8)
        text.withUnsafeBufferPointer { nettle_sha256_update(&ctx, $0.count, $0.baseAddress) }
        var sum = [UInt8](repeating: 0, count: Int(SHA256_DIGEST_SIZE))
        nettle_sha256_digest(&ctx, sum.count, &sum)
        return "sha256-" + Base64.encode(sum)
    }()

    public static func render(_ m: ExplorerModel) throws -> [UInt8] {
        var out = head()
        out.append(contentsOf: ExplorerAssets.html.utf8)
        try blocks(m, prefix: "", into: &out)
        tail(&out)
        return out
    }

    /// `compare --format html`: the report (`JSONReport`'s JSON) on top, then the two sides,
    /// each an explorer of its own (element ids prefixed `a-` and `b-`), side by side.
    public static func renderCompare(outside a: ExplorerModel, inside b: ExplorerModel, report: [UInt8]) throws -> [UInt8] {
        var out = head()
        out.append(contentsOf: """
        <header class="compare-top"><h1 id="cmp-title">nstrace compare</h1></header>
        <section id="report" class="report" aria-label="what differs"></section>
        <div class="sides">
        <div id="side-a" class="side" aria-label="outside">
        """.utf8)
        out.append(contentsOf: prefixed(ExplorerAssets.html, "a-").utf8)
        out.append(contentsOf: "</div>\n<div id=\"side-b\" class=\"side\" aria-label=\"inside\">\n".utf8)
        out.append(contentsOf: prefixed(ExplorerAssets.html, "b-").utf8)
        out.append(contentsOf: "</div>\n</div>".utf8)
        try blocks(a, prefix: "a-", into: &out)
        try blocks(b, prefix: "b-", into: &out)
        try block("nstrace-report", report, into: &out)
        tail(&out)
        return out
    }

    /// The page's skeleton with every element id (and the ids it names) prefixed: two
    /// explorers in one page.
    static func prefixed(_ html: String, _ prefix: String) -> String {
        var s = html
        for attr in ["id", "aria-labelledby", "aria-controls"] {
            s = s.replacing(" \(attr)=\"", with: " \(attr)=\"\(prefix)")
        }
        return s
    }

    static func head() -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(1 << 20)
        func add(_ s: String) { out.append(contentsOf: s.utf8) }
        add("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        add("<meta http-equiv=\"Content-Security-Policy\" content=\"\(contentSecurityPolicy)\">\n")
        add("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        add("<meta name=\"color-scheme\" content=\"light dark\">\n")
        // The title is set by the script from the data (the command is untrusted text).
        add("<title>nstrace explorer</title>\n<style>\n")
        add(ExplorerAssets.css)
        add("\n</style>\n</head>\n<body>\n")
        return out
    }

    static func blocks(_ m: ExplorerModel, prefix: String, into out: inout [UInt8]) throws {
        let parts = data(m)
        for (id, bytes) in [("nstrace-model", parts.model), ("nstrace-text", parts.text), ("nstrace-params", parts.params)] {
            try block(prefix + id, bytes, into: &out)
        }
    }

    /// One block of data: gzip, in base64, in a script element of a type no browser runs.
    static func block(_ id: String, _ bytes: [UInt8], into out: inout [UInt8]) throws {
        out.append(contentsOf: "\n<script type=\"application/gzip+base64\" id=\"\(id)\">".utf8)
        Base64.encode(try Gzip.compress(bytes), into: &out)
        out.append(contentsOf: "</script>".utf8)
    }

    static func tail(_ out: inout [UInt8]) {
        out.append(contentsOf: "\n<script>".utf8)
        out.append(contentsOf: scriptText.utf8)
        out.append(contentsOf: "</script>\n</body>\n</html>\n".utf8)
    }

    /// The three streams before compression: the model (JSON), the calls' texts one after
    /// the other, and their `params`/`retValue` JSON one after the other. Each call's
    /// lengths, in UTF-16 code units (JavaScript's string indexes), are in the model.
    public static func data(_ m: ExplorerModel) -> (model: [UInt8], text: [UInt8], params: [UInt8]) {
        var j = ScriptJSON(capacity: 64 * m.calls.count + 65536)
        var text: [UInt8] = []
        var params: [UInt8] = []
        j.byte(UInt8(ascii: "{"))
        j.key("format"); j.string("nstrace-explorer"); j.comma()
        j.key("version"); j.int(1); j.comma()
        j.key("title"); j.string(m.title); j.comma()
        j.key("source"); j.string(m.source); j.comma()
        j.key("command"); j.strings(m.command); j.comma()
        j.key("header"); j.byte(UInt8(ascii: "["))
        for (i, (k, v)) in m.header.enumerated() {
            if i > 0 { j.comma() }
            j.strings([k, v])
        }
        j.byte(UInt8(ascii: "]")); j.comma()
        j.key("end"); if let e = m.endText { j.string(e) } else { j.null() }; j.comma()

        j.key("tasks"); j.byte(UInt8(ascii: "["))
        for (i, t) in m.tasks.enumerated() {
            if i > 0 { j.comma() }
            j.byte(UInt8(ascii: "{"))
            j.key("pid"); j.int(t.pid); j.comma()
            j.key("tgid"); if let v = t.tgid { j.int(v) } else { j.null() }; j.comma()
            j.key("ppid"); if let v = t.ppid { j.int(v) } else { j.null() }; j.comma()
            j.key("via"); if let v = t.via { j.string(v) } else { j.null() }; j.comma()
            j.key("start"); if let v = t.start { j.micros(v) } else { j.null() }; j.comma()
            j.key("end"); if let v = t.end { j.micros(v) } else { j.null() }; j.comma()
            j.key("exit"); if let v = t.exit { j.string(v) } else { j.null() }; j.comma()
            j.key("nspid"); j.ints(t.nspid); j.comma()
            j.key("label"); j.string(t.label); j.comma()
            j.key("programs"); j.strings(t.programs); j.comma()
            j.key("argv"); j.strings(t.argv); j.comma()
            j.key("uid"); if let v = t.uid { j.int(v) } else { j.null() }; j.comma()
            j.key("ns"); j.byte(UInt8(ascii: "{"))
            for (k, (kind, inode)) in t.ns.enumerated() {
                if k > 0 { j.comma() }
                j.string(kind.rawValue); j.byte(UInt8(ascii: ":")); j.string(String(inode))
            }
            j.byte(UInt8(ascii: "}"))
            j.byte(UInt8(ascii: "}"))
        }
        j.byte(UInt8(ascii: "]")); j.comma()

        j.key("namespaces"); j.byte(UInt8(ascii: "["))
        for (i, n) in m.namespaces.enumerated() {
            if i > 0 { j.comma() }
            j.byte(UInt8(ascii: "{"))
            j.key("id"); j.string(n.id.description); j.comma()
            j.key("type"); j.string(n.id.type.rawValue); j.comma()
            j.key("inode"); j.string(String(n.id.inode)); j.comma()
            j.key("initial"); j.bool(n.initial); j.comma()
            j.key("tasks"); j.ints(n.tasks); j.comma()
            j.key("parent"); if let p = n.parent { j.string("\(n.id.type):[\(p)]") } else { j.null() }; j.comma()
            j.key("owner"); if let o = n.owner { j.string("user:[\(o)]") } else { j.null() }; j.comma()
            j.key("facts"); j.strings(n.facts); j.comma()
            j.key("heldBy"); j.string(n.heldBy)
            j.byte(UInt8(ascii: "}"))
        }
        j.byte(UInt8(ascii: "]")); j.comma()

        j.key("transitions"); j.byte(UInt8(ascii: "["))
        for (i, t) in m.transitions.enumerated() {
            if i > 0 { j.comma() }
            j.byte(UInt8(ascii: "{"))
            j.key("pid"); j.int(t.pid); j.comma()
            j.key("kind"); j.string(t.kind.rawValue); j.comma()
            j.key("from"); if let f = t.from { j.string(f.description) } else { j.null() }; j.comma()
            j.key("to"); j.string(t.to.description); j.comma()
            j.key("cause"); j.string(t.cause); j.comma()
            j.key("call"); if let c = t.call { j.string(c) } else { j.null() }; j.comma()
            j.key("t"); j.micros(t.t); j.comma()
            j.key("callIndex"); if let c = t.callIndex { j.int(c) } else { j.null() }
            j.byte(UInt8(ascii: "}"))
        }
        j.byte(UInt8(ascii: "]")); j.comma()

        j.key("execs"); j.byte(UInt8(ascii: "["))
        for (i, x) in m.execs.enumerated() {
            if i > 0 { j.comma() }
            j.byte(UInt8(ascii: "{"))
            j.key("pid"); j.int(x.pid); j.comma()
            j.key("t"); j.micros(x.t); j.comma()
            j.key("filename"); if let f = x.filename { j.string(f) } else { j.null() }; j.comma()
            j.key("callIndex"); if let c = x.callIndex { j.int(c) } else { j.null() }
            j.byte(UInt8(ascii: "}"))
        }
        j.byte(UInt8(ascii: "]")); j.comma()

        j.key("signals"); j.byte(UInt8(ascii: "["))
        for (i, s) in m.signals.enumerated() {
            if i > 0 { j.comma() }
            j.byte(UInt8(ascii: "["))
            j.int(s.pid); j.comma(); j.micros(s.t); j.comma(); j.string(s.name)
            j.byte(UInt8(ascii: "]"))
        }
        j.byte(UInt8(ascii: "]")); j.comma()

        // The calls as columns: times as differences (small numbers compress well).
        let c = m.calls
        j.key("calls"); j.byte(UInt8(ascii: "{"))
        j.key("count"); j.int(c.count); j.comma()
        j.key("names"); j.strings(c.names); j.comma()
        j.key("errnos"); j.strings(c.errnos); j.comma()
        j.key("task"); j.ints(c.task); j.comma()
        j.key("name"); j.ints(c.name); j.comma()
        j.key("errno"); j.ints(c.errno); j.comma()
        j.key("tDelta"); j.byte(UInt8(ascii: "["))
        var last: Int64 = 0
        for i in 0..<c.count {
            if i > 0 { j.comma() }
            let v = ScriptJSON.micros(c.t[i])
            j.int(v &- last)
            last = v
        }
        j.byte(UInt8(ascii: "]")); j.comma()
        j.key("duration"); j.byte(UInt8(ascii: "["))
        for i in 0..<c.count {
            if i > 0 { j.comma() }
            if let d = c.duration[i] { j.micros(d) } else { j.int(-1) }
        }
        j.byte(UInt8(ascii: "]")); j.comma()
        j.key("textLength"); j.byte(UInt8(ascii: "["))
        for i in 0..<c.count {
            if i > 0 { j.comma() }
            let before = text.count
            text.append(contentsOf: c.text[i].utf8)
            j.int(utf16Count(text[before...]))
        }
        j.byte(UInt8(ascii: "]")); j.comma()
        // params, retValue and fds: each call's three JSON texts (empty when absent), one
        // after the other.
        j.key("paramsLength"); j.byte(UInt8(ascii: "["))
        var anyParams = false
        for i in 0..<c.count {
            if i > 0 { j.comma() }
            let p = i < c.params.count ? c.params[i] : nil
            let r = i < c.retValue.count ? c.retValue[i] : nil
            let f = i < c.fds.count ? c.fds[i] : nil
            if p != nil || r != nil { anyParams = true }
            for (k, v) in [p, r, f].enumerated() {
                if k > 0 { j.comma() }
                params.append(contentsOf: v ?? [])
                j.int(utf16Count(v ?? []))
            }
        }
        j.byte(UInt8(ascii: "]")); j.comma()
        j.key("hasParams"); j.bool(anyParams)
        j.byte(UInt8(ascii: "}")); j.comma()

        // Which names are in each class of `-e trace=%class`, for the name filter.
        j.key("classes"); j.byte(UInt8(ascii: "{"))
        for (k, cls) in ["file", "process", "network", "signal", "ipc", "memory", "desc", "creds", "namespace"].enumerated() {
            if k > 0 { j.comma() }
            let set = SyscallClasses.named(cls) ?? []
            j.string(cls); j.byte(UInt8(ascii: ":"))
            j.ints(c.names.indices.filter { SyscallDecoder.classes(of: c.names[$0]).contains(set) })
        }
        j.byte(UInt8(ascii: "}")); j.comma()

        j.key("svg"); if let s = m.svg { j.string(s) } else { j.null() }; j.comma()
        j.key("svgError"); if let e = m.svgError { j.string(e) } else { j.null() }
        j.byte(UInt8(ascii: "}"))
        return (j.bytes, text, params)
    }

    /// UTF-16 code units of valid UTF-8 bytes: one per scalar, two for a scalar above U+FFFF.
    static func utf16Count<C: Collection>(_ b: C) -> Int where C.Element == UInt8 {
        var n = 0
        for c in b where c & 0xC0 != 0x80 { n += c >= 0xF0 ? 2 : 1 }
        return n
    }
}
