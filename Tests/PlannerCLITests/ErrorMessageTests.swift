import LinearProgramming
import MealPlanning
import Testing
@testable import PlannerCLI

/// The command line words the domain's typed errors with its flags and picks the exit code by
/// the error's type and case, never by the text of its message.
@Suite struct ErrorMessageTests {
    @Test func aFoodTableThatCannotBeReadIsExit66WhateverItsMessageSays() {
        let missing = FoodTableError(file: "foods.csv", reason: .fileMissing(path: "/data/foods.csv"))
        #expect(describe(missing) == ("foods.csv: no such file (/data/foods.csv)", PlannerExit.cannotRead))
        #expect(describe(FoodTableError(file: "fdc", reason: .isFolder)) == ("fdc: is a folder, not a file", PlannerExit.cannotRead))
        // Content whose message happens to start like an unreadable file's is still bad data.
        let content = FoodTableError(file: "foods.csv", line: nil, column: nil, message: "no such file in this table's header")
        #expect(describe(content).1 == PlannerExit.badData)
    }

    @Test func searchesWithoutAPlanNameTheFlagThatGivesMoreRoom() {
        let cases: [(WeeklyPlanner.PlanningError, String, String, Int32)] = [
            (.noPlanWithinTimeLimit(seconds: 30), "no plan found within the time limit of 30 s; try a longer --time-limit",
             "no plan found within the time limit of 30 s; try a longer time limit", PlannerExit.timeLimit),
            (.noPlanWithinEffort(effort: 10, status: .nodeLimit(hasSolution: false)),
             "no plan found within the search budget of effort 10 (node limit (no solution)); try --effort 40",
             "no plan found within the search budget of effort 10 (node limit (no solution)); try an effort of 40", PlannerExit.timeLimit),
            (.noIntegerPlanOverLPFoods(count: 12), "no integer plan over the 12 foods the LP selected; try --relax for the LP plan",
             "no integer plan over the 12 foods the LP selected; plan with continuous portions for the LP plan", PlannerExit.timeLimit),
            (.interruptedWithoutPlan, "interrupted before a first plan was found", "interrupted before a first plan was found",
             PlannerExit.interrupted),
        ]
        for (error, command, domain, code) in cases {
            #expect(describe(error) == (command, code))
            #expect(error.description == domain)
        }
        #expect(describe(WeeklyPlanner.PlanningError.solverFailed("weekly LP: singular"))
            == ("internal error: the solver failed: weekly LP: singular", PlannerExit.internalError))
    }

    @Test func aContradictionIsNamedByKeyInAFileAndByFlagOnTheCommandLine() {
        let error = PlanRequestError.contradiction(.foodsPerMeal(minimum: 4, maximum: 2))
        #expect(error.description
            == "minimum foods per meal 4 (variety.minFoodsPerMeal) is above maximum foods per meal 2 (variety.maxFoodsPerMeal)")
        let flags = RequestNaming(source: { setting in
            switch setting {
            case .minFoodsPerMeal: return "default"
            case .maxFoodsPerMeal: return "--max-foods-per-meal"
            default: return setting.key
            }
        })
        #expect(error.message(naming: flags) == "minimum foods per meal 4 (default) is above maximum foods per meal 2 (--max-foods-per-meal)")
    }
}
