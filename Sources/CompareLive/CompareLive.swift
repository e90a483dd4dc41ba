import Glibc
import NSCompare
import NSCore
import NSLinux
import NSRun
import NSTracer

/// One side of a live `nstrace compare`: the command traced into a record file, its
/// stdout/stderr captured, its identity read at its exec, written as RECORD + side file.
/// The report is then made from those files, exactly as `nstrace compare A B` makes it.
/// (The command, NSCommands, parses and validates, makes the launcher and the place, and
/// reads the two files back; the tracing is here.)
public enum CompareLive {
    /// How a side is started.
    public enum Launcher {
        case entered(EnteredCommand)
        case container(Container)
    }

    public enum SideEnd {
        /// The files were written (the command may still have failed to run: launchError).
        case recorded
        /// The side could not be set up: the comparison cannot be made.
        case failed(String)
    }

    /// The first exec of the traced command, from the tracer's events: the loop hands it on
    /// while the command is stopped at its exec, which is when its identity is read from
    /// /proc (the side's uid, gid, groups, capabilities, ...).
    final class FirstExec: TraceSink {
        var needs: TraceNeeds { [] }
        let read: (pid_t) -> SideFacts.Identity
        private(set) var pid: pid_t?
        private(set) var facts: SideFacts.Identity?

        init(read: @escaping (pid_t) -> SideFacts.Identity = { SideFacts.Identity.read($0) }) { self.read = read }

        func event(_ e: TraceEvent) {
            guard pid == nil, case .exec(let exec) = e else { return }
            pid = exec.pid
            facts = read(exec.pid)
        }
    }

    /// Traces one side into `dir/NAME.jsonl` and `dir/NAME.side.json`; `header` makes the
    /// record's first line from the trace's start (seconds since the epoch).
    public static func run(side name: String, place: String, argv: [String], launcher: Launcher,
                           notes: [String], dir: String, watchdog: Watchdog,
                           header: (Double) -> RecordHeader) -> SideEnd {
        let recordPath = dir + "/\(name).jsonl"
        let file: FileSink
        do { file = try FileSink.create(path: recordPath, mode: 0o600) } catch { return .failed(error.description) }
        let capture: OutputCapture
        do { capture = try OutputCapture() } catch { return .failed(error.description) }
        let firstExec = FirstExec()

        let launch: () throws(SystemError) -> Spawn.Child
        switch launcher {
        case .entered(let e):
            e.standardStreams = capture.standardStreams
            launch = { () throws(SystemError) -> Spawn.Child in
                defer { capture.childStarted() }
                return try e.launch()
            }
        case .container(let c):
            c.standardStreams = capture.standardStreams
            launch = { () throws(SystemError) -> Spawn.Child in
                defer { capture.childStarted() }
                return try c.launch()
            }
        }
        var config = TraceConfig(target: .prepared(launch: launch), messages: FileSink(fd: 2))
        // Paths whole (not cut at 32 bytes) and fds with their paths (-y): the report
        // resolves lookups and directory listings from them.
        config.decode = DecodeOptions(stringLimit: 4096, resolveFDs: true)
        config.attachMessages = false
        config.flushWhenIdle = false
        config.onSeized = { pid in
            watchdog.arm()
            if case .container(let c) = launcher { c.seized(pid) }
        }
        let writer = RecordWriter(sink: file)
        config.record = writer
        config.sinks = [firstExec]
        let tracer = Tracer(config: config)
        writer.write(.header(header(tracer.startEpoch)))
        let started: Bool
        do {
            _ = try tracer.run()
            started = true
        } catch {
            started = false
            _ = watchdog.disarm()
            _ = capture.finish()
            if case .container(let c) = launcher { _ = c.finish() }
            if case .entered(let e) = launcher { _ = e.finish() }
            return .failed(error.description)
        }
        let timedOut = watchdog.disarm()
        let output = capture.finish()
        var launchError: String?
        let setupError: RunError?
        switch launcher {
        case .entered(let e): setupError = e.finish()
        case .container(let c): setupError = c.finish()
        }
        if let setupError, started {
            if setupError.exitCode == 126 || setupError.exitCode == 127 {
                launchError = setupError.message
            } else if !timedOut {
                return .failed("\(name): \(setupError.message)")
            }
        }
        if let e = file.error { return .failed("writing \(recordPath): \(ErrnoNames.text(e.errno))") }

        var facts = SideFacts(side: name, place: place)
        facts.notes = notes
        facts.launchError = launchError
        facts.timedOut = timedOut ? watchdog.seconds : nil
        func captured(_ s: OutputCapture.Stream) -> SideFacts.Captured {
            SideFacts.Captured(text: String(decoding: s.bytes, as: UTF8.self), bytes: s.total, truncated: s.truncated)
        }
        facts.stdout = captured(output.stdout)
        facts.stderr = captured(output.stderr)
        if let id = firstExec.facts { facts.identity = id }
        let sidePath = SideFacts.path(forRecord: recordPath)
        do {
            let sink = try FileSink.create(path: sidePath, mode: 0o600)
            CompareInput.encode(facts).withUnsafeBytes { sink.write($0) }
            if let e = sink.error { return .failed("writing \(sidePath): \(ErrnoNames.text(e.errno))") }
        } catch {
            return .failed(error.description)
        }
        return .recorded
    }

    /// A private directory for the two records (mode 0700), removed afterwards.
    public static func privateDirectory() -> String? {
        let base = (getenv("TMPDIR").map { String(cString: $0) } ?? "/tmp") + "/nstrace-compare-XXXXXX"
        var template = Array(base.utf8CString)
        guard let p = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) else { return nil }
        return String(cString: p)
    }

    public static func removeDirectory(_ dir: String) {
        for name in ["outside", "inside"] {
            unlink(dir + "/\(name).jsonl")
            unlink(dir + "/\(name).side.json")
        }
        rmdir(dir)
    }
}
