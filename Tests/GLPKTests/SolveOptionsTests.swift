import Foundation
import GLPK
import LinearProgramming
import Testing

/// Collects values handed to `@Sendable` callbacks.
final class Recorder<Element: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var storage: [Element] = []

    func append(_ element: Element) {
        lock.lock()
        storage.append(element)
        lock.unlock()
    }

    var elements: [Element] {
        lock.lock()
        defer { lock.unlock() }
        return storage
    }
}

@Suite("MIP search options")
struct MIPSearchOptionTests {
    static let knapsack = Fixtures.fortyItemKnapsack()
    static let optimum = Fixtures.knapsackOptimum(
        values: knapsack.values, weights: knapsack.weights, capacities: knapsack.capacities)

    @Test("The 40-item knapsack is solved to its dynamic-programming optimum, with branching")
    func fortyItemsToOptimality() throws {
        let solution = try GLPKSolver().solve(Self.knapsack.model)
        #expect(solution.status == .optimal)
        #expect(isClose(solution.objectiveValue, Double(Self.optimum)))
        #expect(solution.bestBound == solution.objectiveValue)
        #expect(Self.knapsack.model.feasibilityReport(of: solution.values).isFeasible())
        // More than the root node: the search really branched.
        #expect(solution.statistics.branchAndBoundNodes > 1)
    }

    @Test("The progress callback sees every improvement and the search still ends optimal")
    func progressProceed() throws {
        let reports = Recorder<MIPProgress>()
        var options = SolveOptions()
        options.progress = { report in
            reports.append(report)
            return .proceed
        }
        let solution = try GLPKSolver().solve(Self.knapsack.model, options: options)
        #expect(solution.status == .optimal)
        #expect(isClose(solution.objectiveValue, Double(Self.optimum)))
        let seen = reports.elements
        #expect(!seen.isEmpty)
        let incumbents = seen.compactMap(\.incumbent)
        #expect(!incumbents.isEmpty)
        // A maximisation: incumbents only improve, never exceed the optimum, and stay under the bound.
        #expect(zip(incumbents, incumbents.dropFirst()).allSatisfy { $0 <= $1 })
        #expect(incumbents.allSatisfy { $0 <= Double(Self.optimum) + tolerance })
        #expect(incumbents.last.map { isClose($0, Double(Self.optimum)) } == true)
        for report in seen {
            let bound = try #require(report.bound)
            #expect(bound >= Double(Self.optimum) - tolerance)
            if let incumbent = report.incumbent {
                let gap = try #require(report.relativeGap)
                #expect(isClose(gap, abs(incumbent - bound) / max(1e-10, abs(incumbent))))
            } else {
                #expect(report.relativeGap == nil)
            }
            #expect(report.elapsedSeconds >= 0)
            #expect(report.nodesSolved >= 1)
        }
    }

    @Test("Returning .stop from the progress callback interrupts the search with the incumbent")
    func progressStop() throws {
        let reports = Recorder<MIPProgress>()
        var options = SolveOptions()
        options.progress = { report in
            reports.append(report)
            return report.incumbent == nil ? .proceed : .stop
        }
        let solution = try GLPKSolver().solve(Self.knapsack.model, options: options)
        #expect(solution.status == .interrupted(hasSolution: true))
        #expect(solution.message == "glp_intopt: search terminated by the application; interrupted (feasible)")
        let stopReport = try #require(reports.elements.last)
        let incumbent = try #require(stopReport.incumbent)
        // The callback was not called again after .stop, and the solution is the incumbent it saw.
        #expect(reports.elements.filter { $0.incumbent != nil }.count == 1)
        #expect(isClose(solution.objectiveValue, incumbent))
        #expect(Self.knapsack.model.feasibilityReport(of: solution.values).isFeasible())
        #expect(isClose(Self.knapsack.model.objectiveValue(at: solution.values), incumbent))
        // The first incumbent of this search is not yet the optimum, and the bound still covers it.
        #expect(incumbent < Double(Self.optimum))
        let bound = try #require(solution.bestBound)
        #expect(bound >= Double(Self.optimum) - tolerance)
        #expect(try #require(solution.relativeGap) > 0)
    }

    @Test("A relative gap tolerance ends the search early with a certified gap")
    func relativeGap() throws {
        var options = SolveOptions()
        options.relativeGap = 0.25
        let solution = try GLPKSolver().solve(Self.knapsack.model, options: options)
        #expect(solution.status == .gapLimitReached)
        #expect(solution.status.hasSolution)
        #expect(solution.message == "glp_intopt: relative MIP gap tolerance reached; within gap tolerance")
        let objective = try #require(solution.objectiveValue)
        let bound = try #require(solution.bestBound)
        #expect(bound >= Double(Self.optimum) - tolerance)
        #expect(objective <= Double(Self.optimum) + tolerance)
        // GLPK stopped because |objective - bound| / |objective| <= 0.25, so the optimum is within 25%.
        #expect(try #require(solution.relativeGap) <= 0.25 + 1e-9)
        #expect(Double(Self.optimum) <= objective * 1.25 + tolerance)
        #expect(Self.knapsack.model.feasibilityReport(of: solution.values).isFeasible())

        options.relativeGap = 0
        let exact = try GLPKSolver().solve(Self.knapsack.model, options: options)
        #expect(exact.status == .optimal)
        #expect(isClose(exact.objectiveValue, Double(Self.optimum)))
    }

    /// Jeroslow's problem with 61 columns needs on the order of 2^30 nodes without cuts, so half a
    /// second always ends in the time limit, and there is no integer point to report.
    @Test("A time limit stops a hopeless search without a solution")
    func timeLimit() throws {
        var options = SolveOptions()
        options.timeLimit = 0.5
        let solution = try GLPKSolver().solve(Fixtures.jeroslow(61), options: options)
        #expect(solution.status == .timeLimit(hasSolution: false))
        #expect(solution.message == "glp_intopt: time limit exceeded; time limit (no solution)")
        #expect(solution.objectiveValue == nil)
        #expect(solution.values.isEmpty)
        // Every open node keeps the relaxation value 30.5, which GLPK rounds down to 30 because
        // the objective has integer coefficients on integer columns only.
        #expect(solution.bestBound == 30)
        // A generous sanity bound: the limit was honoured, not ignored.
        #expect(solution.statistics.seconds < 30)
        #expect(solution.statistics.branchAndBoundNodes > 1)
    }

    static func greedyStart() -> (point: [Double], value: Int) {
        var used = [0, 0], value = 0
        var point = [Double](repeating: 0, count: knapsack.values.count)
        for item in knapsack.values.indices {
            let w0 = knapsack.weights[0][item], w1 = knapsack.weights[1][item]
            if used[0] + w0 <= knapsack.capacities[0] && used[1] + w1 <= knapsack.capacities[1] {
                used[0] += w0
                used[1] += w1
                value += knapsack.values[item]
                point[item] = 1
            }
        }
        return (point, value)
    }

    static func heuristicLines(_ lines: [String]) -> [String] {
        lines.filter { $0.hasPrefix("Solution found by heuristic: ") }
    }

    @Test("A feasible MIP start is handed to GLPK as the first incumbent")
    func feasibleStart() throws {
        let (start, value) = Self.greedyStart()
        #expect(Self.knapsack.model.feasibilityReport(of: start).isFeasible())
        let lines = Recorder<String>()
        var options = SolveOptions()
        options.mipStart = start
        options.log = { lines.append($0) }
        let solution = try GLPKSolver().solve(Self.knapsack.model, options: options)
        #expect(solution.status == .optimal)
        #expect(solution.message == "glp_intopt: done; optimal")
        // GLPK announces every accepted heuristic point with its objective value; the start is
        // offered at the first opportunity, before GLPK's own rounding heuristic runs.
        #expect(Self.heuristicLines(lines.elements).first == "Solution found by heuristic: \(value)")
        let objective = try #require(solution.objectiveValue)
        #expect(objective >= Double(value))
        #expect(isClose(objective, Double(Self.optimum)))

        // Without the start, GLPK's own first heuristic point is a different one.
        let plainLines = Recorder<String>()
        var plain = SolveOptions()
        plain.log = { plainLines.append($0) }
        _ = try GLPKSolver().solve(Self.knapsack.model, options: plain)
        #expect(Self.heuristicLines(plainLines.elements).first != "Solution found by heuristic: \(value)")
    }

    @Test("A MIP start is reported to the progress callback as the first incumbent")
    func startReachesProgress() throws {
        let (start, value) = Self.greedyStart()
        let reports = Recorder<MIPProgress>()
        var options = SolveOptions()
        options.mipStart = start
        options.progress = { report in
            reports.append(report)
            return report.incumbent == nil ? .proceed : .stop
        }
        let solution = try GLPKSolver().solve(Self.knapsack.model, options: options)
        #expect(solution.status == .interrupted(hasSolution: true))
        #expect(reports.elements.compactMap(\.incumbent) == [Double(value)])
        #expect(isClose(solution.objectiveValue, Double(value)))
        #expect(isClose(solution.values, start))
    }

    struct InfeasibleStart: Sendable, CustomTestStringConvertible {
        var name: String
        var point: [Double]
        var testDescription: String { name }
    }

    static let infeasibleStarts: [InfeasibleStart] = [
        InfeasibleStart(name: "every item, over both capacities", point: Array(repeating: 1, count: 40)),
        InfeasibleStart(name: "a fractional binary", point: [0.5] + Array(repeating: 0, count: 39)),
        InfeasibleStart(name: "a value above the binary range", point: [2] + Array(repeating: 0, count: 39)),
        InfeasibleStart(name: "a negative value", point: [-1] + Array(repeating: 0, count: 39)),
    ]

    @Test("An infeasible MIP start is ignored and the message says so", arguments: infeasibleStarts)
    func infeasibleStart(_ example: InfeasibleStart) throws {
        var options = SolveOptions()
        options.mipStart = example.point
        let solution = try GLPKSolver().solve(Self.knapsack.model, options: options)
        #expect(solution.status == .optimal)
        #expect(solution.message == "glp_intopt: done; optimal; the MIP start was not feasible and was ignored")
        #expect(isClose(solution.objectiveValue, Double(Self.optimum)))
    }
}

@Suite("Solver log")
struct SolverLogTests {
    // The log carries GLPK's normal output level (GLP_MSG_ON): progress lines, but not the
    // closing "OPTIMAL ... SOLUTION FOUND" banners, which GLPK prints only at GLP_MSG_ALL.

    @Test("The log option receives simplex output line by line")
    func simplexLog() throws {
        let lines = Recorder<String>()
        var options = SolveOptions()
        options.log = { lines.append($0) }
        let solution = try GLPKSolver().solve(Fixtures.textbook().model, options: options)
        #expect(solution.status == .optimal)
        let received = lines.elements
        #expect(received.first == "Scaling...")
        // The last simplex progress line shows the optimum.
        #expect(received.last?.hasSuffix("obj =   3.600000000e+01 inf =   0.000e+00 (0)") == true)
        #expect(received.allSatisfy { !$0.contains("\n") && !$0.isEmpty })
    }

    @Test("The log option receives branch-and-bound output")
    func integerLog() throws {
        let lines = Recorder<String>()
        var options = SolveOptions()
        options.log = { lines.append($0) }
        let solution = try GLPKSolver().solve(MIPSearchOptionTests.knapsack.model, options: options)
        #expect(solution.status == .optimal)
        let optimum = String(format: "%.9e", Double(MIPSearchOptionTests.optimum))
        // The final branch-and-bound line: the optimum and an empty tree.
        let last = try #require(lines.elements.last)
        #expect(last.contains("mip =   \(optimum) <=     tree is empty"), "\(last)")
    }

    @Test("The log option receives interior-point output")
    func interiorLog() throws {
        let lines = Recorder<String>()
        var options = SolveOptions()
        options.method = .interiorPoint
        options.log = { lines.append($0) }
        let solution = try GLPKSolver().solve(Fixtures.textbook().model, options: options)
        #expect(solution.status == .optimal)
        let received = lines.elements
        // One line per iteration, numbered from 0, each with the objective and the gap.
        #expect(received.count >= 2)
        for (iteration, line) in received.enumerated() {
            #expect(line.hasPrefix(String(format: "%3d: obj = ", iteration)), "\(line)")
            #expect(line.contains("gap ="))
        }
    }

    @Test("Separate solves with and without a log do not leak lines into each other")
    func logIsPerSolve() throws {
        let lines = Recorder<String>()
        var options = SolveOptions()
        options.log = { lines.append($0) }
        _ = try GLPKSolver().solve(Fixtures.textbook().model, options: options)
        let afterFirst = lines.elements.count
        #expect(afterFirst > 0)
        // A solve without a log handler, on the same thread, reaches nobody.
        _ = try GLPKSolver().solve(Fixtures.textbook().model)
        #expect(lines.elements.count == afterFirst)
    }

    /// Redirects file descriptor 1 to a temporary file while `body` runs. Whatever else the process
    /// printed meanwhile is written back to the real standard output afterwards.
    static let captureLock = NSLock()

    static func capturingStandardOutput(_ body: () throws -> Void) throws -> String {
        captureLock.lock()
        defer { captureLock.unlock() }
        let file = try temporaryDirectory().appendingPathComponent("stdout.txt")
        #expect(FileManager.default.createFile(atPath: file.path, contents: nil))
        let handle = try FileHandle(forWritingTo: file)
        fflush(nil)
        let saved = dup(STDOUT_FILENO)
        #expect(saved >= 0)
        dup2(handle.fileDescriptor, STDOUT_FILENO)
        var failure: Error?
        do { try body() } catch { failure = error }
        fflush(nil)
        dup2(saved, STDOUT_FILENO)
        close(saved)
        try handle.close()
        let captured = try String(contentsOf: file, encoding: .utf8)
        if !captured.isEmpty {
            FileHandle.standardOutput.write(Data(captured.utf8))
        }
        if let failure { throw failure }
        return captured
    }

    @Test("Without a log handler nothing reaches standard output")
    func silentWithoutLog() throws {
        let marker = "capture-check-\(UUID().uuidString)"
        let captured = try Self.capturingStandardOutput {
            // Proves the capture works: this line must be seen.
            FileHandle.standardOutput.write(Data("\(marker)\n".utf8))
            _ = try GLPKSolver().solve(Fixtures.textbook().model)
            var presolved = SolveOptions()
            presolved.presolve = true
            _ = try GLPKSolver().solve(Fixtures.textbook().model, options: presolved)
            var interior = SolveOptions()
            interior.method = .interiorPoint
            _ = try GLPKSolver().solve(Fixtures.textbook().model, options: interior)
            _ = try GLPKSolver().solve(MIPSearchOptionTests.knapsack.model)
            _ = try GLPKSolver().solve(Fixtures.jeroslow(5))
        }
        #expect(captured.contains(marker))
        for phrase in ["Optimizer", "SOLUTION FOUND", "PROBLEM HAS NO", "Solving LP relaxation", "glp_"] {
            #expect(!captured.contains(phrase), "solver output leaked to stdout: \(phrase)")
        }
    }
}
