// swift-tools-version: 6.1
import PackageDescription

/// Release-only code generation for the numeric hot loops (MLP bias/activation passes, GP kernels).
/// Without an AVX2+FMA target, SIMD `addingProduct` lowers to a libm `fmaf` call per lane.
/// Debug builds (tests) keep the portable default.
let hotLoopFlags: [SwiftSetting] = [
    .unsafeFlags(["-target-cpu", "haswell"], .when(configuration: .release)),
]

let package = Package(
    name: "Sweep",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "sweep", targets: ["sweep"]),
        .library(name: "Sweep", targets: ["Sweep"]),
        // For the separate Benchmarks/ package (which drives samplers directly).
        .library(name: "SweepCore", targets: ["SweepCore"]),
        .library(name: "SweepMath", targets: ["SweepMath"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.0"),
        // No default traits: Sweep needs neither swift-configuration support nor the full-Foundation extras, and
        // skipping them keeps swift-configuration out of the build.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1", traits: []),
    ],
    targets: [
        // C shim over CBLAS + LAPACKE. Only SweepMath imports it.
        .systemLibrary(name: "CLAPACK", path: "Sources/CLAPACK"),

        // Matrices, LAPACK/BLAS wrappers, L-BFGS-B, Sobol, seeded RNG.
        .target(name: "SweepMath", dependencies: ["CLAPACK"], swiftSettings: hotLoopFlags),

        // Pure logic, no I/O: search spaces, trials, samplers, schedulers.
        .target(name: "SweepCore", dependencies: ["SweepMath"], swiftSettings: hotLoopFlags),

        // Built-in MLPs: layers, optimizers, datasets (shipped sets embedded as Swift sources so an
        // installed binary needs no resource bundle), checkpoints, the trainer. `hotLoopFlags`:
        // measured, see Sources/SweepNN/README.md ("Build flags").
        .target(
            name: "SweepNN",
            dependencies: ["SweepMath"],
            exclude: ["Datasets/Shipped/README.md", "README.md"],
            swiftSettings: hotLoopFlags
        ),

        // Persistence behind one protocol: in-memory, SQLite (GRDB), PostgreSQL.
        .target(
            name: "SweepStore",
            dependencies: [
                "SweepCore",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ]
        ),

        // Public API: configs, objectives, studies.
        .target(
            name: "Sweep",
            dependencies: [
                "SweepStore", "SweepCore", "SweepMath", "SweepNN",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),

        // Open Inference Protocol v2 (REST) server for registered models. Only the CLI imports it.
        .target(
            name: "SweepServe",
            dependencies: [
                "Sweep", "SweepStore", "SweepNN",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),

        // CLI: parsing and printing only.
        .executableTarget(
            name: "sweep",
            dependencies: [
                "Sweep", "SweepServe",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        // Sweep embedded in a hand-written training loop (ask/tell with pruning).
        .executableTarget(name: "sweep-example", dependencies: ["Sweep"], path: "Examples/EmbeddedTraining"),
        // The README's library example, run by ExamplesTests.
        .executableTarget(name: "sweep-library-tour", dependencies: ["Sweep"], path: "Examples/LibraryTour"),

        // Shared test helpers: fixtures, temporary directories, running the CLI.
        .target(name: "SweepTestSupport", path: "Tests/SweepTestSupport"),

        .testTarget(name: "SweepMathTests", dependencies: ["SweepMath", "SweepTestSupport"]),
        .testTarget(name: "SweepCoreTests", dependencies: ["SweepCore", "SweepTestSupport"]),
        .testTarget(name: "SweepNNTests", dependencies: ["SweepNN", "SweepTestSupport"]),
        .testTarget(name: "SweepStoreTests", dependencies: ["SweepStore", "SweepMath", "SweepTestSupport"]),
        .testTarget(name: "SweepTests", dependencies: ["Sweep", "SweepTestSupport"]),
        .testTarget(name: "SweepServeTests", dependencies: ["SweepServe", "Sweep", "SweepTestSupport"]),
        .testTarget(name: "sweepCLITests", dependencies: ["SweepCore", "SweepTestSupport"]),
    ]
)
