// swift-tools-version: 6.1
import PackageDescription

/// Strict settings shared by every Swift target: Swift 6 language mode is the package default,
/// and upcoming features that make concurrency and existential use explicit are switched on.
let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "karpenter-swift",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "karpenter", targets: ["karpenter"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/CoreOffice/XMLCoder", exact: "0.18.2"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.6.0"),
    ],
    targets: [
        // System libraries (Debian: libcurl4-openssl-dev, libssl-dev).
        .systemLibrary(name: "CCurl", pkgConfig: "libcurl", providers: [.apt(["libcurl4-openssl-dev"])]),
        .systemLibrary(name: "COpenSSL", pkgConfig: "libcrypto", providers: [.apt(["libssl-dev"])]),

        .target(name: "HTTPCore", swiftSettings: strict),
        .target(
            name: "CurlTransport",
            dependencies: ["CCurl", "HTTPCore", .product(name: "DequeModule", package: "swift-collections")],
            swiftSettings: strict
        ),
        .target(name: "SigV4", dependencies: ["COpenSSL", "HTTPCore"], swiftSettings: strict),
        .target(
            name: "AWSClient",
            dependencies: [
                "SigV4", "HTTPCore",
                .product(name: "XMLCoder", package: "XMLCoder"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "KubeModel",
            dependencies: [.product(name: "Yams", package: "Yams")],
            swiftSettings: strict
        ),
        .target(
            name: "KubeClient",
            dependencies: ["HTTPCore", "KubeModel", .product(name: "Yams", package: "Yams")],
            swiftSettings: strict
        ),
        .target(
            name: "ControllerRuntime",
            dependencies: [
                "KubeClient", "KubeModel", "Observability",
                .product(name: "DequeModule", package: "swift-collections"), .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "Simulation",
            dependencies: [
                "KubeClient", "KubeModel", "CloudProvider", "AWSProvider", "AWSClient", "Scheduling",
                .product(name: "DequeModule", package: "swift-collections"),
            ],
            resources: [.copy("Resources/catalog-us-east-1.json")],
            swiftSettings: strict
        ),
        .target(
            name: "Observability",
            dependencies: ["KubeModel", .product(name: "Logging", package: "swift-log")],
            swiftSettings: strict
        ),
        .target(
            name: "Operator",
            dependencies: [
                "KubeModel", "Observability", "HTTPCore",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "karpenter",
            dependencies: [
                "Operator", "KubeModel", "Observability", "AWSClient", "HTTPCore",
                "CurlTransport", "Controllers", "ControllerRuntime", "Simulation", "Scheduling", "CloudProvider", "KubeClient",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        .target(name: "Scheduling", dependencies: ["KubeModel"], swiftSettings: strict),
        .target(name: "CloudProvider", dependencies: ["KubeModel", "Scheduling"], swiftSettings: strict),
        .target(
            name: "Controllers",
            dependencies: [
                "KubeModel", "Scheduling", "CloudProvider", "KubeClient", "ControllerRuntime", "Observability",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "AWSProvider",
            dependencies: ["AWSClient", "CloudProvider", "KubeModel", "Scheduling"],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "karpenter-bench",
            dependencies: [
                "Scheduling", "AWSClient", "AWSProvider", "Simulation",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Benchmarks/KarpenterBench",
            swiftSettings: strict
        ),
        .executableTarget(
            name: "kube-client-benchmark",
            dependencies: ["ControllerRuntime", "CurlTransport", "HTTPCore", "KubeClient", "KubeModel"],
            path: "Benchmarks/KubeClientBenchmark",
            swiftSettings: strict
        ),
        .executableTarget(
            name: "AWSBenchmarks",
            dependencies: ["AWSClient", "SigV4", "HTTPCore", "CurlTransport", "TestSupport"],
            path: "Benchmarks/AWSBenchmarks",
            swiftSettings: strict
        ),
        .target(
            name: "TestSupport",
            dependencies: [
                "KubeModel", "HTTPCore", "SigV4", "CurlTransport", "CloudProvider", "Scheduling", "Controllers",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),

        .testTarget(name: "CurlTransportTests", dependencies: ["CurlTransport", "HTTPCore"], swiftSettings: strict),
        .testTarget(name: "KubeClientTests", dependencies: ["KubeClient", "HTTPCore", "KubeModel", "TestSupport"], swiftSettings: strict),
        .testTarget(
            name: "ControllerRuntimeTests",
            dependencies: [
                "ControllerRuntime", "KubeClient", "KubeModel", "Simulation", "TestSupport",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "SimulationTests",
            dependencies: [
                "Simulation", "KubeClient", "KubeModel", "CloudProvider", "AWSProvider", "AWSClient", "Scheduling",
                "TestSupport", "CurlTransport",
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "AWSProviderTests",
            dependencies: ["AWSProvider", "AWSClient", "CloudProvider", "KubeModel", "Scheduling"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "ConformanceTests",
            dependencies: [
                "KubeClient", "CurlTransport", "ControllerRuntime", "Simulation", "KubeModel", "TestSupport",
                "Controllers", "CloudProvider", "Operator", .product(name: "Yams", package: "Yams"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        .testTarget(name: "KubeModelTests", dependencies: ["KubeModel", "TestSupport"], exclude: ["Fixtures"], swiftSettings: strict),
        .testTarget(
            name: "KarpenterCLITests",
            dependencies: ["karpenter", "KubeModel", "TestSupport", "Controllers", .product(name: "Logging", package: "swift-log")],
            swiftSettings: strict
        ),
        .testTarget(name: "SigV4Tests", dependencies: ["SigV4", "HTTPCore", "Simulation", "TestSupport"], swiftSettings: strict),
        .testTarget(
            name: "AWSClientTests",
            dependencies: [
                "AWSClient", "SigV4", "HTTPCore", "CurlTransport", "TestSupport",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "XMLCoder", package: "XMLCoder"),
            ],
            swiftSettings: strict
        ),
        .testTarget(name: "SchedulingTests", dependencies: ["Scheduling", "Simulation", "TestSupport"], swiftSettings: strict),
        .testTarget(
            name: "ControllersTests",
            dependencies: [
                "Controllers", "CloudProvider", "Scheduling", "KubeModel", "KubeClient", "ControllerRuntime",
                "Simulation", "Operator", "Observability", "TestSupport", .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "OperatorTests",
            dependencies: ["Operator", "Observability", "KubeModel", "HTTPCore", "TestSupport", .product(name: "Logging", package: "swift-log")],
            swiftSettings: strict
        ),
    ]
)
