import ArgumentParser
import Foundation
import LinearProgramming
import MealPlanning

/// `planner export`: the exact weekly model, for glpsol, HiGHS or any other solver.
public struct ExportCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write the plan's optimization model as free MPS or CPLEX LP.",
        discussion: """
            The model is the whole week as one mixed-integer program (or its LP relaxation with \
            --relax), with a readable name for every row and column. Portion variables count \
            portion steps (half servings by default): x[lentils-boiled,d3,dinner] = 2 means one serving.

            Examples:
              planner export --sex female --mps week.mps && glpsol --freemps week.mps
              planner export --request Datasets/requests/benchmark-week.json --foods big.csv --relax --lp week.lp
            """
    )

    @OptionGroup public var foods: FoodTableOptions
    @OptionGroup public var requestOptions: RequestOptions

    @Option(help: ArgumentHelp("Write free MPS to this file ('-' for stdout).", valueName: "file"))
    public var mps: String?
    @Option(help: ArgumentHelp("Write CPLEX LP to this file ('-' for stdout).", valueName: "file"))
    public var lp: String?
    @Flag(name: .customLong("one-day"), help: "Export the one-day model (the pricing problem's shape) instead of the week.")
    public var oneDay = false

    public init() {}

    public func validate() throws {
        if mps == nil && lp == nil { throw ValidationError("Give --mps FILE or --lp FILE (or both).") }
    }

    public func run() throws {
        try reportingErrors { try export() }
    }

    func export() throws {
        let table = try foods.load()
        let request = try requestOptions.makeRequest(table: table)
        var options = PlanModelBuilder.Options()
        if oneDay {
            options.days = 1
            options.weeklyRules = false
        }
        let plan = try PlanModelBuilder(table: table, request: request).build(options)
        for (path, format) in [(mps, ModelFormat.mps), (lp, ModelFormat.lp)] {
            guard let path else { continue }
            if path == "-" {
                try ModelExport.write(plan.model, format: format) { try StandardOutput.shared.write($0) }
            } else {
                try AtomicFile.write(to: URL(fileURLWithPath: path)) { sink in
                    try ModelExport.write(plan.model, format: format, to: sink)
                }
            }
        }
    }
}
