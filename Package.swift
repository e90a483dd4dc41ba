// swift-tools-version: 6.0
import PackageDescription

// Layers, bottom to top (see docs/architecture.md):
//   C targets  CShim (fixed-arity wrappers), CSeccomp, CUnwind, CGraphviz (system libraries)
//   NSCore     pure logic: syscall catalog and decoders, events, record codec, filters, printers
//   NSLinux    typed wrappers over the kernel: ptrace, tracee memory, /proc, spawning
//   NSTracer   the ptrace loop on its own thread; stops become events
//   NSCommands one ArgumentParser command per file
//   nstrace    @main only
// The tracer's hot path (a stop, its decoding, the printer's buffer) runs in these modules:
// in release builds they leave out Swift's dynamic exclusivity checks (a begin/end access
// call pair on every class property mutated, ~7% of the tracer's user time in a full
// trace; see docs/performance.md). Debug builds, and so the tests, keep them.
let hotPath: [SwiftSetting] = [.unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release))]

// libnl's headers are beneath their own directory (pkg-config --cflags libnl-route-3.0 says
// so). Its system-library module has no pkg-config name: that would link libnl into the
// binary, which loads it only when first used (Sources/CLibLoad).
let libnlHeaders = "/usr/include/libnl3"

let package = Package(
    name: "nstrace",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "nstrace", targets: ["nstrace"]),
        // For the libFuzzer harnesses in Fuzz/ (a package of its own, built only by
        // `make fuzz` with -sanitize=fuzzer): the parts that read untrusted input.
        .library(name: "NSCore", targets: ["NSCore"]),
        .library(name: "NSImage", targets: ["NSImage"]),
        // The oracles the escaping tests and the fuzz targets share (DotSyntax, the inverse
        // of the terminal escapes): one copy for both.
        .library(name: "TestOracles", targets: ["TestOracles"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        .target(
            name: "CShim",
            path: "Sources/CShim",
            cSettings: [.define("_GNU_SOURCE")]
        ),
        .systemLibrary(name: "CSeccomp", path: "Sources/CSeccomp", pkgConfig: "libseccomp",
                       providers: [.apt(["libseccomp-dev"])]),
        // The libraries only some subcommands use: header-only modules here; the binary does
        // not link them. CLibLoad has a stub per function used, which loads the library with
        // dlopen at its first call (docs/architecture.md, "Libraries loaded when first used").
        .systemLibrary(name: "CUnwind", path: "Sources/CUnwind"),
        .systemLibrary(name: "CGraphviz", path: "Sources/CGraphviz"),
        .systemLibrary(name: "CArchive", path: "Sources/CArchive"),
        .systemLibrary(name: "CElf", path: "Sources/CElf"),
        .systemLibrary(name: "CNettle", path: "Sources/CNettle"),
        .systemLibrary(name: "CNetlink", path: "Sources/CNetlink"),
        .target(
            name: "CLibLoad",
            dependencies: ["CUnwind", "CGraphviz", "CArchive", "CElf", "CNettle", "CNetlink"],
            path: "Sources/CLibLoad",
            cSettings: [.unsafeFlags(["-I" + libnlHeaders])]
        ),
        .target(
            name: "CUnwindShim",
            dependencies: ["CUnwind", "CLibLoad"],
            path: "Sources/CUnwindShim"
        ),
        .target(
            name: "NSCore",
            dependencies: ["CShim"],
            path: "Sources/Core",
            swiftSettings: hotPath
        ),
        .target(
            name: "NSLinux",
            dependencies: ["CShim", "CSeccomp", "CNetlink", "CUnwindShim", "CElf", "CLibLoad", "NSCore"],
            path: "Sources/Linux",
            // Netlink.swift and LiveNamespaces.swift import CNetlink `internal`ly, so only
            // this module's importer needs libnl's header path.
            swiftSettings: hotPath + [.unsafeFlags(["-Xcc", "-I" + libnlHeaders])]
        ),
        .target(
            name: "CImageShim",
            path: "Sources/CImageShim",
            cSettings: [.define("_GNU_SOURCE")]
        ),
        .target(
            name: "NSImage",
            dependencies: ["CArchive", "CElf", "CImageShim", "CNettle", "CLibLoad", "NSCore"],
            path: "Sources/Image"
        ),
        .target(
            name: "NSRun",
            dependencies: ["CShim", "NSLinux", "NSCore", "NSImage"],
            path: "Sources/Run"
        ),
        .target(
            // nstrace compare's pure part: two records → a report, and its views.
            name: "NSCompare",
            dependencies: ["NSCore"],
            path: "Sources/Compare"
        ),
        .target(
            name: "NSRender",
            dependencies: ["CGraphviz", "CLibLoad"],
            path: "Sources/Render"
        ),
        .target(
            // The explorer (`graph --format html`): one self-contained page per trace. The
            // page's model, escaping and assembly; its HTML, CSS and JS are files in
            // Sources/Explorer/Assets, made into string constants at build time.
            name: "NSExplorer",
            dependencies: ["NSCore", "NSRender", "CArchive", "CNettle", "CLibLoad"],
            path: "Sources/Explorer",
            exclude: ["Assets"],
            plugins: ["ExplorerAssets"]
        ),
        .plugin(
            name: "ExplorerAssets",
            capability: .buildTool(),
            path: "Plugins/ExplorerAssets"
        ),
        .target(
            name: "NSTracer",
            dependencies: ["NSLinux", "NSCore", "CShim"],
            path: "Sources/Tracer",
            swiftSettings: hotPath
        ),
        // trace --bpf (docs/bpf.md): the BPF programs (Sources/CBPF/bpf, built by the Makefile
        // into Sources/CBPF/generated: vmlinux.h, the object, its libbpf skeleton, its minimal BTF) and the
        // C shim that loads them; libbpf itself is loaded on first use (CLibLoad). Without the
        // generated skeleton the shim builds without the programs and says so.
        .target(
            name: "CBPF",
            dependencies: ["CLibLoad"],
            path: "Sources/CBPF",
            exclude: ["bpf", "generated"]
        ),
        .target(
            // The Swift side of --bpf: the session over the shim, the capture table, the
            // events read back into the printer, the record and the summary.
            name: "NSBPF",
            dependencies: ["CBPF", "CShim", "NSTracer", "NSLinux", "NSCore"],
            path: "Sources/BPF",
            swiftSettings: hotPath
        ),
        .target(
            // `nstrace compare`'s live runs: each side traced into a record and a side file
            // (then read back by NSCompare, as `compare A B` reads two records).
            name: "NSCompareLive",
            dependencies: ["NSCompare", "NSTracer", "NSRun", "NSLinux", "NSCore"],
            path: "Sources/CompareLive"
        ),
        .target(
            name: "NSCommands",
            dependencies: [
                "NSTracer", "NSBPF", "NSLinux", "NSCore", "NSImage", "NSRender", "NSRun", "NSCompare", "NSCompareLive",
                "NSExplorer", "NSBuildInfo",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Sources/Commands"
        ),
        // `nstrace --version` with the git commit (docs/cli.md): the plugin writes
        // `git describe --always --dirty` into a generated file whenever the commit or a
        // source file changed.
        .plugin(
            name: "GitVersion",
            capability: .buildTool(),
            path: "Plugins/GitVersion"
        ),
        .target(
            name: "NSBuildInfo",
            path: "Sources/BuildInfo",
            plugins: ["GitVersion"]
        ),
        .executableTarget(
            name: "nstrace",
            dependencies: ["NSCommands", "NSBuildInfo"],
            path: "Sources/nstrace"
        ),
        .testTarget(
            name: "CoreTests",
            // NSLinux for SyscallNames (libseccomp): the spec table's rows are checked against it.
            dependencies: ["NSCore", "NSLinux", "TestSupport", "TestOracles"],
            path: "Tests/CoreTests",
            resources: [.copy("Golden")]
        ),
        .target(
            name: "TestSupport",
            path: "Tests/TestSupport"
        ),
        .target(
            name: "TestOracles",
            dependencies: ["NSCore"],
            path: "Tests/TestOracles"
        ),
        .testTarget(
            name: "ExplorerTests",
            dependencies: ["NSExplorer", "NSCore", "TestSupport"],
            path: "Tests/ExplorerTests"
        ),
        .testTarget(
            name: "ImageTests",
            dependencies: ["NSImage", "NSCore", "TestSupport"],
            path: "Tests/ImageTests"
        ),
        .testTarget(
            name: "RunPlanTests",
            dependencies: ["NSRun"],
            path: "Tests/RunPlanTests"
        ),
        .testTarget(
            name: "SystemLibraryTests",
            dependencies: ["CSeccomp", "CUnwind", "CGraphviz", "CLibLoad", "NSRender"],
            path: "Tests/SystemLibraryTests"
        ),
        .testTarget(
            // trace --bpf's events and capture table read back without a kernel.
            name: "BPFUnitTests",
            dependencies: ["NSBPF", "NSCore", "CBPF"],
            path: "Tests/BPFUnitTests"
        ),
        .testTarget(
            name: "CompareTests",
            dependencies: ["NSCompare", "NSCore", "TestSupport"],
            path: "Tests/CompareTests",
            resources: [.copy("Golden")]
        ),
        .target(
            // The scripted kernel the loop's tests run it against (FakeKernel).
            name: "TracerTestSupport",
            dependencies: ["NSLinux", "NSCore", "CShim"],
            path: "Tests/TracerTestSupport"
        ),
        .testTarget(
            // The ptrace loop driven by a script of stops: no tracee, no ptrace.
            name: "TracerTests",
            dependencies: ["NSTracer", "TracerTestSupport", "NSLinux", "NSCore", "CShim", "NSCompareLive", "NSCompare"],
            path: "Tests/TracerTests"
        ),
        .testTarget(
            name: "IntegrationTests",
            dependencies: ["NSCore", "NSCompare", "TestSupport"],
            path: "Tests/IntegrationTests"
        ),
    ]
)
