import MealPlanning

/// One self-contained HTML5 page: inline CSS, inline SVG, no script, no network reference.
///
/// The page reads on a phone too: on narrow screens the week grid turns into one card per day
/// and the daily totals and the shopping list into one card per row (each value named by its
/// column), so that nothing is wider than the screen; on wide screens a table wider than the
/// page (a long plan) scrolls sideways inside its own box; the charts scale with their column.
struct HTMLReport {
    let content: ReportContent

    /// The nutrients charted first on each day, in order, with or without a target; every other
    /// target follows (``chartRows()``).
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

    /// Text safe inside a double-quoted CSS string in a `<style>` element.
    static func cssString(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"", "\\", "<", ">", "&", "\n", "\r":
                result += "\\" + String(scalar.value, radix: 16) + " "
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }

    /// SVG coordinates to 0.1 px: `80`, `153.4`.
    static func coordinate(_ value: Double) -> String { NumberText.shortest((value * 10).rounded() / 10) }

    static let style = """
    *,*::before,*::after{box-sizing:border-box}
    body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;color:#1b1b1b;background:#fff;max-width:75rem;margin:0 auto;padding:1rem 1.5rem 2rem;line-height:1.45}
    h1{font-size:1.6rem;margin:.5rem 0 1rem}h2{font-size:1.25rem;margin-top:2.25rem;border-bottom:1px solid #ccc;padding-bottom:.2rem}
    nav.toc ul{list-style:none;margin:1.25rem 0 0;padding:0;display:flex;flex-wrap:wrap;gap:.25rem 1.25rem}nav.toc a{color:#0b5c91}
    .scroll{overflow-x:auto;max-width:100%}
    table{border-collapse:collapse;margin:.5rem 0}th,td{border:1px solid #ccc;padding:.3rem .5rem;text-align:left;vertical-align:top}
    th{background:#f2f2f2}td.num,th.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
    dl.summary{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem;margin:0}dl.summary dt{font-weight:600}dl.summary dd{margin:0}dl.sources{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem}dl.sources dt{font-weight:600}dl.sources dd{margin:0}
    table.week{width:100%;table-layout:fixed}table.week thead th:first-child{width:5rem}table.week tbody th{white-space:nowrap}
    table.week ul{list-style:none;margin:0;padding:0}table.week li{margin:.15rem 0 .35rem}
    .amount{font-weight:600;white-space:nowrap}.grams{color:#555;white-space:nowrap}
    .met{color:#0b6e2e}.missed{color:#b3261e;font-weight:700}.source{color:#555;font-size:.875rem}
    p.legend{display:flex;flex-wrap:wrap;gap:.25rem 1.25rem;margin:.5rem 0 1rem}p.legend span{white-space:nowrap}
    .key{display:inline-block;vertical-align:middle;margin-right:.35rem}.key.bar{width:1.4rem;height:.8rem}
    .key.met-bar{background:#0072B2}.key.missed-bar{background:#D55E00}.key.min,.key.max{width:0;height:1.1rem;border-left:2px solid #1b1b1b}.key.max{border-left-style:dashed}
    .charts{display:grid;grid-template-columns:repeat(auto-fill,minmax(min(100%,26rem),1fr));gap:1rem}
    .charts figure{margin:0;border:1px solid #ddd;border-radius:4px;padding:.5rem .75rem .25rem}
    .charts figcaption{font-weight:600;display:flex;justify-content:space-between;gap:1rem}.charts figcaption span{font-weight:400;color:#555}
    .charts svg{display:block;width:100%;height:auto}svg text{font-size:12px;fill:#1b1b1b}svg text.head{font-size:11px;fill:#555}svg text.target{fill:#555}
    ul.why li{margin:.2rem 0}ul.why li::first-letter{text-transform:uppercase}
    .note{border-left:4px solid #D55E00;background:#fff4ec;padding:.5rem 1rem}
    @media (max-width:40rem){
    body{padding:.75rem .75rem 1.5rem}h1{font-size:1.35rem}
    table.week,table.week tbody,table.week tr,table.week th,table.week td{display:block;width:auto}
    table.week thead{display:none}table.week tr{border:1px solid #ccc;margin:0 0 .75rem}
    table.week th,table.week td{border:0;border-top:1px solid #e4e4e4}table.week tbody th{border-top:0}
    table.week td::before{display:block;font-size:.8rem;font-weight:600;color:#555;text-transform:uppercase;letter-spacing:.03em}
    .charts figure{padding:.4rem .4rem .2rem}svg text{font-size:13px}
    .scroll{overflow-x:visible}
    table.totals,table.totals tbody,table.shopping,table.shopping tbody{display:block;width:auto}
    table.totals thead,table.shopping thead{display:none}
    table.totals tr,table.shopping tr{display:flex;flex-wrap:wrap;gap:.1rem .9rem;border:1px solid #ccc;border-radius:4px;margin:0 0 .5rem;padding:.35rem .5rem}
    table.totals th,table.totals td,table.shopping th,table.shopping td{display:block;border:0;padding:0;background:none;text-align:left;white-space:normal}
    table.totals th[scope=row],table.shopping td.food,table.shopping th[scope=row],table.totals td.source{flex:0 0 100%}
    table.totals th[scope=row],table.shopping td.food,table.shopping th[scope=row]{font-weight:600}
    table.totals td[data-label]::before,table.shopping td[data-label]::before{content:attr(data-label) " ";color:#555;font-size:.8rem}
    table.totals td:empty,table.shopping td:empty{display:none}
    }
    @media print{
    body{max-width:none;padding:0}nav.toc{display:none}.scroll{overflow:visible}
    h2{break-after:avoid}table.week tr,.charts figure,.note{break-inside:avoid}
    }
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
            // On narrow screens each meal of the week grid is a block named by its slot.
            content.slots.enumerated().map {
                "@media (max-width:40rem){table.week td:nth-child(\($0.offset + 2))::before{content:\(Self.cssString($0.element.title))}}"
            }.joined(separator: "\n"),
            "</style>",
            "</head>",
            "<body>",
            "<header>",
            "<h1>\(Self.escape(title))</h1>",
            "<dl class=\"summary\">",
        ]
        for (label, value) in content.header {
            html.append("<dt>\(Self.escape(label))</dt><dd>\(Self.escape(value))</dd>")
        }
        html += ["</dl>", "</header>"]
        html += contents()
        html.append("<main>")
        html += week()
        html += charts()
        html += dailyTotals()
        html += potassium()
        html += shopping()
        html += why()
        html.append("<section id=\"note\" aria-labelledby=\"note-heading\">")
        html.append("<h2 id=\"note-heading\">Medical note</h2>")
        html.append("<p class=\"note\">\(Self.escape(ReportContent.medicalNote))</p>")
        html += ["</section>", "</main>", "</body>", "</html>"]
        return html.joined(separator: "\n") + "\n"
    }

    /// The sections of the page, as (anchor, heading).
    static let sections = [
        ("week", "The week"), ("charts", "Daily nutrients against targets"), ("totals", "Daily totals against targets"),
        ("potassium", "Potassium"), ("shopping", "Cost and shopping list"), ("why", "Why this plan"), ("note", "Medical note"),
    ]

    func contents() -> [String] {
        ["<nav class=\"toc\" aria-label=\"Sections\"><ul>"
            + Self.sections.map { "<li><a href=\"#\($0.0)\">\(Self.escape($0.1))</a></li>" }.joined()
            + "</ul></nav>"]
    }

    /// `<section id="week" ...><h2 id="week-heading">The week</h2>`.
    static func sectionOpen(_ id: String, _ heading: String) -> String {
        "<section id=\"\(id)\" aria-labelledby=\"\(id)-heading\">\n<h2 id=\"\(id)-heading\">\(escape(heading))</h2>"
    }

    func week() -> [String] {
        var html = [Self.sectionOpen("week", "The week"), "<table class=\"week\">", "<thead><tr><th scope=\"col\">Day</th>"
            + content.slots.map { "<th scope=\"col\">\(Self.escape($0.title))</th>" }.joined() + "</tr></thead>", "<tbody>"]
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
                    row += "<li><span class=\"amount\">\(Self.escape(item.household))</span> \(Self.escape(item.label))\(grams)</li>"
                }
                row += "</ul></td>"
            }
            html.append(row + "</tr>")
        }
        html += ["</tbody>", "</table>", "</section>"]
        return html
    }

    // MARK: Charts

    struct ChartRow {
        var label: String
        var unit: String
        /// Per day; a single value (the plan's total) in the chart of the week.
        var values: [Double]
        var minimum: Double?
        var maximum: Double?
        var dayMet: [Bool]?
        var axisMax: Double
        /// The target as the last column writes it (`≥ 2,600`, `≥ 1.5/wk`).
        var target: String
        /// The target in the chart's text alternative, with its unit (`≥ 2,600 mg`, `≥ 1.5 cup-eq over 7 days`).
        var spokenTarget: String
    }

    /// One row per target the table has a column for: the five headline nutrients first (charted
    /// without a target too), then every other rule of a day or a meal, in the targets' order;
    /// one scale per row for the whole plan, so that the same bar length means the same amount
    /// on every day. Weekly rules are not rules of a day: they have ``weekRows()``.
    func chartRows() -> [ChartRow] {
        let days = content.plan.request.days
        func row(_ label: String, _ nutrient: Nutrient, values: [Double], rule: ReportContent.TargetRow?) -> ChartRow {
            let top = ([rule?.rule.minimum, rule?.rule.maximum].compactMap { $0 } + values).filter(\.isFinite).max() ?? 0
            let target = rule.map { NumberText.target(minimum: $0.rule.minimum, maximum: $0.rule.maximum) }
            return ChartRow(label: label, unit: nutrient.unit, values: values, minimum: rule?.rule.minimum,
                            maximum: rule?.rule.maximum, dayMet: rule?.dayMet, axisMax: top > 0 ? top * 1.15 : 1,
                            target: target ?? "none", spokenTarget: target.map { $0 + (nutrient.unit.isEmpty ? "" : " \(nutrient.unit)") } ?? "none")
        }
        var shown = Set<Int>()
        var rows: [ChartRow] = Self.chartNutrients.compactMap { key -> ChartRow? in
            guard let nutrient = content.table.nutrients.first(where: { $0.key == key }) else { return nil }
            // A nutrient no food of the plan has a value for has no bars (its totals are unknown, not 0).
            guard (0 ..< days).contains(where: { content.totals.daily[$0][key] != nil }) else { return nil }
            let index = content.targets.firstIndex { $0.rule.nutrient == key && $0.rule.scope == .day }
            if let index { shown.insert(index) }
            return row(Self.capitalized(nutrient.displayName), nutrient, values: (0 ..< days).map { content.totals.daily[$0][key] ?? 0 },
                       rule: index.map { content.targets[$0] })
        }
        for (index, target) in content.targets.enumerated() where !shown.contains(index) && target.hasColumn && target.rule.scope != .week {
            var label = Self.capitalized(target.nutrient.displayName)
            if case .meal(let slot) = target.rule.scope { label += " at \(slot.rawValue)" }
            rows.append(row(label, target.nutrient, values: target.values.map { $0 ?? 0 }, rule: target))
        }
        return rows
    }

    /// The weekly rules (amounts over the whole plan): the plan's total against the rule's
    /// amount for the plan's days.
    func weekRows() -> [ChartRow] {
        let days = content.plan.request.days
        return content.targets.filter { $0.hasColumn && $0.rule.scope == .week }.map { target in
            let total = target.values.reduce(0) { $0 + ($1 ?? 0) }
            let (minimum, maximum) = target.rule.planBounds(days: days)
            let top = ([minimum, maximum].compactMap { $0 } + [total]).filter(\.isFinite).max() ?? 0
            let unit = target.nutrient.unit.isEmpty ? "" : " \(target.nutrient.unit)"
            return ChartRow(label: Self.capitalized(target.nutrient.displayName), unit: target.nutrient.unit, values: [total],
                            minimum: minimum, maximum: maximum, dayMet: [target.met], axisMax: top > 0 ? top * 1.15 : 1,
                            target: target.target,
                            spokenTarget: NumberText.target(minimum: minimum, maximum: maximum) + unit + " over \(days) day\(days == 1 ? "" : "s")")
        }
    }

    static func capitalized(_ name: String) -> String { name.prefix(1).uppercased() + name.dropFirst() }

    /// The chart's geometry, in SVG user units (CSS px at 1:1 scale). Rows of
    /// `name | bar with target lines | value and ✓/✗ | target`, under a header line. The name
    /// column is as wide as the longest name needs (at 0.55 em a character of 12 px text), at
    /// least ``minimumLabelWidth``.
    struct Chart {
        static let minimumLabelWidth = 84.0, barWidth = 196.0, gap = 6.0, valueWidth = 94.0, targetWidth = 86.0
        static let headerHeight = 20.0, rowHeight = 26.0, barHeight = 14.0
        static func textWidth(_ text: String) -> Double { Double(text.count) * 12 * 0.55 }

        let labelWidth: Double

        init(labels: [String]) {
            labelWidth = max(Self.minimumLabelWidth, ((labels.map(Self.textWidth).max() ?? 0) + 4).rounded(.up))
        }

        var barWidth: Double { Self.barWidth }
        var valueX: Double { labelWidth + Self.barWidth + Self.gap }
        var targetX: Double { valueX + Self.valueWidth }
        var width: Double { targetX + Self.targetWidth }
        func height(rows: Int) -> Double { Self.headerHeight + Self.rowHeight * Double(rows) }
        /// The top of row `index`.
        func top(_ index: Int) -> Double { Self.headerHeight + Self.rowHeight * Double(index) }
    }

    /// The fraction of the bar track that `value` fills.
    static func fraction(_ value: Double, of axisMax: Double) -> Double {
        guard value.isFinite, axisMax > 0 else { return 0 }
        return max(0, min(1, value / axisMax))
    }

    func charts() -> [String] {
        let rows = chartRows()
        let week = weekRows()
        guard !rows.isEmpty || !week.isEmpty else { return [] }
        var html = [
            Self.sectionOpen("charts", "Daily nutrients against targets"),
            "<p>Each bar is the day's total; each nutrient keeps one scale for the whole plan. "
                + "The right-hand column gives the day's target."
                + (week.isEmpty ? "" : " The last chart holds the amounts of the whole plan: its total against the amount for its days.")
                + "</p>",
            "<p class=\"legend\">"
                + "<span><span aria-hidden=\"true\" class=\"key bar met-bar\"></span>meets its target (✓)</span>"
                + "<span><span aria-hidden=\"true\" class=\"key bar missed-bar\"></span>misses it (✗)</span>"
                + "<span><span aria-hidden=\"true\" class=\"key min\"></span>minimum</span>"
                + "<span><span aria-hidden=\"true\" class=\"key max\"></span>maximum</span></p>",
            "<div class=\"charts\">",
        ]
        if !rows.isEmpty {
            let chart = Chart(labels: rows.map(\.label))
            for day in 0 ..< content.plan.request.days {
                let cost = day < content.totals.dailyCost.count ? " <span>cost \(NumberText.money(content.totals.dailyCost[day]))</span>" : ""
                html.append(figure(chart, rows, column: day, id: "chart-day-\(day + 1)", title: "Day \(day + 1)", head: "day total",
                                   caption: "Day \(day + 1)\(cost)"))
            }
        }
        if !week.isEmpty {
            let days = content.plan.request.days
            let title = days == 7 ? "The week" : "The \(days) day\(days == 1 ? "" : "s")"
            html.append(figure(Chart(labels: week.map(\.label)), week, column: 0, id: "chart-week", title: title,
                               head: days == 7 ? "week total" : "total",
                               caption: "\(title) <span>cost \(NumberText.money(content.totals.weeklyCost))</span>"))
        }
        html += ["</div>", "</section>"]
        return html
    }

    /// One chart: each row's value in `column`.
    func figure(_ chart: Chart, _ rows: [ChartRow], column: Int, id: String, title: String, head: String, caption: String) -> String {
        let c = Self.coordinate
        let width = chart.width, height = chart.height(rows: rows.count)
        let open = "<svg width=\"\(c(width))\" height=\"\(c(height))\" viewBox=\"0 0 \(c(width)) \(c(height))\" role=\"img\" aria-labelledby=\"\(id)\">"
        var svg = "<text class=\"head\" x=\"\(c(chart.valueX))\" y=\"13\">\(Self.escape(head))</text>"
            + "<text class=\"head\" x=\"\(c(chart.targetX))\" y=\"13\">target</text>"
        var summary: [String] = []
        for (index, row) in rows.enumerated() {
            let value = row.values[column]
            let met = row.dayMet?[column]
            let hasTarget = row.minimum != nil || row.maximum != nil
            let unit = row.unit.isEmpty ? "" : " \(row.unit)"
            let status = met.map { $0 ? "met" : "missed" } ?? "no target"
            summary.append("\(row.label) \(NumberText.amount(value))\(unit) (target \(hasTarget ? row.spokenTarget : "none"), \(status))")
            let top = chart.top(index)
            let barY = top + 1, baseline = top + 12
            let trackX = chart.labelWidth
            let length = Self.fraction(value, of: row.axisMax) * chart.barWidth
            let color = met.map { $0 ? Self.metColor : Self.missedColor } ?? Self.plainColor
            svg += "<text x=\"0\" y=\"\(c(baseline))\">\(Self.escape(row.label))</text>"
            svg += "<rect x=\"\(c(trackX))\" y=\"\(c(barY))\" width=\"\(c(chart.barWidth))\" height=\"\(c(Chart.barHeight))\" fill=\"#e8e8e8\"/>"
            svg += "<rect x=\"\(c(trackX))\" y=\"\(c(barY))\" width=\"\(c(length))\" height=\"\(c(Chart.barHeight))\" fill=\"\(color)\"><title>\(Self.escape(summary.last!))</title></rect>"
            func line(_ bound: Double, dashed: Bool) -> String {
                let x = trackX + Self.fraction(bound, of: row.axisMax) * chart.barWidth
                return "<line x1=\"\(c(x))\" y1=\"\(c(barY - 3))\" x2=\"\(c(x))\" y2=\"\(c(barY + Chart.barHeight + 3))\" stroke=\"#1b1b1b\" stroke-width=\"2\""
                    + (dashed ? " stroke-dasharray=\"3 2\"/>" : "/>")
            }
            if let minimum = row.minimum { svg += line(minimum, dashed: false) }
            if let maximum = row.maximum { svg += line(maximum, dashed: true) }
            let mark = met.map { $0 ? " ✓" : " ✗" } ?? ""
            svg += "<text x=\"\(c(chart.valueX))\" y=\"\(c(baseline))\">\(Self.escape(NumberText.amount(value) + unit + mark))</text>"
            svg += "<text class=\"target\" x=\"\(c(chart.targetX))\" y=\"\(c(baseline))\">\(Self.escape(hasTarget ? row.target : "none"))</text>"
        }
        svg = open + "<title id=\"\(id)\">\(Self.escape(title)): \(Self.escape(summary.joined(separator: "; ")))</title>" + svg + "</svg>"
        return "<figure><figcaption>\(caption)</figcaption>\(svg)</figure>"
    }

    // MARK: Tables

    func dailyTotals() -> [String] {
        let days = content.plan.request.days
        var html = [Self.sectionOpen("totals", "Daily totals against targets"), "<div class=\"scroll\">", "<table class=\"totals\">"]
        html.append("<thead><tr><th scope=\"col\">Nutrient</th><th scope=\"col\" class=\"num\">Target</th>"
            + (0 ..< days).map { "<th scope=\"col\" class=\"num\">Day \($0 + 1)</th>" }.joined()
            + "<th scope=\"col\">Met</th><th scope=\"col\">Tightest margin</th><th scope=\"col\">Source</th></tr></thead>")
        html.append("<tbody>")
        // Each cell names its column (`data-label`), for the stacked layout of narrow screens.
        func cell(_ text: String, met: Bool, day: Int) -> String {
            let label = "data-label=\"Day \(day + 1)\""
            return met ? "<td class=\"num\" \(label)>\(Self.escape(text))</td>" : "<td class=\"num missed\" \(label)>\(Self.escape(text)) ✗</td>"
        }
        func target(_ text: String) -> String { text.isEmpty ? "<td></td>" : "<td class=\"num\" data-label=\"Target\">\(Self.escape(text))</td>" }
        for row in content.targets {
            let values = (0 ..< days).map { day -> String in
                guard let value = row.values[day] else { return "<td class=\"num\" data-label=\"Day \(day + 1)\">\(row.hasColumn ? "unknown" : "n/a")</td>" }
                return cell(NumberText.amount(value), met: row.dayMet[day], day: day)
            }.joined()
            let status = row.hasColumn ? (row.met ? "<td class=\"met\">met</td>" : "<td class=\"missed\">not met</td>")
                : "<td class=\"missed\">no data</td>"
            html.append("<tr><th scope=\"row\">\(Self.escape(row.label))</th>\(target(row.target))\(values)\(status)"
                + "<td class=\"num\" data-label=\"Tightest margin\">\(Self.escape(row.marginText))</td>"
                + "<td class=\"source\" data-label=\"Source\">\(Self.escape(row.rule.source))</td></tr>")
        }
        let grams = (0 ..< days).map { cell(NumberText.fixed(content.totals.dailyGrams[$0], 0), met: content.gramsMet(day: $0), day: $0) }.joined()
        let gramsStatus = content.plan.request.maxDailyGrams == nil ? "<td></td>"
            : ((0 ..< days).allSatisfy(content.gramsMet) ? "<td class=\"met\">met</td>" : "<td class=\"missed\">not met</td>")
        html.append("<tr><th scope=\"row\">Food (g)</th>\(target(content.gramsTarget))\(grams)\(gramsStatus)<td></td><td></td></tr>")
        let cost = content.totals.dailyCost.enumerated().map { "<td class=\"num\" data-label=\"Day \($0.offset + 1)\">\(NumberText.money($0.element))</td>" }.joined()
        html.append("<tr><th scope=\"row\">Cost</th><td></td>\(cost)<td></td><td></td><td></td></tr>")
        html += ["</tbody>", "</table>", "</div>", "</section>"]
        return html
    }

    func shopping() -> [String] {
        var html = [Self.sectionOpen("shopping", "Cost and shopping list")]
        html.append("<p>Cost: <strong>\(NumberText.money(content.totals.weeklyCost))</strong> \(Self.escape(content.periodText)), "
            + "\(NumberText.money(content.averageDailyCost)) a day on average.</p>")
        html.append("<div class=\"scroll\">")
        html.append("<table class=\"shopping\">")
        html.append("<thead><tr><th scope=\"col\">Food</th><th scope=\"col\">Group</th><th scope=\"col\">Amount</th>"
            + "<th scope=\"col\">Buy</th><th scope=\"col\" class=\"num\">Cost</th></tr></thead>")
        html.append("<tbody>")
        for line in content.shopping.lines {
            html.append("<tr><td class=\"food\">\(Self.escape(content.foodName(line.food)))</td>"
                + "<td data-label=\"Group\">\(Self.escape(content.table.groups[line.food]))</td>"
                + "<td data-label=\"Amount\">\(Self.escape(line.household))</td><td data-label=\"Buy\">\(Self.escape(line.purchase))</td>"
                + "<td class=\"num\" data-label=\"Cost\">\(line.cost.map(NumberText.money) ?? "n/a")</td></tr>")
        }
        html.append("<tr><th scope=\"row\">Total</th><td></td><td></td><td></td><td class=\"num\" data-label=\"Cost\"><strong>\(NumberText.money(content.shopping.totalCost))</strong></td></tr>")
        html += ["</tbody>", "</table>", "</div>", "</section>"]
        return html
    }

    /// Each day's three largest potassium sources, then the plain-words summary.
    func potassium() -> [String] {
        var html = [Self.sectionOpen("potassium", "Potassium")]
        let summary = content.potassium
        if summary.lines.isEmpty { return html + ["<p>The food table has no potassium values.</p>", "</section>"] }
        html.append("<dl class=\"sources\">")
        for (day, sources) in summary.days.enumerated() where !sources.isEmpty {
            let text = sources.map { "\($0.name) \(NumberText.fixed($0.milligrams, 0)) mg" }.joined(separator: ", ")
            html.append("<dt>Day \(day + 1)</dt><dd>\(Self.escape(text))</dd>")
        }
        html.append("</dl>")
        html.append("<ul class=\"why\">")
        html += summary.lines.map { "<li>\(Self.escape($0))</li>" }
        html += ["</ul>", "</section>"]
        return html
    }

    func why() -> [String] {
        let lines = content.whyLines
        var html = [Self.sectionOpen("why", "Why this plan")]
        if lines.isEmpty { return html + ["<p>No explanation is available for this plan.</p>", "</section>"] }
        html.append("<ul class=\"why\">")
        html += lines.map { "<li>\(Self.escape($0))</li>" }
        html += ["</ul>", "</section>"]
        return html
    }
}
