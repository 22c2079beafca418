import MealPlanning

extension PlanReport {
    /// Two plans side by side, for `planner compare`: objective and cost, the weekly average,
    /// lowest (and, for a nutrient with a maximum, highest) day of each daily target nutrient,
    /// the number of distinct foods, and the foods added and removed from `a` to `b` by id,
    /// sorted. Plain text, at most 100 characters a line. Plans of different lengths are
    /// compared per day: their totals are shown, not subtracted, and a sentence says so.
    public static func comparison(_ a: Plan, _ b: Plan, table: FoodTable, labelA: String, labelB: String) -> String {
        typealias Cell = TextLayout.Cell
        let layout = TextLayout(width: 100, color: false)
        let contentA = ReportContent(plan: a, table: table, options: RenderOptions())
        let contentB = ReportContent(plan: b, table: table, options: RenderOptions())
        var rows: [[Cell]] = []
        func row(_ label: String, _ left: String, _ right: String, _ change: String = "") {
            rows.append([Cell(label), Cell(left), Cell(right), Cell(change)])
        }
        func numbers(_ label: String, _ left: Double, _ right: Double, format: (Double) -> String) {
            let change = right - left
            let text = format(change)
            row(label, format(left), format(right), text.hasPrefix("-") ? text : (abs(change) < 1e-9 ? "0" : "+" + text))
        }
        /// Nutrient amounts: the change with as many decimals as the values show.
        func amounts(_ label: String, _ left: Double, _ right: Double) {
            let decimals = max(abs(left), abs(right)) >= 99.95 ? 0 : 1
            numbers(label, left, right) { NumberText.fixed($0, decimals) }
        }
        row("Objective", a.request.objective.name, b.request.objective.name)
        row("Status", a.quality.text, b.quality.text)
        row("Result", contentA.objectiveValueText(a.objective), contentB.objectiveValueText(b.objective))
        row("Bound", contentA.boundText, contentB.boundText)
        row("Days", String(a.request.days), String(b.request.days))
        let sameLength = a.request.days == b.request.days
        if sameLength {
            numbers("Cost", contentA.totals.weeklyCost, contentB.totals.weeklyCost, format: NumberText.money)
        } else {
            row("Cost", "\(NumberText.money(contentA.totals.weeklyCost)) \(contentA.periodText)",
                "\(NumberText.money(contentB.totals.weeklyCost)) \(contentB.periodText)", "see per day")
        }
        numbers("Cost per day", contentA.averageDailyCost, contentB.averageDailyCost, format: NumberText.money)

        var keys: [String] = []
        for rule in a.request.resolvedNutrientRules + b.request.resolvedNutrientRules
        where rule.scope == .day && !keys.contains(rule.nutrient) && table.nutrients.contains(where: { $0.key == rule.nutrient }) {
            keys.append(rule.nutrient)
        }
        for key in keys {
            let nutrient = table.nutrients.first { $0.key == key }!
            let name = nutrient.displayName.prefix(1).uppercased() + nutrient.displayName.dropFirst()
            let label = name + (nutrient.unit.isEmpty ? "" : " (\(nutrient.unit))")
            let valuesA = (0 ..< a.request.days).map { contentA.totals.daily[$0][key] ?? 0 }
            let valuesB = (0 ..< b.request.days).map { contentB.totals.daily[$0][key] ?? 0 }
            func average(_ values: [Double]) -> Double { values.reduce(0, +) / Double(max(values.count, 1)) }
            let ruleA = a.request.resolvedNutrientRules.first { $0.nutrient == key && $0.scope == .day }
            let ruleB = b.request.resolvedNutrientRules.first { $0.nutrient == key && $0.scope == .day }
            let targetA = ruleA.map { NumberText.target(minimum: $0.minimum, maximum: $0.maximum) } ?? "none"
            let targetB = ruleB.map { NumberText.target(minimum: $0.minimum, maximum: $0.maximum) } ?? "none"
            row("\(label) target", targetA, targetB)
            amounts("\(label) average", average(valuesA), average(valuesB))
            amounts("\(label) lowest day", valuesA.min() ?? 0, valuesB.min() ?? 0)
            if ruleA?.maximum != nil || ruleB?.maximum != nil {
                amounts("\(label) highest day", valuesA.max() ?? 0, valuesB.max() ?? 0)
            }
        }
        let gramsA = contentA.totals.dailyGrams.reduce(0, +) / Double(max(a.request.days, 1))
        let gramsB = contentB.totals.dailyGrams.reduce(0, +) / Double(max(b.request.days, 1))
        numbers("Food per day (g), average", gramsA, gramsB) { NumberText.fixed($0, 0) }
        let foodsA = Set(a.items.map { table.ids[$0.food] })
        let foodsB = Set(b.items.map { table.ids[$0.food] })
        numbers("Distinct foods", Double(foodsA.count), Double(foodsB.count)) { NumberText.fixed($0, 0) }

        let columns = [
            TextLayout.Column(title: ""), TextLayout.Column(title: labelA, flexible: true),
            TextLayout.Column(title: labelB, flexible: true), TextLayout.Column(title: "Change", right: true),
        ]
        var lines = ["Plan comparison: \(labelA) and \(labelB)", ""]
        if !sameLength {
            func days(_ count: Int) -> String { count == 1 ? "1 day" : "\(count) days" }
            lines.insert("The plans cover different numbers of days (\(labelA) \(days(a.request.days)), \(labelB) "
                + "\(days(b.request.days))): costs and nutrients are compared per day; the totals of each plan are "
                + "for its own days.", at: 1)
            lines.insert("", at: 1)
        }
        lines = lines.flatMap { $0.isEmpty ? [$0] : layout.wrap($0) }
        lines += layout.table(columns, rows)
        let added = foodsB.subtracting(foodsA).sorted()
        let removed = foodsA.subtracting(foodsB).sorted()
        lines.append("")
        lines += layout.wrap("Foods added in \(labelB) (\(added.count)): " + (added.isEmpty ? "none" : added.joined(separator: ", ")), rest: "  ")
        lines += layout.wrap("Foods removed in \(labelB) (\(removed.count)): " + (removed.isEmpty ? "none" : removed.joined(separator: ", ")), rest: "  ")
        return lines.joined(separator: "\n") + "\n"
    }
}
