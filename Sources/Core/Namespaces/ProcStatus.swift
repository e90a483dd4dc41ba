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
}
