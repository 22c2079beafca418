import Foundation
import LinearProgramming

/// A solver that answers from a script instead of solving, so that a domain test whose subject
/// is not the solver runs without GLPK: it sees every model the domain hands to a solver, and
/// the domain sees the answer the test chose (a status, a point, the solver's sentence).
public final class MockSolver: Solver, @unchecked Sendable {
    /// One call of ``solve(_:options:)``: the model and the options it was given.
    public struct Call: Sendable {
        public let model: Model
        public let options: SolveOptions
    }

    public let name = "mock"
    private let answer: @Sendable (_ model: Model, _ options: SolveOptions, _ callIndex: Int) throws -> Solution
    private let lock = NSLock()
    private var recorded: [Call] = []

    /// `answer` gets each model, its options and the 0-based number of the call.
    public init(answer: @escaping @Sendable (_ model: Model, _ options: SolveOptions, _ callIndex: Int) throws -> Solution) {
        self.answer = answer
    }

    /// Answers every model with `status` and no point, with `message` as the solver's sentence.
    public convenience init(always status: SolutionStatus, message: String = "") {
        self.init { _, _, _ in Solution(status: status, message: message) }
    }

    /// The calls so far, in order.
    public var calls: [Call] { lock.withLock { recorded } }

    public func solve(_ model: Model, options: SolveOptions) throws -> Solution {
        let index = lock.withLock {
            recorded.append(Call(model: model, options: options))
            return recorded.count - 1
        }
        return try answer(model, options, index)
    }
}
