import ArgumentParser
import Dispatch
import Foundation
import GLPK
import MealPlanning
import PlanReports

/// `planner batch`: many requests, planned in parallel (one GLPK problem per thread), results
/// streamed as JSON Lines in input order.
public struct BatchCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "batch",
        abstract: "Plan many requests in parallel; one JSON result per line, in input order.",
        discussion: """
            Each non-empty line of the input (lines end at LF, CR LF or CR) is a request object \
            (the request-file format, read strictly: a trailing comma or a duplicate key is an \
            error at its FILE:LINE:COLUMN). Each \
            output line is the plan's JSON document on one line with its input "line" number, or \
            {"line": N, "status": "no plan", ...} or {"line": N, "status": "error", ...}. A request's \
            "household" string is copied to its output line, error lines included when the line \
            is JSON with a string "household". Progress goes to stderr. The exit code is 0 when \
            every line was read (even if some have no plan); 74 when the output cannot be written \
            (planning stops at once).

            With --numbered each input line is N<TAB>request, N the line number to report: a \
            job that splits a file (Spark, Benchmarks/spark) sends the pieces in any order and \
            gets the lines a run over the whole file gives, with --input-name naming the file.

            Example:
              planner batch households.jsonl --jobs 2 > plans.jsonl
            """
    )

    @Argument(help: ArgumentHelp("Requests, one JSON object per line ('-' for stdin).", valueName: "requests.jsonl"))
    public var requests: String
    @OptionGroup public var foods: FoodTableOptions
    @Option(help: "Parallel plans (default: the number of cores).")
    public var jobs: Int?
    @Option(name: .shortAndLong, help: ArgumentHelp("Write to this file (atomically) instead of stdout.", valueName: "file"))
    public var output: String?
    @Flag(help: "No progress on stderr.")
    public var quiet = false
    @Flag(help: "Each input line is N<TAB>request; N is the line number reported for it.")
    public var numbered = false
    @Option(help: ArgumentHelp("The input's name in error messages (default: the file's name, '-' for stdin).", valueName: "name"))
    public var inputName: String?

    public init() {}

    public func validate() throws {
        if let jobs, !(1 ... 256).contains(jobs) { throw ValidationError("--jobs \(jobs) is not in 1...256") }
    }

    public func run() throws {
        try reportingErrors { try execute() }
    }

    func execute() throws {
        let table = try foods.load()
        let data: Data
        if requests == "-" {
            guard let input = FileReading.readToEnd(descriptor: STDIN_FILENO) else { throw InputFileError(description: "-: cannot read stdin") }
            data = input
        } else {
            data = try readInput(requests)
        }
        let work = BatchRunner.workItems(BatchRunner.lines(of: data), numbered: numbered)
        var progress: (@Sendable (Int, Int) -> Void)?
        if !quiet {
            progress = { @Sendable done, total in
                StandardError.write("planner batch: \(done)/\(total)\n")
            }
        }
        var emit: (@Sendable (String) -> Void)?
        var stop: (@Sendable () -> Bool)?
        if output == nil {
            // A line that cannot be written ends the batch: no more requests are planned.
            emit = { @Sendable line in try? StandardOutput.shared.write(line + "\n") }
            stop = { @Sendable in StandardOutput.shared.error != nil }
        }
        let runner = BatchRunner(table: table, fileName: inputName ?? URL(fileURLWithPath: requests).lastPathComponent)
        let results = runner.run(work, jobs: jobs ?? ProcessInfo.processInfo.activeProcessorCount, progress: progress, emit: emit, stop: stop)
        try StandardOutput.shared.check()
        if let output {
            try AtomicFile.write(results.map { $0 + "\n" }.joined(), to: URL(fileURLWithPath: output))
        }
    }
}

/// Plans requests on several threads. Each worker thread solves with its own GLPK problems
/// (GLPK keeps its environment per thread); results are emitted in input order as soon as all
/// earlier ones are done.
public struct BatchRunner: Sendable {
    let table: FoodTable
    let fileName: String

    public init(table: FoodTable, fileName: String) {
        self.table = table
        self.fileName = fileName
    }

    /// The lines of a JSON Lines input. A line ends at LF, CR LF or a lone CR (as the lines of
    /// `file:line:column` messages are counted); the last line needs no line end. Bytes are
    /// split, not characters: a Swift String reads "\r\n" as one character.
    public static func lines(of data: Data) -> [Substring] {
        data.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) in
            var lines: [Substring] = []
            var start = 0
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                if byte == 0x0A || byte == 0x0D {
                    lines.append(Substring(String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start ..< index]), as: UTF8.self)))
                    if byte == 0x0D, index + 1 < bytes.count, bytes[index + 1] == 0x0A { index += 1 }
                    start = index + 1
                }
                index += 1
            }
            if start < bytes.count { lines.append(Substring(String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start...]), as: UTF8.self))) }
            return lines
        }
    }

    /// The requests of the input's lines: (line number, text), blank lines left out. With
    /// `numbered`, each line is `N<TAB>request` and N is its line number; a line without a
    /// number is kept with its place in the input and a `nil` text (an error line).
    public static func workItems(_ lines: [Substring], numbered: Bool) -> [(Int, String?)] {
        lines.enumerated().compactMap { index, text -> (Int, String?)? in
            guard numbered else { return text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? nil : (index + 1, String(text)) }
            if text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { return nil }
            guard let tab = text.firstIndex(of: "\t"), let number = Int(text[..<tab]), number > 0 else { return (index + 1, nil) }
            let request = text[text.index(after: tab)...]
            return request.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? nil : (number, String(request))
        }
    }

    /// The `household` of a request line, when the line is a JSON object with a string there.
    public static func household(in text: String) -> String? {
        guard let object = try? JSONSerialization.jsonObject(with: Data(text.utf8), options: []) as? [String: Any] else { return nil }
        return object["household"] as? String
    }

    /// One result line for one request line (`nil`: a `--numbered` line without its number).
    public func result(line: Int, text: String?) -> String {
        guard let text else {
            return PlanReport.batchLine(line: line, error: "\(fileName):\(line): expected LINE<TAB>request (--numbered)", exitCode: PlannerExit.badData)
        }
        let household = text.utf8.count <= PlanRequestCoding.maximumBytes ? Self.household(in: text) : nil
        do {
            let request = try PlanRequestCoding.decode(Data(text.utf8), fileName: fileName, line: line)
            switch try PlanningSession(table: table, solver: GLPKSolver()).plan(request) {
            case .noPlan(let why):
                return PlanReport.batchLine(line: line, noPlan: why, message: sentence(for: why), household: household)
            case .plan(let plan):
                return PlanReport.batchLine(line: line, plan: plan, table: table, household: household)
            }
        } catch let rejected as PlanningSession.RejectedPlan {
            return PlanReport.batchLine(line: line, error: "internal error: the plan failed validation: \(rejected.violations[0])", exitCode: PlannerExit.internalError, household: household)
        } catch {
            let (message, code) = describe(error)
            return PlanReport.batchLine(line: line, error: message, exitCode: code, household: household)
        }
    }

    /// Plans `work` with `jobs` threads; returns the lines in input order and passes each to
    /// `emit` in that order as soon as it can.
    public func run(_ work: [(Int, String)], jobs: Int, progress: (@Sendable (Int, Int) -> Void)? = nil, emit: (@Sendable (String) -> Void)? = nil) -> [String] {
        run(work.map { ($0.0, Optional($0.1)) }, jobs: jobs, progress: progress, emit: emit)
    }

    /// The same for ``workItems(_:numbered:)``: a `nil` text is an error line. Once `stop`
    /// returns true, no further request is started (the lines not planned are empty).
    public func run(_ work: [(Int, String?)], jobs: Int, progress: (@Sendable (Int, Int) -> Void)? = nil, emit: (@Sendable (String) -> Void)? = nil,
                    stop: (@Sendable () -> Bool)? = nil) -> [String] {
        let state = BatchState(count: work.count)
        let workers = max(1, min(jobs, work.count))
        let group = DispatchGroup()
        for _ in 0 ..< workers {
            let thread = Thread { [self] in
                while stop?() != true, let index = state.take() {
                    let line = result(line: work[index].0, text: work[index].1)
                    state.finish(index, line, emit: emit, progress: progress)
                }
                group.leave()
            }
            // GLPK's branch and bound recurses; give workers a main-thread-sized stack.
            thread.stackSize = 8 << 20
            group.enter()
            thread.start()
        }
        group.wait()
        return state.results.map { $0 ?? "" }
    }
}

/// The shared queue and the in-order emitter of a batch.
final class BatchState: @unchecked Sendable {
    private let lock = NSLock()
    private var next = 0
    private var emitted = 0
    private(set) var results: [String?]

    init(count: Int) { results = Array(repeating: nil, count: count) }

    func take() -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard next < results.count else { return nil }
        next += 1
        return next - 1
    }

    func finish(_ index: Int, _ line: String, emit: (@Sendable (String) -> Void)?, progress: (@Sendable (Int, Int) -> Void)?) {
        lock.lock()
        defer { lock.unlock() }
        results[index] = line
        while emitted < results.count, let ready = results[emitted] {
            emit?(ready)
            emitted += 1
        }
        progress?(results.lazy.filter { $0 != nil }.count, results.count)
    }
}
