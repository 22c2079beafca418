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
}
