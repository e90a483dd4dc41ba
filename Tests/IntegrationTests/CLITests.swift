import Foundation
import Glibc
import NSCore
import Testing
import TestSupport

/// The finishing parts of the CLI (docs/cli.md): `--version` with the git commit, `--color`,
/// the committed man page and shell completions, and `graph --format perfetto` on a real
/// record. Everything runs the built `nstrace` (and the shells) as subprocesses.
@Suite(.serialized)
struct CLITests {
    static let root = Harness.packageRoot
    static func has(_ path: String) -> Bool { FileManager.default.isExecutableFile(atPath: path) }

    /// Runs `script` with /bin/sh, the environment given added to this one, without the
    /// NO_COLOR that `swift test` sets unless `env` sets it.
    static func sh(_ script: String, env: [String: String] = [:], timeout: Double = 60) throws -> Harness.Result {
        try Harness.run("/usr/bin/env", ["-u", "NO_COLOR"] + env.map { "\($0.key)=\($0.value)" }.sorted() + ["/bin/sh", "-c", script],
                        timeout: timeout)
    }

    /// A shell word.
    static func quote(_ s: String) -> String { Subprocess.shellQuote(s) }

    static func strip(_ text: String) -> String {
        text.replacingOccurrences(of: "\u{1B}\\[[0-9;]*m", with: "", options: .regularExpression)
    }

    // MARK: --version

    @Test func versionNamesTheGitCommitItWasBuiltFrom() throws {
        let r = try Harness.nstrace(["--version"])
        #expect(r.status == 0)
        let line = r.stdout.trimmingCharacters(in: .newlines)
        #expect(line.wholeMatch(of: /nstrace 0\.1\.0 \(git [A-Za-z0-9._+-]+\)/) != nil, "\(line)")
        // The commit of this checkout (the build ran `git describe --always --dirty`).
        let git = try Harness.run("/usr/bin/git", ["-C", Self.root.path, "describe", "--always"])
        if git.status == 0 {
            #expect(line.hasPrefix("nstrace 0.1.0 (git \(git.stdout.trimmingCharacters(in: .whitespacesAndNewlines))"))
        } else {
            #expect(line == "nstrace 0.1.0 (git unknown)")
        }
        // The record says which build wrote it.
        let dir = Harness.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let rec = dir.appendingPathComponent("r.jsonl")
        _ = try Harness.nstrace(["trace", "-o", "/dev/null", "--record", rec.path, "--", "/bin/true"])
        guard case .header(let h) = try Harness.readRecord(rec).first else {
            Issue.record("no header")
            return
        }
        #expect(h.tool == line)
    }

    // MARK: --color

    /// One task, no addresses, no output of its own (grep -s: its error would interleave
    /// with the trace on stderr): the same bytes on every run.
    static let failingCat = ["trace", "-e", "trace=openat,exit_group", "--", "grep", "-qs", "x", "/no/such/file"]

    @Test func traceColourOnlyWhenAskedOrOnATerminal() throws {
        let never = try Harness.nstrace(Self.failingCat.prefix(1) + ["--color", "never"] + Self.failingCat.dropFirst())
        let auto = try Harness.nstrace(Self.failingCat)
        let always = try Harness.nstrace(Self.failingCat.prefix(1) + ["--color=always"] + Self.failingCat.dropFirst())
        let noColor = try Self.sh(([Harness.nstrace] + Self.failingCat).map(Self.quote).joined(separator: " ") + " 2>&1",
                                  env: ["NO_COLOR": "1"])
        #expect(never.status == 2 && auto.status == 2 && always.status == 2)
        #expect(never.stderr.contains("= -1 ENOENT (No such file or directory)"))
        // Not a terminal: auto is byte for byte never (golden files and pipes are unchanged).
        #expect(auto.stderr == never.stderr)
        #expect(noColor.stdout == never.stderr)
        #expect(!never.stderr.contains("\u{1B}"))
        #expect(always.stderr.contains("= \u{1B}[31m-1 ENOENT (No such file or directory)\u{1B}[0m\n"))
        #expect(Self.strip(always.stderr) == never.stderr)
        // -o FILE is not a terminal either; --color=always colours it.
        let dir = Harness.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("t.txt").path
        _ = try Harness.nstrace(["trace", "-o", out, "-e", "trace=openat", "--", "cat", "/no/such/file"])
        #expect(!(try String(contentsOfFile: out, encoding: .utf8)).contains("\u{1B}"))
        _ = try Harness.nstrace(["trace", "--color=always", "-o", out, "-e", "trace=openat", "--", "cat", "/no/such/file"])
        #expect((try String(contentsOfFile: out, encoding: .utf8)).contains("\u{1B}[31m"))
    }

    /// compare takes the same --color as trace and run (ColorOptions): its text report of two
    /// records is coloured only when asked, or on a terminal.
    @Test func compareTakesTheSameColourOption() throws {
        let dir = Harness.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let a = dir.appendingPathComponent("a.jsonl").path, b = dir.appendingPathComponent("b.jsonl").path
        #expect(try Harness.nstrace(["trace", "-o", "/dev/null", "--record", a, "--", "true"]).status == 0)
        #expect(try Harness.nstrace(["trace", "-o", "/dev/null", "--record", b, "--", "sh", "-c", "true"]).status == 0)
        let auto = try Harness.nstrace(["compare", a, b])
        let never = try Harness.nstrace(["compare", "--color", "never", a, b])
        let always = try Harness.nstrace(["compare", "--color=always", a, b])
        #expect(auto.status == 0 && never.status == 0 && always.status == 0, "\(auto.stderr)\(always.stderr)")
        #expect(auto.stdout == never.stdout && !never.stdout.contains("\u{1B}"))
        #expect(always.stdout.contains("\u{1B}[") && Self.strip(always.stdout) == never.stdout)
        // -o FILE: coloured only with --color=always.
        let out = dir.appendingPathComponent("r.txt").path
        #expect(try Harness.nstrace(["compare", "--color=always", "-o", out, a, b]).status == 0)
        #expect((try String(contentsOfFile: out, encoding: .utf8)).contains("\u{1B}["))
    }

    /// auto on a real terminal (a pty from script(1)): coloured, unless NO_COLOR is set.
    @Test(.requires("script (bsdutils)", CLITests.has("/usr/bin/script")))
    func traceAutoColoursATerminal() throws {
        let cmd = Self.quote(([Harness.nstrace] + Self.failingCat).map(Self.quote).joined(separator: " "))
        // (TERM=dumb, as some test runners set, means no colour.)
        let tty = try Self.sh("script -qec \(cmd) /dev/null", env: ["TERM": "xterm"])
        #expect(tty.stdout.contains("\u{1B}[31m-1 ENOENT"), "\(tty.stdout)")
        let dumb = try Self.sh("script -qec \(cmd) /dev/null", env: ["TERM": "dumb"])
        #expect(dumb.stdout.contains("-1 ENOENT") && !dumb.stdout.contains("\u{1B}["))
        let ttyNoColor = try Self.sh("script -qec \(cmd) /dev/null", env: ["NO_COLOR": "1", "TERM": "xterm"])
        #expect(ttyNoColor.stdout.contains("-1 ENOENT") && !ttyNoColor.stdout.contains("\u{1B}["))
        let never = ([Harness.nstrace, "trace", "--color=never"] + Self.failingCat.dropFirst()).map(Self.quote).joined(separator: " ")
        let ttyNever = try Self.sh("script -qec \(Self.quote(never)) /dev/null", env: ["TERM": "xterm"])
        #expect(ttyNever.stdout.contains("-1 ENOENT") && !ttyNever.stdout.contains("\u{1B}["))
    }

    @Test(.requires("root (for unshare -u)", Harness.isRoot))
    func graphTreeColoursNamespaceTypes() throws {
        let dir = Harness.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let rec = dir.appendingPathComponent("u.jsonl").path
        let t = try Harness.nstrace(["trace", "-o", "/dev/null", "--record", rec, "--", "unshare", "-u", "sh", "-c", "hostname x"])
        #expect(t.status == 0, "\(t.stderr)")
        let never = try Harness.nstrace(["graph", rec, "--color=never"])
        let auto = try Harness.nstrace(["graph", rec])
        let always = try Harness.nstrace(["graph", rec, "--color", "always"])
        let alwaysNoColor = try Self.sh("\(Self.quote(Harness.nstrace)) graph \(Self.quote(rec)) --color=always",
                                        env: ["NO_COLOR": "1"])
        #expect(never.stdout.contains("uts:[") && !never.stdout.contains("\u{1B}"))
        #expect(auto.stdout == never.stdout)
        #expect(always.stdout.contains("\u{1B}[36muts:["))
        #expect(Self.strip(always.stdout) == never.stdout)
        // An option given on the command line wins over NO_COLOR.
        #expect(alwaysNoColor.stdout == always.stdout)
        // ns: the live system changes between runs, so only whether there is colour.
        #expect(try Harness.nstrace(["ns", "--color=always"]).stdout.contains("\u{1B}[31m\u{1B}[1muser:["))
        #expect(!(try Harness.nstrace(["ns"]).stdout.contains("\u{1B}")))
    }

    @Test(.requires("the sample images (make samples)", FileManager.default.fileExists(atPath: Harness.sample("images/busybox/oci"))))
    func imageLayersColourTheOperations() throws {
        let image = Harness.sample("images/busybox/oci")
        let plain = try Harness.nstrace(["image", "layers", image])
        let always = try Harness.nstrace(["image", "layers", "--color=always", image])
        #expect(plain.status == 0 && !plain.stdout.contains("\u{1B}"))
        #expect(always.stdout.contains("  \u{1B}[32mA\u{1B}[0m  "))
        #expect(Self.strip(always.stdout) == plain.stdout)
        let inspect = try Harness.nstrace(["image", "inspect", "--color=always", image])
        #expect(inspect.stdout.contains("\u{1B}[1mLayers\u{1B}[0m"))
        #expect(Self.strip(inspect.stdout) == (try Harness.nstrace(["image", "inspect", image])).stdout)
    }

    // MARK: the man page

    static let manPage = root.appendingPathComponent("docs/nstrace.1").path

    @Test(.requires("man (apt-get install man-db)", CLITests.has("/usr/bin/man")))
    func manPageRenders() throws {
        // --warnings: what mdoc would say about the page (nothing).
        let r = try Self.sh("MANWIDTH=100 man --warnings -l \(Self.quote(Self.manPage))")
        #expect(r.status == 0 && r.stderr.isEmpty, "\(r.stderr)")
        #expect(r.stdout.contains("NSTRACE(1)") && r.stdout.contains("--color"))
    }

    /// Every command and option of the CLI is in the committed page (the exact check,
    /// regenerating the page with the plugin, is `make check-generated`: SwiftPM cannot run
    /// inside `swift test`).
    @Test func manPageCoversEveryCommandAndOption() throws {
        let page = try String(contentsOfFile: Self.manPage, encoding: .utf8)
        let dump = try Harness.nstrace(["--experimental-dump-help"])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(dump.stdout.utf8)) as? [String: Any])
        var missing: [String] = []
        func walk(_ command: [String: Any], _ path: String) {
            if !path.isEmpty, !page.contains(".It Em \(command["commandName"] as? String ?? "?")") { missing.append(path) }
            for arg in command["arguments"] as? [[String: Any]] ?? [] where arg["shouldDisplay"] as? Bool != false {
                for n in arg["names"] as? [[String: Any]] ?? [] {
                    let name = n["name"] as? String ?? ""
                    let flag = n["kind"] as? String == "short" ? "Fl \(name)" : "Fl -\(name)"
                    if !page.contains(flag) { missing.append("\(path) \(flag)") }
                }
            }
            for sub in command["subcommands"] as? [[String: Any]] ?? [] {
                walk(sub, path + " " + (sub["commandName"] as? String ?? "?"))
            }
        }
        walk(try #require(json["command"] as? [String: Any]), "")
        #expect(missing.isEmpty, "docs/nstrace.1 lacks \(missing); run make man")
    }

    // MARK: shell completions

    static let shells: [(shell: String, file: String, binary: String)] = [
        ("bash", "nstrace.bash", "/usr/bin/bash"), ("zsh", "_nstrace", "/usr/bin/zsh"), ("fish", "nstrace.fish", "/usr/bin/fish"),
    ]

    @Test func completionScriptsAreCommittedUpToDateAndParse() throws {
        for s in Self.shells {
            let r = try Harness.nstrace(["--generate-completion-script", s.shell])
            #expect(r.status == 0)
            let committed = Self.root.appendingPathComponent("docs/completions/\(s.file)")
            #expect((try? String(contentsOf: committed, encoding: .utf8)) == r.stdout,
                    "docs/completions/\(s.file) is out of date: run make completions")
            guard Self.has(s.binary) else {
                Issue.record("\(s.binary) is not installed (make deps installs it)")
                continue
            }
            let check = try Harness.run(s.binary, ["-n", committed.path])
            #expect(check.status == 0 && check.stderr.isEmpty, "\(s.shell) -n: \(check.stderr)")
        }
    }

    /// A process to find among the candidates; killed at the end.
    final class Sleeper {
        let process = Process()
        init() throws {
            process.executableURL = URL(fileURLWithPath: "/bin/sleep")
            process.arguments = ["60"]
            try process.runUnblocked()
        }
        var pid: Int32 { process.processIdentifier }
        deinit {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
    }

    /// The callback the scripts run: live pids, with their command in zsh and fish, and
    /// item by item in a comma-separated list.
    @Test func pidCompletionListsLiveProcesses() throws {
        let sleeper = try Sleeper()
        let pid = String(sleeper.pid)
        func complete(_ shell: String, _ word: String) throws -> [String] {
            let line = [Harness.nstrace, "---completion", "trace", "--", "-p", "3", String(word.count),
                        "nstrace", "trace", "-p", word].map(Self.quote).joined(separator: " ")
            return try Self.sh(line, env: ["SAP_SHELL": shell]).stdout.split(separator: "\n").map(String.init)
        }
        #expect(try complete("bash", "").contains(pid))
        #expect(try complete("zsh", String(pid.dropLast())).contains("\(pid):sleep"))
        #expect(try complete("fish", "1,\(pid.dropLast())").contains("1,\(pid)\tsleep"))
        #expect(try complete("bash", "\(pid),").allSatisfy { !$0.hasSuffix(",\(pid)") })
    }

    /// bash, as `complete -F` calls the function: COMP_WORDS, COMP_CWORD, COMP_LINE, COMP_POINT.
    @Test func bashCompletesPidsOfTraceP() throws {
        let sleeper = try Sleeper()
        let script = Self.root.appendingPathComponent("docs/completions/nstrace.bash").path
        let prefix = String(String(sleeper.pid).dropLast())
        let snippet = """
            source \(Self.quote(script))
            COMP_WORDS=(nstrace trace -p \(prefix)); COMP_CWORD=3
            COMP_LINE="nstrace trace -p \(prefix)"; COMP_POINT=${#COMP_LINE}
            _nstrace nstrace \(prefix) -p
            printf '%s\\n' "${COMPREPLY[@]}"
            """
        let r = try Harness.run("/usr/bin/env", ["PATH=" + Self.binDir + ":/usr/bin:/bin", "/usr/bin/bash", "-c", snippet])
        #expect(r.stdout.split(separator: "\n").contains(Substring(String(sleeper.pid))), "\(r.stdout) \(r.stderr)")
    }

    static var binDir: String { URL(fileURLWithPath: Harness.nstrace).deletingLastPathComponent().path }

    /// zsh and fish complete only in an interactive shell (fish 3.6's `complete -C` cannot
    /// give the cursor position the script asks for): type `nstrace trace -p PREFIX<Tab>` into
    /// one on a pty and look for the pid on the screen.
    func interactive(_ shell: String, setup: (URL) throws -> String) throws {
        let sleeper = try Sleeper()
        let dir = Harness.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let command = try setup(dir)
        let prefix = String(String(sleeper.pid).dropLast())
        let r = try Self.sh("""
            (sleep 2; printf 'nstrace trace -p \(prefix)\\t'; sleep 4; printf '\\025exit\\r'; sleep 1) | script -qfc \(Self.quote(command)) /dev/null
            """, env: ["PATH": Self.binDir + ":/usr/bin:/bin", "HOME": dir.path, "TERM": "xterm"], timeout: 60)
        #expect(r.stdout.contains(String(sleeper.pid)), "\(shell) showed: \(r.stdout)")
    }

    @Test(.requires("zsh and script (apt-get install zsh bsdutils)", CLITests.has("/usr/bin/zsh") && CLITests.has("/usr/bin/script")))
    func zshCompletesPidsOfTraceP() throws {
        try interactive("zsh") { dir in
            let script = Self.root.appendingPathComponent("docs/completions/_nstrace").path
            try "autoload -U compinit\ncompinit -u -D\nsource \(Self.quote(script))\nPS1='> '\n"
                .write(to: dir.appendingPathComponent(".zshrc"), atomically: true, encoding: .utf8)
            return "env ZDOTDIR=\(Self.quote(dir.path)) zsh -i"
        }
    }

    @Test(.requires("fish and script (apt-get install fish bsdutils)", CLITests.has("/usr/bin/fish") && CLITests.has("/usr/bin/script")))
    func fishCompletesPidsOfTraceP() throws {
        try interactive("fish") { _ in
            let script = Self.root.appendingPathComponent("docs/completions/nstrace.fish").path
            return "fish --private --no-config -i -C \(Self.quote("source " + Self.quote(script)))"
        }
    }

    // MARK: graph --format perfetto

    /// A real record of several processes converts to trace JSON with one track per task.
    @Test func perfettoOfARealRecordHasOneTrackPerTask() throws {
        let dir = Harness.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let rec = dir.appendingPathComponent("p.jsonl").path, out = dir.appendingPathComponent("p.json").path
        let t = try Harness.nstrace(["trace", "-o", "/dev/null", "--record", rec, "--",
                                     "sh", "-c", "echo hi | cat; cat /no/such/file; true & wait"])
        #expect(t.status == 0, "\(t.stderr)")
        let g = try Harness.nstrace(["graph", rec, "--format", "perfetto", "-o", out])
        #expect(g.status == 0 && g.stdout.isEmpty, "\(g.stderr)")

        let top = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out))) as? [String: Any])
        #expect(top["displayTimeUnit"] as? String == "ns")
        let events = try #require(top["traceEvents"] as? [[String: Any]])
        let lines = try Harness.readRecord(URL(fileURLWithPath: rec))
        var tasks: [Int] = [], syscalls = 0
        for case .event(let e) in lines {
            if case .task(let task) = e { tasks.append(Int(task.pid)) }
            if case .syscall = e { syscalls += 1 }
        }
        #expect(tasks.count >= 4)
        let tracks = events.filter { $0["ph"] as? String == "M" && $0["name"] as? String == "thread_name" }
        #expect(tracks.compactMap { $0["tid"] as? Int } == tasks)
        let slices = events.filter { $0["ph"] as? String == "X" }
        #expect(slices.count == syscalls)
        for e in events where e["ph"] as? String != "M" {
            #expect(tasks.contains(e["tid"] as? Int ?? -1) && e["ts"] is Int, "\(e)")
        }
        // Slices of one task do not overlap (Perfetto needs them nested or apart).
        for tid in tasks {
            let mine = slices.filter { $0["tid"] as? Int == tid }
                .map { ($0["ts"] as? Int ?? 0, $0["dur"] as? Int ?? 0) }.sorted { $0.0 < $1.0 }
            for (a, b) in zip(mine, mine.dropFirst()) { #expect(a.0 + a.1 <= b.0, "task \(tid): \(a) overlaps \(b)") }
        }
        #expect(events.contains { $0["cat"] as? String == "exit" })
        #expect(slices.contains { ($0["args"] as? [String: Any])?["errno"] as? String == "ENOENT" })

        // ns has no timeline.
        let ns = try Harness.nstrace(["ns", "--format", "perfetto"])
        #expect(ns.status == 64)
    }
}
