// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "potassium-planner",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "planner", targets: ["planner"]),
        .library(name: "LinearProgramming", targets: ["LinearProgramming"]),
        .library(name: "GLPK", targets: ["GLPK"]),
        .library(name: "PlannerCLI", targets: ["PlannerCLI"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
    ],
    targets: [
        // GLPK ships no pkg-config file on Debian, so the library is linked by name.
        .systemLibrary(
            name: "CGLPK",
            providers: [.apt(["libglpk-dev"]), .brew(["glpk"])]
        ),
        .target(name: "LinearProgramming"),
        .target(name: "GLPK", dependencies: ["CGLPK", "LinearProgramming"]),
        .target(
            name: "PlannerCLI",
            dependencies: [
                "LinearProgramming", "GLPK",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "planner", dependencies: ["PlannerCLI"]),
        .testTarget(name: "LinearProgrammingTests", dependencies: ["LinearProgramming"]),
        .testTarget(name: "GLPKTests", dependencies: ["GLPK", "LinearProgramming"]),
        .testTarget(name: "PlannerCLITests", dependencies: ["PlannerCLI"]),
    ]
)
