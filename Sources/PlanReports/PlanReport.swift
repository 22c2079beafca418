import MealPlanning

/// How a report is rendered.
public struct RenderOptions: Hashable, Sendable {
    /// ANSI colours in the `table` format (green met, red missed, bold headings). Off by default.
    public var color: Bool
    /// The widest line of the `table` format, in characters (at least 40).
    public var width: Int
    /// Printed in every format, e.g. the planner's version line; empty prints nothing.
    public var generatedBy: String
    /// Prints the solve time. Off by default: times vary between runs, and a report must be
    /// byte-identical for identical inputs.
    public var showTiming: Bool

    public init(color: Bool = false, width: Int = 100, generatedBy: String = "", showTiming: Bool = false) {
        self.color = color
        self.width = width
        self.generatedBy = generatedBy
        self.showTiming = showTiming
    }
}

/// Renders plans. Pure functions: the same plan, table and options always give the same bytes
/// (no clock, no locale, no random order).
///
/// Every format carries the same content: the summary (profile, days, objective, status,
/// objective value, proven bound and gap, strategy), the week day by day and meal by meal in
/// household amounts, the daily totals against every nutrient target (recomputed from the food
/// table), the cost and the shopping list, why the plan looks as it does (binding rules, foods
/// near the margin, notes, foods left out), and ``medicalNote``.
public enum PlanReport {
    /// Printed verbatim in every format.
    public static let medicalNote = ReportContent.medicalNote

    /// The plan in `format`.
    public static func render(_ plan: Plan, table: FoodTable, format: ReportFormat, options: RenderOptions = RenderOptions()) -> String {
        let content = ReportContent(plan: plan, table: table, options: options)
        switch format {
        case .table: return TableReport(content: content).render()
        case .markdown: return MarkdownReport(content: content).render()
        case .csv: return CSVReport(content: content).render()
        case .json: return JSONReport(content: content).render()
        case .html: return HTMLReport(content: content).render()
        }
    }

    /// One line of `planner batch` output: the plan's JSON document on one line, with the
    /// request's line number and, when the request names one, its household.
    public static func batchLine(line: Int, plan: Plan, table: FoodTable, household: String? = nil) -> String {
        guard case .object(var members) = JSONReport(content: ReportContent(plan: plan, table: table, options: RenderOptions())).document()
        else { return "" }
        members["line"] = .int(line)
        if let household { members["household"] = .string(household) }
        return JSONValue.object(members).compactText()
    }

    /// A batch line for a request that has no plan (the conflicting rules and the suggested
    /// changes); `message` is the sentence to write, by default ``Infeasibility/sentence``.
    public static func batchLine(line: Int, noPlan: Infeasibility, message: String? = nil, household: String? = nil) -> String {
        var members: [String: JSONValue] = [
            "line": .int(line), "status": .string("no plan"),
            "conflict": .array(noPlan.conflict.map { .string($0) }),
            "changes": .array(noPlan.changes.map { .string($0) }),
            "message": .string(message ?? noPlan.sentence),
        ]
        if let household { members["household"] = .string(household) }
        return JSONValue.object(members).compactText()
    }

    /// A batch line for a request that could not be planned (bad request, time limit, ...).
    public static func batchLine(line: Int, error: String, exitCode: Int32, household: String? = nil) -> String {
        var members: [String: JSONValue] = ["line": .int(line), "status": .string("error"), "error": .string(error), "code": .int(Int(exitCode))]
        if let household { members["household"] = .string(household) }
        return JSONValue.object(members).compactText()
    }
}
