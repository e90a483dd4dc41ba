import NSCore

/// `--format text`: the report in two columns, outside and inside, that fit the
/// terminal (80 columns by default, 120 on a wider one); colour only when asked (a TTY).
public enum TextReport {
    public struct Options: Sendable {
        /// 80 or 120 (any width from 60 to `TextReport.maxWidth` works; others are
        /// taken as the nearest of those).
        public var width = 80
        public var color = false
        /// The unified diff of stdout and stderr (on by default).
        public var outputDiff = true
        /// Every syscall name, not only those whose counts differ.
        public var allSyscalls = false
        /// At most this many items per list (files, syscalls); the JSON has them all.
        public var listLimit = 12
        public init() {}
    }

    /// The widest report (`compare --width`, docs/security.md): lines are padded to the
    /// width, so a width of 2^63 tried to allocate that much (issue 17).
    public static let maxWidth = 10_000

    public static func render(_ report: CompareReport, options: Options = Options()) -> String {
        // Every string of the report came from outside (the command and what it printed
        // and looked up, the records, the side files): escaped once here, before any width
        // is measured, so the only escape sequences are the colours painted below.
        let r = escaped(report)
        var w = Writer(options: options)
        w.title(r)
        w.identity(r)
        w.verdicts(r)
        w.results(r)
        w.files(r)
        w.syscalls(r)
        w.setup(r)
        w.output(r.stdout, name: "STDOUT")
        w.output(r.stderr, name: "STDERR")
        return w.out
    }

    struct Writer {
        let o: Options
        var out = ""
        init(options: Options) { o = options }

        var width: Int { min(TextReport.maxWidth, max(60, o.width)) }
        /// Width of each value column in two-column rows.
        var valueWidth: Int { (width - 19) / 2 }

        func paint(_ s: String, _ code: String) -> String { o.color ? "\u{1B}[\(code)m\(s)\u{1B}[0m" : s }
        func bold(_ s: String) -> String { paint(s, "1") }

        mutating func line(_ s: String = "") { out += s + "\n" }

        mutating func heading(_ s: String, _ rest: String = "") {
            line()
            line(bold(s) + (rest.isEmpty ? "" : "  " + rest))
        }

        /// Words wrapped to the width; later lines indented by `hang`.
        mutating func wrapped(_ text: String, indent: Int, hang: Int) {
            var cur = String(repeating: " ", count: indent)
            var curLen = indent
            var first = true
            for word in ScalarText.split(text, " ", omittingEmptySubsequences: false) {
                let wl = word.count
                if !first && curLen + 1 + wl > width {
                    line(cur)
                    cur = String(repeating: " ", count: hang) + word
                    curLen = hang + wl
                } else {
                    cur += (first ? "" : " ") + word
                    curLen += (first ? 0 : 1) + wl
                }
                first = false
            }
            line(cur)
        }

        static func pad(_ s: String, _ n: Int) -> String {
            s.count >= n ? s : s + String(repeating: " ", count: n - s.count)
        }

        /// A value cut to `n` characters, keeping both ends ("/very/lo…/path").
        static func fit(_ s: String, _ n: Int) -> String {
            guard s.count > n, n > 3 else { return s }
            let keepEnd = (n - 1) / 2, keepStart = n - 1 - keepEnd
            return String(s.prefix(keepStart)) + "…" + String(s.suffix(keepEnd))
        }

        mutating func columns(_ label: String, mark: String, markCode: String, _ a: String, _ b: String) {
            let v = valueWidth
            let m = Self.pad(mark, 4)
            let left = "  " + Self.pad(Self.fit(label, 10), 10) + " " + (mark.isEmpty ? m : paint(m, markCode)) + " "
            line(left + Self.pad(Self.fit(a, v), v) + " " + Self.fit(b, v))
        }

        /// A section heading that also heads the two value columns.
        mutating func columnHeading(_ title: String) {
            line()
            line(bold(Self.pad(title, 17)) + " " + Self.pad("outside", valueWidth) + " inside")
        }

        mutating func title(_ r: CompareReport) {
            line(bold("nstrace compare: ") + r.command.map(Self.shellWord).joined(separator: " "))
            for (name, s) in [("outside", r.outside), ("inside", r.inside)] {
                var facts = [s.outcome]
                if s.ran {
                    facts.append(Verdicts.plural(s.processes, "process"))
                    facts.append(s.calls == 1 ? "1 call" : "\(s.calls) calls")
                }
                wrapped("\(Self.pad(name, 8)) \(s.place)", indent: 2, hang: 11)
                wrapped(facts.joined(separator: ", "), indent: 11, hang: 11)
                for n in s.notes { wrapped("note: \(n)", indent: 11, hang: 17) }
                if !s.hasSideFile {
                    wrapped("note: no side file: stdout, stderr and some identity facts are not known", indent: 11, hang: 17)
                }
            }
        }

        mutating func identity(_ r: CompareReport) {
            columnHeading("IDENTITY")
            for row in r.identity {
                let label = row.kind == "namespace" ? "\(row.name) ns" : row.name
                columns(label, mark: row.same ? "same" : "diff", markCode: row.same ? "32" : "1;31",
                        row.outside?.description ?? "?", row.inside?.description ?? "?")
            }
        }

        mutating func verdicts(_ r: CompareReport) {
            heading("VERDICTS", "what each namespace type changed for this command")
            for v in r.verdicts {
                let label = Self.pad(v.type.rawValue + ":", 8)
                let text = (v.different ? paint(label, "1;31") : label) + " " + v.text
                wrapped(text, indent: 2, hang: 11)
            }
        }

        mutating func results(_ r: CompareReport) {
            if r.results.isEmpty && r.listings.isEmpty {
                heading("RESULTS", "no call returned something different that matters")
                return
            }
            if !r.results.isEmpty {
                columnHeading("DIFFERENT RESULTS")
                for row in r.results {
                    let label = row.call == "uname nodename" ? "uname" : row.call
                    columns(label, mark: "", markCode: "", row.outside.isEmpty ? "-" : row.outside.map(\.description).joined(separator: ", "),
                            row.inside.isEmpty ? "-" : row.inside.map(\.description).joined(separator: ", "))
                }
            }
            if r.results.isEmpty { heading("DIFFERENT RESULTS") }
            if !r.listings.isEmpty {
                line("  directory listings (entries, . and .. included):")
                for l in r.listings.prefix(o.listLimit) {
                    let a = l.outside.map { "\($0) outside" } ?? "not listed outside"
                    let b = l.inside.map { "\($0) inside" } ?? "not listed inside"
                    wrapped("\(l.path): \(a), \(b)", indent: 4, hang: 6)
                }
                more(r.listings.count)
            }
        }

        mutating func more(_ count: Int) {
            if count > o.listLimit { line("    ... and \(count - o.listLimit) more (--format json lists all)") }
        }

        mutating func pathList(_ title: String, _ rows: [CompareReport.PathRow], show: (CompareReport.PathRow) -> String) {
            guard !rows.isEmpty else { return }
            line("  \(title): \(rows.count)")
            for row in rows.prefix(o.listLimit) { wrapped("\(row.path)\(show(row))", indent: 4, hang: 6) }
            more(rows.count)
        }

        mutating func files(_ r: CompareReport) {
            let f = r.files
            let total = f.missingInside.count + f.missingOutside.count + f.differ.count + f.onlyOutside.count + f.onlyInside.count
            if total == 0 {
                heading("FILES", "every path was looked up on both sides with the same outcome")
                return
            }
            heading("FILES", "paths looked up differently (/proc/N as /proc/[pid])")
            pathList("missing inside (found outside)", f.missingInside) { "  \($0.inside ?? "") inside" }
            pathList("missing outside (found inside)", f.missingOutside) { "  \($0.outside ?? "") outside" }
            pathList("fail differently", f.differ) { "  \($0.outside ?? "-") outside, \($0.inside ?? "-") inside" }
            pathList("looked up outside only", f.onlyOutside) { $0.outside == "ok" ? "" : "  \($0.outside ?? "")" }
            pathList("looked up inside only", f.onlyInside) { $0.inside == "ok" ? "" : "  \($0.inside ?? "")" }
        }

        mutating func syscalls(_ r: CompareReport) {
            heading("SYSCALLS", "\(r.outside.calls) outside, \(r.inside.calls) inside")
            let differing = r.syscalls.filter { $0.diff != 0 }
            let rows = o.allSyscalls ? r.syscalls : differing
            if rows.isEmpty {
                line("  every name was called as often on both sides")
                return
            }
            let num = 9
            let nameWidth = width - 2 - 3 * num
            line("  " + Self.pad("name", nameWidth) + Self.left("outside", num) + Self.left("inside", num) + Self.left("diff", num))
            let shown = o.allSyscalls ? rows : Array(rows.prefix(o.listLimit * 2))
            for c in shown {
                let d = c.diff == 0 ? "0" : (c.diff > 0 ? "+\(c.diff)" : "\(c.diff)")
                line("  " + Self.pad(Self.fit(c.name, nameWidth), nameWidth) + Self.left(String(c.outside), num)
                     + Self.left(String(c.inside), num) + Self.left(c.diff == 0 ? d : paint(d, c.diff > 0 ? "32" : "31"), num, visible: d.count))
            }
            let hiddenDiff = rows.count - shown.count
            let sameCount = r.syscalls.count - differing.count
            var tail: [String] = []
            if hiddenDiff > 0 { tail.append("\(hiddenDiff) more with different counts") }
            if !o.allSyscalls && sameCount > 0 { tail.append("\(sameCount) with the same count") }
            if !tail.isEmpty { line("  (" + tail.joined(separator: ", ") + "; --all-syscalls shows them)") }
        }

        static func left(_ s: String, _ n: Int, visible: Int? = nil) -> String {
            let len = visible ?? s.count
            return len >= n ? " " + s : String(repeating: " ", count: n - len) + s
        }

        mutating func setup(_ r: CompareReport) {
            for (name, s) in [("outside", r.outside), ("inside", r.inside)] where !s.setup.isEmpty {
                let calls = s.setup.map { $0.count == 1 ? $0.name : "\($0.name) ×\($0.count)" }.joined(separator: ", ")
                heading("SET-UP \(name.uppercased())", "calls before the command's exec, not counted above")
                wrapped(calls, indent: 2, hang: 2)
            }
        }

        mutating func output(_ d: CompareReport.OutputDiff, name: String) {
            guard d.known else {
                heading(name, "not known (no side file)")
                return
            }
            let sizes = "\(d.outsideBytes ?? 0) bytes outside, \(d.insideBytes ?? 0) inside"
            if d.same {
                heading(name, (d.outsideBytes ?? 0) == 0 ? "same (empty)" : "same (\(d.outsideBytes ?? 0) bytes)")
                return
            }
            heading(name, paint("differs", "1;31") + " (\(sizes)\(d.truncated ? "; only the first bytes were kept" : ""))")
            guard o.outputDiff, !d.diff.isEmpty else { return }
            // Lines split and told apart by their bytes: a line of the command's output that
            // starts with a combining mark is still a "+" line.
            for raw in d.diff.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
                let l = String(decoding: raw, as: UTF8.self)
                if raw.starts(with: "+++".utf8) || raw.starts(with: "---".utf8) {
                    line(bold(l))
                } else if raw.starts(with: "@@".utf8) {
                    line(paint(l, "36"))
                } else if raw.first == UInt8(ascii: "+") {
                    line(paint(l, "32"))
                } else if raw.first == UInt8(ascii: "-") {
                    line(paint(l, "31"))
                } else {
                    line(l)
                }
            }
        }

        /// An argv word as a shell would need it. By bytes: a `'` followed by a combining
        /// mark is one Character, but still a quote to the shell.
        static func shellWord(_ s: String) -> String {
            let plain = "-_./=:,@%+".utf8
            if !s.isEmpty, s.utf8.allSatisfy({ b in
                (0x30...0x39).contains(b) || (0x41...0x5A).contains(b) || (0x61...0x7A).contains(b) || plain.contains(b)
            }) { return s }
            var out = "'"
            for u in s.unicodeScalars {
                if u == "'" { out += "'\\''" } else { out.unicodeScalars.append(u) }
            }
            return out + "'"
        }
    }
}

extension TextReport {
    /// `r` with every string in it made safe for a terminal (TerminalText): C0 and C1
    /// controls, DEL, bidi and separator characters become `\xNN`/`\u{NNNN}`. The diff of
    /// stdout/stderr keeps its newlines (they end its lines) and escapes the rest.
    public static func escaped(_ r: CompareReport) -> CompareReport {
        func e(_ s: String) -> String { TerminalText.escape(s) }
        func e(_ s: String?) -> String? { s.map(TerminalText.escape) }
        func side(_ s: CompareReport.Side) -> CompareReport.Side {
            var s = s
            s.place = e(s.place)
            s.program = e(s.program)
            s.outcome = e(s.outcome)
            s.launchError = e(s.launchError)
            s.notes = s.notes.map(e)
            s.programs = s.programs.map(e)
            s.setup = s.setup.map { var n = $0; n.name = e(n.name); return n }
            return s
        }
        func e(_ v: CompareReport.IdentityValue?) -> CompareReport.IdentityValue? {
            guard case .text(let t)? = v else { return v }
            return .text(e(t))
        }
        func paths(_ rows: [CompareReport.PathRow]) -> [CompareReport.PathRow] {
            rows.map { var p = $0; p.path = e(p.path); p.outside = e(p.outside); p.inside = e(p.inside); return p }
        }
        func diff(_ d: CompareReport.OutputDiff) -> CompareReport.OutputDiff {
            var d = d
            d.diff = TerminalText.escapeKeepingNewlines(d.diff)
            return d
        }
        var r = r
        r.format = e(r.format)
        r.command = r.command.map(e)
        r.outside = side(r.outside)
        r.inside = side(r.inside)
        r.identity = r.identity.map {
            var i = $0; i.name = e(i.name); i.kind = e(i.kind); i.outside = e(i.outside); i.inside = e(i.inside); return i
        }
        r.verdicts = r.verdicts.map { var v = $0; v.text = e(v.text); return v }
        r.syscalls = r.syscalls.map { var c = $0; c.name = e(c.name); return c }
        r.results = r.results.map { var x = $0; x.call = e(x.call); x.outside = x.outside.compactMap(e); x.inside = x.inside.compactMap(e); return x }
        r.listings = r.listings.map { var l = $0; l.path = e(l.path); return l }
        r.files.missingInside = paths(r.files.missingInside)
        r.files.missingOutside = paths(r.files.missingOutside)
        r.files.differ = paths(r.files.differ)
        r.files.onlyOutside = paths(r.files.onlyOutside)
        r.files.onlyInside = paths(r.files.onlyInside)
        r.stdout = diff(r.stdout)
        r.stderr = diff(r.stderr)
        return r
    }
}
