import Foundation
import Testing

@testable import MealPlanning
@testable import PlanReports

/// What a report says is true of the plan it prints: the explanation says which LP it comes
/// from and never offers a food of the plan as one close to entering it.
@Suite("reports say what is true")
struct ReportTruthTests {
    static func lines(_ text: String) -> [String] { text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) }

    static func render(_ plan: Plan, _ format: ReportFormat) -> String {
        PlanReport.render(plan, table: ReportFixtures.table, format: format, options: RenderOptions(width: 400))
    }

    static func json(_ plan: Plan) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(render(plan, .json).utf8)) as? [String: Any])
    }

    @Test("a food the plan holds is never said to be close to entering it")
    func marginalFoodsInThePlan() throws {
        var plan = ReportFixtures.plan()
        // Bananas are in every day of the fixture's week; kale is not in it.
        plan.marginalFoods = [MarginalFood(food: ReportFixtures.food("banana"), reducedCostPerServing: 0.01),
                              MarginalFood(food: ReportFixtures.food("kale"), reducedCostPerServing: 0.03)]
        for format in ReportFormat.allCases where format != .csv {
            let text = Self.render(plan, format)
            #expect(!text.contains("Banana would enter") && !text.contains("Banana is not in the plan"), "\(format)")
            #expect(text.contains("Kale, cooked is not in the plan; in the one-day LP relaxation it would enter if 3 % cheaper ($0.03 less per serving)"),
                    "\(format)")
        }
        let marginal = try #require(try Self.json(plan)["marginalFoods"] as? [[String: Any]])
        #expect(marginal.map { $0["foodId"] as? String } == ["kale"])
    }

    @Test("the explanation names the LP it comes from")
    func basis() throws {
        var plan = ReportFixtures.plan()
        let text = Self.lines(Self.render(plan, .table))
        #expect(text.contains("- potassium ≥ 2,600 mg per day binds in the one-day LP relaxation: lowering it by 100 mg would save $0.42 a week"))
        #expect(text.contains("- energy 1,900-2,100 kcal per day binds in the one-day LP relaxation: raising its maximum by 100 kcal would save $0.10 a week"))
        #expect(try Self.json(plan)["explanationBasis"] as? String == "the one-day LP relaxation")

        plan.explanationBasis = Plan.planRelaxation
        plan.bindingRules.append(BindingRule(rule: "lunch: 1 main", amount: 1, unit: "items", objectiveChange: -0.25, direction: "raising"))
        let relaxed = Self.lines(Self.render(plan, .table))
        #expect(relaxed.contains("- potassium ≥ 2,600 mg per day binds in the LP relaxation of the whole plan: lowering it by 100 mg would save $0.42 a week"))
        #expect(relaxed.contains("- lunch: 1 main binds in the LP relaxation of the whole plan: raising it by 1 item would save $0.25 a week"))
        #expect(relaxed.contains("- Kale, cooked is not in the plan; in the LP relaxation of the whole plan it would enter if 3 % cheaper ($0.03 less per serving)"))

        // A plan saved before plans named the LP reads as it was written.
        plan.explanationBasis = nil
        let saved = Self.lines(Self.render(plan, .table))
        #expect(saved.contains("- potassium ≥ 2,600 mg per day binds: lowering it by 100 mg would save $0.42 a week"))
        #expect(saved.contains("- lunch: 1 main binds: raising it by 1 items would save $0.25 a week"))
        #expect(saved.contains("- Kale, cooked would enter the plan if 3 % cheaper ($0.03 less per serving)"))
        #expect(try Self.json(plan)["explanationBasis"] is NSNull)
    }

    @Test("the basis reads back from a saved plan, and a saved plan without one keeps its wording")
    func basisReadsBack() throws {
        let plan = ReportFixtures.plan()
        let saved = try SavedPlan.read(Data(Self.render(plan, .json).utf8), fileName: "plan.json")
        #expect(saved.explanationBasis == Plan.oneDayRelaxation)
        #expect(try saved.plan(in: ReportFixtures.table).explanationBasis == Plan.oneDayRelaxation)
        var old = plan
        old.explanationBasis = nil
        let text = Self.render(old, .json).replacingOccurrences(of: "  \"explanationBasis\": null,\n", with: "")
        #expect(!text.contains("explanationBasis"))
        #expect(try SavedPlan.read(Data(text.utf8), fileName: "plan.json").explanationBasis == nil)
        let check = try SavedPlanCheck(Data(text.utf8), fileName: "plan.json", table: ReportFixtures.table)
        #expect(check.mismatches.isEmpty, "\(check.mismatches)")
    }
}
