import FoundationEssentials
import Glibc
import NSCore

/// Reading a RECORD file named on the command line (`graph`, `compare`): the real reason
/// when it cannot be read, in one line, and never a block on a FIFO or an endless read of
/// a device.
enum RecordFile {
    /// The largest record read (it is parsed in memory): 2 GiB.
    static let maxBytes = 2 << 30

    enum Failure: Error, CustomStringConvertible {
        case errno(Int32)
        case notRegular(String)
        case tooLarge(Int)

        var description: String {
            switch self {
            case .errno(let e): return ErrnoNames.text(e)
            case .notRegular(let kind): return "not a regular file (\(kind))"
            case .tooLarge(let n): return "\(n) bytes, more than the \(RecordFile.maxBytes) bytes a record may have"
            }
        }
    }

    /// The whole file. Opened with O_NONBLOCK, so a FIFO without a writer cannot block the
    /// open; anything but a regular file is refused by fstat before a byte is read.
    static func read(_ path: String) throws(Failure) -> Data {
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY)
        if fd < 0 { throw .errno(errno) }
        defer { close(fd) }
        var st = stat()
        if fstat(fd, &st) != 0 { throw .errno(errno) }
        switch st.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFDIR: throw .errno(EISDIR)
        case S_IFIFO: throw .notRegular("a FIFO")
        case S_IFCHR: throw .notRegular("a character device")
        case S_IFBLK: throw .notRegular("a block device")
        case S_IFSOCK: throw .notRegular("a socket")
        default: throw .notRegular("mode \(String(st.st_mode & S_IFMT, radix: 8))")
        }
        if Int(st.st_size) > maxBytes { throw .tooLarge(Int(st.st_size)) }
        var data = Data(count: Int(st.st_size))
        var got = 0
        while true {
            if got == data.count {
                // The file grew while it was read: go on, within the bound.
                if data.count >= maxBytes { throw .tooLarge(data.count + 1) }
                data.count = min(maxBytes, max(data.count * 2, 65536))
            }
            let n = data.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress! + got, $0.count - got) }
            if n < 0 {
                if errno == EINTR { continue }
                throw .errno(errno)
            }
            if n == 0 { break }
            got += n
        }
        data.count = got
        return data
    }
}
