import ArgumentParser
import NSCore
import NSLinux

extension NSTrace {
    /// `nstrace ns`: the namespaces of the live system.
    struct Ns: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "ns",
            abstract: "Show the live system's namespaces: who is in them, who holds them, what they show.",
            discussion: """
            Reads every process's /proc/PID/ns links, namespaces held only by an open fd or \
            a bind mount (ip netns add), ownership and parents (NS_GET_USERNS, NS_GET_PARENT), \
            and what each namespace shows, read from inside it: hostname, interfaces and \
            addresses (netlink), veth pairs between network namespaces, the root mount and \
            overlay layers, id maps, the cgroup root, time offsets.

            Examples:
              nstrace ns                              (a tree: user namespaces own the others)
              nstrace ns --format table               (lsns's columns, plus HELD-BY)
              nstrace ns --types net --format svg -o net.svg
              nstrace ns --pid 1234 --format dot
              nstrace ns --format json | jq '.namespaces[] | select(.id.type == "net")'
            """
        )

        @OptionGroup var out: GraphOutputOptions

        func validate() throws {
            if out.format == .perfetto {
                throw ValidationError("--format perfetto is a record's timeline: nstrace graph RECORD --format perfetto.")
            }
        }

        func run() throws {
            // The table shows lsns's columns: no facts from inside the namespaces, so no
            // netlink (libnl reads a network namespace's interfaces).
            let facts = out.format != .table
            requireLibraries((facts ? [.netlink] : []) + out.libraries)
            out.emit(LiveNamespaces.scan(facts: facts), title: "nstrace ns")
        }
    }
}
