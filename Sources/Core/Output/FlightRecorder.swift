/// `trace --bpf --flight-recorder SIZE` (traceloop's idea, docs/bpf.md): the trace text and
/// the record are kept in memory, only the newest SIZE bytes of each, in whole lines, and
/// written out when asked (SIGUSR1) or when the traced command or container ends badly. The
/// printer and the record writer write to its two streams as to any sink; what falls out of
/// the window is counted and said when the window is written: in the text as a `---` line,
/// in the record as a `lost` line (reason `flight-recorder`) with the times of the first and
/// the last line it did not keep. The record's lines that make its process tree (task, exec,
/// exit, ns, idmap) have a window of their own, of the same size, so the tree outlives the
/// calls: a record written out still shows its tasks and their namespaces.
public final class FlightRecorder {
    /// The text (strace's lines), written to `text`'s target when dumped.
    public let text: Stream
    /// The record (JSON Lines). Its first line, the header, is always kept and written once,
    /// at the first dump.
    public let record: Stream?
    /// The window, in bytes, of each stream.
    public let budget: Int
    /// How many times the window was written out.
    public private(set) var dumps = 0

    public init(budget: Int, text: OutputSink, record: OutputSink?) {
        self.budget = budget
        self.text = Stream(target: text, budget: budget, pinnedLines: 0, record: false)
        self.record = record.map { Stream(target: $0, budget: budget, pinnedLines: 1, record: true) }
    }

    /// Writes both windows out and empties them: the lines kept, after a line saying how many
    /// were not kept. `t` is the trace's time now (the record's `lost` line). `final`: the
    /// trace is over, a line not yet ended is written too. Returns the lines written (text
    /// when there is text, else record).
    @discardableResult
    public func dump(t: Double, final: Bool) -> Int {
        dumps += 1
        var n = 0
        if text.calls.dropped > 0 || text.count > 0 || (final && !text.partial.isEmpty) {
            let d = text.calls.dropped
            let prefix = d == 0 ? [] : Array("--- \(d) earlier line\(d == 1 ? "" : "s") not kept by the flight recorder (--flight-recorder) ---\n".utf8)
            n = text.writeOut(prefix: prefix, final: final)
        }
        if let record {
            var prefix: [UInt8] = []
            let dropped = record.calls.dropped + record.tree.dropped
            if dropped > 0 {
                let from = [record.calls.droppedFrom, record.tree.droppedFrom].compactMap { $0 }.min()
                let to = [record.calls.droppedTo, record.tree.droppedTo].compactMap { $0 }.max()
                let e = LostEvent(pid: nil, t: t, count: dropped, from: from, to: to, reason: .flightRecorder)
                prefix = Array((RecordWriter.encodeLine(.event(.lost(e))) + "\n").utf8)
            }
            let r = record.writeOut(prefix: prefix, final: final)
            if text.linesSeen == 0 { n = r }
        }
        return n
    }

    /// Drops both windows (the trace ended well): returns how many lines were kept then.
    @discardableResult
    public func discard() -> Int {
        let n = text.linesSeen > 0 ? text.count : (record?.count ?? 0)
        text.clear()
        record?.clear()
        return n
    }

    /// Lines kept, newest last, within a budget of bytes.
    struct Window {
        let budget: Int
        /// `lines[head...]`, each with its place among all the stream's lines.
        var lines: [(seq: Int, bytes: [UInt8])] = []
        var head = 0
        var bytes = 0
        /// Lines that fell out since the last dump, and (record) the times of the first and
        /// the last of them.
        var dropped: UInt64 = 0
        var droppedFrom: Double?
        var droppedTo: Double?

        init(budget: Int) { self.budget = max(1, budget) }

        var count: Int { lines.count - head }

        mutating func keep(_ line: [UInt8], seq: Int, times: Bool) {
            lines.append((seq, line))
            bytes += line.count
            // The newest line stays even when it alone is larger than the window.
            while bytes > budget, count > 1 {
                let old = lines[head].bytes
                lines[head].bytes = []
                head += 1
                bytes -= old.count
                dropped += 1
                if times, let t = Stream.time(of: old) {
                    if droppedFrom == nil { droppedFrom = t }
                    droppedTo = t
                }
            }
            if head > 4096, head * 2 > lines.count {
                lines.removeFirst(head)
                head = 0
            }
        }

        mutating func clear() {
            lines.removeAll(keepingCapacity: true)
            head = 0
            bytes = 0
            dropped = 0
            droppedFrom = nil
            droppedTo = nil
        }
    }

    /// One output: windows of whole lines over its target.
    public final class Stream: OutputSink {
        let target: OutputSink
        /// Lines kept from the start for good (the record's header), and whether they were
        /// written already.
        let pinnedLines: Int
        var pinned: [[UInt8]] = []
        var pinnedWritten = false
        /// Every line of the text; the record's calls, signals and losses.
        var calls: Window
        /// The record's task, exec, exit, ns and idmap lines (unused for the text).
        var tree: Window
        let isRecord: Bool
        /// A line not ended yet.
        var partial: [UInt8] = []
        /// Every line ever given (not only kept).
        public private(set) var linesSeen = 0

        init(target: OutputSink, budget: Int, pinnedLines: Int, record: Bool) {
            self.target = target
            self.pinnedLines = pinnedLines
            self.isRecord = record
            calls = Window(budget: budget)
            tree = Window(budget: budget)
        }

        /// Lines in the windows.
        public var count: Int { calls.count + tree.count }

        public func write(_ bytes: UnsafeRawBufferPointer) {
            var start = 0
            for i in 0..<bytes.count where bytes[i] == 10 {
                var line = partial
                partial = []
                line.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[start...i]))
                keep(line)
                start = i + 1
            }
            if start < bytes.count { partial.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[start...])) }
        }

        func keep(_ line: [UInt8]) {
            linesSeen += 1
            if pinned.count < pinnedLines {
                pinned.append(line)
            } else if isRecord && Self.isTree(line) {
                tree.keep(line, seq: linesSeen, times: true)
            } else {
                calls.keep(line, seq: linesSeen, times: isRecord)
            }
        }

        /// Writes the pinned lines (once), `prefix`, the windows in their lines' order (and
        /// with `final` the line not ended), then empties the windows. Returns the lines of
        /// the windows written.
        func writeOut(prefix: [UInt8], final: Bool) -> Int {
            var out: [UInt8] = []
            out.reserveCapacity(calls.bytes + tree.bytes + prefix.count + 256)
            if !pinnedWritten {
                for p in pinned { out += p }
                pinnedWritten = !pinned.isEmpty
            }
            out += prefix
            let n = count
            var i = calls.head, j = tree.head
            while i < calls.lines.count || j < tree.lines.count {
                if j >= tree.lines.count || (i < calls.lines.count && calls.lines[i].seq < tree.lines[j].seq) {
                    out += calls.lines[i].bytes
                    i += 1
                } else {
                    out += tree.lines[j].bytes
                    j += 1
                }
            }
            if final {
                out += partial
                partial = []
            }
            out.withUnsafeBytes { target.write($0) }
            clear()
            return n
        }

        func clear() {
            calls.clear()
            tree.clear()
        }

        /// A record line of the process tree: `{"type":"task"`, exec, exit, ns, idmap.
        static func isTree(_ line: [UInt8]) -> Bool {
            let prefix = Array(#"{"type":""#.utf8)
            guard line.count > prefix.count + 2, line.starts(with: prefix) else { return false }
            let rest = line[prefix.count...]
            for kind in Self.treeKinds where rest.starts(with: kind) { return true }
            return false
        }
        static let treeKinds: [[UInt8]] = ["task\"", "exec\"", "exit\"", "ns\"", "idmap\"", "end\""].map { Array($0.utf8) }

        /// A record line's `"t"` (every event line has one; the header has none).
        static func time(of line: [UInt8]) -> Double? {
            let key: [UInt8] = Array(#","t":"#.utf8)
            guard line.count > key.count else { return nil }
            var i = 0
            while i + key.count <= line.count {
                if line[i] == key[0], line[i..<(i + key.count)].elementsEqual(key) {
                    var j = i + key.count
                    while j < line.count, line[j] == UInt8(ascii: ".") || (line[j] >= 0x30 && line[j] <= 0x39) { j += 1 }
                    return Double(String(decoding: line[(i + key.count)..<j], as: UTF8.self))
                }
                i += 1
            }
            return nil
        }
    }
}
