// swift-tools-version: 6.1
import PackageDescription

// Benchmarks live in their own package so that the planner itself does not depend on the
// benchmark framework. Run them with `swift package benchmark` from this folder.
let package = Package(
    name: "PlannerBenchmarks",
    platforms: [.macOS(.v13)],
    dependencies: [
        // The default traits need a package that is not mirrored everywhere: name the one we use.
        .package(url: "https://github.com/ordo-one/benchmark.git", from: "1.38.1", traits: ["MallocInterposer"]),
        .package(name: "potassium-planner", path: "../"),
    ],
    targets: [
        // GLPK's C API for the reference path, which calls GLPK without the planner's layer.
        // Named apart from the planner's own CGLPK module so that the two never clash.
        .systemLibrary(
            name: "CGLPKRaw",
            providers: [.apt(["libglpk-dev"]), .brew(["glpk"])]
        ),
        // The reference diet model, built both through the planner's layer and with raw GLPK calls.
        .target(
            name: "DietBenchmarkModel",
            dependencies: [
                "CGLPKRaw",
                .product(name: "LinearProgramming", package: "potassium-planner"),
                .product(name: "GLPK", package: "potassium-planner"),
                .product(name: "MealPlanning", package: "potassium-planner"),
            ]
        ),
        // One build and solve by one path, for instruction counts with valgrind (not a benchmark suite).
        .executableTarget(name: "DietLPProbe", dependencies: ["DietBenchmarkModel"]),
        .executableTarget(
            name: "SolverCore",
            dependencies: [
                "DietBenchmarkModel",
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "LinearProgramming", package: "potassium-planner"),
                .product(name: "MealPlanning", package: "potassium-planner"),
            ],
            path: "Benchmarks/SolverCore",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "Scale",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "GLPK", package: "potassium-planner"),
                .product(name: "LinearProgramming", package: "potassium-planner"),
                .product(name: "MealPlanning", package: "potassium-planner"),
            ],
            path: "Benchmarks/Scale",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "Smoke",
            dependencies: [
                "DietBenchmarkModel",
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/Smoke",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ]
)
