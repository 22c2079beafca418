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
            Each non-empty line of the input is a request object (the request-file format). Each \
            output line is the plan's JSON document on one line with its input "line" number, or \
            {"line": N, "status": "no plan", ...} or {"line": N, "status": "error", ...}. Progress \
            goes to stderr. The exit code is 0 when every line was read (even if some have no plan).

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
        if requests == "-" { data = FileHandle.standardInput.readDataToEndOfFile() } else { data = try readInput(requests) }
        let lines = String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        let work = lines.enumerated().compactMap { index, text -> (Int, String)? in
            text.trimmingCharacters(in: .whitespaces).isEmpty ? nil : (index + 1, String(text))
        }
        var progress: (@Sendable (Int, Int) -> Void)?
        if !quiet {
            progress = { @Sendable done, total in
                FileHandle.standardError.write(Data("planner batch: \(done)/\(total)\n".utf8))
            }
        }
        var emit: (@Sendable (String) -> Void)?
        if output == nil {
            emit = { @Sendable line in FileHandle.standardOutput.write(Data((line + "\n").utf8)) }
        }
        let runner = BatchRunner(table: table, fileName: URL(fileURLWithPath: requests).lastPathComponent)
        let results = runner.run(work, jobs: jobs ?? ProcessInfo.processInfo.activeProcessorCount, progress: progress, emit: emit)
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

    /// One result line for one request line.
    public func result(line: Int, text: String) -> String {
        do {
            let request = try PlanRequestCoding.decode(Data(text.utf8), fileName: "\(fileName):\(line)")
            switch try PlanningSession(table: table, solver: GLPKSolver()).plan(request) {
            case .noPlan(let why):
                return PlanReport.batchLine(line: line, noPlan: why)
            case .plan(let plan):
                return PlanReport.batchLine(line: line, plan: plan, table: table)
            }
        } catch let rejected as PlanningSession.RejectedPlan {
            return PlanReport.batchLine(line: line, error: "internal error: the plan failed validation: \(rejected.violations[0])", exitCode: PlannerExit.internalError)
        } catch {
            let (message, code) = describe(error)
            return PlanReport.batchLine(line: line, error: message, exitCode: code)
        }
    }

    /// Plans `work` with `jobs` threads; returns the lines in input order and passes each to
    /// `emit` in that order as soon as it can.
    public func run(_ work: [(Int, String)], jobs: Int, progress: (@Sendable (Int, Int) -> Void)? = nil, emit: (@Sendable (String) -> Void)? = nil) -> [String] {
        let state = BatchState(count: work.count)
        let workers = max(1, min(jobs, work.count))
        let group = DispatchGroup()
        for _ in 0 ..< workers {
            let thread = Thread { [self] in
                while let index = state.take() {
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
