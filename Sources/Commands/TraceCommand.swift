import ArgumentParser
import Glibc
import NSBPF
import NSCore
import NSLinux
import NSTracer

extension NSTrace {
    /// `nstrace trace`: strace-compatible tracing of a command and every task it creates.
    struct Trace: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "trace",
            abstract: "Trace the syscalls and signals of a command and every task it creates.",
            discussion: """
            Output is strace's, line for line, on stderr (or -o FILE). Every process and \
            thread the command creates is followed (fork, vfork, clone, clone3).

            Examples:
              nstrace trace -- ls -l /
              nstrace trace -e trace=%file -s 64 -- cat /etc/hostname
              nstrace trace -f -tt -T -o trace.txt -- sh -c 'echo hi | cat'
              nstrace trace -c -- find /usr/share/doc
              nstrace trace -y --record run.jsonl -- ./samples/bin/hello-world
              nstrace trace -p 1234,1235        (Ctrl-C detaches)
              nstrace trace -e trace=%namespace -- unshare -fp --mount-proc ps
              nstrace trace --bpf -o trace.txt -- find /usr           (eBPF, docs/bpf.md)
              nstrace trace --bpf --container 4242 --record c.jsonl
            """
        )

        @OptionGroup var out: TraceOutputOptions<TraceHelp>

        @Option(name: .customLong("signal"), help: ArgumentHelp("The signals shown, as -e signal=SET.", valueName: "set"))
        var signalSet: String?

        @Option(name: .customShort("E"), parsing: .singleValue,
                help: ArgumentHelp("Run the command with VAR=VAL in its environment, or without VAR (repeatable, in order).", valueName: "var[=val]"))
        var environmentChanges: [String] = []

        @Option(name: [.customShort("u"), .customLong("user")],
                help: ArgumentHelp("Run the command as USERNAME: its uid, gid and supplementary groups (root only; as strace -u).", valueName: "username"))
        var user: String?

        @Flag(name: .customShort("f"), help: "Follow forks, vforks and clones (the default).")
        var follow = false

        @Flag(name: .customLong("no-follow"), help: "Trace only the command's first task.")
        var noFollow = false

        @Flag(name: .customShort("t"), help: "Prefix lines with the time of day; -tt adds microseconds, -ttt prints seconds since the epoch.")
        var timestamps: Int

        @Flag(name: .customShort("r"), help: "Prefix lines with the time since the previous line started (after the time of day with -t).")
        var relativeTimestamps = false

        @Flag(name: .customShort("k"), help: "Print the stack of the caller after each syscall (libunwind; symbols from the ELF files, read once each).")
        var stackTraces = false

        @Flag(name: .customShort("T"), help: "Show the time spent in each syscall.")
        var syscallTimes = false

        @Flag(name: .customShort("y"), help: "Print the paths of file descriptors; -yy also devices' numbers (</dev/full<char 1:7>>) and pidfds' processes (<pid:N>).")
        var decodeFDs: Int

        @Flag(name: .customShort("Y"), help: "Print process ids with their command names, 1234<sh>, in the pid prefix and in arguments (as strace -Y, -e decode-pids=comm).")
        var decodePidComms = false

        @Flag(name: .customShort("c"), help: "Count time, calls and errors per syscall and print a summary instead of the trace.")
        var summaryOnly = false

        @Flag(name: .customShort("C"), help: "Like -c, but print the trace too.")
        var summaryAndTrace = false

        @Option(name: .customShort("S"), help: ArgumentHelp("With -c/-C, sort the table by time (the default), min-time, max-time, avg-time, calls, errors, name or nothing (syscall number), as strace -S.", valueName: "sortby"))
        var sortBy: String?

        @Flag(name: .customShort("w"), help: "With -c/-C, count each call's latency, entry to exit (strace -w; nstrace's table always does).")
        var wallClock = false

        @Flag(name: .customLong("seccomp-bpf"), inversion: .prefixedNo,
              help: "Stop the command only at the selected syscalls (a seccomp filter), so the rest run at full speed. On by default with -e trace=SUBSET for a started command.")
        var seccompBPF: Bool?

        @Flag(name: .customLong("no-ns"), help: "Do not print the '  ns: ...' lines under syscalls that changed a task's namespaces (the record keeps them).")
        var noNamespaceNotes = false

        @Option(name: .customShort("p"), parsing: .singleValue,
                help: ArgumentHelp("Attach to running processes (comma-separated PIDs; repeatable). Ctrl-C detaches.", valueName: "pid"),
                completion: PIDCompletion.kind)
        var pids: [String] = []

        @OptionGroup var color: ColorOptions

        @OptionGroup var bpf: BPFOptions

        @OptionGroup var bpfTarget: BPFTargetOptions

        @Argument(parsing: .captureForPassthrough, help: ArgumentHelp("The command to run and trace (after -- to be explicit).", valueName: "command"))
        var rawCommand: [String] = []

        /// The command without a leading "--".
        var command: [String] { rawCommand.first == "--" ? Array(rawCommand.dropFirst()) : rawCommand }

        func validate() throws {
            // The command is captured as is (strace-style `nstrace trace ls -l`), so help
            // flags before any command word reach us here.
            if let first = rawCommand.first, ["-h", "--help", "-help"].contains(first) {
                throw CleanExit.helpRequest(self)
            }
            if let first = rawCommand.first, first.hasPrefix("-"), first != "--" {
                throw ValidationError("Unknown option '\(first)'.")
            }
            if command.isEmpty && pids.isEmpty && !bpfTarget.hasTarget {
                throw ValidationError("Give a command after -- or processes with -p.")
            }
            if user != nil && (command.isEmpty || !pids.isEmpty || bpfTarget.hasTarget) {
                throw ValidationError("-u runs the command as another user: give a command, not -p, --container or --cgroup.")
            }
            if !command.isEmpty && !pids.isEmpty {
                throw ValidationError("Give either a command or -p, not both.")
            }
            if bpfTarget.hasTarget && (!command.isEmpty || !pids.isEmpty) {
                throw ValidationError("--container and --cgroup trace what is there: give no command and no -p.")
            }
            if !environmentChanges.isEmpty && command.isEmpty { throw ValidationError("-E changes the environment of a started command: give one.") }
            if environmentChanges.contains(where: { $0.isEmpty || $0.hasPrefix("=") }) { throw ValidationError("-E takes VAR=VAL or VAR.") }
            if bpfTarget.hasTarget && !bpf.enabled { throw ValidationError("--container and --cgroup need --bpf.") }
            if bpfTarget.flightRecorder != nil && !bpf.enabled { throw ValidationError("--flight-recorder needs --bpf.") }
            if bpfTarget.flightRecorder != nil && summaryOnly && out.record == nil {
                throw ValidationError("--flight-recorder keeps the trace's text or its record: -c alone has neither.")
            }
            if bpf.enabled && stackTraces { throw ValidationError("-k needs ptrace: it cannot go with --bpf.") }
            if let q = try? qualifiers(), let d = q.decodeFDs {
                if decodeFDs > 0 { throw ValidationError("-y and -e decode-fds= cannot be given together.") }
            }
            if bpf.enabled, let q = try? qualifiers(), !q.injections.isEmpty {
                throw ValidationError("-e inject= and -e fault= need ptrace: they cannot go with --bpf (it does not stop the tracee).")
            }
            if bpf.enabled && seccompBPF == true { throw ValidationError("--seccomp-bpf is for ptrace: --bpf filters in the kernel itself.") }
            if timestamps > 3 { throw ValidationError("-t may be given at most three times (-ttt).") }
            if let sortBy, SyscallSummary.Order.named(sortBy) == nil { throw ValidationError("-S: invalid sortby '\(sortBy)'.") }
            if summaryOnly && summaryAndTrace { throw ValidationError("-c and -C exclude each other.") }
            // `-p ''` or `-p ,` names no process: an error, not a trace of nothing.
            if !pids.isEmpty, try parsedPIDs().isEmpty {
                throw ValidationError("-p: no process id given.")
            }
            _ = try qualifiers()
        }

        func parsedPIDs() throws -> [pid_t] {
            var out: [pid_t] = []
            for item in pids.flatMap({ $0.split(separator: ",") }) {
                guard let p = pid_t(item.filter { $0 != " " }), p > 0 else {
                    throw ValidationError("Invalid process id '\(item)'.")
                }
                if !out.contains(p) { out.append(p) }
            }
            return out
        }

        /// The `-e` qualifiers and `--signal`.
        func qualifiers() throws -> TraceQualifiers {
            do { return try out.qualifiers(extraSignals: [signalSet].compactMap { $0 }) } catch {
                throw ValidationError(error.description)
            }
        }

        func run() throws {
            // Before any output is opened: a SIGTERM or Ctrl-C from here on ends the trace
            // in order (record closed with its end line, exit 128+N), never half-way.
            Tracer.catchStopSignals()
            let stderrSink = FileSink(fd: 2)
            let target: TraceConfig.Target
            if bpfTarget.hasTarget {
                target = .attach([])
            } else if pids.isEmpty {
                let path: String
                do {
                    path = try Spawn.resolve(command[0], path: getenv("PATH").map { String(cString: $0) })
                } catch {
                    fail(error.description, code: error.exitCode)
                }
                target = .command(path: path, argv: command,
                                  env: EnvironmentChanges.apply(environmentChanges, to: Environment.current))
            } else {
                target = .attach(try parsedPIDs())
            }
            var config = TraceConfig(target: target, messages: stderrSink)
            if let user, case .command(let path, _, _) = target {
                do { config.runAs = try Spawn.User.lookup(user, program: path) } catch { fail(error.description, code: 1) }
            }
            config.follow = !noFollow
            let selection = try qualifiers()
            config.filter = selection.filter
            config.ioDump = selection.ioDump
            config.injections = selection.injections
            config.paths = out.pathFilter(quiet: out.quietSet(selection, startsCommand: pids.isEmpty && !bpfTarget.hasTarget))
            config.decode = out.decode(selection)
            let fdDecoding = selection.decodeFDs ?? (decodeFDs > 1 ? .all : decodeFDs == 1 ? .path : [])
            config.decode.resolveFDs = !fdDecoding.isEmpty
            config.decode.fdDecoding = fdDecoding
            config.decode.pidComm = decodePidComms || selection.decodePids?.contains(.comm) == true
            config.summary = summaryOnly || summaryAndTrace
            config.summaryOrder = sortBy.flatMap(SyscallSummary.Order.named) ?? .time
            if !config.summary && sortBy != nil { warn("-S has no effect without -c or -C") }
            if !config.summary && wallClock { warn("-w has no effect without -c or -C") }
            config.attachMessages = !out.quietSet(selection, startsCommand: pids.isEmpty && !bpfTarget.hasTarget).contains(.attach)
            config.namespaceNotes = !noNamespaceNotes
            config.stackTraces = stackTraces
            if stackTraces { requireLibraries([.unwind, .elf]) }
            config.flushWhenIdle = out.output == nil
            // The seccomp-bpf fast path: for a started command whose trace is a subset.
            // Not without following: an untraced child's selected calls would fail with
            // ENOSYS (no tracer to answer SECCOMP_RET_TRACE), as strace says too.
            if noFollow && seccompBPF == true { warn("--seccomp-bpf cannot be used without following tasks (--no-follow), disabling") }
            if !bpf.enabled, !noFollow, seccompBPF ?? !config.filter.selectsAll {
                if case .command = target {
                    do {
                        config.seccompFilter = try SeccompFilter.build(
                            names: config.filter.selectedSyscalls(),
                            codeMappings: stackTraces, commChanges: config.decode.pidComm)
                    } catch {
                        fail(error.description, code: 1)
                    }
                } else if seccompBPF == true {
                    warn("--seccomp-bpf needs a started command; with -p every syscall stop is traced")
                }
            }

            // Open every output before anything starts: a bad path fails first.
            var traceSink: OutputSink = stderrSink
            if let output = out.output {
                // The trace holds what the record holds (argv, paths, read and written data): 0600.
                do { traceSink = try FileSink.create(path: output, mode: 0o600) } catch { fail(error.description, code: 1) }
            }
            var recordSink: FileSink?
            if let record = out.record {
                do { recordSink = try FileSink.create(path: record, mode: 0o600) } catch { fail(error.description, code: 1) }
            }

            var printerOptions = out.printerOptions(selection, follow: !noFollow, startsCommand: pids.isEmpty && !bpfTarget.hasTarget)
            printerOptions.timestamps = [.none, .seconds, .micros, .epoch][timestamps]
            printerOptions.showDuration = syscallTimes
            printerOptions.relative = relativeTimestamps
            printerOptions.utcOffset = Environment.utcOffset
            // The stream the trace is written to: stderr, or the -o file (/dev/tty is one).
            printerOptions.color = color.enabled(fd: (traceSink as? FileSink)?.fd ?? 2)
            var tracer: Tracer
            // --flight-recorder: the text and the record go through its windows.
            var recorder: FlightRecorder?
            if let size = try bpfTarget.flightRecorderBytes() {
                recorder = FlightRecorder(budget: size, text: traceSink, record: recordSink)
            }
            if !summaryOnly {
                config.printer = StraceTextPrinter(sink: recorder?.text ?? traceSink, options: printerOptions)
            }
            if out.output != nil { config.summarySink = traceSink }
            if let recordSink {
                let writer = RecordWriter(sink: recorder?.record ?? recordSink)
                config.record = writer
            }
            let outcome: TraceOutcome
            let execError: Int32
            if bpf.enabled {
                (outcome, execError) = runBPF(config, target: target, flightRecorder: recorder)
            } else {
                tracer = Tracer(config: config)
                if let writer = config.record {
                    writer.write(.header(Environment.recordHeader(command: command, attached: try parsedPIDs(),
                                                                  startEpoch: tracer.startEpoch)))
                }
                do {
                    outcome = try tracer.run()
                } catch {
                    fail(error.description, code: 1)
                }
                execError = tracer.commandExecError
            }
            if execError != 0 {
                let e = Spawn.LaunchError(command: command[0], errno: execError)
                fail(e.description, code: e.exitCode)
            }
            if let e = (traceSink as? FileSink)?.error, let output = out.output {
                fail("writing '\(output)': \(ErrnoNames.text(e.errno))", code: 1)
            }
            if let e = recordSink?.error, let record = out.record {
                fail("writing '\(record)': \(ErrnoNames.text(e.errno))", code: 1)
            }
            if outcome.status != 0 { throw ExitCode(outcome.status) }
        }
    }
}

/// `trace`'s help texts of the shared -o, -e, -a and --record.
enum TraceHelp: TraceOutputHelp {
    static let output = "Write the trace to FILE instead of stderr."
    static let expressions = "Select syscalls: trace=SET, where SET is names and classes (%file %process %network %signal %ipc %memory %desc %creds %namespace), comma-separated, '!' to negate; signal=SET selects the signals shown (names or numbers, 'all', 'none')."
    static let column = "Align results (' = ...') at COLUMN, as strace -a (default 40; 0: one space)."
    static let record = "Write the machine-readable trace as JSON Lines (docs/record-format.md), mode 0600."
}

extension NSTrace.Trace {
    /// trace --bpf: the same configuration, run by the eBPF backend.
    func runBPF(_ config: TraceConfig, target: TraceConfig.Target, flightRecorder: FlightRecorder?) -> (TraceOutcome, Int32) {
        let what: BPFTracer.Target
        if let pid = bpfTarget.container {
            what = .container(pid)
        } else if let path = bpfTarget.cgroup {
            what = .cgroup(path)
        } else {
            switch target {
            case .command(let path, let argv, let env): what = .command(path: path, argv: argv, env: env)
            case .attach(let pids): what = .attach(pids)
            case .prepared: fatalError("trace starts no prepared command")
            }
        }
        // validate() checked the size.
        let ring = (try? bpf.ringBytes()) ?? BPFOptions.defaultBytes
        let tracer = BPFTracer(config: config, options: BPFTracer.Options(target: what, ringBytes: ring,
                                                                          flightRecorder: flightRecorder, attach: bpf.attach))
        if let writer = config.record {
            var attached: [Int32] = (try? parsedPIDs()) ?? []
            if let c = bpfTarget.container { attached = [c] }
            var header = Environment.recordHeader(command: command, attached: attached, startEpoch: tracer.startEpoch)
            header.backend = "bpf"
            writer.write(.header(header))
        }
        do {
            let outcome = try tracer.run()
            return (outcome, tracer.commandExecError)
        } catch {
            switch error {
            case .unavailable: fail(error.description, code: 69)
            case .launch, .attach: fail(error.description, code: 1)
            }
        }
    }
}

/// Loads the C libraries a command is about to use (they are not loaded at start-up, see
/// Sources/CLibLoad), or fails with one line naming the file and its Debian package
/// (exit 69, EX_UNAVAILABLE), before the command has started anything.
func requireLibraries(_ libraries: [Library], code: Int32 = 69) {
    do { try Library.require(libraries) } catch { fail(error.description, code: code) }
}

/// Prints `nstrace: MESSAGE` on stderr and exits with `code`. Messages name things nstrace
/// does not control (entries of an image, lines of a record): control characters are escaped.
func fail(_ message: String, code: Int32) -> Never {
    warn(message)
    exit(code)
}

/// Prints `nstrace: MESSAGE` on stderr (escaped as `fail` does) and goes on: the one way
/// the commands tell the user something that is not the output.
func warn(_ message: String) {
    var line = "nstrace: " + TerminalText.escapeKeepingNewlines(message) + "\n"
    line.withUTF8 { _ = write(2, $0.baseAddress, $0.count) }
}
