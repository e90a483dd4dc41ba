import CLibLoad

/// The C libraries that only some subcommands use, loaded with dlopen when first used
/// (Sources/CLibLoad): `nstrace trace` starts without them. A command calls `require`
/// before it starts work, so a missing library is a one-line error naming the file and
/// its Debian package, not an exit half-way through (e.g. with a container set up).
public enum Library: CaseIterable, Sendable {
    case archive, graphviz, netlink, elf, nettle, unwind, bpf

    var c: nsl_library {
        switch self {
        case .archive: NSL_ARCHIVE
        case .graphviz: NSL_GRAPHVIZ
        case .netlink: NSL_NETLINK
        case .elf: NSL_ELF
        case .nettle: NSL_NETTLE
        case .unwind: NSL_UNWIND
        case .bpf: NSL_BPF
        }
    }

    /// "libarchive", "libgraphviz", ...
    public var name: String { String(cString: nsl_name(c)) }

    /// Whether this process has loaded it (tests of what a command loads).
    public var isLoaded: Bool { nsl_is_loaded(c) != 0 }

    /// Loads it now, if it is not loaded yet.
    public func load() throws(LibraryError) {
        var err = [CChar](repeating: 0, count: 512)
        if nsl_load(c, &err, err.count) != 0 {
            throw LibraryError(description: String(decoding: err.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
        }
    }

    /// Loads each of `libraries`; the first that cannot be loaded is the error.
    public static func require(_ libraries: [Library]) throws(LibraryError) {
        for l in libraries { try l.load() }
    }
}

/// "cannot load libarchive.so.13 (libarchive, Debian package libarchive13): ...".
public struct LibraryError: Error, CustomStringConvertible, Sendable {
    public let description: String
}
