// swift-tools-version: 6.1
import PackageDescription

// No target uses unsafe compiler flags: SwiftPM refuses them in packages depended on by version (`from:`).
// Code that needs AVX2+FMA lives in the C target `_SweepKernels`, compiled for it per function
// (target attributes) and chosen at run time. `scripts/check-dependent` builds a package that
// depends on a tagged clone of this one.

let package = Package(
    name: "Sweep",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "sweep", targets: ["sweep"]),
        // `import Sweep` is the whole library API: it re-exports SweepCore, SweepStore, SweepMath
        // and SweepNN (Sources/Sweep/Exports+*.swift).
        .library(name: "Sweep", targets: ["Sweep"]),
        // Not for users (no API promise): lets the separate Benchmarks/ package drive the samplers
        // without building the storage engines. Underscored like swift-numerics' `_NumericsShims`.
        .library(name: "_SweepCore", targets: ["SweepCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.0"),
        // Already in the graph through postgres-nio and hummingbird; named for the MLflow client's HTTP
        // transport (Sources/Sweep/Export/HTTPExchange.swift), which replaces URLSession: on Linux that
        // would load libcurl and ~30 shared libraries into every `sweep` process.
        .package(url: "https://github.com/apple/swift-nio", from: "2.81.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.29.0"),
        // No default traits: Sweep needs neither swift-configuration support nor the full-Foundation extras, and
        // skipping them keeps swift-configuration out of the build.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1", traits: []),
    ],
    targets: [
        // C declarations of CBLAS + LAPACKE. Only SweepMath imports it. Nothing is linked: _SweepKernels
        // defines the functions and opens the libraries on first use (LazyLinearAlgebra.c).
        .systemLibrary(name: "_CLAPACK", path: "Sources/_CLAPACK"),

        // C kernels with a portable and a run-time-selected AVX2+FMA path (PanelGEMM, ReLU backward), and
        // BLAS/LAPACK loaded on first use, so short processes (`sweep ask`) never start OpenBLAS's threads.
        // Only SweepMath imports it.
        .target(name: "_SweepKernels", path: "Sources/_SweepKernels"),

        // Matrices, LAPACK/BLAS wrappers, L-BFGS-B, Sobol, seeded RNG, PanelGEMM.
        .target(name: "SweepMath", dependencies: ["_CLAPACK", "_SweepKernels"]),

        // Pure logic, no I/O: search spaces, trials, samplers, schedulers.
        .target(name: "SweepCore", dependencies: ["SweepMath"]),

        // Built-in MLPs: layers, optimizers, datasets (shipped sets embedded as Swift sources so an
        // installed binary needs no resource bundle), checkpoints, the trainer.
        .target(
            name: "SweepNN",
            dependencies: ["SweepMath"],
            exclude: ["Datasets/Shipped/README.md", "README.md"]
        ),

        // Persistence behind one protocol: in-memory, SQLite (GRDB), PostgreSQL.
        .target(
            name: "SweepStore",
            dependencies: [
                "SweepCore",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),

        // Public API: configs, objectives, studies.
        .target(
            name: "Sweep",
            dependencies: [
                "SweepStore", "SweepCore", "SweepMath", "SweepNN",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
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
                .product(name: "Logging", package: "swift-log"),
            ],
            // SwiftPM links executables with --export-dynamic: ~50,000 symbols in the dynamic table, which
            // the loader pages in and `dladdr` scans on every start (a millisecond of each `sweep ask`/`tell`).
            // Nothing loads symbols from this program, so it exports none. A linker flag of the executable
            // only: no library target a dependent builds carries one.
            linkerSettings: [.unsafeFlags(["-Xlinker", "--no-export-dynamic"], .when(platforms: [.linux]))]
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
        .testTarget(name: "SweepStoreTests", dependencies: ["SweepStore", "SweepMath", "SweepTestSupport", .product(name: "Logging", package: "swift-log")]),
        .testTarget(name: "SweepTests", dependencies: ["Sweep", "SweepTestSupport"]),
        .testTarget(name: "SweepServeTests", dependencies: ["SweepServe", "Sweep", "SweepTestSupport"]),
        .testTarget(name: "sweepCLITests", dependencies: ["SweepCore", "SweepTestSupport"]),
    ]
)
