import ArgumentParser
import GLPK
import LinearProgramming

public struct PlannerCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "planner",
        abstract: "Weekly meal plans that reach a potassium target."
    )

    public init() {}

    public func run() throws {
        print("planner (solver: \(GLPKSolver().name))")
    }
}
