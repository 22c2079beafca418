import Dispatch
import Foundation
import GLPK
import LinearProgramming
import Testing

/// GLPK keeps its environment (and the terminal hook) per thread; `GLPKSolver` creates one problem
/// per call. Solving distinct models on several threads at once must therefore give exactly the
/// same results as solving them one after another.
@Suite("Concurrent solves")
struct ConcurrencyTests {
    struct Outcome: Equatable, Sendable {
        var status: SolutionStatus
        var objective: Double?
        var values: [Double]
        var bestBound: Double?
        var logLines: Int
    }

    /// Even seeds give LPs, odd seeds MIPs.
    static let models: [Model] = (0 ..< 8).map { index in
        let seed = UInt64(1000 + index)
        return index % 2 == 0 ? Fixtures.randomLP(seed: seed) : Fixtures.randomMIP(seed: seed)
    }

    static func solve(_ index: Int, withLog: Bool) throws -> Outcome {
        let lines = Recorder<String>()
        var options = SolveOptions()
        if withLog { options.log = { lines.append($0) } }
        let solution = try GLPKSolver().solve(models[index], options: options)
        return Outcome(
            status: solution.status, objective: solution.objectiveValue, values: solution.values,
            bestBound: solution.bestBound, logLines: lines.elements.count)
    }

    static func sequential(withLog: Bool) throws -> [Outcome] {
        try (0 ..< models.count).map { try solve($0, withLog: withLog) }
    }

    @Test("The eight models are all solved to optimality, and differ")
    func modelsAreMeaningful() throws {
        let outcomes = try Self.sequential(withLog: false)
        #expect(outcomes.allSatisfy { $0.status == .optimal })
        #expect(Set(outcomes.compactMap(\.objective)).count == 8)
        for (index, outcome) in outcomes.enumerated() {
            #expect(Self.models[index].feasibilityReport(of: outcome.values).isFeasible())
        }
        // The odd ones are MIPs with a proven bound.
        for index in stride(from: 1, to: 8, by: 2) {
            #expect(Self.models[index].isMixedInteger)
            #expect(outcomes[index].bestBound == outcomes[index].objective)
        }
    }

    @Test("concurrentPerform on 8 threads matches sequential solves exactly", arguments: [false, true])
    func dispatchThreads(withLog: Bool) throws {
        let expected = try Self.sequential(withLog: withLog)
        for _ in 0 ..< 3 {
            let results = Recorder<(Int, Result<Outcome, any Error>)>()
            DispatchQueue.concurrentPerform(iterations: Self.models.count) { index in
                results.append((index, Result { try Self.solve(index, withLog: withLog) }))
            }
            let collected = results.elements.sorted { $0.0 < $1.0 }
            #expect(collected.map(\.0) == Array(0 ..< Self.models.count))
            for (index, result) in collected {
                let outcome = try result.get()
                // Bitwise equality: GLPK is deterministic, and the threads share nothing.
                #expect(outcome == expected[index], "model \(index)")
                if withLog { #expect(outcome.logLines > 0) }
            }
        }
    }

    @Test("A task group of 8 solves matches sequential solves exactly")
    func taskGroup() async throws {
        let expected = try Self.sequential(withLog: true)
        let outcomes = try await withThrowingTaskGroup(of: (Int, Outcome).self) { group in
            for index in 0 ..< Self.models.count {
                group.addTask { (index, try Self.solve(index, withLog: true)) }
            }
            var collected = [Outcome?](repeating: nil, count: Self.models.count)
            for try await (index, outcome) in group { collected[index] = outcome }
            return collected
        }
        for index in 0 ..< Self.models.count {
            #expect(outcomes[index] == expected[index], "model \(index)")
        }
    }

    @Test("Invalid models thrown on several threads at once leave the others unharmed")
    func concurrentErrors() throws {
        let expected = try Self.sequential(withLog: false)
        let results = Recorder<(Int, String)>()
        DispatchQueue.concurrentPerform(iterations: 16) { index in
            if index % 2 == 0 {
                var broken = Self.models[index / 2]
                broken.objectiveConstant = .nan
                do {
                    _ = try GLPKSolver().solve(broken)
                    results.append((index, "no error"))
                } catch {
                    results.append((index, "\(error)"))
                }
            } else {
                let outcome = try? Self.solve(index / 2, withLog: false)
                results.append((index, outcome == expected[index / 2] ? "same" : "different"))
            }
        }
        let collected = results.elements.sorted { $0.0 < $1.0 }
        #expect(collected.count == 16)
        for (index, text) in collected {
            #expect(text == (index % 2 == 0 ? "objective constant is nan, not a finite number" : "same"), "job \(index)")
        }
    }
}
