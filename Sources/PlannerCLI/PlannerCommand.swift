import ArgumentParser
import Foundation
import GLPK
import LinearProgramming
import MealPlanning

/// `planner`: the root command. Without a subcommand it plans (`planner --sex female`).
public struct PlannerCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "planner",
        abstract: "Weekly meal plans that reach a potassium target from real foods, solved with GLPK.",
        subcommands: [PlanCommand.self, FoodsCommand.self, CheckCommand.self, CompareCommand.self, ExportCommand.self, BatchCommand.self, GenerateFoodsCommand.self, GenerateRequestsCommand.self, ImportFDCCommand.self],
        defaultSubcommand: PlanCommand.self
    )

    public init() {}
}
