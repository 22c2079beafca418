import MealPlanning

/// One self-contained HTML5 page: inline CSS, inline SVG, no script, no network reference.
struct HTMLReport {
    let content: ReportContent

    /// The nutrients charted per day, in order.
    static let chartNutrients = ["potassium_mg", "sodium_mg", "sugars_g", "fiber_g", "kcal"]

    /// Okabe–Ito colours, told apart with colour blindness; status is also written as text.
    static let metColor = "#0072B2"
    static let missedColor = "#D55E00"
    static let plainColor = "#7f7f7f"

    static func escape(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.count)
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default: result.append(character)
            }
        }
        return result
    }

    /// SVG coordinates to 0.1 px: `80`, `153.4`.
    static func coordinate(_ value: Double) -> String { NumberText.shortest((value * 10).rounded() / 10) }

    static let style = """
    body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1b1b1b;background:#fff;max-width:72rem;margin:0 auto;padding:1rem 1.5rem;line-height:1.4}
    h1{font-size:1.6rem}h2{font-size:1.25rem;margin-top:2rem;border-bottom:1px solid #ccc;padding-bottom:.2rem}
    table{border-collapse:collapse;margin:.5rem 0}th,td{border:1px solid #ccc;padding:.25rem .5rem;text-align:left;vertical-align:top}
    th{background:#f2f2f2}td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
    dl.summary{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem}dl.summary dt{font-weight:600}dl.summary dd{margin:0}
    table.week ul{list-style:none;margin:0;padding:0}table.week li{margin:.1rem 0}.amount{font-weight:600}.grams{color:#555}
    .met{color:#0b6e2e}.missed{color:#b3261e;font-weight:700}
    .charts{display:flex;flex-wrap:wrap;gap:1rem}.charts figure{margin:0;border:1px solid #ddd;padding:.5rem}
    .charts figcaption{font-weight:600}svg text{font-size:11px;fill:#1b1b1b}
    .note{border-left:4px solid #D55E00;background:#fff4ec;padding:.5rem 1rem}
    """

    func render() -> String {
        let plan = content.plan
        let title = "Meal plan: \(plan.request.days) day\(plan.request.days == 1 ? "" : "s"), \(plan.request.objective.name)"
        var html: [String] = [
            "<!DOCTYPE html>",
            "<html lang=\"en\">",
            "<head>",
            "<meta charset=\"utf-8\">",
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">",
            "<title>\(Self.escape(title))</title>",
            "<style>",
            Self.style,
            "</style>",
            "</head>",
            "<body>",
            "<h1>\(Self.escape(title))</h1>",
            "<dl class=\"summary\">",
        ]
        for (label, value) in content.header {
            html.append("<dt>\(Self.escape(label))</dt><dd>\(Self.escape(value))</dd>")
        }
        html.append("</dl>")
        html += week()
        html += charts()
        html += dailyTotals()
        html += shopping()
        html += why()
        html.append("<h2>Note</h2>")
        html.append("<p class=\"note\">\(Self.escape(ReportContent.medicalNote))</p>")
        html += ["</body>", "</html>"]
        return html.joined(separator: "\n") + "\n"
    }

    func week() -> [String] {
        var html = ["<h2>The week</h2>", "<table class=\"week\">", "<thead><tr><th>Day</th>"
            + content.slots.map { "<th>\(Self.escape($0.title))</th>" }.joined() + "</tr></thead>", "<tbody>"]
        for day in content.days {
            var row = "<tr><th>Day \(day.index + 1)</th>"
            for meal in day.meals {
                if meal.items.isEmpty {
                    row += "<td>-</td>"
                    continue
                }
                row += "<td><ul>"
                for item in meal.items {
                    let grams = item.grams.map { " <span class=\"grams\">(\(NumberText.fixed($0, 0)) g)</span>" } ?? ""
                    row += "<li><span class=\"amount\">\(Self.escape(item.household))</span> \(Self.escape(item.name))\(grams)</li>"
                }
                row += "</ul></td>"
            }
            html.append(row + "</tr>")
        }
        html += ["</tbody>", "</table>"]
        return html
    }

    // MARK: Charts

    struct ChartRow {
        var label: String
        var unit: String
        var values: [Double]
        var minimum: Double?
        var maximum: Double?
        var dayMet: [Bool]?
        var axisMax: Double
    }

    func chartRows() -> [ChartRow] {
        let days = content.plan.request.days
        return Self.chartNutrients.compactMap { key -> ChartRow? in
            guard let nutrient = content.table.nutrients.first(where: { $0.key == key }) else { return nil }
            let values = (0 ..< days).map { content.totals.daily[$0][key] ?? 0 }
            let rule = content.targets.first { $0.rule.nutrient == key && $0.rule.scope == .day }
            let top = ([rule?.rule.minimum, rule?.rule.maximum].compactMap { $0 } + values).max() ?? 0
            let name = nutrient.displayName.prefix(1).uppercased() + nutrient.displayName.dropFirst()
            return ChartRow(label: name, unit: nutrient.unit, values: values, minimum: rule?.rule.minimum,
                            maximum: rule?.rule.maximum, dayMet: rule?.dayMet, axisMax: top > 0 ? top * 1.15 : 1)
        }
    }

    func charts() -> [String] {
        let rows = chartRows()
        guard !rows.isEmpty else { return [] }
        var html = [
            "<h2>Daily nutrients against targets</h2>",
            "<p>Bars are the day's totals; the dark line marks a minimum, the dashed line a maximum. "
                + "Blue bars meet the target, orange bars miss it (also marked ✗).</p>",
            "<div class=\"charts\">",
        ]
        let labelWidth = 80.0, barWidth = 200.0, valueWidth = 110.0, rowHeight = 28.0, top = 6.0
        let width = labelWidth + barWidth + valueWidth
        let height = top + rowHeight * Double(rows.count) + 4
        for day in 0 ..< content.plan.request.days {
            let titleID = "chart-day-\(day + 1)"
            let open = "<svg width=\"\(Self.coordinate(width))\" height=\"\(Self.coordinate(height))\" viewBox=\"0 0 \(Self.coordinate(width)) \(Self.coordinate(height))\" role=\"img\" aria-labelledby=\"\(titleID)\">"
            var svg = ""
            var summary: [String] = []
            for (index, row) in rows.enumerated() {
                let value = row.values[day]
                let met = row.dayMet?[day]
                let target = NumberText.target(minimum: row.minimum, maximum: row.maximum)
                let unit = row.unit.isEmpty ? "" : " \(row.unit)"
                let status = met.map { $0 ? "met" : "missed" } ?? "no target"
                summary.append("\(row.label) \(NumberText.amount(value))\(unit) (target \(row.minimum == nil && row.maximum == nil ? "none" : target + unit), \(status))")
                let y = top + rowHeight * Double(index)
                let barY = y + 4, barHeight = rowHeight - 10
                let length = max(0, min(1, value / row.axisMax)) * barWidth
                let color = met.map { $0 ? Self.metColor : Self.missedColor } ?? Self.plainColor
                svg += "<text x=\"0\" y=\"\(Self.coordinate(barY + barHeight - 4))\">\(Self.escape(row.label))</text>"
                svg += "<rect x=\"\(Self.coordinate(labelWidth))\" y=\"\(Self.coordinate(barY))\" width=\"\(Self.coordinate(barWidth))\" height=\"\(Self.coordinate(barHeight))\" fill=\"#eeeeee\"/>"
                svg += "<rect x=\"\(Self.coordinate(labelWidth))\" y=\"\(Self.coordinate(barY))\" width=\"\(Self.coordinate(length))\" height=\"\(Self.coordinate(barHeight))\" fill=\"\(color)\"><title>\(Self.escape(summary.last!))</title></rect>"
                if let minimum = row.minimum {
                    let x = labelWidth + min(1, minimum / row.axisMax) * barWidth
                    svg += "<line x1=\"\(Self.coordinate(x))\" y1=\"\(Self.coordinate(barY - 2))\" x2=\"\(Self.coordinate(x))\" y2=\"\(Self.coordinate(barY + barHeight + 2))\" stroke=\"#1b1b1b\" stroke-width=\"2\"/>"
                }
                if let maximum = row.maximum {
                    let x = labelWidth + min(1, maximum / row.axisMax) * barWidth
                    svg += "<line x1=\"\(Self.coordinate(x))\" y1=\"\(Self.coordinate(barY - 2))\" x2=\"\(Self.coordinate(x))\" y2=\"\(Self.coordinate(barY + barHeight + 2))\" stroke=\"#1b1b1b\" stroke-width=\"2\" stroke-dasharray=\"3 2\"/>"
                }
                let mark = met.map { $0 ? " ✓" : " ✗" } ?? ""
                svg += "<text x=\"\(Self.coordinate(labelWidth + barWidth + 6))\" y=\"\(Self.coordinate(barY + barHeight - 4))\">\(Self.escape(NumberText.amount(value) + unit + mark))</text>"
            }
            svg = open + "<title id=\"\(titleID)\">Day \(day + 1): \(Self.escape(summary.joined(separator: "; ")))</title>" + svg + "</svg>"
            html.append("<figure><figcaption>Day \(day + 1)</figcaption>\(svg)</figure>")
        }
        html.append("</div>")
        return html
    }

    // MARK: Tables

    func dailyTotals() -> [String] {
        let days = content.plan.request.days
        var html = ["<h2>Daily totals against targets</h2>", "<table class=\"totals\">"]
        html.append("<thead><tr><th>Nutrient</th><th class=\"num\">Target</th>"
            + (0 ..< days).map { "<th class=\"num\">Day \($0 + 1)</th>" }.joined()
            + "<th>Met</th><th>Tightest margin</th><th>Source</th></tr></thead>")
        html.append("<tbody>")
        func cell(_ text: String, met: Bool) -> String {
            met ? "<td class=\"num\">\(Self.escape(text))</td>" : "<td class=\"num missed\">\(Self.escape(text)) ✗</td>"
        }
        for row in content.targets {
            let values = (0 ..< days).map { day -> String in
                guard let value = row.values[day] else { return "<td class=\"num\">n/a</td>" }
                return cell(NumberText.amount(value), met: row.dayMet[day])
            }.joined()
            let status = row.hasColumn ? (row.met ? "<td class=\"met\">met</td>" : "<td class=\"missed\">not met</td>")
                : "<td class=\"missed\">no data</td>"
            html.append("<tr><th>\(Self.escape(row.label))</th><td class=\"num\">\(Self.escape(row.target))</td>\(values)\(status)"
                + "<td>\(Self.escape(row.marginText))</td><td>\(Self.escape(row.rule.source))</td></tr>")
        }
        let grams = (0 ..< days).map { cell(NumberText.fixed(content.totals.dailyGrams[$0], 0), met: content.gramsMet(day: $0)) }.joined()
        let gramsStatus = content.plan.request.maxDailyGrams == nil ? "<td></td>"
            : ((0 ..< days).allSatisfy(content.gramsMet) ? "<td class=\"met\">met</td>" : "<td class=\"missed\">not met</td>")
        html.append("<tr><th>Food (g)</th><td class=\"num\">\(Self.escape(content.gramsTarget))</td>\(grams)\(gramsStatus)<td></td><td></td></tr>")
        let cost = content.totals.dailyCost.map { "<td class=\"num\">\(NumberText.money($0))</td>" }.joined()
        html.append("<tr><th>Cost</th><td></td>\(cost)<td></td><td></td><td></td></tr>")
        html += ["</tbody>", "</table>"]
        return html
    }

    func shopping() -> [String] {
        var html = ["<h2>Cost and shopping list</h2>"]
        html.append("<p>Cost: <strong>\(NumberText.money(content.totals.weeklyCost))</strong> \(Self.escape(content.periodText)), "
            + "\(NumberText.money(content.averageDailyCost)) a day on average.</p>")
        html.append("<table class=\"shopping\">")
        html.append("<thead><tr><th>Food</th><th>Group</th><th>Amount</th><th>Buy</th><th class=\"num\">Cost</th></tr></thead>")
        html.append("<tbody>")
        for line in content.shopping.lines {
            html.append("<tr><td>\(Self.escape(content.foodName(line.food)))</td><td>\(Self.escape(content.table.groups[line.food]))</td>"
                + "<td>\(Self.escape(line.household))</td><td>\(Self.escape(line.purchase))</td>"
                + "<td class=\"num\">\(line.cost.map(NumberText.money) ?? "n/a")</td></tr>")
        }
        html.append("<tr><th>Total</th><td></td><td></td><td></td><td class=\"num\"><strong>\(NumberText.money(content.shopping.totalCost))</strong></td></tr>")
        html += ["</tbody>", "</table>"]
        return html
    }

    func why() -> [String] {
        let lines = content.whyLines
        var html = ["<h2>Why this plan</h2>"]
        if lines.isEmpty { return html + ["<p>No explanation is available for this plan.</p>"] }
        html.append("<ul>")
        html += lines.map { "<li>\(Self.escape($0))</li>" }
        html.append("</ul>")
        return html
    }
}
