// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "potassium-planner",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "planner", targets: ["planner"]),
        .library(name: "LinearProgramming", targets: ["LinearProgramming"]),
        .library(name: "GLPK", targets: ["GLPK"]),
        .library(name: "MealPlanning", targets: ["MealPlanning"]),
        .library(name: "PlanReports", targets: ["PlanReports"]),
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
        // The shipped data files, as resources of a small target rooted at Datasets/.
        .target(
            name: "BundledData",
            path: "Datasets",
            exclude: ["README.md", "build_foods.py", "selection.csv", "usda_extract.csv", "fped_extract.csv",
                      "fndds_review.csv", "food_patterns.csv"],
            sources: ["BundledData.swift"],
            resources: [.copy("foods.csv"), .copy("recipes.csv"), .copy("recipe_ingredients.csv"), .copy("requests")]
        ),
        .target(name: "MealPlanning", dependencies: ["LinearProgramming"]),
        .target(name: "PlanReports", dependencies: ["MealPlanning"]),
        .target(
            name: "PlannerCLI",
            dependencies: [
                "LinearProgramming", "GLPK", "MealPlanning", "PlanReports", "BundledData",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "planner", dependencies: ["PlannerCLI"]),
        .testTarget(name: "LinearProgrammingTests", dependencies: ["LinearProgramming"]),
        // Helpers shared by the test targets (a seeded generator, a scripted solver, fuzz generators).
        .target(name: "TestSupport", dependencies: ["LinearProgramming", "MealPlanning"], path: "Tests/TestSupport"),
        .testTarget(name: "GLPKTests", dependencies: ["GLPK", "LinearProgramming", "TestSupport"]),
        .testTarget(
            name: "MealPlanningTests",
            dependencies: ["MealPlanning", "GLPK", "BundledData", "TestSupport"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(name: "PlanReportsTests", dependencies: ["PlanReports", "MealPlanning"]),
        .testTarget(name: "PlannerCLITests", dependencies: ["PlannerCLI", "TestSupport"]),
    ]
)
