// swift-tools-version: 6.1
// Benchmarks live in their own package so the root build (and CI) never compiles ordo-one/benchmark.
// Run from the repository root: scripts/bench/bo, scripts/bench/nn, or
//   swift package --package-path Benchmarks --allow-writing-to-package-directory benchmark --no-progress
import Foundation
import PackageDescription

/// SwiftPM names a path dependency after its folder (`wt-gp`, `main`, CI's clone folder, …), so the
/// root package's identity is computed rather than spelled out.
let root = URL(fileURLWithPath: Context.packageDirectory).deletingLastPathComponent().lastPathComponent.lowercased()

let package = Package(
    name: "SweepBenchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(path: ".."),
        .package(url: "https://github.com/ordo-one/package-benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        // What the bench executables share: their JSON-lines output and the process CPU clock.
        .target(name: "BenchSupport"),
        // Sequential BO loop on the test functions + suggestion timing, driven by scripts/bench/bo.
        // `_SweepCore` (SweepCore and SweepMath without the storage engines) is the root package's
        // product for its own benchmarks. No extra compiler flags: this measures what users get.
        .executableTarget(name: "bo-bench", dependencies: ["BenchSupport", .product(name: "_SweepCore", package: root)]),
        // Multi-objective loops (hypervolume per evaluation) + suggestion timing, driven by scripts/bench/mo.
        .executableTarget(name: "mo-bench", dependencies: ["BenchSupport", .product(name: "_SweepCore", package: root)]),
        // ordo-one benchmark: GP suggestion time on hartmann6 after N = 50/200/500 random observations.
        .executableTarget(
            name: "GPSuggestion",
            dependencies: [
                .product(name: "_SweepCore", package: root),
                .product(name: "Benchmark", package: "package-benchmark"),
            ],
            path: "Benchmarks/GPSuggestion",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "package-benchmark")]
        ),
        // ordo-one benchmark: MLP training throughput and allocations per epoch (SweepNN).
        .executableTarget(
            name: "NNTraining",
            dependencies: [
                .product(name: "Benchmark", package: "package-benchmark"),
                .product(name: "Sweep", package: root),
            ],
            path: "Benchmarks/NNTraining",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "package-benchmark")]
        ),
    ]
)
