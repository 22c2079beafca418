import MealPlanning

/// Aligned terminal text, at most `options.width` characters a line.
struct TableReport {
    let content: ReportContent
    let layout: TextLayout

    init(content: ReportContent) {
        self.content = content
        layout = TextLayout(width: content.options.width, color: content.options.color)
    }

    func render() -> String {
        var lines: [String] = []
        lines.append(layout.paint("Meal plan: \(content.plan.request.days) day\(content.plan.request.days == 1 ? "" : "s"), \(content.plan.request.objective.name)", .bold))
        lines.append("")
        lines += summary()
        lines += section("The week", week())
        lines += section("Daily totals against targets", dailyTotals())
        lines += section("Targets", targets())
        lines += section("Potassium", potassium())
        lines += section("Cost and shopping list", shopping())
        lines += section("Why this plan", why())
        lines += section("Note", layout.wrap(ReportContent.medicalNote))
        return lines.joined(separator: "\n") + "\n"
    }

    func section(_ title: String, _ body: [String]) -> [String] {
        ["", layout.paint(title.uppercased(), .bold), ""] + body
    }

    func summary() -> [String] {
        let header = content.header
        let labelWidth = header.map(\.label.count).max() ?? 0
        var lines: [String] = []
        for (label, value) in header {
            let prefix = TextLayout.pad(label, to: labelWidth) + "  "
            var wrapped = layout.wrap(value, first: prefix, rest: String(repeating: " ", count: prefix.count))
            if content.options.color, !wrapped.isEmpty {
                wrapped[0] = layout.paint(label, .bold) + String(wrapped[0].dropFirst(label.count))
            }
            lines += wrapped
        }
        return lines
    }

    // MARK: The week

    func week() -> [String] {
        let slotWidth = content.slots.map(\.title.count).max() ?? 0
        let amountWidth = min(18, content.days.flatMap { $0.meals.flatMap { $0.items.map(\.household.count) } }.max() ?? 0)
        var lines: [String] = []
        for day in content.days {
            if day.index > 0 { lines.append("") }
            lines.append(layout.paint("Day \(day.index + 1)", .bold))
            for meal in day.meals {
                let label = "  " + TextLayout.pad(meal.slot.title, to: slotWidth) + "  "
                let blank = String(repeating: " ", count: label.count)
                if meal.items.isEmpty {
                    lines.append(label + "-")
                    continue
                }
                for (index, item) in meal.items.enumerated() {
                    let start = (index == 0 ? label : blank) + TextLayout.pad(item.household, to: amountWidth) + "  "
                    let grams = item.grams.map { " (\(NumberText.fixed($0, 0)) g)" } ?? ""
                    let room = layout.width - start.count - grams.count
                    var line = start + TextLayout.truncate(item.label, to: max(room, 8)) + grams
                    if line.count > layout.width { line = TextLayout.truncate(line, to: layout.width) }
                    lines.append(line)
                }
            }
        }
        return lines
    }

    // MARK: Daily totals

    func dailyTotals() -> [String] {
        typealias Cell = TextLayout.Cell
        let days = content.plan.request.days
        var rows: [(label: String, target: String, values: [Cell], status: Cell)] = []
        var anyMiss = false
        for row in content.targets {
            let values = (0 ..< days).map { day -> Cell in
                guard let value = row.values[day] else { return Cell(row.hasColumn ? "unknown" : "n/a") }
                if row.dayMet[day] { return Cell(NumberText.amount(value)) }
                anyMiss = true
                return Cell(NumberText.amount(value) + "!", .bad)
            }
            let status = row.hasColumn ? (row.met ? Cell("met", .good) : Cell("not met", .bad)) : Cell("no data", .bad)
            rows.append((row.label, row.target, values, status))
        }
        let grams = (0 ..< days).map { day -> Cell in
            let text = NumberText.fixed(content.totals.dailyGrams[day], 0)
            if content.gramsMet(day: day) { return Cell(text) }
            anyMiss = true
            return Cell(text + "!", .bad)
        }
        let gramsStatus = content.plan.request.maxDailyGrams == nil ? Cell("")
            : ((0 ..< days).allSatisfy(content.gramsMet) ? Cell("met", .good) : Cell("not met", .bad))
        rows.append(("Food (g)", content.gramsTarget, grams, gramsStatus))
        rows.append(("Cost ($)", "", content.totals.dailyCost.map { Cell(NumberText.fixed($0, 2)) }, Cell("")))

        // As many day columns as fit; more days continue in further blocks.
        let labelWidth = max(8, rows.map(\.label.count).max() ?? 0)
        let targetWidth = max(6, rows.map(\.target.count).max() ?? 0)
        let dayWidth = max(6, rows.flatMap { $0.values.map(\.text.count) }.max() ?? 0)
        let fixed = min(labelWidth, 24) + 2 + targetWidth + 2 + 7 + 2
        let perBlock = max(1, min(days, (layout.width - fixed) / (dayWidth + 2)))
        var lines: [String] = []
        var first = 0
        while first < days {
            let last = min(days, first + perBlock)
            let isLast = last == days
            var columns = [TextLayout.Column(title: "Nutrient", flexible: true), TextLayout.Column(title: "Target", right: true)]
            columns += (first ..< last).map { TextLayout.Column(title: "Day \($0 + 1)", right: true) }
            if isLast { columns.append(TextLayout.Column(title: "Met")) }
            let cells = rows.map { row -> [Cell] in
                var cells = [Cell(row.label), Cell(row.target)] + Array(row.values[first ..< last])
                if isLast { cells.append(row.status) }
                return cells
            }
            if first > 0 { lines.append("") }
            lines += layout.table(columns, cells)
            first = last
        }
        if anyMiss { lines += ["", "! marks a day that misses the target."] }
        return lines
    }

    func targets() -> [String] {
        typealias Cell = TextLayout.Cell
        if content.targets.isEmpty { return ["No nutrient targets."] }
        let columns = [
            TextLayout.Column(title: "Nutrient", flexible: true), TextLayout.Column(title: "Target", right: true),
            TextLayout.Column(title: "Met"), TextLayout.Column(title: "Tightest margin"),
            TextLayout.Column(title: "Source", flexible: true),
        ]
        let rows = content.targets.map { row -> [Cell] in
            let status = row.hasColumn ? (row.met ? Cell("met", .good) : Cell("not met", .bad)) : Cell("no data", .bad)
            let unit = row.nutrient.unit.isEmpty ? "" : " \(row.nutrient.unit)"
            return [Cell(row.label), Cell(row.target + unit), status, Cell(row.marginText), Cell(row.rule.source)]
        }
        return layout.table(columns, rows)
    }

    // MARK: Cost and shopping list

    func shopping() -> [String] {
        typealias Cell = TextLayout.Cell
        var lines = layout.wrap("Cost: \(NumberText.money(content.totals.weeklyCost)) \(content.periodText), \(NumberText.money(content.averageDailyCost)) a day on average.")
        lines.append("")
        let columns = [
            TextLayout.Column(title: "Food", flexible: true), TextLayout.Column(title: "Group", flexible: true),
            TextLayout.Column(title: "Amount"), TextLayout.Column(title: "Buy"), TextLayout.Column(title: "Cost", right: true),
        ]
        var rows = content.shopping.lines.map { line -> [Cell] in
            [Cell(content.foodName(line.food)), Cell(content.table.groups[line.food]), Cell(line.household),
             Cell(line.purchase), Cell(line.cost.map(NumberText.money) ?? "n/a")]
        }
        rows.append([Cell("Total"), Cell(""), Cell(""), Cell(""), Cell(NumberText.money(content.shopping.totalCost))])
        lines += layout.table(columns, rows)
        return lines
    }

    // MARK: Potassium

    /// Each day's three largest sources, then the plain-words summary.
    func potassium() -> [String] {
        let summary = content.potassium
        guard !summary.lines.isEmpty else { return ["The food table has no potassium values."] }
        var lines: [String] = []
        for (day, sources) in summary.days.enumerated() where !sources.isEmpty {
            let text = sources.map { "\($0.name) \(NumberText.fixed($0.milligrams, 0)) mg" }.joined(separator: ", ")
            lines += layout.wrap(text, first: "Day \(day + 1)  ", rest: String(repeating: " ", count: "Day \(day + 1)  ".count))
        }
        lines.append("")
        return lines + summary.lines.flatMap { layout.wrap($0, first: "- ", rest: "  ") }
    }

    // MARK: Why

    func why() -> [String] {
        let lines = content.whyLines
        if lines.isEmpty { return ["No explanation is available for this plan."] }
        return lines.flatMap { layout.wrap($0, first: "- ", rest: "  ") }
    }
}
