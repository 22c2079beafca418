import MealPlanning

/// The output formats of a plan.
public enum ReportFormat: String, CaseIterable, Sendable {
    case table
    case markdown
    case json
    case csv
    case html
}
