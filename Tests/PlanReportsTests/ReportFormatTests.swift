import Testing
@testable import PlanReports

@Test func formatsHaveStableNames() {
    #expect(ReportFormat.allCases.map(\.rawValue) == ["table", "markdown", "json", "csv", "html"])
}
