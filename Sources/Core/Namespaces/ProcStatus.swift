import Glibc

/// Fields of a `/proc/PID/status` text, read as the kernel's bytes.
///
/// Not as a Swift String split into Characters: the `Name:` line holds the task's comm,
/// which the task chooses (`prctl(PR_SET_NAME)`, its file name), and the kernel escapes
/// only `\n` and `\` in it. A comm ending in `\r` made `"\r\n"` one Character, so a
/// Character-level split by `"\n"` glued the next line to the name and lost it.
public enum ProcStatus {
    /// The value of the field `name` ("Tgid", "PPid", "NSpid", "TracerPid"...): the bytes
    /// after `name:` on the line that starts with it, spaces and tabs around them removed;
    /// nil when no line starts with `name:`.
    public static func field(_ status: [UInt8], _ name: String) -> String? {
        let key = Array(name.utf8) + [UInt8(ascii: ":")]
        var start = 0
        while start < status.count {
            var end = start
            while end < status.count && status[end] != 0x0A { end += 1 }
            if end - start >= key.count && status[start..<start + key.count].elementsEqual(key) {
                var a = start + key.count, b = end
                while a < b && (status[a] == 0x20 || status[a] == 0x09) { a += 1 }
                while b > a && (status[b - 1] == 0x20 || status[b - 1] == 0x09) { b -= 1 }
                return String(decoding: status[a..<b], as: UTF8.self)
            }
            start = end + 1
        }
        return nil
    }

    /// The fields of a process that `ns` shows.
    public struct Summary: Equatable, Sendable {
        public var name = "?"
        public var ppid: Int32?
        public var uid: UInt32?
        public var nspid: [Int32] = []
        public init(name: String = "?", ppid: Int32? = nil, uid: UInt32? = nil, nspid: [Int32] = []) {
            self.name = name
            self.ppid = ppid
            self.uid = uid
            self.nspid = nspid
        }
    }

    /// The fields of /proc/PID/status that `ns` shows, read as bytes: lines end at "\n"
    /// only (a comm may end in "\r", which as a Swift Character would swallow the "\n"),
    /// and no String is made of a line that is not needed.
    public static func summary(_ bytes: [UInt8]) -> Summary {
        var f = Summary()
        bytes.withUnsafeBufferPointer { b in
            var start = 0
            while start < b.count {
                var end = start
                while end < b.count && b[end] != 0x0A { end += 1 }
                let line = UnsafeBufferPointer(rebasing: b[start..<end])
                if let v = value(line, "Name:") {
                    // The comm after the tab that follows the colon, as the kernel wrote it.
                    let name = v.first == 0x09 ? UnsafeBufferPointer(rebasing: v.dropFirst()) : v
                    f.name = String(decoding: name, as: UTF8.self)
                } else if let v = value(line, "PPid:") {
                    f.ppid = numbers(v).first.map { Int32(truncatingIfNeeded: $0) }
                } else if let v = value(line, "Uid:") {
                    f.uid = numbers(v).first.map { UInt32(truncatingIfNeeded: $0) }
                } else if let v = value(line, "NSpid:") {
                    f.nspid = numbers(v).map { Int32(truncatingIfNeeded: $0) }
                }
                start = end + 1
            }
        }
        if f.ppid == 0 { f.ppid = nil }
        return f
    }

    /// The bytes after `key` when `line` starts with it.
    private static func value(_ line: UnsafeBufferPointer<UInt8>, _ key: StaticString) -> UnsafeBufferPointer<UInt8>? {
        let k = UnsafeBufferPointer(start: key.utf8Start, count: key.utf8CodeUnitCount)
        guard line.count >= k.count, memcmp(line.baseAddress!, k.baseAddress!, k.count) == 0 else { return nil }
        return UnsafeBufferPointer(rebasing: line[k.count...])
    }

    /// The decimal numbers of a line, separated by spaces and tabs.
    private static func numbers(_ v: UnsafeBufferPointer<UInt8>) -> [UInt64] {
        var out: [UInt64] = []
        var current: UInt64?
        for c in v {
            if c >= 0x30 && c <= 0x39 {
                current = (current ?? 0) &* 10 &+ UInt64(c - 0x30)
            } else {
                if let n = current { out.append(n) }
                current = nil
            }
        }
        if let n = current { out.append(n) }
        return out
    }
}
