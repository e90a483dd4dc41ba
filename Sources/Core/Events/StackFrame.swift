/// One frame of a task's stack (`-k`), as the unwinder (NSLinux's `StackUnwinder`) names
/// it; `StraceTextPrinter.stackTrace` lays it out as strace does.
public struct StackFrame: Equatable, Sendable {
    public var ip: UInt64
    /// The mapped file the address is in; nil when it is in none.
    public var path: String?
    public var symbol: String?
    public var symbolOffset: UInt64
    /// The address relative to the file (ip - mapping start + mapping offset).
    public var fileAddress: UInt64

    public init(ip: UInt64, path: String?, symbol: String?, symbolOffset: UInt64, fileAddress: UInt64) {
        self.ip = ip
        self.path = path
        self.symbol = symbol
        self.symbolOffset = symbolOffset
        self.fileAddress = fileAddress
    }
}
