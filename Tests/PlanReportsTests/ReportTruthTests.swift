import Foundation
import Testing

@testable import MealPlanning
@testable import PlanReports

/// What a report says is true of the plan it prints: the explanation says which LP it comes
/// from and never offers a food of the plan as one close to entering it; every food left out
/// is named; plans of different lengths are compared per day; the HTML page charts every
/// target and fits a phone screen.
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

    @Test("every food left out is named, or the first ten and how many more")
    func excludedFoods() throws {
        let table = ReportFixtures.table
        var plan = ReportFixtures.plan()
        // Eleven foods for one reason, one for another: the eleventh by name is counted.
        plan.excluded = (0 ..< 11).map { ExcludedFood(food: $0, reason: "no total sugars value") }
            + [ExcludedFood(food: ReportFixtures.food("mystery-bar"), reason: "no price")]
        let names = (0 ..< 11).map { table.names[$0] }.sorted()
        let text = Self.lines(Self.render(plan, .table))
        #expect(text.contains("- 12 foods left out: no total sugars value (11), no price (1)"))
        #expect(text.contains("- Left out for no total sugars value: " + names.prefix(10).joined(separator: "; ") + " and 1 more"))
        #expect(text.contains("- Left out for no price: Mystery bar"))

        plan.excluded = (0 ..< 3).map { ExcludedFood(food: $0, reason: "no fiber value") }
        let three = Self.lines(Self.render(plan, .table))
        #expect(three.contains("- Left out for no fiber value: " + (0 ..< 3).map { table.names[$0] }.sorted().joined(separator: "; ")))
        // The machine format keeps every id.
        let excluded = try #require(try Self.json(plan)["excludedFoods"] as? [[String: Any]])
        #expect(excluded.compactMap { $0["foodId"] as? String } == (0 ..< 3).map { table.ids[$0] })
    }

    @Test("plans of different lengths are compared per day")
    func compareLengths() {
        let week = ReportFixtures.plan()
        var request = ReportFixtures.request
        request.days = 1
        let day = ReportFixtures.plan(items: ReportFixtures.items(days: 1), request: request)
        let text = PlanReport.comparison(week, day, table: ReportFixtures.table, labelA: "week.json", labelB: "day.json")
        let all = Self.lines(text)
        #expect(Array(all.prefix(4)) == [
            "Plan comparison: week.json and day.json", "",
            "The plans cover different numbers of days (week.json 7 days, day.json 1 day): costs and nutrients",
            "are compared per day; the totals of each plan are for its own days.",
        ])
        #expect(all.contains { $0.hasPrefix("Cost ") && $0.contains("$49.20 a week") && $0.contains("$7.05 a day") && $0.hasSuffix("see per day") })
        #expect(all.contains { $0.hasPrefix("Cost per day ") && $0.contains("$7.03") && $0.contains("$7.05") && $0.hasSuffix("+$0.02") })
        for line in all { #expect(line.count <= 100, "\(line)") }
        // Plans of the same length: no such sentence, and the cost difference.
        let same = PlanReport.comparison(week, week, table: ReportFixtures.table, labelA: "a.json", labelB: "b.json")
        #expect(!same.contains("different numbers of days"))
        #expect(Self.lines(same).contains { $0.hasPrefix("Cost ") && $0.hasSuffix(" 0") })
    }

    /// The fixture's request with a rule of a meal and a rule of the week.
    static var richRequest: PlanRequest {
        var request = ReportFixtures.request
        request.nutrientRules += [
            NutrientRule(nutrient: "sodium_mg", maximum: 600, scope: .meal(.dinner), source: "request"),
            NutrientRule(nutrient: "fiber_g", minimum: 150, scope: .week, source: "request"),
        ]
        return request
    }

    @Test("the HTML page charts every target: each day's, each meal's and the week's")
    func chartsEveryTarget() {
        let plan = ReportFixtures.plan(request: Self.richRequest)
        let content = ReportContent(plan: plan, table: ReportFixtures.table, options: RenderOptions())
        let fiber = NumberText.amount((0 ..< 7).reduce(0) { $0 + (content.totals.daily[$1]["fiber_g"] ?? 0) })
        let html = HTMLReport(content: content).render()
        let figures = html.components(separatedBy: "<figure>").dropFirst()
        #expect(figures.count == 8)
        let charted = Set(HTMLReportLayoutTests.matches(#"<text x="0" y="[0-9.]+">([^<]*)</text>"#, in: html).map { $0[0] })
        for target in content.targets {
            var label = HTMLReport.capitalized(target.nutrient.displayName)
            if case .meal(let slot) = target.rule.scope { label += " at \(slot.rawValue)" }
            #expect(charted.contains(label), "\(label) is not charted")
        }
        // Day 1: the five headline nutrients, protein, vitamin C and sodium at dinner.
        let day = HTMLReportLayoutTests.matches(#"<text x="0" y="[0-9.]+">([^<]*)</text>"#, in: String(figures.first!)).map { $0[0] }
        #expect(day == ["Potassium", "Sodium", "Total sugars", "Fiber", "Energy", "Protein", "Vitamin c", "Sodium at dinner"], "\(day)")
        // The week: fiber over the week against 150 g, met.
        let week = String(figures.last!)
        #expect(week.hasPrefix("<figcaption>The week <span>cost $49.20</span></figcaption>"))
        #expect(week.contains("<title id=\"chart-week\">The week: Fiber \(fiber) g (target ≥ 150 g over 7 days, met)</title>"), "\(week)")
        #expect(week.contains(">\(fiber) g ✓</text>") && week.contains(">≥ 150/wk</text>"))
        #expect(html.contains("<title id=\"chart-day-1\">Day 1: Potassium 6,158 mg (target ≥ 2,600 mg, met);"))
    }

    @Test("chart names of any length stay in their column")
    func longLabels() {
        let rows = HTMLReport(content: ReportContent(plan: ReportFixtures.plan(request: Self.richRequest), table: ReportFixtures.table,
                                                     options: RenderOptions())).chartRows()
        let chart = HTMLReport.Chart(labels: rows.map(\.label))
        for row in rows { #expect(HTMLReport.Chart.textWidth(row.label) <= chart.labelWidth - 2, "\(row.label)") }
        #expect(chart.labelWidth > HTMLReport.Chart.minimumLabelWidth)
        #expect(HTMLReport.Chart(labels: ["Fiber"]).labelWidth == HTMLReport.Chart.minimumLabelWidth)
    }

    @Test("on a phone the totals and the shopping list are cards, every value named")
    func phoneLayout() {
        let html = Self.render(ReportFixtures.plan(), .html)
        let style = HTMLReport.style
        #expect(html.contains(style))
        #expect(style.contains("table.totals thead,table.shopping thead{display:none}"))
        #expect(style.contains("table.totals tr,table.shopping tr{display:flex;flex-wrap:wrap;"))
        #expect(style.contains("table.totals td[data-label]::before,table.shopping td[data-label]::before{content:attr(data-label) \" \";"))
        #expect(html.contains("<tr><th scope=\"row\">Potassium (mg)</th><td class=\"num\" data-label=\"Target\">≥ 2,600</td><td class=\"num\" data-label=\"Day 1\">6,158</td>"))
        #expect(html.contains("<td class=\"num\" data-label=\"Tightest margin\">+3,304 mg (day 2)</td><td class=\"source\" data-label=\"Source\">"))
        #expect(html.contains("<tr><td class=\"food\">Banana</td><td data-label=\"Group\">fruit</td><td data-label=\"Amount\">10 1/2 medium</td><td data-label=\"Buy\">11 medium</td><td class=\"num\" data-label=\"Cost\">$3.15</td></tr>"))
        // Every cell of the two tables names its column, but the food's name, the status and the empty ones.
        for table in ["totals", "shopping"] {
            let start = html.range(of: "<table class=\"\(table)\">")!.upperBound
            let end = html[start...].range(of: "</table>")!.lowerBound
            for cell in HTMLReportLayoutTests.matches(#"<td([^>]*)>([^<]*)"#, in: String(html[start ..< end])) where !cell[1].isEmpty {
                #expect(cell[0].contains("data-label=") || ["class=\"food\"", "class=\"met\"", "class=\"missed\""].contains(cell[0].trimmingCharacters(in: .whitespaces)),
                        "\(table): <td\(cell[0])>\(cell[1])")
            }
        }
        // Self-contained still: no script, nothing loaded.
        for needle in ["<script", "http", "url(", "@import"] { #expect(!html.contains(needle)) }
    }
}
