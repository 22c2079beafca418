import Testing

@testable import MealPlanning
@testable import PlanReports

/// The week names what each spread, fat, sweetener or condiment goes with.
@Suite struct AccompanimentLabelTests {
    static let table = try! FoodTable.parse(text: """
        id,name,serving_qty,serving_unit,serving_g,kcal,meals,roles,family,pairs_with,max_per_carrier
        oatmeal,"Oatmeal, cooked",1,cup,234,160,breakfast,breakfast-main,hot-cereal,,
        banana,Banana,1,medium,118,105,breakfast,fruit,banana,,
        sugar,"Sugar, granulated",1,tsp,4,16,breakfast,sweetener,sugar,hot-cereal,1
        oil,Canola oil,1,tbsp,14,124,lunch,cooking-fat,oil,vegetable-side,1
        beans,"Pinto beans, boiled",1,cup,171,245,lunch,main,beans,,
        carrots,"Carrots, cooked, sliced",0.5,cup,78,27,lunch,vegetable-side,carrot,,
        greens,Collard greens (cooked),0.5,cup,95,31,lunch,vegetable-side,collards,,
        toast,(Toast),1,slice,30,80,breakfast,starch-side,bread,,
        butter,Butter,1,tsp,5,34,breakfast,spread,butter,bread,1

        """, fileName: "t.csv")

    static func plan(patterns: Bool) -> Plan {
        var request = PlanRequest(profile: nil)
        request.useProfileTargets = false
        request.days = 1
        request.meals = [MealShare(slot: .breakfast, minShare: nil, maxShare: nil), MealShare(slot: .lunch, minShare: nil, maxShare: nil)]
        if !patterns { request.mealPatterns = [] }
        func item(_ id: String, _ slot: MealSlot, _ servings: Double) -> PlanItem {
            PlanItem(food: table.index(ofID: id)!, day: 0, slot: slot, servings: servings)
        }
        let items = [item("oatmeal", .breakfast, 1), item("banana", .breakfast, 1), item("sugar", .breakfast, 1),
                     item("toast", .breakfast, 1), item("butter", .breakfast, 1),
                     item("beans", .lunch, 1), item("carrots", .lunch, 1), item("greens", .lunch, 2), item("oil", .lunch, 1)]
        return Plan(request: request, items: items, quality: .feasible, objective: 0, bound: nil, strategy: "test", seconds: 0, excluded: [])
    }

    func weekLines(_ format: ReportFormat, patterns: Bool = true) -> [String] {
        PlanReport.render(Self.plan(patterns: patterns), table: Self.table, format: format, options: RenderOptions())
            .split(separator: "\n").map(String.init)
    }

    @Test func eachAccompanimentNamesItsCarrier() {
        let lines = weekLines(.table)
        // The carrier with the most servings, its name up to the first comma or bracket.
        #expect(lines.contains { $0.hasSuffix("Canola oil, for the collard greens (14 g)") }, "\(lines)")
        #expect(lines.contains { $0.hasSuffix("Sugar, granulated, for the oatmeal (4 g)") }, "\(lines)")
        #expect(lines.contains { $0.hasSuffix("Pinto beans, boiled (171 g)") })
        // A name that is all brackets is named whole.
        #expect(lines.contains { $0.hasSuffix("Butter, for the (toast) (5 g)") }, "\(lines)")
        #expect(!lines.contains { $0.contains("Pinto beans, boiled, for") || $0.contains("Banana, for") })
        #expect(weekLines(.markdown).contains { $0.contains("| Canola oil, for the collard greens |") })
        #expect(weekLines(.html).contains { $0.contains("Canola oil, for the collard greens") })
    }

    @Test func withoutMealPatternsNothingIsAnAccompaniment() {
        #expect(!weekLines(.table, patterns: false).contains { $0.contains(", for the") })
    }
}
