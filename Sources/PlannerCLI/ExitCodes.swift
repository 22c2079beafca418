import ArgumentParser
import Foundation
import GLPK
import LinearProgramming
import MealPlanning
import PlanReports

/// The planner's exit codes (documented in README).
public enum PlannerExit {
    public static let usage: Int32 = 64          // bad flags (swift-argument-parser's code)
    public static let badData: Int32 = 65        // a food table, request or plan file is wrong
    public static let cannotRead: Int32 = 66     // an input file cannot be opened
    public static let cannotWrite: Int32 = 73    // the output file cannot be created, opened or replaced
    public static let ioError: Int32 = 74        // a write failed: stdout or the output file (a full disk, a closed stdout or pipe)
    public static let internalError: Int32 = 70  // a bug: the solver failed or a plan failed validation
    public static let noPlan: Int32 = 10         // the rules cannot all hold: no plan exists
    public static let timeLimit: Int32 = 11      // no plan found within the time limit
    public static let planInvalid: Int32 = 12    // `planner check`: the saved plan breaks a rule
    public static let interrupted: Int32 = 130   // Ctrl-C before a first plan (with a plan: 0, and a note)
}

/// Runs a command's body, turning every error into one line on stderr and its exit code.
func reportingErrors(_ body: () throws -> Void) throws {
    do {
        try body()
    } catch let exit as ExitCode {
        throw exit
    } catch let error as ValidationError {
        throw error
    } catch {
        throw ExitCode(printError(error))
    }
}

/// Prints an error as one line on stderr and returns its exit code.
func printError(_ error: Error) -> Int32 {
    let (message, code) = describe(error)
    StandardError.write("Error: \(message)\n")
    if let error = error as? AtomicFile.WriteError, error.isStandardOutput { StandardOutput.shared.markReported() }
    return code
}

func describe(_ error: Error) -> (String, Int32) {
    switch error {
    case let error as FoodTableError:
        return (error.description, error.isUnreadable ? PlannerExit.cannotRead : PlannerExit.badData)
    case let error as PlanRequestError: return (error.description, PlannerExit.badData)
    case let error as PlanBuildError: return (error.description, PlannerExit.badData)
    case let error as SavedPlanError: return (error.description, PlannerExit.badData)
    case let error as FoodTableOptions.MissingTableError: return (error.description, PlannerExit.cannotRead)
    case let error as AtomicFile.WriteError: return (error.description, error.code)
    case let error as InputFileError: return (error.description, PlannerExit.cannotRead)
    // A value of an option that the table does not have: a usage error, as a bad flag is.
    case let error as FoodsCommand.UnknownSortKeyError: return (error.description, PlannerExit.usage)
    case let error as FoodsCommand.UnknownFoodError: return (error.description, PlannerExit.usage)
    case let error as WeeklyPlanner.PlanningError:
        switch error {
        case .noPlanWithinTimeLimit, .noPlanWithinEffort, .noIntegerPlanOverLPFoods: return (message(for: error), PlannerExit.timeLimit)
        case .interruptedWithoutPlan: return (message(for: error), PlannerExit.interrupted)
        case .solverFailed: return ("internal error: \(message(for: error))", PlannerExit.internalError)
        }
    case let error as PlanningSession.RejectedPlan:
        // A plan that failed the independent validator is never printed.
        return ("internal error: the plan failed validation (\(error.violations.count) problem(s)); first: \(error.violations[0])", PlannerExit.internalError)
    case let error as ModelError: return ("internal error: the plan model is invalid: \(error)", PlannerExit.internalError)
    case let error as GLPKError: return ("internal error: \(error)", PlannerExit.internalError)
    default: return ("\(error)", 1)
    }
}

struct InputFileError: Error, CustomStringConvertible {
    var description: String
}

/// Reads a whole input file, with a one-line error naming it.
func readInput(_ path: String, maximumBytes: Int = 1 << 30) throws -> Data {
    if let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int, size > maximumBytes {
        throw InputFileError(description: "\(path): \(size) bytes, more than the \(maximumBytes) this command reads")
    }
    // A FIFO or a device (/dev/null) is read to its end.
    guard let data = FileReading.contents(of: path, maximumBytes: maximumBytes) else {
        throw InputFileError(description: "\(path): cannot read the file")
    }
    return data
}
