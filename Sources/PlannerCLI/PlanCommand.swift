import ArgumentParser
import Foundation
import GLPK
import LinearProgramming
import MealPlanning

/// `planner plan`: the weekly plan.
public struct PlanCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Plan a week of meals (the default command)."
    )

    @OptionGroup public var foods: FoodTableOptions
    @OptionGroup public var requestOptions: RequestOptions

    @Flag(name: .shortAndLong, help: "Print the search's progress on stderr.")
    public var verbose = false

    public init() {}

    public func run() throws {
        let table = try foods.load()
        let request = try requestOptions.makeRequest()
        let outcome = try WeeklyPlanner(table: table, request: request, solver: GLPKSolver()).plan(log: verbose ? { line in
            FileHandle.standardError.write(Data(("planner: " + line + "\n").utf8))
        } : nil)
        switch outcome {
        case .noPlan(let infeasibility):
            FileHandle.standardError.write(Data((infeasibility.sentence + "\n").utf8))
            throw ExitCode(10)
        case .plan(let plan):
            let violations = PlanValidator(table: table, request: request).violations(of: plan.items, relaxed: plan.quality == .relaxed)
            guard violations.isEmpty else {
                throw ValidationFailure(violations: violations)
            }
            print("objective \(plan.objective) bound \(plan.bound ?? .nan) gap \(plan.gap ?? .nan) \(plan.strategy) \(plan.seconds)s")
            for item in plan.items {
                print(item.day + 1, item.slot.rawValue, table.ids[item.food], item.servings)
            }
        }
    }
}

/// A plan that failed the independent validator is never printed.
struct ValidationFailure: Error, CustomStringConvertible {
    var violations: [PlanViolation]
    var description: String {
        "internal error: the plan failed validation (\(violations.count) problem(s)); first: \(violations[0])"
    }
}
