internal import CGLPK
import LinearProgramming

/// GLPK's ``LPSession``: one problem object, loaded and scaled once. A bound change keeps the
/// last basis (GLPK moves a nonbasic column to its new bound), which stays dual feasible, so
/// the next solve's dual simplex method needs a few iterations where a new problem needs
/// hundreds. Like ``GLPKProblem`` it belongs to the thread that made it.
final class GLPKLPSession: LPSession {
    private(set) var model: Model
    private let problem: GLPKProblem
    private var scaled = false

    init(model: Model) throws {
        try model.validate()
        self.model = model
        problem = GLPKProblem(loading: model, relaxIntegrality: true)
    }

    func setBounds(of variable: VariableID, lower: Double, upper: Double) throws {
        try model.checkedBoundsChange(of: variable, lower: lower, upper: upper)
        let (type, l, u) = GLPKProblem.boundType(lower, upper)
        glp_set_col_bnds(problem.pointer, Int32(variable.index + 1), type, l, u)
    }

    /// Solves with the simplex method from the current basis: without the presolver (which
    /// would drop it) and with the first solve's scaling (bounds do not change scale factors).
    func solve(options: SolveOptions) throws -> Solution {
        var options = options
        options.relaxIntegrality = true
        options.presolve = false
        if options.method == .interiorPoint { options.method = .dualSimplex }
        try GLPKSolver.validate(options, for: model)
        if scaled { options.scaling = .none }
        scaled = true
        let solver = GLPKSolver()
        // GLPK counts iterations over the problem's life; a solve reports its own.
        let before = Int(glp_get_it_cnt(problem.pointer))
        var solution = try GLPKSolver.timedSolve(options) { deadline, log in
            try solver.solveLP(problem, model: model, options: options, deadline: deadline, log: log)
        }
        solution.statistics.simplexIterations -= before
        return solution
    }
}
