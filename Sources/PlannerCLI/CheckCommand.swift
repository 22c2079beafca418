import ArgumentParser
import Foundation
import MealPlanning
import PlanReports

/// `planner check PLAN.json`: re-validates a saved plan against its own request and the food table.
public struct CheckCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check a saved JSON plan against its request and the food table.",
        discussion: """
            Every rule of the request saved in the plan is checked against the plan's items, and \
            every number the file states (portions' nutrients, weights, costs and household \
            amounts, daily totals, targets, cost, shopping list, objective value and gap) is \
            recomputed from the items and the food table and compared, within the precision it is \
            written with. Exit code 0 when the plan holds, 12 when it breaks a rule or states a \
            value its items do not give (each is printed, with the path of the value).

            Example:
              planner --sex female --format json -o week.json && planner check week.json
            """
    )

    @Argument(help: ArgumentHelp("A plan written with --format json.", valueName: "plan.json"))
    public var plan: String
    @OptionGroup public var foods: FoodTableOptions

    public init() {}

    public func run() throws {
        try reportingErrors {
            let table = try foods.load()
            let name = URL(fileURLWithPath: plan).lastPathComponent
            let check = try SavedPlanCheck(readInput(plan), fileName: name, table: table)
            if check.holds {
                try StandardOutput.shared.write("\(name): the plan holds: \(check.items.count) portions over \(check.saved.request.days) day(s), every rule met, every number as its items give it.\n")
                return
            }
            try StandardOutput.shared.write((check.violations + check.mismatches).map { "\(name): \($0)\n" }.joined())
            var problems: [String] = []
            if !check.violations.isEmpty { problems.append("breaks \(check.violations.count) rule(s)") }
            if !check.mismatches.isEmpty { problems.append("makes \(check.mismatches.count) statement(s) that its items do not bear out") }
            StandardError.write("Error: \(name) \(problems.joined(separator: " and "))\n")
            throw ExitCode(PlannerExit.planInvalid)
        }
    }
}

/// `planner compare A.json B.json`: two plans side by side.
public struct CompareCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Compare two saved JSON plans: cost, nutrients, foods added and removed.",
        discussion: """
            Example:
              planner --sex female --format json -o cost.json
              planner --sex female --objective sugar --format json -o sugar.json
              planner compare cost.json sugar.json
            """
    )

    @Argument(help: ArgumentHelp("The first plan.", valueName: "a.json"))
    public var first: String
    @Argument(help: ArgumentHelp("The second plan.", valueName: "b.json"))
    public var second: String
    @OptionGroup public var foods: FoodTableOptions

    public init() {}

    public func run() throws {
        try reportingErrors {
            let table = try foods.load()
            let a = try SavedPlan.read(readInput(first), fileName: URL(fileURLWithPath: first).lastPathComponent)
            let b = try SavedPlan.read(readInput(second), fileName: URL(fileURLWithPath: second).lastPathComponent)
            let text = PlanReport.comparison(try a.plan(in: table), try b.plan(in: table), table: table, labelA: a.fileName, labelB: b.fileName)
            try StandardOutput.shared.write(text)
        }
    }
}
