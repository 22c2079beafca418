import ArgumentParser
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The `planner` executable's entry point (`Sources/planner/main.swift`).
///
/// As swift-argument-parser's `main()`, but help goes to stdout through the checked writer,
/// and a write to stdout that failed anywhere ends the process with exit code 74.
public enum PlannerMain {
    public static func main() -> Never {
        StandardStreams.prepare()
        var status = run(Array(CommandLine.arguments.dropFirst()))
        if let failure = StandardOutput.shared.finish() {
            StandardError.write("Error: \(failure.description)\n")
            status = PlannerExit.ioError
        }
        exit(status)
    }

    /// Parses and runs a command line; returns the exit code (errors already printed).
    static func run(_ arguments: [String]) -> Int32 {
        var command: ParsableCommand
        do {
            command = try PlannerCommand.parseAsRoot(arguments)
        } catch {
            return report(error)
        }
        do {
            try command.run()
            return 0
        } catch {
            return report(error)
        }
    }

    /// Prints an error that reached the entry point and returns its exit code.
    static func report(_ error: Error) -> Int32 {
        if let exit = error as? ExitCode { return exit.rawValue }
        let code = PlannerCommand.exitCode(for: error).rawValue
        if code == 0 {
            // --help, `planner help COMMAND`: the text on stdout.
            do {
                try StandardOutput.shared.write(PlannerCommand.fullMessage(for: error) + "\n")
            } catch {
                return printError(error)
            }
            return 0
        }
        StandardError.write(PlannerCommand.fullMessage(for: error) + "\n")
        return code
    }
}
