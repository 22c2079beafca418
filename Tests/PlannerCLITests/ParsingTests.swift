import Testing
@testable import PlannerCLI

@Test func rootCommandParses() throws {
    _ = try PlannerCommand.parseAsRoot([])
}
