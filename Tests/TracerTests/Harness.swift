import Foundation
import CShim
import Glibc
import NSCore
import NSLinux
@testable import NSTracer
import TracerTestSupport

/// One run of the loop against a FakeKernel: the text it printed, the events it recorded,
/// the requests it made and how it ended.
final class Harness {
    let kernel: FakeKernel
    let text = BufferSink()
    let record = BufferSink()
    let messages = BufferSink()
    /// The -c table.
    let summaryText = BufferSink()
    var outcome: TraceOutcome?

    init(_ script: [FakeKernel.Step]) {
        kernel = FakeKernel(script)
    }

    /// Runs the loop over the script to its end.
    @discardableResult
    func run(_ target: TraceConfig.Target = .command(path: "/bin/cmd", argv: ["cmd"], env: []),
             seccomp: Bool = false, printer: Bool = true, recording: Bool = true, summary: Bool = false,
             sinks: [any TraceSink] = [], stopGrace: Double? = nil) throws -> TraceOutcome {
        var config = TraceConfig(target: target, messages: messages)
        if printer { config.printer = StraceTextPrinter(sink: text) }
        if recording { config.record = RecordWriter(sink: record) }
        config.summary = summary
        config.summarySink = summaryText
        config.sinks = sinks
        config.stopGrace = stopGrace
        config.flushWhenIdle = false
        if seccomp { config.seccompFilter = [0, 0, 0, 0, 0, 0, 0, 0] }
        let loop = TraceLoop(config: config, kernel: kernel)
        let o = try loop.run()
        outcome = o
        return o
    }

    var output: String { String(decoding: text.bytes, as: UTF8.self) }
    var lines: [String] { output.split(separator: "\n").map(String.init) }
    var messageText: String { String(decoding: messages.bytes, as: UTF8.self) }

    var events: [TraceEvent] {
        record.bytes.split(separator: UInt8(ascii: "\n")).compactMap {
            if case .event(let e) = try? RecordReader.parseLine(Data($0)) { return e }
            return nil
        }
    }
    var tasks: [TaskEvent] { events.compactMap { if case .task(let t) = $0 { t } else { nil } } }
    var exits: [ExitEvent] { events.compactMap { if case .exit(let e) = $0 { e } else { nil } } }
    var syscalls: [SyscallEvent] { events.compactMap { if case .syscall(let e) = $0 { e } else { nil } } }
    var signals: [SignalEvent] { events.compactMap { if case .signal(let e) = $0 { e } else { nil } } }
    var requests: [String] { kernel.requests.map(\.description) }
}

/// x86_64 syscall numbers the scripts use.
enum NR {
    static let write: Int64 = 1
    static let nanosleep: Int64 = 35
    static let getpid: Int64 = 39
    static let clone: Int64 = 56
    static let fork: Int64 = 57
    static let vfork: Int64 = 58
    static let execve: Int64 = 59
    static let prctl: Int64 = 157
    static let restartSyscall: Int64 = 219
    static let exitGroup: Int64 = 231
}

/// The start every spawned command's script has: its own SIGSTOP (seen by the seizing
/// wait), our SIGCONT delivered, the prelude's prctl, then execve and its exec event.
func spawnPrelude(_ pid: pid_t = 100) -> [FakeKernel.Step] {
    [.signal(pid, SIGSTOP), .signal(pid, SIGCONT),
     .entry(pid, nr: NR.prctl, args: [1]), .exit(pid, rval: 0),
     .entry(pid, nr: NR.execve), .event(pid, NS_PTRACE_EVENT_EXEC, message: UInt(pid)), .exit(pid, rval: 0)]
}

func exitGroup(_ pid: pid_t, _ code: Int32 = 0) -> [FakeKernel.Step] {
    [.entry(pid, nr: NR.exitGroup, args: [UInt64(code)]), .event(pid, NS_PTRACE_EVENT_EXIT, message: UInt(code) << 8),
     .exited(pid, code: code)]
}
