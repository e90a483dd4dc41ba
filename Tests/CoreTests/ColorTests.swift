import Foundation
import Testing
import TestSupport
@testable import NSCore

/// `--color`: when it is on, and that colour only wraps text already laid out (without the
/// escape sequences the output is byte for byte the uncoloured one).
@Suite struct ColorTests {
    /// `text` without its ANSI SGR sequences (ESC [ ... m).
    static func strip(_ text: String) -> String {
        var out: [UInt8] = []
        var bytes = Array(text.utf8)[...]
        while let b = bytes.first {
            if b == 0x1B, bytes.dropFirst().first == UInt8(ascii: "[") {
                bytes = bytes.dropFirst(2).drop { $0 != UInt8(ascii: "m") }.dropFirst()
            } else {
                out.append(b)
                bytes = bytes.dropFirst()
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    @Test func autoOnlyOnATerminalWithoutNoColor() {
        #expect(ColorMode.auto.enabled(isTTY: true, environment: [:]))
        #expect(!ColorMode.auto.enabled(isTTY: false, environment: [:]))
        #expect(!ColorMode.auto.enabled(isTTY: true, environment: ["NO_COLOR": "1"]))
        // no-color.org: set and not empty.
        #expect(ColorMode.auto.enabled(isTTY: true, environment: ["NO_COLOR": ""]))
        #expect(!ColorMode.auto.enabled(isTTY: true, environment: ["TERM": "dumb"]))
        // An explicit option wins over the environment.
        #expect(ColorMode.always.enabled(isTTY: false, environment: ["NO_COLOR": "1"]))
        #expect(!ColorMode.never.enabled(isTTY: true, environment: [:]))
    }

    /// A failed call, a signal, a namespace note and a killed task, as `trace` prints them.
    static func printed(color: Bool) -> String {
        let sink = BufferSink()
        var o = StraceTextPrinter.Options()
        o.color = color
        let p = StraceTextPrinter(sink: sink, options: o)
        p.liveTasks = 2
        func call(_ pid: Int32, _ name: String, _ args: [String], _ ret: Int64, errno: String? = nil, text: String) {
            let e = SyscallEvent(pid: pid, t: 0, name: name, nr: 0, abi: .x86_64, args: args, ret: ret, errno: errno,
                                 retText: text, duration: 0.000012)
            p.syscallEntered(pid: pid, t: 0, name: name, entryText: name + "(" + args.joined(separator: ", "))
            p.syscallExited(e, deferredFrom: args.count)
        }
        call(7, "openat", ["AT_FDCWD", "\"/no/such\"", "O_RDONLY"], -1, errno: "ENOENT",
             text: "-1 ENOENT (No such file or directory)")
        call(7, "unshare", ["CLONE_NEWUTS"], 0, text: "0")
        p.note(pid: 7, t: 0, NamespaceEffects.annotation([NamespaceTransition(kind: .uts, from: 4026531838, to: 4026532201)]))
        p.note(pid: 7, t: 0, "[ Process PID=7 runs in 32 bit mode. ]")
        p.signal(SignalEvent(pid: 7, t: 0, signal: "SIGCHLD", info: "{si_signo=SIGCHLD, si_code=CLD_KILLED, si_pid=8}"))
        p.exit(ExitEvent(pid: 8, t: 0, signal: "SIGKILL"))
        p.exit(ExitEvent(pid: 7, t: 0, code: 0))
        p.finish()
        return sink.text
    }

    @Test func traceColoursErrorsSignalsAndNamespaceNotes() {
        let plain = Self.printed(color: false)
        let colored = Self.printed(color: true)
        #expect(!plain.contains("\u{1B}"))
        #expect(Self.strip(colored) == plain)
        Golden.check(colored, "printer-color.txt")
        #expect(colored.contains("= \u{1B}[31m-1 ENOENT (No such file or directory)\u{1B}[0m\n"))
        #expect(colored.contains("\u{1B}[36m  ns: uts 4026531838 → 4026532201\u{1B}[0m\n"))
        #expect(colored.contains("\u{1B}[33m--- SIGCHLD {si_signo=SIGCHLD, si_code=CLD_KILLED, si_pid=8} ---\u{1B}[0m\n"))
        #expect(colored.contains("\u{1B}[31m+++ killed by SIGKILL +++\u{1B}[0m\n"))
        // Successful results, other notes and normal exits stay plain.
        #expect(colored.contains("= 0\n") && colored.contains("] [ Process PID=7 runs in 32 bit mode. ]\n"))
        #expect(colored.contains("+++ exited with 0 +++\n"))
    }

    @Test func graphTreesColourOnlyWhenAsked() {
        var style = GraphStyle()
        let live = GraphRendererTests.model()
        let plain = TreeRenderer.render(live)
        #expect(!plain.contains("\u{1B}"))
        style.color = true
        let colored = TreeRenderer.render(live, style: style)
        #expect(colored.contains("\u{1B}[31m\u{1B}[1muser:[4026531837]"))
        #expect(Self.strip(colored) == plain)

        let r = RecordHeader(command: ["unshare", "-u", "sh"], attached: [], start: "", startEpoch: 0,
                             kernel: "", machine: "", hostname: "", tool: "")
        let record = GraphFromRecord.build([
            .header(r),
            .event(.task(TaskEvent(pid: 10, tgid: 10, ppid: nil, via: .spawned, t: 0, ns: NamespaceSet([.uts: 1]), nspid: [10]))),
            .event(.namespace(NamespaceEvent(pid: 10, t: 0.5, kind: .uts, from: 1, to: 5, cause: "unshare", call: nil))),
        ])
        let recordPlain = TreeRenderer.render(record)
        let recordColored = TreeRenderer.render(record, style: style)
        #expect(recordColored.contains("\u{1B}[36muts:[1]\u{1B}[0m → \u{1B}[36muts:[5]\u{1B}[0m by unshare"))
        #expect(Self.strip(recordColored) == recordPlain)
    }
}
