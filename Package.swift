// swift-tools-version:6.2
import PackageDescription

let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "vigil",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "vigil", targets: ["vigil"]),
        .library(name: "VigilCore", targets: ["VigilCore"]),
        .library(name: "VigilDiagnose", targets: ["VigilDiagnose"]),
        .library(name: "VigilLLM", targets: ["VigilLLM"]),
        .library(name: "VigilTesting", targets: ["VigilTesting"]),
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/vapor/sqlite-nio.git", from: "1.13.2"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "4.5.2"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/swiftlang/swift-subprocess.git", from: "1.0.2"),
    ],
    targets: [
        // ── the loop's value types and ports; no I/O ─────────────────────────
        .target(name: "VigilCore", swiftSettings: strict),

        // ── stages: depend on VigilCore only ─────────────────────────────────
        .target(name: "VigilIngest", dependencies: ["VigilCore"], swiftSettings: strict),
        .target(name: "VigilDetect", dependencies: ["VigilCore"], swiftSettings: strict),
        .target(name: "VigilCorrelate", dependencies: ["VigilCore"], swiftSettings: strict),
        .target(name: "VigilDiagnose", dependencies: ["VigilCore"], swiftSettings: strict),
        .target(name: "VigilRemediate", dependencies: ["VigilCore"], swiftSettings: strict),
        .target(name: "VigilLLM", dependencies: ["VigilCore"], swiftSettings: strict),
        .target(
            name: "VigilNotify",
            dependencies: ["VigilCore", .product(name: "Logging", package: "swift-log")],
            swiftSettings: strict
        ),

        // ── edges ─────────────────────────────────────────────────────────────
        .target(
            name: "VigilStore",
            dependencies: [
                "VigilCore",
                .product(name: "SQLiteNIO", package: "sqlite-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "VigilExecutors",
            dependencies: ["VigilCore", .product(name: "Subprocess", package: "swift-subprocess")],
            swiftSettings: strict
        ),
        .target(
            name: "VigilConfig",
            dependencies: [
                "VigilCore", "VigilCorrelate", "VigilNotify", "VigilIngest", "VigilDetect", "VigilRemediate", "VigilLLM",
                .product(name: "Yams", package: "Yams"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "VigilServer",
            dependencies: [
                "VigilCore", "VigilIngest", "VigilCorrelate", "VigilNotify", "VigilStore", "VigilConfig", "VigilDetect", "VigilExecutors",
                "VigilRemediate", "VigilDiagnose", "VigilLLM",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "vigil",
            dependencies: [
                "VigilCore", "VigilServer", "VigilConfig", "VigilStore", "VigilDetect", "VigilIngest", "VigilDiagnose",
                "VigilRemediate",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "vigil-bench",
            dependencies: [
                "VigilCore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ],
            path: "bench/Sources/vigil-bench",
            swiftSettings: strict
        ),

        // ── test support ──────────────────────────────────────────────────────
        .target(name: "VigilTesting", dependencies: ["VigilCore"], swiftSettings: strict),

        // ── tests mirror sources ─────────────────────────────────────────────
        .testTarget(name: "VigilCoreTests", dependencies: ["VigilCore", "VigilTesting"], swiftSettings: strict),
        .testTarget(
            name: "VigilIngestTests", dependencies: ["VigilIngest", "VigilTesting"], exclude: ["Fixtures"], swiftSettings: strict),
        .testTarget(name: "VigilDetectTests", dependencies: ["VigilDetect", "VigilTesting"], swiftSettings: strict),
        .testTarget(name: "VigilLLMTests", dependencies: ["VigilLLM", "VigilTesting"], swiftSettings: strict),
        .testTarget(name: "VigilDiagnoseTests", dependencies: ["VigilDiagnose", "VigilTesting"], swiftSettings: strict),
        .testTarget(name: "VigilRemediateTests", dependencies: ["VigilRemediate", "VigilTesting"], swiftSettings: strict),
        .testTarget(name: "VigilCorrelateTests", dependencies: ["VigilCorrelate", "VigilTesting"], swiftSettings: strict),
        .testTarget(name: "VigilNotifyTests", dependencies: ["VigilNotify", "VigilTesting", "VigilStore"], swiftSettings: strict),
        .testTarget(name: "VigilExecutorsTests", dependencies: ["VigilExecutors", "VigilServer", "VigilTesting"], swiftSettings: strict),
        .testTarget(name: "VigilStoreTests", dependencies: ["VigilStore", "VigilTesting"], swiftSettings: strict),
        .testTarget(
            name: "VigilConfigTests", dependencies: ["VigilConfig", "VigilCorrelate", "VigilRemediate", "VigilLLM", "VigilTesting"],
            swiftSettings: strict),
        .testTarget(
            name: "VigilServerTests",
            dependencies: [
                "VigilServer", "VigilTesting", "VigilExecutors", "VigilRemediate", "VigilConfig",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "EndToEndTests",
            dependencies: [
                "VigilTesting", "VigilCore",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ],
            swiftSettings: strict
        ),
    ]
)
