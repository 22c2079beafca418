import ArgumentParser
import Foundation
import GLPK
import LinearProgramming
import MealPlanning
import PlanReports

extension ReportFormat: ExpressibleByArgument {}
extension WeeklyPlanner.Strategy: ExpressibleByArgument {}

/// How a command writes a plan: format, file, width, colour.
public struct OutputOptions: ParsableArguments {
    @Option(help: "Output format: table, markdown, json, csv or html.")
    public var format: ReportFormat = .table
    @Option(name: .shortAndLong, help: ArgumentHelp("Write to this file (atomically) instead of stdout.", valueName: "file"))
    public var output: String?
    @Option(help: "Widest line of the table format (default 100).")
    public var width: Int = 100
    @Flag(name: .customLong("show-timing"), help: "Print the solve time (then two runs differ in that line).")
    public var showTiming = false

    public init() {}

    public func validate() throws {
        guard (40 ... 1000).contains(width) else { throw ValidationError("--width \(width) is not in 40...1000") }
    }

    /// Colour only for the table format on a terminal, and never with NO_COLOR set.
    var useColor: Bool {
        format == .table && output == nil && isatty(STDOUT_FILENO) == 1
            && ProcessInfo.processInfo.environment["NO_COLOR"].map(\.isEmpty) ?? true
    }

    func emit(_ text: String) throws {
        if let output {
            try AtomicFile.write(text, to: URL(fileURLWithPath: output))
        } else {
            try StandardOutput.shared.write(text)
        }
    }
}

/// `planner plan`: the weekly plan.
public struct PlanCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Plan a week of meals (the default command).",
        discussion: """
            Every plan is re-checked by an independent validator (totals recomputed from the food \
            table, every rule checked) before it is printed. When no plan exists, the planner names \
            a small set of conflicting rules and the smallest change that allows a plan.

            Examples:
              planner --sex female
              planner --sex male --age 55 --diet vegetarian --exclude peanuts,shellfish
              planner --sex female --potassium-min 3000 --sodium-max 1500 --objective sugar
              planner --sex female --format html --output week.html
              planner --request Datasets/requests/vegan-low-sodium.json --format json -o plan.json
            """
    )

    @OptionGroup public var foods: FoodTableOptions
    @OptionGroup public var requestOptions: RequestOptions
    @OptionGroup public var outputOptions: OutputOptions

    @Flag(name: .shortAndLong, help: "Print the search's progress on stderr.")
    public var verbose = false

    @Option(help: ArgumentHelp(
        "How to search the food table: auto (column generation above 3,000 usable foods when the rules allow it), full (every food in the model) or columns (column generation).",
        valueName: "strategy"))
    public var strategy: WeeklyPlanner.Strategy = .automatic

    public init() {}

    public func run() throws {
        try reportingErrors {
            let table = try foods.load()
            let request = try requestOptions.makeRequest(table: table)
            let progress = ProgressLine(verbose: verbose)
            var session = PlanningSession(table: table, solver: GLPKSolver())
            session.strategy = strategy
            Interruption.install()
            session.shouldStop = { Interruption.requested }
            let outcome = try session.plan(request, log: progress.log)
            progress.finish()
            switch outcome {
            case .noPlan(let infeasibility):
                StandardError.write("\(sentence(for: infeasibility))\n")
                throw ExitCode(PlannerExit.noPlan)
            case .plan(let plan):
                let options = RenderOptions(color: outputOptions.useColor, width: outputOptions.width, showTiming: outputOptions.showTiming)
                try outputOptions.emit(PlanReport.render(plan, table: table, format: outputOptions.format, options: options))
            }
        }
    }
}

/// Ctrl-C: the first one asks the search to stop and print the best plan so far; a second one
/// ends the process at once.
enum Interruption {
    nonisolated(unsafe) private static var flag: sig_atomic_t = 0

    static var requested: Bool { flag != 0 }

    static func install() {
        signal(SIGINT) { _ in
            Interruption.flag = 1
            signal(SIGINT, SIG_DFL)
        }
    }
}

/// Progress on stderr: every line with --verbose; otherwise one line once the search has taken
/// more than a second (only on a terminal), so that scripts see nothing.
final class ProgressLine: @unchecked Sendable {
    let verbose: Bool
    let start = ContinuousClock.now
    let interactive = isatty(STDERR_FILENO) == 1
    var shown = false

    init(verbose: Bool) { self.verbose = verbose }

    var log: (String) -> Void {
        { [self] line in
            if verbose {
                StandardError.write("planner: \(line)\n")
            } else if interactive, ContinuousClock.now - start > .seconds(1) {
                let text = "planner: searching… \(line.prefix(70))"
                StandardError.write("\r\u{1B}[K\(text)")
                shown = true
            }
        }
    }

    func finish() {
        if shown { StandardError.write("\r\u{1B}[K") }
    }
}
