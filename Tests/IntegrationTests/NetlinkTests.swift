import Foundation
import Glibc
import Testing
import TestSupport

/// Netlink decoding against strace 6.1 itself: the same `ip` command traced by both, the
/// line of the netlink request compared byte for byte (issue 19). Each run gets a fresh
/// network namespace and veth pair named with the test's pid, removed afterwards.
@Suite(.serialized, .requires(Harness.root, Harness.isRoot), .requires(Harness.strace, Harness.hasStrace))
struct NetlinkTests {
    static let ip = "/usr/sbin/ip"
    let ns = "nstrace-nl-\(getpid())"
    let a = "nsnlA\(getpid())"
    let b = "nsnlB\(getpid())"

    /// Runs `ip ARGS` under `tracer` (strace or nstrace), with -e trace=sendmsg -s 1024,
    /// between `setup` and a cleanup that removes the namespace and the links; returns the
    /// trace's lines without pids.
    func traced(strace: Bool, setup: [[String]], _ args: [String]) throws -> [String] {
        let dir = Harness.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        cleanup()
        defer { cleanup() }
        for step in setup {
            let r = try Harness.run(Self.ip, step)
            try #require(r.status == 0, "ip \(step.joined(separator: " ")): \(r.stderr)")
        }
        let out = dir.appendingPathComponent("trace.txt").path
        let options = ["-e", "trace=sendmsg", "-s", "1024", "-o", out]
        let r = strace ? try Harness.run("/usr/bin/strace", ["-f"] + options + [Self.ip] + args)
                       : try Harness.nstrace(["trace", "--no-ns", "--color", "never"] + options + ["--", Self.ip] + args)
        try #require(r.status == 0, "\(strace ? "strace" : "nstrace") failed: \(r.stderr)")
        let text = try String(contentsOfFile: out, encoding: .utf8)
        return text.split(separator: "\n").map { String($0).replacingOccurrences(of: #"^[0-9]+ +"#, with: "", options: .regularExpression) }
    }

    func cleanup() {
        _ = try? Harness.run(Self.ip, ["link", "delete", a])
        _ = try? Harness.run(Self.ip, ["netns", "delete", ns])
    }

    /// The sendmsg carrying `marker`, its sequence number (ip's clock) blanked.
    func request(_ lines: [String], _ marker: String) throws -> String {
        let line = try #require(lines.first { $0.hasPrefix("sendmsg(") && $0.contains(marker) }, "no sendmsg with \(marker) in \(lines)")
        return line.replacingOccurrences(of: #"nlmsg_seq=[0-9]+"#, with: "nlmsg_seq=N", options: .regularExpression)
    }

    /// `ip link add A type veth peer name B netns NS`: RTM_NEWLINK with NLM_F_CREATE, the
    /// name, IFLA_LINKINFO's kind "veth" and the peer (its IFLA_NET_NS_FD inside
    /// IFLA_INFO_DATA, which strace 6.1 shows as bytes), as strace prints it.
    @Test func vethPairIntoANamespace() throws {
        let setup = [["netns", "add", ns]]
        let args = ["link", "add", a, "type", "veth", "peer", "name", b, "netns", ns]
        let expected = try request(traced(strace: true, setup: setup, args), "IFLA_LINKINFO")
        let got = try request(traced(strace: false, setup: setup, args), "IFLA_LINKINFO")
        #expect(got == expected)
        #expect(got.contains("nlmsg_type=RTM_NEWLINK, nlmsg_flags=NLM_F_REQUEST|NLM_F_ACK|NLM_F_EXCL|NLM_F_CREATE"))
        #expect(got.contains("nla_type=IFLA_IFNAME}, \"\(a)\"]"))
        #expect(got.contains("[{nla_len=8, nla_type=IFLA_INFO_KIND}, \"veth\"...]"))
        // The peer: VETH_INFO_PEER's ifinfomsg, IFLA_NET_NS_FD (type 0x1c), IFLA_IFNAME B.
        let peerName = b.utf8.map { "\\x" + String($0, radix: 16) }.joined()
        #expect(got.contains("nla_type=IFLA_INFO_DATA}, \"\\x2c\\x00\\x01\\x00"))
        #expect(got.contains("\\x08\\x00\\x1c\\x00") && got.contains(peerName))
    }

    /// `ip link set A netns NS`: IFLA_NET_NS_FD decoded, the interface named by its index.
    @Test func moveALinkIntoANamespace() throws {
        let setup = [["netns", "add", ns], ["link", "add", a, "type", "veth", "peer", "name", b]]
        let args = ["link", "set", a, "netns", ns]
        let expected = try request(traced(strace: true, setup: setup, args), "IFLA_NET_NS_FD")
        let got = try request(traced(strace: false, setup: setup, args), "IFLA_NET_NS_FD")
        #expect(got == expected)
        #expect(got.contains("ifi_index=if_nametoindex(\"\(a)\")"))
        #expect(got.range(of: #"\[\{nla_len=8, nla_type=IFLA_NET_NS_FD\}, [0-9]+\]"#, options: .regularExpression) != nil)
    }
}
