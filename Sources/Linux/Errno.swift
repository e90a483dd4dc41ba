import Glibc
import NSCore

/// A failed system call: which operation, on what, and the errno.
public struct SystemError: Error, CustomStringConvertible, Equatable {
    public var operation: String
    public var errno: Int32

    public init(_ operation: String, errno: Int32 = Glibc.errno) {
        self.operation = operation
        self.errno = errno
    }

    public var description: String { "\(operation): \(ErrnoNames.text(errno))" }
}
