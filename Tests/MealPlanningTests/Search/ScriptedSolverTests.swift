import LinearProgramming
import TestSupport
import Testing
@testable import MealPlanning

/// The search's side of the solver boundary, with a scripted solver: what it hands over, in
/// which order, and what it makes of an answer. GLPK is not what these tests test.
@Suite struct ScriptedSolverTests {
    static func request() -> PlanRequest {
        var request = bareRequest()
        request.nutrientRules = [NutrientRule(nutrient: "potassium_mg", minimum: 1100)]
        return request
    }

    /// The first model is the one-day LP relaxation, solved by the dual simplex without presolve;
    /// a solver that fails on it ends the search with the phase and the solver's own sentence.
    @Test func aSolverFailureNamesThePhaseAndTheSolversSentence() throws {
        let table = try handTable([("a", 400, 0, 1, 4), ("b", 300, 0, 0.5, 2)])
        let solver = MockSolver(always: .numericalFailure, message: "singular basis matrix")
        do {
            _ = try WeeklyPlanner(table: table, request: Self.request(), solver: solver).plan()
            Issue.record("expected the search to fail")
        } catch let error as WeeklyPlanner.PlanningError {
            guard case .solverFailed(let text) = error else {
                Issue.record("expected solverFailed, got \(error)")
                return
            }
            #expect(text == "one-day LP relaxation: singular basis matrix")
            #expect(error.description == "the solver failed: one-day LP relaxation: singular basis matrix")
        }
        let calls = solver.calls
        #expect(calls.count == 1)
        let call = try #require(calls.first)
        var options = PlanModelBuilder.Options()
        options.days = 1
        options.relax = true
        let expected = try PlanModelBuilder(table: table, request: Self.request()).build(options).model
        #expect(call.model.variableCount == expected.variableCount)
        #expect(call.model.constraintCount == expected.constraintCount)
        #expect(call.model.variableKinds.allSatisfy { $0 == .continuous })
        #expect(call.options.method == .dualSimplex && !call.options.presolve)
    }

    /// Values out of range, names the table does not know and rules that contradict each other
    /// end before any model reaches a solver, each as its own typed error.
    @Test func anImpossibleRequestNeverReachesTheSolver() throws {
        let table = try handTable([("a", 400, 0, 1, 4), ("b", 300, 0, 0.5, 2)])
        let solver = MockSolver(always: .optimal)
        var request = Self.request()
        request.days = 0
        #expect(throws: PlanRequestError.countOutOfRange(quantity: "days", value: 0, range: 1 ... 28)) {
            try WeeklyPlanner(table: table, request: request, solver: solver).plan()
        }
        request = Self.request()
        request.includeFoods = ["zzzz"]
        #expect(throws: PlanBuildError.conflict(.unknownFood(.includeFood("zzzz"), suggestion: nil))) {
            try WeeklyPlanner(table: table, request: request, solver: solver).plan()
        }
        request = Self.request()
        request.nutrientRules.append(NutrientRule(nutrient: "potassium_mg", maximum: 900))
        let error = #expect(throws: PlanRequestError.self) { try WeeklyPlanner(table: table, request: request, solver: solver).plan() }
        #expect(error == .contradiction(.contradictoryBounds(nutrient: "potassium_mg", scope: .day, minimum: 1100, minimumFrom: 0,
                                                              maximum: 900, maximumFrom: 1)))
        #expect(error?.description == "potassium_mg per day: minimum 1100 (nutrients[0].min) is above maximum 900 (nutrients[1].max)")
        #expect(solver.calls.isEmpty)
    }

    /// A day MIP that ends at its time limit with a point gives a plan that says so, as a note
    /// of its own (the reports put it in words); one that ends within its budget does not.
    @Test(arguments: [SolutionStatus.timeLimit(hasSolution: true), .optimal])
    func aDayStoppedAtTheTimeLimitIsNoted(_ status: SolutionStatus) throws {
        let table = try handTable([("a", 400, 0, 1, 4), ("b", 300, 0, 0.5, 2)])
        let solver = MockSolver { model, _, call in
            let zeros = [Double](repeating: 0, count: model.variableCount)
            return call == 0
                ? Solution(status: .optimal, objectiveValue: 2.25, values: zeros)
                : Solution(status: status, objectiveValue: 2.5, values: zeros)
        }
        let plan = try #require(planOf(try WeeklyPlanner(table: table, request: Self.request(), solver: solver).plan()))
        #expect(plan.strategy == "one-day MIP")
        #expect(plan.notes == (status == .optimal ? [] : [.stoppedAtTimeLimit]))
    }

    /// Continuous portions: the one-day LP, then the week's LP, whose point is the plan. The
    /// scripted point (1.25 servings of A and 2 of B each day, 1,100 mg of potassium) comes back
    /// as the plan's items, its objective as the plan's, and the validator accepts it.
    @Test func aRelaxedWeekIsReadFromTheSolversPoint() throws {
        let table = try handTable([("a", 400, 0, 1, 4), ("b", 300, 0, 0.5, 2)])
        var request = Self.request()
        request.days = 2
        request.relaxPortions = true
        var options = PlanModelBuilder.Options()
        options.relax = true
        let week = try PlanModelBuilder(table: table, request: request).build(options)
        let servings = ["a": 1.25, "b": 2.0]
        var point = [Double](repeating: 0, count: week.model.variableCount)
        for portion in week.portions { point[portion.variable.index] = servings[table.ids[portion.food]]! / request.portionStep }
        let weekPoint = point
        let solver = MockSolver { model, _, call in
            call == 0
                ? Solution(status: .optimal, objectiveValue: 2.25, values: [Double](repeating: 0, count: model.variableCount))
                : Solution(status: .optimal, objectiveValue: 4.5, values: weekPoint)
        }
        let plan = try #require(planOf(try WeeklyPlanner(table: table, request: request, solver: solver).plan()))
        #expect(plan.items.sorted { ($0.day, $0.food) < ($1.day, $1.food) } == [
            PlanItem(food: 0, day: 0, slot: .lunch, servings: 1.25), PlanItem(food: 1, day: 0, slot: .lunch, servings: 2),
            PlanItem(food: 0, day: 1, slot: .lunch, servings: 1.25), PlanItem(food: 1, day: 1, slot: .lunch, servings: 2),
        ])
        #expect(plan.objective == 4.5 && plan.bound == 4.5 && plan.quality == .relaxed)
        #expect(plan.strategy == "weekly LP (continuous portions)")
        #expect(PlanValidator(table: table, request: request).violations(of: plan.items, relaxed: true).isEmpty)
        let calls = solver.calls
        #expect(calls.count == 2)
        #expect(calls.last?.model.variableCount == week.model.variableCount)
        #expect(calls.allSatisfy { $0.model.variableKinds.allSatisfy { $0 == .continuous } })
    }
}
