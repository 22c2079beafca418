import Foundation
import GLPK
import LinearProgramming
import TestSupport
import Testing

@testable import MealPlanning

/// Column generation against the full model on generated tables: the same LP optimum, the
/// same verdict when no plan exists, and integer bounds that hold for the other strategy's plan.
@Suite("column generation")
struct ColumnGenerationTests {
    /// The shipped reference request (Datasets/requests/benchmark-week.json), as an LP.
    static func benchmarkRequest(days: Int = 7) throws -> PlanRequest {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Datasets/requests/benchmark-week.json")
        var request = try PlanRequestCoding.load(contentsOf: url)
        request.relaxPortions = true
        request.days = days
        return request
    }

    static func fullLP(_ table: FoodTable, _ request: PlanRequest) throws -> Solution {
        var options = PlanModelBuilder.Options()
        options.relax = true
        let plan = try PlanModelBuilder(table: table, request: request).build(options)
        var solve = SolveOptions()
        solve.method = .dualSimplex
        return try GLPKSolver().solve(plan.model, options: solve)
    }

    @Test("the same LP optimum as the full model", arguments: [UInt64(1), 2, 3, 4, 5])
    func sameOptimum(seed: UInt64) throws {
        let table = SyntheticFoods.generate(count: 400, seed: seed)
        let request = try Self.benchmarkRequest()
        let full = try Self.fullLP(table, request)
        let columns = try ColumnGenerationLP(table: table, request: request, solver: GLPKSolver()).solve()
        #expect(full.status == .optimal)
        #expect(columns.feasible)
        let optimum = try #require(full.objectiveValue)
        #expect(abs(columns.objective - optimum) <= 1e-7 * abs(optimum), "seed \(seed): \(columns.objective) vs \(optimum)")
        // It gets there with a fraction of the foods, and its plan meets every rule.
        #expect(columns.foodsInModel < table.count / 2)
        #expect(PlanValidator(table: table, request: request).violations(of: columns.items, relaxed: true).isEmpty)
        // Its duals price every food outside the model at a non-negative reduced cost.
        let reduced = ColumnGenerationLP(table: table, request: request, solver: GLPKSolver()).reducedCostsOutside(columns)
        #expect(reduced.count + columns.foodsInModel == table.count)
        #expect(reduced.allSatisfy { $0.reduced >= -1e-9 })
    }

    /// Other objectives and food-specific rows (an included food, per-day and per-week caps).
    @Test("other objectives and rules", arguments: [PlanObjective.sugar, .sodium, .potassium])
    func otherObjectives(objective: PlanObjective) throws {
        let table = SyntheticFoods.generate(count: 300, seed: 11)
        var request = try Self.benchmarkRequest(days: 3)
        request.objective = objective
        request.includeFoods = [table.ids[17]]
        let full = try Self.fullLP(table, request)
        let columns = try ColumnGenerationLP(table: table, request: request, solver: GLPKSolver()).solve()
        let optimum = try #require(full.objectiveValue)
        #expect(abs(columns.objective - optimum) <= 1e-7 * max(1, abs(optimum)), "\(objective): \(columns.objective) vs \(optimum)")
        #expect(columns.items.contains { $0.food == 17 })
    }

    @Test("no plan for both")
    func infeasible() throws {
        let table = SyntheticFoods.generate(count: 300, seed: 3)
        var request = try Self.benchmarkRequest(days: 2)
        request.nutrientRules = request.nutrientRules.map { rule in
            rule.nutrient == "potassium_mg" ? NutrientRule(nutrient: "potassium_mg", minimum: 40_000) : rule
        }
        #expect(try Self.fullLP(table, request).status == .infeasible)
        let columns = try ColumnGenerationLP(table: table, request: request, solver: GLPKSolver()).solve()
        #expect(!columns.feasible)
        #expect(columns.violatedRules.contains { $0.contains("potassium") })
    }

    /// The integer week by column generation and reduced-cost fixing, and by day patterns over
    /// every food: each strategy's proven bound is below the other's plan.
    @Test("integer bounds hold across strategies", arguments: [UInt64(1), 2])
    func integerBounds(seed: UInt64) throws {
        let table = SyntheticFoods.generate(count: 500, seed: seed)
        var request = try Self.benchmarkRequest(days: 2)
        request.relaxPortions = false
        var results: [WeeklyPlanner.Strategy: Plan] = [:]
        for strategy in [WeeklyPlanner.Strategy.fullModel, .columnGeneration] {
            var planner = WeeklyPlanner(table: table, request: request, solver: GLPKSolver())
            planner.strategy = strategy
            guard case .plan(let plan) = try planner.plan() else {
                Issue.record("\(strategy): no plan")
                return
            }
            #expect(PlanValidator(table: table, request: request).violations(of: plan.items).isEmpty, "\(strategy)")
            results[strategy] = plan
        }
        let full = try #require(results[.fullModel]), columns = try #require(results[.columnGeneration])
        let tolerance = 1e-7 * max(1, full.objective)
        #expect(try #require(columns.bound) <= full.objective + tolerance, "\(columns.bound ?? .nan) vs \(full.objective)")
        #expect(try #require(full.bound) <= columns.objective + tolerance, "\(full.bound ?? .nan) vs \(columns.objective)")
        // Both bounds are at least the LP optimum.
        let lp = try #require(try Self.fullLP(table, { var r = request; r.relaxPortions = true; return r }()).objectiveValue)
        #expect(columns.bound! >= lp - tolerance && full.bound! >= lp - tolerance)
    }

    @Test("column generation refuses rules that count foods")
    func refusesCountingRules() throws {
        let table = SyntheticFoods.generate(count: 50, seed: 1)
        var request = try Self.benchmarkRequest(days: 2)
        request.maxFoodsPerMeal = 3
        let solver = MockSolver(always: .numericalFailure, message: "not to be called")
        var planner = WeeklyPlanner(table: table, request: request, solver: solver)
        planner.strategy = .columnGeneration
        let error = #expect(throws: PlanRequestError.columnGenerationNotApplicable) { try planner.plan() }
        // Refused before any model reaches a solver.
        #expect(solver.calls.isEmpty)
        #expect(error?.description ==
            "column generation needs a request without rules that count foods (foods per meal or day or week, days per food or per main dish, favourites, potassium foods, a minimum portion above one step, meal patterns)")
    }
}
