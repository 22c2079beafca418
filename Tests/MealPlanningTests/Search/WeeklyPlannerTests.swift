import BundledData
import Foundation
import GLPK
import LinearProgramming
import Testing
@testable import MealPlanning

/// The shipped table, loaded once.
let shippedTable: FoodTable = {
    guard let url = BundledData.foodsCSV, let table = try? FoodTable.load(contentsOf: url) else {
        fatalError("the bundled foods.csv must load")
    }
    return table
}()

@Suite struct WeeklyPlannerTests {
    @Test(arguments: [Profile.Sex.female, .male])
    func defaultPlanMeetsEveryTarget(sex: Profile.Sex) throws {
        var request = PlanRequest(profile: Profile(sex: sex))
        // The node and round budgets end the search, not the clock of a loaded machine.
        request.timeLimit = 600
        let outcome = try WeeklyPlanner(table: shippedTable, request: request, solver: GLPKSolver()).plan { print($0) }
        guard case .plan(let plan) = outcome else {
            Issue.record("no plan: \(outcome)")
            return
        }
        let violations = PlanValidator(table: shippedTable, request: request).violations(of: plan.items)
        #expect(violations.isEmpty, "\(violations)")
        let totals = PlanTotals(plan: plan, table: shippedTable)
        let potassium = NutrientTargets.potassiumAdequateIntake(Profile(sex: sex))
        for day in 0 ..< 7 {
            #expect(totals.daily[day]["potassium_mg", default: 0] >= potassium - 1e-6)
            #expect(totals.daily[day]["sodium_mg", default: 0] <= 2300 + 1e-6)
        }
        print("objective \(plan.objective) bound \(String(describing: plan.bound)) gap \(String(describing: plan.gap)) \(plan.strategy) \(plan.seconds)s foods \(Set(plan.items.map(\.food)).count)")
    }
}
