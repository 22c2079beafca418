import Foundation
import Testing
@testable import MealPlanning
@testable import PlanReports

/// A nutrient no food of a day has a value for: its total is unknown, never 0; and a target is
/// printed without being loosened by its rounding.
@Suite("unknown totals and printed targets")
struct UnknownTotalsTests {
    static let vitaminC = Nutrient.forColumn("vitamin_c_mg")

    /// Eggs (no vitamin C value) on day 1; an orange (70 mg) on day 2.
    static func plan() throws -> (Plan, FoodTable) {
        var table = FoodTable(nutrients: [.energy, vitaminC])
        try table.append(id: "egg", name: "Egg", servingGrams: 50, nutrientValues: [78, .nan], price: 0.25, meals: MealSlots([.breakfast]))
        try table.append(id: "orange", name: "Orange", servingGrams: 131, nutrientValues: [62, 70], price: 0.6, meals: MealSlots([.breakfast]))
        var request = PlanRequest(profile: nil)
        request.days = 2
        request.meals = [MealShare(slot: .breakfast, minShare: nil, maxShare: nil)]
        request.nutrientRules = [NutrientRule(nutrient: "vitamin_c_mg", minimum: 60, source: "request")]
        let items = [PlanItem(food: 0, day: 0, slot: .breakfast, servings: 2), PlanItem(food: 1, day: 1, slot: .breakfast, servings: 1)]
        let plan = Plan(request: request, items: items, quality: .feasible, objective: 1.1, bound: nil, strategy: "by hand",
                        seconds: 0, excluded: [])
        return (plan, table)
    }

    @Test func theJSONTotalIsNull() throws {
        let (plan, table) = try Self.plan()
        let json = PlanReport.render(plan, table: table, format: .json)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let days = try #require(document["dailyTotals"] as? [[String: Any]])
        let first = try #require(days[0]["nutrients"] as? [String: Any])
        let second = try #require(days[1]["nutrients"] as? [String: Any])
        #expect(first["vitamin_c_mg"] is NSNull)
        #expect(first["kcal"] as? Double == 156)
        #expect(second["vitamin_c_mg"] as? Double == 70)
    }

    @Test func theTargetRowSaysUnknownAndNotMet() throws {
        let (plan, table) = try Self.plan()
        let content = ReportContent(plan: plan, table: table, options: RenderOptions())
        let row = try #require(content.targets.first { $0.rule.nutrient == "vitamin_c_mg" })
        #expect(row.values == [nil, 70])
        #expect(row.dayMet == [false, true])
        let text = PlanReport.render(plan, table: table, format: .table, options: RenderOptions(width: 200))
        let line = try #require(text.split(separator: "\n").first { $0.hasPrefix("Vitamin c (mg)") })
        #expect(line.contains("unknown") && !line.contains(" 0 "), "\(line)")
        let markdown = PlanReport.render(plan, table: table, format: .markdown)
        #expect(markdown.contains("| unknown |"))
    }

    /// A target is printed rounded the way that never loosens it.
    @Test(arguments: [
        (63.456, nil, "≥ 63.46"), (nil, 63.456, "≤ 63.45"), (28.001, 2100.009, "28.01–2,100"), (2600, nil, "≥ 2,600"), (nil, 0.5, "≤ 0.5"),
    ] as [(Double?, Double?, String)])
    func printedTargetsAreNotLooser(minimum: Double?, maximum: Double?, text: String) {
        #expect(NumberText.target(minimum: minimum, maximum: maximum) == text)
    }
}
