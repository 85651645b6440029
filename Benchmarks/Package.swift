// swift-tools-version: 6.1
// Benchmarks live in their own package so that CI's `swift build --build-tests` of the root
// package never builds ordo-one/benchmark. Run from this folder:
//   swift package --allow-writing-to-package-directory benchmark --no-progress
import PackageDescription

let package = Package(
    name: "SweepBenchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(url: "https://github.com/ordo-one/package-benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
        .package(name: "Sweep", path: ".."),
    ],
    targets: [
        // MLP training throughput and allocations per epoch (SweepNN).
        .executableTarget(
            name: "NNTraining",
            dependencies: [
                .product(name: "Benchmark", package: "package-benchmark"),
                .product(name: "Sweep", package: "Sweep"),
            ],
            path: "Benchmarks/NNTraining",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "package-benchmark")]
        ),
    ]
)
