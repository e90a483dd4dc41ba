import Foundation
import Glibc

/// What the integration test targets share: finding the built `nstrace`, temporary
/// directories, and running a program to completion as a subprocess (ptrace and wait are
/// per process, so the tracer never runs inside a test process).
public enum Subprocess {
    public struct Result {
        public var status: Int32
        public var stdout: String
        public var stderr: String
        public var timedOut: Bool
        public var stderrLines: [String] { stderr.split(separator: "\n").map(String.init) }
        public init(status: Int32, stdout: String, stderr: String, timedOut: Bool) {
            self.status = status
            self.stdout = stdout
            self.stderr = stderr
            self.timedOut = timedOut
        }
    }

    /// The package's root, from a file of a test target two levels below it.
    public static func packageRoot(testFile: String) -> URL {
        URL(fileURLWithPath: testFile).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    /// The nstrace binary next to the test bundle (or $NSTRACE_BIN).
    public static func nstrace(packageRoot: URL) -> String {
        if let env = ProcessInfo.processInfo.environment["NSTRACE_BIN"] { return env }
        let exe = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        var dir = exe.deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = dir.appendingPathComponent("nstrace").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            dir = dir.deletingLastPathComponent()
        }
        return packageRoot.appendingPathComponent(".build/debug/nstrace").path
    }

    /// A fresh temporary directory, mode 0755 whatever the umask (a test that drops to
    /// another user, or runs a container as one, must be able to enter it).
    public static func tempDir(prefix: String = "nstrace-test") -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        chmod(url.path, 0o755)
        return url
    }

    /// A copy of `binary` that any user can run: the build directory of a clone made under
    /// umask 077 (or in a private home) is not reachable by `nobody`. In a fresh 0755
    /// temporary directory, mode 0755; remove the directory (the path's parent) after use.
    public static func copyForAnyUser(_ binary: String) throws -> String {
        let dir = tempDir(prefix: "nstrace-bin")
        let copy = dir.appendingPathComponent(URL(fileURLWithPath: binary).lastPathComponent).path
        try FileManager.default.copyItem(atPath: binary, toPath: copy)
        chmod(copy, 0o755)
        return copy
    }

    /// A shell word: `sh -c` scripts quote every path they are given (a clone may live in
    /// a directory whose name has spaces).
    public static func shellQuote(_ s: String) -> String {
        "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    /// Runs a program to completion (SIGKILLed after `timeout` seconds). Output goes to
    /// files, not pipes: nothing to drain concurrently, and no size limit.
    public static func run(_ path: String, _ args: [String], timeout: Double, cwd: URL? = nil) throws -> Result {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: path)
        p.arguments = args
        if let cwd { p.currentDirectoryURL = cwd }
        let dir = tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let outURL = dir.appendingPathComponent("stdout"), errURL = dir.appendingPathComponent("stderr")
        FileManager.default.createFile(atPath: outURL.path, contents: nil)
        FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let out = try FileHandle(forWritingTo: outURL), err = try FileHandle(forWritingTo: errURL)
        defer { try? out.close(); try? err.close() }
        p.standardOutput = out
        p.standardError = err
        p.standardInput = FileHandle.nullDevice
        try p.runUnblocked()
        let deadline = Date().addingTimeInterval(timeout)
        var timedOut = false
        while p.isRunning {
            if Date() > deadline {
                timedOut = true
                kill(p.processIdentifier, SIGKILL)
                break
            }
            usleep(5_000)
        }
        p.waitUntilExit()
        let status = p.terminationReason == .uncaughtSignal ? 128 + p.terminationStatus : p.terminationStatus
        return Result(status: status,
                      stdout: String(decoding: (try? Data(contentsOf: outURL)) ?? Data(), as: UTF8.self),
                      stderr: String(decoding: (try? Data(contentsOf: errURL)) ?? Data(), as: UTF8.self),
                      timedOut: timedOut)
    }
}

extension Process {
    /// `run()` as a shell would start the program: with no signal blocked. Foundation starts
    /// a child with the signal mask of the thread that calls `run()`, and the threads tests
    /// run on (Dispatch's workers) block nearly every signal. nstrace hands the mask it was
    /// started with on to the command it traces, as strace does (SignalStateTests), so a
    /// command started through such a child would not end on SIGTERM, or wait for a SIGCHLD
    /// that stays pending. The calling thread's mask is cleared only while the child is made.
    public func runUnblocked() throws {
        var none = sigset_t(), old = sigset_t()
        sigemptyset(&none)
        pthread_sigmask(SIG_SETMASK, &none, &old)
        defer { pthread_sigmask(SIG_SETMASK, &old, nil) }
        try run()
    }
}
