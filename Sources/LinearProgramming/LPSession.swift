/// A model's LP relaxation kept loaded between solves, for a sequence of LPs that differ only
/// in variable bounds (a dive): each solve may start from the basis the last one ended with,
/// which is what makes such a sequence cheap. Results depend only on the sequence of calls.
/// A session belongs to the thread that made it.
public protocol LPSession: AnyObject {
    /// The model with every bound change so far.
    var model: Model { get }
    /// Changes a variable's bounds for the next solves; throws what ``Model/validate()`` would
    /// for bounds a solver cannot take (and leaves the session unchanged).
    func setBounds(of variable: VariableID, lower: Double, upper: Double) throws
    /// Solves the LP relaxation of ``model``; `options.relaxIntegrality` is implied.
    func solve(options: SolveOptions) throws -> Solution
}

/// Solves every LP of a session as a new model.
final class ColdLPSession: LPSession {
    let solver: any Solver
    private(set) var model: Model

    init(solver: any Solver, model: Model) {
        self.solver = solver
        self.model = model
    }

    func setBounds(of variable: VariableID, lower: Double, upper: Double) throws {
        try model.checkedBoundsChange(of: variable, lower: lower, upper: upper)
    }

    func solve(options: SolveOptions) throws -> Solution {
        var options = options
        options.relaxIntegrality = true
        return try solver.solve(model, options: options)
    }
}

extension Model {
    /// Sets a variable's bounds when they are valid (``validateBounds(of:)``); otherwise throws
    /// and keeps the old ones.
    public mutating func checkedBoundsChange(of variable: VariableID, lower: Double, upper: Double) throws(ModelError) {
        guard variable.index >= 0, variable.index < variableCount else { throw .unknownVariable(constraint: "(bounds)", index: variable.index) }
        let old = (variableLower[variable.index], variableUpper[variable.index])
        setBounds(of: variable, lower: lower, upper: upper)
        do {
            try validateBounds(of: variable)
        } catch {
            setBounds(of: variable, lower: old.0, upper: old.1)
            throw error
        }
    }
}
