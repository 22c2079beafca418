import MealPlanning

/// GitHub-flavoured Markdown: headings, lists and pipe tables.
struct MarkdownReport {
    let content: ReportContent

    /// Text safe inside a table cell or a list item.
    static func escape(_ text: String) -> String {
        var result = ""
        for character in text {
            switch character {
            case "|", "\\", "*", "_", "`", "[", "]", "<", ">": result += "\\\(character)"
            case "\n", "\r": result += " "
            default: result.append(character)
            }
        }
        return result
    }

    static func table(_ header: [String], _ rows: [[String]], right: Set<Int> = []) -> [String] {
        var lines = ["| " + header.map(escape).joined(separator: " | ") + " |"]
        lines.append("|" + header.indices.map { right.contains($0) ? " ---: " : " --- " }.joined(separator: "|") + "|")
        lines += rows.map { "| " + $0.map(escape).joined(separator: " | ") + " |" }
        return lines
    }

    func render() -> String {
        let plan = content.plan
        var lines: [String] = []
        lines.append("# Meal plan: \(plan.request.days) day\(plan.request.days == 1 ? "" : "s"), \(Self.escape(plan.request.objective.name))")
        lines.append("")
        lines += content.header.map { "- **\($0.label):** \(Self.escape($0.value))" }

        lines += ["", "## The week"]
        for day in content.days {
            lines += ["", "### Day \(day.index + 1)", ""]
            var rows: [[String]] = []
            for meal in day.meals {
                if meal.items.isEmpty { rows.append([meal.slot.title, "", "-", ""]) }
                for (index, item) in meal.items.enumerated() {
                    rows.append([index == 0 ? meal.slot.title : "", item.household, item.label,
                                 item.grams.map { "\(NumberText.fixed($0, 0)) g" } ?? ""])
                }
            }
            lines += Self.table(["Meal", "Amount", "Food", "Weight"], rows, right: [3])
        }

        lines += ["", "## Daily totals against targets", ""]
        let days = plan.request.days
        let header = ["Nutrient", "Target"] + (0 ..< days).map { "Day \($0 + 1)" } + ["Met", "Tightest margin"]
        // Cells are escaped here, so that bold marks stay Markdown.
        func bold(_ text: String) -> String { "**\(Self.escape(text))**" }
        var rows: [[String]] = content.targets.map { row in
            let values = (0 ..< days).map { day -> String in
                guard let value = row.values[day] else { return row.hasColumn ? "unknown" : "n/a" }
                return row.dayMet[day] ? NumberText.amount(value) : bold(NumberText.amount(value))
            }
            let status = row.hasColumn ? (row.met ? "met" : bold("not met")) : "no data"
            return [Self.escape(row.label), Self.escape(row.target)] + values + [status, Self.escape(row.marginText)]
        }
        let gramsValues = (0 ..< days).map { day -> String in
            let text = NumberText.fixed(content.totals.dailyGrams[day], 0)
            return content.gramsMet(day: day) ? text : bold(text)
        }
        let gramsStatus = plan.request.maxDailyGrams == nil ? "" : ((0 ..< days).allSatisfy(content.gramsMet) ? "met" : bold("not met"))
        rows.append(["Food (g)", Self.escape(content.gramsTarget)] + gramsValues + [gramsStatus, ""])
        rows.append(["Cost ($)", ""] + content.totals.dailyCost.map { NumberText.fixed($0, 2) } + ["", ""])
        lines.append("| " + header.map(Self.escape).joined(separator: " | ") + " |")
        lines.append("|" + header.indices.map { $0 == 0 || $0 >= header.count - 2 ? " --- " : " ---: " }.joined(separator: "|") + "|")
        lines += rows.map { "| " + $0.joined(separator: " | ") + " |" }
        if !content.targets.isEmpty {
            lines += ["", "Bold values miss the target. Sources:", ""]
            lines += content.targets.map { "- \(Self.escape($0.label)): \(Self.escape($0.rule.source))" }
        }

        lines += ["", "## Cost and shopping list", ""]
        lines.append(content.plan.request.days == 1 ? "Cost: \(NumberText.money(content.totals.weeklyCost)) a day."
            : "Cost: \(NumberText.money(content.totals.weeklyCost)) \(content.periodText), \(NumberText.money(content.averageDailyCost)) a day on average.")
        lines.append("")
        var shopping = content.shopping.lines.map { line -> [String] in
            [content.foodName(line.food), content.table.groups[line.food], line.household, line.purchase,
             line.cost.map(NumberText.money) ?? "n/a"]
        }
        shopping.append(["Total", "", "", "", NumberText.money(content.shopping.totalCost)])
        lines += Self.table(["Food", "Group", "Amount", "Buy", "Cost"], shopping, right: [4])

        if !content.potassium.lines.isEmpty {
            lines += ["", "## Potassium", ""]
            let rows = content.potassium.days.enumerated().map { day, sources in
                ["Day \(day + 1)", sources.map { "\($0.name) \(NumberText.fixed($0.milligrams, 0)) mg" }.joined(separator: ", ")]
            }
            lines += Self.table(["Day", "Largest sources"], rows)
            lines += [""] + content.potassium.lines.map { "- " + Self.escape($0) }
        }

        lines += ["", "## Why this plan", ""]
        let why = content.whyLines
        lines += why.isEmpty ? ["No explanation is available for this plan."] : why.map { "- " + Self.escape($0) }

        lines += ["", "## Note", "", "> " + ReportContent.medicalNote]
        return lines.joined(separator: "\n") + "\n"
    }
}
