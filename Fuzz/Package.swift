// swift-tools-version: 6.0
import PackageDescription

// libFuzzer harnesses for nstrace's readers of untrusted input. Not part of the main
// package, so that `swift build` and `make test` never need -sanitize=fuzzer. Built and run
// by `make fuzz` (see README.md):
//   swift build --package-path Fuzz --sanitize=fuzzer
//   Fuzz/.build/debug/fuzz-record Fuzz/corpus/record -max_total_time=60
let harness: [SwiftSetting] = [.unsafeFlags(["-parse-as-library"])]

let package = Package(
    name: "nstrace-fuzz",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(name: "nstrace", path: ".."),
    ],
    targets: [
        .target(
            name: "FuzzSupport",
            dependencies: [.product(name: "NSCore", package: "nstrace"), .product(name: "NSImage", package: "nstrace")],
            path: "Sources/FuzzSupport"
        ),
        .executableTarget(
            name: "fuzz-record",
            dependencies: ["FuzzSupport", .product(name: "NSCore", package: "nstrace")],
            path: "Sources/FuzzRecord", swiftSettings: harness
        ),
        .executableTarget(
            name: "fuzz-decoder",
            dependencies: ["FuzzSupport", .product(name: "NSCore", package: "nstrace")],
            path: "Sources/FuzzDecoder", swiftSettings: harness
        ),
        .executableTarget(
            name: "fuzz-dot",
            dependencies: ["FuzzSupport", .product(name: "NSCore", package: "nstrace"),
                           .product(name: "TestOracles", package: "nstrace")],
            path: "Sources/FuzzDot", swiftSettings: harness
        ),
        .executableTarget(
            name: "fuzz-terminal",
            dependencies: ["FuzzSupport", .product(name: "NSCore", package: "nstrace"),
                           .product(name: "TestOracles", package: "nstrace")],
            path: "Sources/FuzzTerminal", swiftSettings: harness
        ),
        .executableTarget(
            name: "fuzz-image-json",
            dependencies: ["FuzzSupport", .product(name: "NSImage", package: "nstrace")],
            path: "Sources/FuzzImageJSON", swiftSettings: harness
        ),
        .executableTarget(
            name: "fuzz-layer-tar",
            dependencies: ["FuzzSupport", .product(name: "NSImage", package: "nstrace")],
            path: "Sources/FuzzLayerTar", swiftSettings: harness
        ),
    ]
)
