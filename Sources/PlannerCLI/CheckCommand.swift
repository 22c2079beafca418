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
            Totals are recomputed from the food table (not taken from the file) and every rule of \
            the request saved in the plan is checked. Exit code 0 when the plan holds, 12 when it \
            breaks a rule (each broken rule is printed).

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
            let saved = try SavedPlan.read(readInput(plan), fileName: URL(fileURLWithPath: plan).lastPathComponent)
            let items = try saved.items(in: table)
            let relaxed = saved.request.relaxPortions
            let violations = PlanValidator(table: table, request: saved.request).violations(of: items, relaxed: relaxed)
            if violations.isEmpty {
                try StandardOutput.shared.write("\(saved.fileName): the plan holds: \(items.count) portions over \(saved.request.days) day(s), every rule met.\n")
                return
            }
            try StandardOutput.shared.write(violations.map { "\(saved.fileName): \($0)\n" }.joined())
            StandardError.write("Error: \(saved.fileName) breaks \(violations.count) rule(s)\n")
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
