import Foundation
import Testing

@testable import MealPlanning
@testable import PlanReports

@Suite("HTML page layout")
struct HTMLReportLayoutTests {
    static let text = PlanReport.render(ReportFixtures.plan(), table: ReportFixtures.table, format: .html)

    /// Every match of `pattern`, as its capture groups.
    static func matches(_ pattern: String, in text: String) -> [[String]] {
        let regex = try! NSRegularExpression(pattern: pattern)
        let whole = NSRange(text.startIndex..., in: text)
        return regex.matches(in: text, range: whole).map { match in
            (1 ..< match.numberOfRanges).map { Range(match.range(at: $0), in: text).map { String(text[$0]) } ?? "" }
        }
    }

    @Test("the same plan gives the same bytes")
    func deterministic() {
        let again = PlanReport.render(ReportFixtures.plan(), table: ReportFixtures.table, format: .html)
        #expect(again == Self.text)
    }

    @Test("nothing is loaded from elsewhere")
    func selfContained() {
        for needle in ["http", "://", "src=", "url(", "@import", "<script", "<link", "<img", "<iframe", "<object"] {
            #expect(!Self.text.contains(needle), "found \(needle)")
        }
    }

    @Test("sections in order, every link and label points at an id, ids are unique")
    func anchors() {
        let ids = Self.matches(#" id="([^"]+)""#, in: Self.text).map { $0[0] }
        #expect(Set(ids).count == ids.count)
        let sections = Self.matches(#"<section id="([^"]+)""#, in: Self.text).map { $0[0] }
        #expect(sections == ["week", "charts", "totals", "potassium", "shopping", "why", "note"])
        for target in Self.matches(##"href="#([^"]+)""##, in: Self.text).map({ $0[0] }) {
            #expect(ids.contains(target), "no id \(target)")
        }
        for target in Self.matches(#"aria-labelledby="([^"]+)""#, in: Self.text).map({ $0[0] }) {
            #expect(ids.contains(target), "no id \(target)")
        }
        #expect(Self.text.contains("<h2 id=\"note-heading\">Medical note</h2>\n<p class=\"note\">"))
    }

    @Test("each chart row shows the day's value, its status and the target")
    func chartRows() {
        #expect(Self.text.contains("<text x=\"286\" y=\"136\">1,457 kcal ✗</text><text class=\"target\" x=\"380\" y=\"136\">1,900–2,100</text>"))
        #expect(Self.text.contains("<text x=\"286\" y=\"32\">6,158 mg ✓</text><text class=\"target\" x=\"380\" y=\"32\">≥ 2,600</text>"))
        // Energy is missed on day 1: an orange bar with both target lines, the maximum dashed.
        #expect(Self.text.contains("fill=\"#D55E00\"><title>Energy 1,457 kcal (target 1,900–2,100 kcal, missed)</title></rect>"))
        #expect(Self.text.contains("stroke-dasharray=\"3 2\"/>"))
        #expect(Self.text.contains("<figure><figcaption>Day 1 <span>cost $7.05</span></figcaption><svg "))
        #expect(Self.text.contains("<span aria-hidden=\"true\" class=\"key bar missed-bar\"></span>misses it (✗)"))
    }

    @Test("chart text stays inside its column and inside the picture")
    func chartTextFits() {
        // The fixture's day charts: the five headline nutrients and its two other targets.
        let rows = HTMLReport(content: ReportContent(plan: ReportFixtures.plan(), table: ReportFixtures.table, options: RenderOptions())).chartRows()
        #expect(rows.count == 7)
        let Chart = HTMLReport.Chart(labels: rows.map(\.label))
        // 0.55 em a character at 12 px is generous for the page's sans-serif fonts.
        func estimatedWidth(_ text: String) -> Double { Double(text.count) * 12 * 0.55 }
        let texts = Self.matches(#"<text(?: class="([a-z]*)")? x="([0-9.]+)" y="([0-9.]+)">([^<]*)</text>"#, in: Self.text)
        #expect(texts.count == 7 * (2 + 3 * rows.count))
        for text in texts {
            let x = Double(text[1])!, y = Double(text[2])!
            let content = text[3].replacingOccurrences(of: "&amp;", with: "&")
            let right: Double
            switch x {
            case 0: right = Chart.labelWidth
            case Chart.valueX: right = Chart.targetX
            case Chart.targetX: right = Chart.width
            default:
                Issue.record("text at an unexpected x \(x): \(content)")
                continue
            }
            #expect(x + estimatedWidth(content) <= right - 2, "\(content) runs into the next column")
            #expect(y > 0 && y <= Chart.height(rows: rows.count))
        }
    }

    @Test("bars and target lines stay on their track")
    func barsFit() {
        let rows = HTMLReport(content: ReportContent(plan: ReportFixtures.plan(), table: ReportFixtures.table, options: RenderOptions())).chartRows()
        let Chart = HTMLReport.Chart(labels: rows.map(\.label))
        for rect in Self.matches(#"<rect x="([0-9.]+)" y="[0-9.]+" width="([0-9.]+)""#, in: Self.text) {
            #expect(Double(rect[0])! == Chart.labelWidth)
            #expect(Double(rect[1])! <= Chart.barWidth)
        }
        for line in Self.matches(#"<line x1="([0-9.]+)""#, in: Self.text) {
            let x = Double(line[0])!
            #expect(x >= Chart.labelWidth && x <= Chart.labelWidth + Chart.barWidth)
        }
        #expect(HTMLReport.fraction(.nan, of: 100) == 0)
        #expect(HTMLReport.fraction(250, of: 100) == 1)
        #expect(HTMLReport.fraction(-5, of: 100) == 0)
    }

    @Test("on narrow screens each meal of the week is named")
    func narrowScreens() {
        #expect(Self.text.contains("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"))
        for (index, slot) in ["Breakfast", "Lunch", "Dinner", "Snack"].enumerated() {
            #expect(Self.text.contains("table.week td:nth-child(\(index + 2))::before{content:\"\(slot)\"}"))
        }
        #expect(Self.text.contains("<div class=\"scroll\">\n<table class=\"totals\">"))
    }

    @Test("CSS strings are escaped")
    func cssStrings() {
        #expect(HTMLReport.cssString("Lunch") == "\"Lunch\"")
        #expect(HTMLReport.cssString("a\"b</style>\\") == "\"a\\22 b\\3c /style\\3e \\5c \"")
    }

    @Test("a one-day plan and a four-week plan render whole")
    func lengths() {
        for days in [1, 28] {
            var request = ReportFixtures.request
            request.days = days
            let plan = ReportFixtures.plan(items: ReportFixtures.items(days: days), request: request)
            let text = PlanReport.render(plan, table: ReportFixtures.table, format: .html)
            #expect(text.components(separatedBy: "<svg ").count - 1 == days)
            #expect(text.contains("<th>Day \(days)</th>"))
            #expect(text.hasSuffix("</section>\n</main>\n</body>\n</html>\n"))
        }
    }
}

