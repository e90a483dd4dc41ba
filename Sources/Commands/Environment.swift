import Glibc
import NSBuildInfo
import NSCore

/// Facts about the calling process and host, for the CLI.
enum Environment {
    /// This process's environment, as KEY=VALUE strings.
    static var current: [String] {
        var out: [String] = []
        var p = environ
        while let s = p.pointee {
            out.append(String(cString: s))
            p += 1
        }
        return out
    }

    /// The local time zone's offset from UTC now, in seconds.
    static var utcOffset: Int {
        var t = time(nil)
        var tmv = tm()
        localtime_r(&t, &tmv)
        return tmv.tm_gmtoff
    }

    static func uname() -> (release: String, machine: String, node: String) {
        var u = utsname()
        Glibc.uname(&u)
        func field<T>(_ v: T) -> String {
            withUnsafeBytes(of: v) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
        }
        return (field(u.release), field(u.machine), field(u.nodename))
    }

    /// RFC 3339 UTC with microseconds.
    static func rfc3339(_ epoch: Double) -> String {
        // Round to whole microseconds first, as the record's numbers are.
        let epoch = (epoch * 1_000_000).rounded() / 1_000_000
        var t = time_t(epoch.rounded(.down))
        var tmv = tm()
        gmtime_r(&t, &tmv)
        func two(_ v: Int32) -> String { v < 10 ? "0\(v)" : "\(v)" }
        let usec = min(999_999, Int(((epoch - epoch.rounded(.down)) * 1_000_000).rounded()))
        var us = String(usec)
        us = String(repeating: "0", count: max(0, 6 - us.count)) + us
        return "\(tmv.tm_year + 1900)-\(two(tmv.tm_mon + 1))-\(two(tmv.tm_mday))T"
            + "\(two(tmv.tm_hour)):\(two(tmv.tm_min)):\(two(tmv.tm_sec)).\(us)Z"
    }

    static func recordHeader(command: [String], attached: [Int32], startEpoch: Double) -> RecordHeader {
        let u = uname()
        return RecordHeader(command: command, attached: attached, start: rfc3339(startEpoch),
                            startEpoch: startEpoch, kernel: u.release, machine: u.machine,
                            hostname: u.node, tool: BuildInfo.versionLine)
    }
}
