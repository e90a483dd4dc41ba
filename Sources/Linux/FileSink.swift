import Glibc
import NSCore

/// Writes bytes to a file descriptor, whole (retrying short writes and EINTR).
public final class FileSink: OutputSink {
    public let fd: Int32
    private let owned: Bool
    /// The first write error, if any (EPIPE, ENOSPC): tracing goes on, the caller reports it.
    public private(set) var error: SystemError?

    public init(fd: Int32, owned: Bool = false) {
        self.fd = fd
        self.owned = owned
    }

    /// Creates (or truncates) `path` with `mode`, failing before anything is traced.
    public static func create(path: String, mode: mode_t, append: Bool = false) throws(SystemError) -> FileSink {
        let flags = O_WRONLY | O_CREAT | O_CLOEXEC | (append ? O_APPEND : O_TRUNC)
        let fd = open(path, flags, mode)
        guard fd >= 0 else { throw SystemError("cannot open '\(path)'") }
        // An existing file keeps its mode on open(); a record must not stay readable. Only a
        // regular file: `--record /dev/null` or `-o /dev/tty` must not chmod a device.
        var st = stat()
        if mode == 0o600, fstat(fd, &st) == 0, st.st_mode & S_IFMT == S_IFREG { _ = fchmod(fd, mode) }
        return FileSink(fd: fd, owned: true)
    }

    public func write(_ bytes: UnsafeRawBufferPointer) {
        guard var p = bytes.baseAddress, error == nil else { return }
        var left = bytes.count
        while left > 0 {
            let n = Glibc.write(fd, p, left)
            if n < 0 {
                if errno == EINTR { continue }
                error = SystemError("write", errno: errno)
                return
            }
            left -= n
            p += n
        }
    }

    deinit { if owned { close(fd) } }
}
