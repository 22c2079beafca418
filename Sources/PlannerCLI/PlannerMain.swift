import ArgumentParser
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The `planner` executable's entry point (`Sources/planner/main.swift`).
///
/// Unlike swift-argument-parser's `main()`, every error is one line on stderr: a usage error is
/// `Error: MESSAGE (see 'planner COMMAND --help')` with exit code 64, not the message followed
/// by the usage lines. Help goes to stdout through the checked writer, and a write to stdout
/// that failed anywhere ends the process with exit code 74.
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
        let arguments = attachingNegativeNumbers(arguments)
        var command: ParsableCommand
        do {
            command = try PlannerCommand.parseAsRoot(arguments)
        } catch {
            return report(error, command: nil)
        }
        do {
            try command.run()
            return 0
        } catch {
            return report(error, command: type(of: command))
        }
    }

    /// Parses a command line as the executable does (for tests).
    public static func parse(_ arguments: [String]) throws -> ParsableCommand {
        try PlannerCommand.parseAsRoot(attachingNegativeNumbers(arguments))
    }

    /// `--gap -1` as `--gap=-1`: swift-argument-parser reads a token that starts with a dash as
    /// an option, so a negative number after an option would be "Missing value for '--gap'"
    /// rather than a value to check ("relative gap -1 is not in 0...1"). No option of the
    /// planner is named like a number, so such a token is always meant as a value.
    public static func attachingNegativeNumbers(_ arguments: [String]) -> [String] {
        var result: [String] = []
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            if argument == "--" {
                result += arguments[index...]
                break
            }
            if argument.hasPrefix("--"), argument.count > 2, !argument.contains("="),
               index + 1 < arguments.count, isNegativeNumber(arguments[index + 1]) {
                result.append(argument + "=" + arguments[index + 1])
                index += 2
                continue
            }
            result.append(argument)
            index += 1
        }
        return result
    }

    static func isNegativeNumber(_ text: String) -> Bool {
        guard text.hasPrefix("-"), text.count > 1 else { return false }
        let rest = text.dropFirst().lowercased()
        if ["inf", "infinity", "nan"].contains(rest) { return true }
        return rest.wholeMatch(of: /(\d+\.?\d*|\.\d+)(e[-+]?\d+)?/) != nil
    }

    /// Prints an error that reached the entry point and returns its exit code.
    static func report(_ error: Error, command: ParsableCommand.Type?) -> Int32 {
        if let exit = error as? ExitCode { return exit.rawValue }
        let code = PlannerCommand.exitCode(for: error).rawValue
        if code == 0 {
            // --help, `planner help COMMAND`, --version: the text on stdout.
            do {
                try StandardOutput.shared.write(PlannerCommand.fullMessage(for: error) + "\n")
            } catch {
                return printError(error)
            }
            return 0
        }
        let message = oneLine(PlannerCommand.message(for: error))
        guard code == PlannerExit.usage else {
            StandardError.write("Error: \(message)\n")
            return code
        }
        // The command whose help lists the options: the one that ran, or the one the parser
        // names in its usage lines.
        var help = command.map { "planner \($0.configuration.commandName ?? "") --help" }
        if command == PlannerCommand.self { help = "planner --help" }
        if help == nil {
            let full = PlannerCommand.fullMessage(for: error, columns: 1000)
            help = full.firstMatch(of: /See '([^']+)' for more information/).map { String($0.1) }
        }
        StandardError.write("Error: \(message)\(help.map { " (see '\($0)')" } ?? "")\n")
        return code
    }

    /// A message of several lines on one: lines joined with "; ".
    static func oneLine(_ text: String) -> String {
        text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            .joined(separator: "; ")
    }
}
