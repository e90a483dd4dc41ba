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

let package = Package(
    name: "nstrace",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "nstrace", targets: ["nstrace"]),
        // For the libFuzzer harnesses in Fuzz/ (a package of its own, built only by
        // `make fuzz` with -sanitize=fuzzer): the parts that read untrusted input.
        .library(name: "NSCore", targets: ["NSCore"]),
        .library(name: "NSImage", targets: ["NSImage"]),
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
        .systemLibrary(name: "CUnwind", path: "Sources/CUnwind", pkgConfig: "libunwind-ptrace",
                       providers: [.apt(["libunwind-dev"])]),
        .systemLibrary(name: "CGraphviz", path: "Sources/CGraphviz", pkgConfig: "libgvc",
                       providers: [.apt(["libgraphviz-dev"])]),
        .systemLibrary(name: "CNetlink", path: "Sources/CNetlink", pkgConfig: "libnl-route-3.0",
                       providers: [.apt(["libnl-route-3-dev"])]),
        .systemLibrary(name: "CArchive", path: "Sources/CArchive", pkgConfig: "libarchive",
                       providers: [.apt(["libarchive-dev"])]),
        .systemLibrary(name: "CElf", path: "Sources/CElf", pkgConfig: "libelf",
                       providers: [.apt(["libelf-dev"])]),
        // SHA-256 of image blobs and layers (libarchive already links nettle on Debian).
        .systemLibrary(name: "CNettle", path: "Sources/CNettle", pkgConfig: "nettle",
                       providers: [.apt(["nettle-dev"])]),
        .target(
            name: "CUnwindShim",
            dependencies: ["CUnwind"],
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
            dependencies: ["CShim", "CSeccomp", "CNetlink", "CUnwindShim", "CElf", "NSCore"],
            path: "Sources/Linux",
            swiftSettings: hotPath,
            // Debian 12's libunwind-ptrace uses lzma_* without declaring it (GUIDE §1).
            linkerSettings: [.linkedLibrary("lzma")]
        ),
        .target(
            name: "CImageShim",
            path: "Sources/CImageShim",
            cSettings: [.define("_GNU_SOURCE")]
        ),
        .target(
            name: "NSImage",
            dependencies: ["CArchive", "CElf", "CImageShim", "CNettle", "NSCore"],
            path: "Sources/Image"
        ),
        .target(
            name: "NSRun",
            dependencies: ["CShim", "NSLinux", "NSCore", "NSImage", "NSCompare"],
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
            dependencies: ["CGraphviz"],
            path: "Sources/Render"
        ),
        .target(
            name: "NSTracer",
            dependencies: ["NSLinux", "NSCore", "CShim"],
            path: "Sources/Tracer",
            swiftSettings: hotPath
        ),
        .target(
            name: "NSCommands",
            dependencies: [
                "CShim", "NSTracer", "NSLinux", "NSCore", "NSImage", "NSRender", "NSRun", "NSCompare",
                "NSBuildInfo",
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
            dependencies: ["NSCommands"],
            path: "Sources/nstrace"
        ),
        .testTarget(
            name: "CoreTests",
            dependencies: ["NSCore", "TestSupport"],
            path: "Tests/CoreTests",
            resources: [.copy("Golden")]
        ),
        .target(
            name: "TestSupport",
            path: "Tests/TestSupport"
        ),
        .testTarget(
            name: "ImageTests",
            dependencies: ["NSImage", "NSCore", "TestSupport"],
            path: "Tests/ImageTests"
        ),
        .testTarget(
            name: "RunPlanTests",
            dependencies: ["NSRun"],
            path: "Tests/RunPlanTests",
            linkerSettings: [.linkedLibrary("lzma")]
        ),
        .testTarget(
            name: "SystemLibraryTests",
            dependencies: ["CSeccomp", "CUnwind", "CGraphviz"],
            path: "Tests/SystemLibraryTests",
            // Debian 12's libunwind-ptrace uses lzma_* without declaring it (GUIDE §1).
            linkerSettings: [.linkedLibrary("lzma")]
        ),
        .testTarget(
            name: "CompareTests",
            dependencies: ["NSCompare", "NSCore", "TestSupport"],
            path: "Tests/CompareTests",
            resources: [.copy("Golden")]
        ),
        .testTarget(
            name: "IntegrationTests",
            dependencies: ["NSCore", "NSCompare", "TestSupport"],
            path: "Tests/IntegrationTests"
        ),
    ]
)
