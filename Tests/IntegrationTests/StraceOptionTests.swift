import Foundation
import Glibc
import Testing
import TestSupport

/// strace's everyday options (issue 19) against strace 6.1 itself on the same programs:
/// `-X raw|abbrev|verbose`, `-x`/`-xx`/`--strings-in-hex`, `-z`/`-Z`/`-e status=`,
/// `-q`/`-qq`/`-e quiet=`. Only addresses and pids are normalised. Root; serialized.
@Suite(.serialized, .requires(Harness.root, Harness.isRoot), .requires(Harness.strace, Harness.hasStrace))
struct StraceOptionTests {
    /// Addresses (`0x7ffd…`) and pids differ between two runs.
    static func normalised(_ text: String) -> String {
        text.replacingOccurrences(of: #"0x[0-9a-f]{8,}"#, with: "ADDR", options: .regularExpression)
            .replacingOccurrences(of: #"si_pid=\d+"#, with: "si_pid=PID", options: .regularExpression)
            .replacingOccurrences(of: #"kill\(\d+"#, with: "kill(PID", options: .regularExpression)
            .replacingOccurrences(of: #"getrandom\("[^"]*""#, with: "getrandom(\"RANDOM\"", options: .regularExpression)
            .replacingOccurrences(of: #"(set_tid_address\(ADDR\) += )\d+"#, with: "$1TID", options: .regularExpression)
    }

    /// strace OPTIONS -o A -- CMD and nstrace trace --no-follow OPTIONS -o B -- CMD, normalised.
    /// `environment`: both tracers (and so the command) run with only these variables, as
    /// `env -i` starts them (the test process's environment is in no fixed order).
    func both(_ options: [String], _ command: [String], environment: [String]? = nil) throws -> (strace: String, nstrace: String) {
        let dir = Harness.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let s = dir.appendingPathComponent("strace.txt").path, n = dir.appendingPathComponent("nstrace.txt").path
        let env = environment.map { ["-i"] + $0 } ?? []
        let a = try Harness.run("/usr/bin/env", env + ["/usr/bin/strace"] + options + ["-o", s, "--"] + command)
        let b = try Harness.run("/usr/bin/env", env + [Harness.nstrace, "trace", "--no-follow"] + options + ["-o", n, "--"] + command)
        #expect(a.status == b.status, "\(a.stderr)\(b.stderr)")
        let read = { (p: String) in Self.normalised(String(decoding: FileManager.default.contents(atPath: p) ?? Data(), as: UTF8.self)) }
        return (read(s), read(n))
    }

    // MARK: -u

    /// -u USER: the command runs with the user's uid, gid and groups, as under strace -u
    /// (`nobody`, which Debian's base-passwd always has); a missing user, -u with -p, and -u
    /// without root are each one line and a non-zero exit.
    @Test func runAsAnotherUser() throws {
        let (s, n) = try both(["-u", "nobody", "-e", "trace=getuid,geteuid,getgid,getegid,getgroups"], ["/usr/bin/id"])
        #expect(n == s, "strace -u nobody:\n\(s)\nnstrace:\n\(n)")
        #expect(s.contains("getuid()") && s.contains("= 65534"))
        let missing = try Harness.nstrace(["trace", "-u", "no-such-user-of-nstrace", "--", "true"])
        #expect(missing.status == 1 && missing.stderr == "nstrace: -u no-such-user-of-nstrace: no such user\n")
        let attach = try Harness.nstrace(["trace", "-u", "nobody", "-p", "1"])
        #expect(attach.status == 64 && attach.stderr.contains("-u runs the command as another user"))
        // A copy nobody may run, whatever the modes of the checkout's directories.
        let dir = Harness.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let copy = dir.appendingPathComponent("nstrace").path
        try FileManager.default.copyItem(atPath: Harness.nstrace, toPath: copy)
        #expect(chmod(dir.path, 0o755) == 0 && chmod(copy, 0o755) == 0)
        let unprivileged = try Harness.run("/usr/bin/setpriv", ["--reuid=65534", "--regid=65534", "--clear-groups",
                                                                copy, "trace", "-u", "nobody", "--", "true"])
        #expect(unprivileged.status == 1 && unprivileged.stderr.hasSuffix("-u needs root (a command is started as another user by root only)\n"),
                "\(unprivileged.stderr)")
    }

    /// A shell script run as `sh -c SCRIPT sh ARGS...`.
    static func sh(_ script: String, _ args: String...) -> [String] { ["/bin/sh", "-c", script, "sh"] + args }

    // MARK: -X

    /// Flags (open, mmap, access modes), AT_FDCWD, signals and signal sets, SIG_DFL, and a
    /// delivered signal's siginfo, in each of strace's three styles.
    @Test(arguments: ["raw", "abbrev", "verbose"])
    func constantsInEachStyle(style: String) throws {
        let dir = Harness.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("f").path
        try Fixture.write("x", to: URL(fileURLWithPath: file))
        let script = #"trap 'echo usr1' USR1; kill -USR1 $$; exec 3<"$1"; exec 4<"$1.missing"; exit 3"#
        let (s, n) = try both(["-X", style, "-e", "trace=openat,rt_sigaction,kill,exit_group", "-e", "signal=USR1"],
                              Self.sh(script, file))
        #expect(n == s, "strace -X \(style):\n\(s)\nnstrace:\n\(n)")
        switch style {
        case "raw": #expect(s.contains("openat(-100, ") && s.contains("si_signo=10,") && !s.contains("O_RDONLY"))
        case "verbose": #expect(s.contains("-100 /* AT_FDCWD */") && s.contains("10 /* SIGUSR1 */") && s.contains("0 /* O_RDONLY */"))
        default: #expect(s.contains("AT_FDCWD") && s.contains("SIGUSR1") && !s.contains("/* "))
        }
    }

    /// Flags with several names, and a value with names and unknown bits.
    @Test(arguments: ["raw", "verbose"])
    func flagSetsInEachStyle(style: String) throws {
        let dir = Harness.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("new").path
        let (s, n) = try both(["-X", style, "-e", "trace=openat,mmap,munmap,access"], Self.sh(#"echo > "$1""#, file))
        #expect(n == s, "strace -X \(style):\n\(s)\nnstrace:\n\(n)")
        #expect(s.contains(style == "raw" ? "0x241" : "0x241 /* O_WRONLY|O_CREAT|O_TRUNC */"), "\(s)")
    }

    /// A whole program (ls -la: stat modes with their file type, a device's number, socket
    /// types, statx flags, rlimits, ioctls) in each style.
    @Test(arguments: ["raw", "abbrev", "verbose"])
    func wholeProgramInEachStyle(style: String) throws {
        let dir = Harness.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        try Fixture.write("x", to: dir.appendingPathComponent("file"))
        let (s, n) = try both(["-X", style], ["/bin/ls", "-la", dir.path, "/dev/null"])
        #expect(n == s, "strace -X \(style):\n\(s)\nnstrace:\n\(n)")
        #expect(s.contains("stx_mode="))
    }

    /// tar: a result's note (fcntl's `(flags ...)`) is never styled.
    @Test(arguments: ["raw", "verbose"])
    func notesOfResultsStayAsTheyAre(style: String) throws {
        let dir = Harness.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        try Fixture.write("x", to: dir.appendingPathComponent("file"))
        let (s, n) = try both(["-X", style, "-e", "trace=fcntl,openat,newfstatat"], ["/bin/tar", "cf", "/dev/null", dir.path])
        #expect(n == s, "strace -X \(style):\n\(s)\nnstrace:\n\(n)")
        #expect(s.contains("(flags O_RDONLY|"))
    }

    // MARK: -x, -xx, --strings-in-hex

    @Test(arguments: [["-x"], ["-xx"], ["-xxx"], ["--strings-in-hex=none"], ["--strings-in-hex=non-ascii"],
                      ["--strings-in-hex=non-ascii-chars"], ["--strings-in-hex=all"]])
    func stringsInHex(options: [String]) throws {
        let dir = Harness.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        // A name with a tab, a byte above 0x7e and a digit after an escaped byte.
        let odd = dir.path + "/d\u{e9}\t7"
        let plain = dir.path + "/plain"
        try Fixture.makeDirectory(URL(fileURLWithPath: odd))
        try Fixture.makeDirectory(URL(fileURLWithPath: plain))
        let (s, n) = try both(options + ["-e", "trace=chdir"], Self.sh(#"cd "$1"; cd "$2""#, odd, plain))
        #expect(n == s, "strace \(options):\n\(s)\nnstrace:\n\(n)")
        #expect(s.contains("chdir(\""), "\(s)")
    }

    // MARK: -z, -Z, -e status=

    @Test(arguments: [["-z"], ["-Z"], ["-e", "status=successful"], ["-e", "status=failed"],
                      ["-e", "status=unfinished"], ["-e", "status=!failed"], ["-e", "status=none"],
                      ["-e", "status=all"], ["-e", "status=failed,unfinished"]])
    func callsByStatus(options: [String]) throws {
        let (s, n) = try both(options + ["-e", "trace=chdir,exit_group"], Self.sh("cd /; cd /no/such 2>/dev/null; cd /tmp; exit 0"))
        #expect(n == s, "strace \(options):\n\(s)\nnstrace:\n\(n)")
        #expect(s.contains("+++ exited with 0 +++"))
    }

    // MARK: -q, -qq, -e quiet=

    @Test(arguments: [["-q"], ["-qq"], ["-qqq"], ["-e", "quiet=exit"], ["-e", "quiet=attach,exit"],
                      ["-e", "quiet=none"], ["-e", "quiet=!exit"]])
    func quietLines(options: [String]) throws {
        let (s, n) = try both(options + ["-e", "trace=chdir"], Self.sh("cd /; exit 4"))
        #expect(n == s, "strace \(options):\n\(s)\nnstrace:\n\(n)")
        #expect(s.contains("chdir(\"/\")"))
    }

    // MARK: -v, -e abbrev=

    /// execve's environment as strings (not cut at -s elements) and uname in full, or not.
    @Test(arguments: [["-v"], ["-e", "abbrev=none"], ["-e", "abbrev=uname"], ["-v", "-e", "abbrev=all"], []])
    func unabbreviated(options: [String]) throws {
        // A known environment: more entries than -s 4 strings, the same for both.
        let env = ["/usr/bin/env", "-i"] + (1...6).map { "V\($0)=value\($0)" }
        let (s, n) = try both(options + ["-s", "4", "-e", "trace=execve,uname"], env + ["/bin/uname", "-a"], environment: ["PATH=/usr/bin:/bin"])
        #expect(n == s, "strace \(options):\n\(s)\nnstrace:\n\(n)")
        #expect(s.contains("uname({sysname=\"Linux\""))
    }

    /// Sockets with -yy: a socketpair, a UNIX stream socket with a name, TCP and UDP on
    /// 127.0.0.1, as NETLINK_SOCK_DIAG reports them (inodes and ports differ between runs).
    @Test(.requires("python3 (Debian's, /usr/bin/python3)", FileManager.default.isExecutableFile(atPath: "/usr/bin/python3")))
    func socketsWithTheirEndpoints() throws {
        let dir = Harness.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let program = """
        import os, socket, sys
        d = sys.argv[1]
        try: os.unlink(d + "/us")
        except OSError: pass
        a, b = socket.socketpair(); a.send(b"x")
        s = socket.socket(socket.AF_UNIX); s.bind(d + "/us"); s.listen()
        c = socket.socket(socket.AF_UNIX); c.connect(d + "/us"); c.send(b"z")
        l = socket.socket(); l.bind(("127.0.0.1", 0)); l.listen()
        t = socket.socket(); t.connect(l.getsockname()); t.send(b"y")
        u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); u.connect(("127.0.0.1", 9)); u.send(b"w")
        """
        let (s, n) = try both(["-yy", "-e", "trace=sendto,bind,connect,listen"], ["/usr/bin/python3", "-I", "-S", "-B", "-c", program, dir.path])
        let numbers = { (t: String) in t.replacingOccurrences(of: #"\d{4,}"#, with: "N", options: .regularExpression) }
        #expect(numbers(n) == numbers(s), "strace -yy:\n\(s)\nnstrace:\n\(n)")
        #expect(s.contains("UNIX-STREAM:[") && s.contains("TCP:[127.0.0.1:") && s.contains("UDP:[127.0.0.1:"), "\(s)")
    }

    // MARK: -e read=, -e write=

    /// Hex dumps of what was read from and written to chosen descriptors: one byte at a
    /// time (the shell's read), and a longer write with a byte that is not printable.
    @Test(arguments: [["-e", "read=0"], ["-e", "write=1"], ["-e", "read=0,3", "-e", "write=all"], ["-e", "write=!1"],
                      ["-e", "read=none", "-e", "write=none"]])
    func dumpsOfReadAndWrittenData(options: [String]) throws {
        let dir = Harness.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("data")
        try Fixture.write("line one\nand a second line, longer than sixteen bytes\u{1}\n", to: file)
        // cat runs untraced (no -f); the shell reads its first line byte by byte, then writes.
        let script = #"read x < "$1"; echo "$x and more than sixteen bytes"; cat "$1" >/dev/null"#
        let (s, n) = try both(options + ["-e", "trace=read,write"], Self.sh(script, file.path))
        #expect(n == s, "strace \(options):\n\(s)\nnstrace:\n\(n)")
        #expect(s.contains("read(0, \"l\", 1)"))
    }

    // MARK: -yy

    /// A character device's numbers after its path with -yy, the path alone with -y, and
    /// each part alone with -e decode-fds=.
    @Test(arguments: [["-y"], ["-yy"], ["-e", "decode-fds=dev"], ["-e", "decode-fds=path"], ["-e", "decode-fds=all"],
                      ["-e", "decode-fds=none"], ["-e", "decode-fds=pidfd"], ["-e", "decode-fds=!path"]])
    func devicesWithTheirNumbers(options: [String]) throws {
        let (s, n) = try both(options + ["-e", "trace=openat,dup2,fcntl,close"],
                              Self.sh("exec 9>>/dev/full; exec 8>&9; exec 8>&-; exec 9>&-"))
        #expect(n == s, "strace \(options):\n\(s)\nnstrace:\n\(n)")
        #expect(s.contains("dup2(9"), "\(s)")
    }

    // MARK: -c with -S and -w

    /// The rows of the -c table (name, calls, errors), in the order -S asks for; times
    /// differ between runs and are left out.
    static func tableRows(_ text: String) -> [[String]] {
        var rows: [[String]] = []
        for line in text.split(separator: "\n") {
            let f: [String] = line.split(separator: " ").map(String.init)
            guard f.count >= 5, Double(f[0]) != nil, f[f.count - 1] != "total" else { continue }
            rows.append(f.count == 6 ? [f[5], f[3], f[4]] : [f[4], f[3], ""])
        }
        return rows
    }

    @Test(arguments: ["calls", "name", "errors", "nothing", "count", "syscall"])
    func summarySortedAsStrace(sortBy: String) throws {
        let script = "cd /no/such 2>/dev/null; cd / ; cd /no/such 2>/dev/null; exec 3</dev/null; exec 3<&-; true"
        let (s, n) = try both(["-c", "-w", "-S", sortBy], Self.sh(script))
        #expect(Self.tableRows(n) == Self.tableRows(s), "strace -S \(sortBy):\n\(s)\nnstrace:\n\(n)")
        #expect(Self.tableRows(s).count > 5)
    }

    // MARK: -E

    /// The command's environment changed in order: replaced in place, appended, removed
    /// (every entry of the name), as strace makes it; seen in execve's environment (-v).
    @Test(arguments: [["-E", "A=1"], ["-E", "B=x", "-E", "C=3"], ["-E", "B"], ["-E", "B", "-E", "B=again"], ["-E", "PATH"]])
    func environmentChanges(changes: [String]) throws {
        let (s, n) = try both(["-v", "-e", "trace=execve"] + changes, ["/bin/true"], environment: ["PATH=/usr/bin:/bin", "B=2", "Z=z", "B=dup"])
        #expect(n == s, "strace \(changes):\n\(s)\nnstrace:\n\(n)")
        #expect(s.contains("execve(\"/bin/true\""))
    }

    // MARK: -e verbose=

    /// Outside the verbose set, structures and arrays by their address (execve's argv and
    /// environment too); strings still read.
    @Test(arguments: [["-e", "verbose=none"], ["-e", "verbose=!execve"], ["-e", "verbose=uname,read"], ["-e", "verbose=all"]])
    func verboseSet(options: [String]) throws {
        let (s, n) = try both(options + ["-e", "trace=execve,uname,newfstatat,read"], ["/bin/uname", "-a"],
                              environment: ["PATH=/usr/bin:/bin"])
        #expect(n == s, "strace \(options):\n\(s)\nnstrace:\n\(n)")
        #expect(s.contains("execve(\"/bin/uname\", "))
    }

    // MARK: -Y

    /// Process ids with their command names, in the -f prefix and in pid arguments and
    /// results, renamed by execve and prctl(PR_SET_NAME) (under the seccomp fast path too:
    /// -e trace= selects neither); a `<` or `>` in a name in octal.
    @Test(arguments: [["-Y"], ["-e", "decode-pids=comm"]])
    func pidsWithCommandNames(options: [String]) throws {
        let dir = Harness.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let s = dir.appendingPathComponent("strace.txt").path, n = dir.appendingPathComponent("nstrace.txt").path
        let script = "kill -0 $$; (kill -0 $$; exec /usr/bin/python3 -c 'import ctypes, os; ctypes.CDLL(None).prctl(15, b\"a<b>\"); os.kill(os.getpid(), 0)'); kill -0 $$"
        let command = ["/bin/sh", "-c", script]
        let a = try Harness.run("/usr/bin/strace", ["-f"] + options + ["-e", "trace=kill,getpid", "-o", s, "--"] + command)
        let b = try Harness.run(Harness.nstrace, ["trace", "-f"] + options + ["-e", "trace=kill,getpid", "-o", n, "--"] + command)
        #expect(a.status == 0 && b.status == 0, "\(a.stderr)\(b.stderr)")
        let read = { (p: String) in
            String(decoding: FileManager.default.contents(atPath: p) ?? Data(), as: UTF8.self)
                .replacingOccurrences(of: #"\d+<"#, with: "PID<", options: .regularExpression)
                .replacingOccurrences(of: #"(?m)^\d+ "#, with: "PID ", options: .regularExpression)
                .replacingOccurrences(of: #"si_pid=\d+"#, with: "si_pid=PID", options: .regularExpression)
                .replacingOccurrences(of: #"si_([us])time=[^,}]*"#, with: "si_$1time=T", options: .regularExpression)
                .replacingOccurrences(of: #" +="#, with: " =", options: .regularExpression)   // pids' widths differ
        }
        let (st, nt) = (read(s), read(n))
        #expect(nt == st, "strace \(options):\n\(st)\nnstrace:\n\(nt)")
        #expect(st.contains("PID<sh> kill(PID<sh>, 0)") && st.contains("PID<a\\74b\\76> kill(PID<a\\74b\\76>, 0)"), "\(st)")
    }

    // MARK: -e inject=, -e fault=

    /// Calls not made: their result or error given, `(INJECTED)` after it, chosen by when=,
    /// a signal with them; memory poked (`INJECTED: args`); only the calls -e trace= shows.
    @Test(arguments: [["-e", "fault=getpid:when=1..2"], ["-e", "inject=getpid:error=EPERM:when=2+2"],
                      ["-e", "inject=getpid:retval=7:when=3"], ["-e", "inject=getpid:retval=7:signal=USR1:when=3"],
                      ["-e", "inject=getpid,getppid:retval=7"], ["-e", "inject=uname:poke_exit=@arg1=41424344"]])
    func injectedCalls(options: [String]) throws {
        let program = ["/usr/bin/python3", "-c", "import os\nfor i in range(6): print(os.getpid(), os.getppid())\nos.uname()"]
        let pids = { (t: String) in t.replacingOccurrences(of: #"(getpid\(\) += )[0-9]+"#, with: "$1PID", options: .regularExpression) }
        let (s, n) = try both(options + ["-e", "trace=getpid,uname"], program)
        #expect(pids(n) == pids(s), "strace \(options):\n\(s)\nnstrace:\n\(n)")
        #expect(s.contains(" (INJECTED"))
    }

    // MARK: -e raw=

    /// Chosen calls undecoded: every argument and the result in hex (errors as usual).
    @Test(arguments: [["-e", "raw=openat,read"], ["-e", "raw=all"], ["-e", "raw=%file"], ["-e", "raw=!read"]])
    func rawCalls(options: [String]) throws {
        let (s, n) = try both(options + ["-e", "trace=openat,read,close"], ["/bin/cat", "/no/such", "/dev/null"])
        #expect(n == s, "strace \(options):\n\(s)\nnstrace:\n\(n)")
        #expect(s.contains(" = -1 ENOENT") && s.contains("(ADDR, "))
    }

    // MARK: -n

    /// The task's last syscall number before each line, also before signal and exit lines
    /// (from calls not shown).
    @Test(arguments: [["-n", "-e", "trace=chdir,kill"], ["-n", "-e", "trace=chdir"], ["-n", "-e", "trace=none"]])
    func syscallNumbers(options: [String]) throws {
        let (s, n) = try both(options + ["-e", "signal=USR1"], Self.sh("trap 'cd /' USR1; cd /tmp; kill -USR1 $$; exit 2"))
        #expect(n == s, "strace \(options):\n\(s)\nnstrace:\n\(n)")
        #expect(s.contains("[  62] --- SIGUSR1") && s.contains("+++ exited with 2 +++"), "\(s)")
    }

    // MARK: -r

    /// The time since the previous line, right-aligned, also with the time of day (-t):
    /// its layout, the times themselves differ between runs.
    @Test(arguments: [["-r"], ["-t", "-r"], ["-tt", "-r", "-T"]])
    func relativeTimestamps(options: [String]) throws {
        let (s, n) = try both(options + ["-e", "trace=chdir,exit_group"], Self.sh("cd /; cd /tmp; exit 0"))
        let times = { (t: String) in
            t.replacingOccurrences(of: #"\d\d:\d\d:\d\d(\.\d{6})?"#, with: "TIME", options: .regularExpression)
                .replacingOccurrences(of: #"\.\d{6}"#, with: ".NNNNNN", options: .regularExpression)
        }
        #expect(times(n) == times(s), "strace \(options):\n\(s)\nnstrace:\n\(n)")
        #expect(s.contains("     0.000000 ") || s.contains("(+     0.000000) "))
    }

    // MARK: -P

    /// Calls on the path (openat, access, stat) and on descriptors open on it (read,
    /// dup2, fstat, close), the others left out; a second -P; a path that does not exist.
    @Test(arguments: [["one"], ["one", "two"], ["missing"]])
    func callsTouchingAPath(paths: [String]) throws {
        let dir = Harness.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        for name in ["one", "two", "other"] { try Fixture.write(name, to: dir.appendingPathComponent(name)) }
        let script = #"for f in one two other; do read x < "$1/$f"; exec 7<"$1/$f"; exec 8<&7; exec 7<&-; exec 8<&-; done; [ -e "$1/missing" ]; exit 0"#
        let options = paths.flatMap { ["-P", dir.appendingPathComponent($0).path] }
        let (s, n) = try both(options, Self.sh(script, dir.path))
        #expect(n == s, "strace \(options):\n\(s)\nnstrace:\n\(n)")
        #expect(s.contains(paths[0]))
        #expect(!s.contains("other"))
    }

    /// A relative -P is matched by what it resolves to too, and both say so on stderr
    /// (not with -e quiet=path-resolution).
    @Test(arguments: [[], ["-e", "quiet=path-resolution"]])
    func relativePathIsResolved(options: [String]) throws {
        let dir = Harness.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        try Fixture.write("x", to: dir.appendingPathComponent("rel"))
        let out = dir.appendingPathComponent("out").path
        let command = Self.sh(#"cat "$1"/rel"#, dir.path)
        let a = try Harness.run("/usr/bin/strace", options + ["-P", "rel", "-o", out + ".s", "--"] + command, cwd: dir)
        let b = try Harness.run(Harness.nstrace, ["trace", "--no-follow"] + options + ["-P", "rel", "-o", out + ".n", "--"] + command, cwd: dir)
        // "/usr/bin/strace: Requested path ..." and "nstrace: Requested path ...".
        let said = { (e: String) -> [String] in
            e.split(separator: "\n").compactMap { line in line.firstRange(of: ": Requested path ").map { String(line[$0.lowerBound...]) } }
        }
        #expect(said(a.stderr) == said(b.stderr), "\(a.stderr)\n\(b.stderr)")
        #expect(said(a.stderr).isEmpty == !options.isEmpty)
        let read = { (p: String) in Self.normalised(String(decoding: FileManager.default.contents(atPath: p) ?? Data(), as: UTF8.self)) }
        #expect(read(out + ".s") == read(out + ".n"))
    }

    // MARK: usage errors (exit 64, one line)

    @Test(arguments: [["-z", "-Z"], ["-X", "bogus"], ["-q", "-e", "quiet=exit"], ["-e", "quiet=bogus"],
                      ["-e", "status=bogus"], ["-z", "-e", "status=failed"], ["-x", "--strings-in-hex=all"],
                      ["--strings-in-hex=some"],
                      ["--bpf", "-e", "inject=write:error=EIO"], ["-e", "read=x"], ["-c", "-S", "bogus"], ["-E", "=x"],
                      ["-y", "-e", "decode-fds=path"], ["-e", "decode-fds=bogus"]])
    func conflictingOrInvalidOptions(options: [String]) throws {
        let r = try Harness.nstrace(["trace"] + options + ["--", "/bin/true"])
        #expect(r.status == 64, "\(options): \(r.stderr)")
    }
}
