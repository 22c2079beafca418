import Benchmark
import Foundation
import GLPK
import LinearProgramming
import MealPlanning

// The planner at scale: the reference weekly request (Datasets/requests/benchmark-week.json) on
// generated food tables of 1k, 10k, 100k and 1M foods. Metrics: wall clock and peak resident
// memory, checked against the static thresholds in Benchmarks/Thresholds (see README.md).
// Names have no spaces: the thresholds files are named after them, and package-benchmark
// writes spaces as underscores but reads them back unchanged.
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .peakMemoryResident],
        timeUnits: .milliseconds,
        warmupIterations: 0,
        scalingFactor: .one,
        maxDuration: .seconds(30),
        maxIterations: 3,
        // Static thresholds: a p90 more than 50 % slower or 25 % larger than the stored one fails
        // `swift package benchmark thresholds check`.
        thresholds: [
            .wallClock: BenchmarkThresholds(relative: [.p90: 50]),
            .peakMemoryResident: BenchmarkThresholds(relative: [.p90: 25]),
        ]
    )

    for count in ScaleFixture.sizes {
        let size = ScaleFixture.label(count)
        let iterations = Benchmark.Configuration(maxIterations: count <= 10_000 ? 10 : count <= 100_000 ? 3 : 2)

        Benchmark("Table-load-\(size)", configuration: iterations) { benchmark, file in
            for _ in benchmark.scaledIterations {
                let table = try FoodTable.load(contentsOf: file.url)
                precondition(table.count == count, "loaded \(table.count) foods, expected \(count)")
                blackHole(table.count)
            }
        } setup: {
            try ScaleFixture.TableFile(count: count)
        } teardown: {
            ScaleFixture.TableFile.removeAll()
        }

        // The full model holds every food: 14 columns per food, about 16 GB in GLPK at 1M.
        if count <= 100_000 {
            Benchmark("Full-model-build-\(size)", configuration: iterations) { benchmark, fixture in
                for _ in benchmark.scaledIterations {
                    let plan = try fixture.fullModel()
                    blackHole(plan.model.variableCount)
                }
            } setup: {
                try ScaleFixture(count: count)
            }

            Benchmark("Full-model-LP-\(size)", configuration: iterations) { benchmark, fixture in
                for _ in benchmark.scaledIterations {
                    let plan = try fixture.fullModel()
                    let solution = try GLPKSolver().solve(plan.model, options: ScaleFixture.lpOptions)
                    precondition(solution.status == .optimal, "full LP \(size): \(solution.status)")
                    fixture.check(solution.objectiveValue!, "full LP \(size)")
                    blackHole(solution.objectiveValue)
                }
            } setup: {
                try ScaleFixture(count: count)
            }
        }

        Benchmark("Column-generation-LP-\(size)", configuration: iterations) { benchmark, fixture in
            for _ in benchmark.scaledIterations {
                let result = try ColumnGenerationLP(table: fixture.table, request: fixture.request, solver: GLPKSolver()).solve()
                precondition(result.feasible, "column generation \(size): infeasible")
                fixture.check(result.objective, "column generation \(size)")
                blackHole(result.objective)
            }
        } setup: {
            try ScaleFixture(count: count)
        }

        Benchmark("Integer-plan-\(size)", configuration: Benchmark.Configuration(maxIterations: count <= 10_000 ? 5 : 2)) { benchmark, fixture in
            for _ in benchmark.scaledIterations {
                var request = fixture.request
                request.relaxPortions = false
                guard case .plan(let plan) = try WeeklyPlanner(table: fixture.table, request: request, solver: GLPKSolver()).plan() else {
                    preconditionFailure("integer plan \(size): no plan")
                }
                let violations = PlanValidator(table: fixture.table, request: request).violations(of: plan.items)
                precondition(violations.isEmpty, "integer plan \(size): \(violations)")
                if let optimum = fixture.lpOptimum {
                    precondition(plan.objective >= optimum * (1 - 1e-9) && (plan.bound ?? optimum) >= optimum * (1 - 1e-7),
                                 "integer plan \(size): objective \(plan.objective), bound \(plan.bound ?? .nan), LP \(optimum)")
                }
                blackHole(plan.objective)
            }
        } setup: {
            try ScaleFixture(count: count)
        }
    }
}

/// A generated table and the reference request, with the LP optimum where it is known.
struct ScaleFixture {
    static let sizes = [1_000, 10_000, 100_000, 1_000_000]
    static let seed: UInt64 = 1

    static func label(_ count: Int) -> String { count >= 1_000_000 ? "\(count / 1_000_000)M" : "\(count / 1_000)k" }

    /// The LP optimum of the reference request ($ per week) on the seed-1 tables, found by the
    /// full model and column generation alike (and by glpsol on the exported MPS up to 100k).
    static let lpOptima: [Int: Double] = [1_000: 9.172723802, 10_000: 5.242315773, 100_000: 3.48970356]

    let table: FoodTable
    let request: PlanRequest
    let lpOptimum: Double?

    init(count: Int) throws {
        table = SyntheticFoods.generate(count: count, seed: Self.seed)
        var request = try PlanRequestCoding.load(contentsOf: Self.requestURL)
        request.relaxPortions = true
        self.request = request
        lpOptimum = Self.lpOptima[count]
    }

    static var requestURL: URL {
        // Benchmarks/Benchmarks/Scale/Scale.swift -> the repository root.
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Datasets/requests/benchmark-week.json")
    }

    static var lpOptions: SolveOptions {
        var options = SolveOptions()
        options.method = .dualSimplex
        options.presolve = false
        return options
    }

    func fullModel() throws -> PlanModel {
        var options = PlanModelBuilder.Options()
        options.relax = true
        return try PlanModelBuilder(table: table, request: request).build(options)
    }

    /// Every run must reach the known optimum (to 1e-7 relative).
    func check(_ objective: Double, _ what: String) {
        guard let lpOptimum else { return }
        precondition(abs(objective - lpOptimum) <= 1e-7 * lpOptimum, "\(what): objective \(objective), expected \(lpOptimum)")
    }

    /// The generated table written as CSV to a temporary file, for the load benchmark.
    struct TableFile {
        let url: URL

        init(count: Int) throws {
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("planner-scale-benchmark")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            url = folder.appendingPathComponent("foods-\(count).csv")
            try SyntheticFoods.generate(count: count, seed: ScaleFixture.seed).write(to: url)
        }

        static func removeAll() {
            try? FileManager.default.removeItem(at: FileManager.default.temporaryDirectory.appendingPathComponent("planner-scale-benchmark"))
        }
    }
}
