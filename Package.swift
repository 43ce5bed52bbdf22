// swift-tools-version: 6.2
import PackageDescription

let package = Package(
    // Linux only (the code calls Glibc and reads /dev/fd): no Apple platform is claimed, and
    // Sources/ScoreKit/CLI/CLI.swift stops a build elsewhere with a clear error.
    name: "scoreimport",
    products: [
        .executable(name: "scoreimport", targets: ["scoreimport"]),
        .library(name: "ScoreKit", targets: ["ScoreKit"]),
    ],
    dependencies: [],
    targets: [
        // The system zlib (deflate, inflate, CRC-32) for XLSX: a module map over zlib.h, no package.
        .systemLibrary(name: "CZlib", path: "Sources/CZlib", providers: [.apt(["zlib1g-dev"])]),
        .target(name: "ScoreKit", dependencies: ["CZlib"]),
        .executableTarget(name: "scoreimport", dependencies: ["ScoreKit"]),
        // A loopback stand-in for both services, for the tests and `make demo`.
        .executableTarget(name: "scoreimport-sandbox"),
        .testTarget(name: "ScoreKitTests", dependencies: ["ScoreKit"]),
    ]
)

// One place for compiler settings: Swift 6 mode, warnings as errors, and the upcoming features.
for target in package.targets where target.type != .system {
    target.swiftSettings =
        (target.swiftSettings ?? []) + [
            .swiftLanguageMode(.v6),
            .treatAllWarnings(as: .error),
            .enableUpcomingFeature("ExistentialAny"),
            .enableUpcomingFeature("MemberImportVisibility"),
            // Release builds skip the runtime exclusivity checks (the compile-time ones stay): they cost about 7% of
            // the JSON reader's instructions, measured with callgrind.
            .unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release)),
        ]
}
