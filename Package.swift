// swift-tools-version: 6.1
import PackageDescription

let strictSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "feedsift",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "feedsift", targets: ["feedsift"]),
        .executable(name: "feedsift-bench", targets: ["feedsift-bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
    ],
    targets: [
        // C libraries, each wrapped by exactly one Swift target.
        .systemLibrary(
            name: "CCurl",
            pkgConfig: "libcurl",
            providers: [.apt(["libcurl4-openssl-dev"])]
        ),
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        .systemLibrary(
            name: "CZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]
        ),
        .systemLibrary(
            name: "CSQLite",
            pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev"])]
        ),
        // glibc's allocator controls: part of the C library.
        .systemLibrary(name: "CMalloc"),
        // The MinHash kernel compiled for AVX2, which Swift cannot target
        // per function; FeedSiftDedupe calls it when the processor has AVX2.
        .target(name: "CMinHashKernel"),

        // Layers, lowest first. Dependencies point down only.
        .target(
            name: "FeedSiftCore",
            swiftSettings: strictSettings
        ),
        .target(
            name: "FeedSiftRules",
            dependencies: ["FeedSiftCore"],
            swiftSettings: strictSettings
        ),
        .target(
            name: "FeedSiftDedupe",
            dependencies: ["FeedSiftCore", "CMinHashKernel"],
            swiftSettings: strictSettings
        ),
        .target(
            name: "FeedSiftParse",
            dependencies: ["FeedSiftCore", "CLibXML2"],
            swiftSettings: strictSettings
        ),
        .target(
            name: "FeedSiftFetch",
            dependencies: [
                "FeedSiftCore", "CCurl",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),
        .target(
            name: "FeedSiftStore",
            dependencies: ["FeedSiftCore", "CSQLite"],
            swiftSettings: strictSettings
        ),
        .target(
            name: "FeedSiftPublish",
            dependencies: ["FeedSiftCore"],
            swiftSettings: strictSettings
        ),
        .target(
            name: "FeedSiftDaemon",
            dependencies: [
                "FeedSiftCore", "FeedSiftParse", "FeedSiftFetch", "FeedSiftStore",
                "FeedSiftDedupe", "FeedSiftRules", "FeedSiftPublish", "CZlib", "CMalloc",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "feedsift",
            dependencies: [
                "FeedSiftDaemon", "FeedSiftCore", "FeedSiftParse", "FeedSiftRules", "FeedSiftFetch",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),

        // `make bench`: one subcommand per measured figure (Benchmarks/run.sh drives them).
        .executableTarget(
            name: "feedsift-bench",
            dependencies: [
                "FeedSiftCore", "FeedSiftParse", "FeedSiftFetch", "FeedSiftStore",
                "FeedSiftDedupe", "FeedSiftRules", "FeedSiftPublish", "FeedSiftDaemon", "FeedSiftTestSupport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Benchmarks/feedsift-bench",
            swiftSettings: strictSettings
        ),

        // Tests mirror the targets; FeedSiftTestSupport holds the loopback
        // HTTP server and temp-dir helpers the suites share.
        .target(
            name: "FeedSiftTestSupport",
            dependencies: ["FeedSiftCore"],
            path: "Tests/FeedSiftTestSupport",
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "FeedSiftCoreTests",
            dependencies: ["FeedSiftCore", "FeedSiftTestSupport"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "FeedSiftParseTests",
            dependencies: ["FeedSiftParse", "FeedSiftTestSupport"],
            exclude: ["Fixtures"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "FeedSiftFetchTests",
            dependencies: ["FeedSiftFetch", "FeedSiftTestSupport"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "FeedSiftStoreTests",
            dependencies: ["FeedSiftStore", "FeedSiftTestSupport"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "FeedSiftDedupeTests",
            dependencies: ["FeedSiftDedupe", "FeedSiftTestSupport"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "FeedSiftRulesTests",
            dependencies: ["FeedSiftRules", "FeedSiftTestSupport"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "FeedSiftPublishTests",
            dependencies: ["FeedSiftPublish", "FeedSiftTestSupport"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "FeedSiftDaemonTests",
            dependencies: ["FeedSiftDaemon", "FeedSiftStore", "FeedSiftCore", "FeedSiftTestSupport"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "EndToEndTests",
            dependencies: ["FeedSiftTestSupport"],
            exclude: ["Fixtures"],
            swiftSettings: strictSettings
        ),
    ],
    swiftLanguageModes: [.v6]
)
