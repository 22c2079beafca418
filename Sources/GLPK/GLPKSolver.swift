internal import CGLPK
import LinearProgramming

/// Solves models with GLPK (the GNU Linear Programming Kit) through its C API.
///
/// Every model is validated before GLPK sees it, because GLPK aborts the whole process on
/// an invalid argument. GLPK's terminal output is captured by a hook and handed to
/// ``SolveOptions/log`` (or dropped); it never reaches stdout. Each call creates its own
/// problem object on the calling thread, so independent solves may run on several threads.
public struct GLPKSolver: Solver {
    public init() {}

    public var name: String { "GLPK \(Self.version)" }

    public static var version: String { String(cString: glp_version()) }

    public func solve(_ model: Model, options: SolveOptions) throws -> Solution {
        try model.validate()
        try Self.validate(options, for: model)
        return try Self.timedSolve(options) { deadline, log in
            let isMIP = model.isMixedInteger && !options.relaxIntegrality
            if isMIP, let variable = GLPKProblem.integerBoundsConflict(in: model) {
                return Solution(
                    status: .infeasible,
                    message: "integer variable \(model.label(of: variable)) has no integer value within its bounds")
            }
            let problem = GLPKProblem(loading: model, relaxIntegrality: options.relaxIntegrality)
            if isMIP { return try solveMIP(problem, model: model, options: options, deadline: deadline, log: log) }
            if options.method == .interiorPoint { return try solveInterior(problem, model: model, options: options, log: log) }
            return try solveLP(problem, model: model, options: options, deadline: deadline, log: log)
        }
    }

    /// A warm-started session (``GLPKLPSession``).
    public func lpSession(for model: Model) throws -> any LPSession {
        try GLPKLPSession(model: model)
    }

    /// Runs one solve with GLPK's terminal output going to `options.log` and its seconds measured.
    static func timedSolve(
        _ options: SolveOptions, _ body: (ContinuousClock.Instant?, TerminalLog) throws -> Solution
    ) rethrows -> Solution {
        let clock = ContinuousClock()
        let start = clock.now
        let deadline = options.timeLimit.map { start + .milliseconds(Int64(($0 * 1000).rounded(.up))) }
        let log = TerminalLog(handler: options.log)
        let logInfo = Unmanaged.passUnretained(log).toOpaque()
        glp_term_hook(terminalHook, logInfo)
        defer {
            glp_term_hook(nil, nil)
            log.flush()
        }
        var solution = try body(deadline, log)
        solution.statistics.seconds = Self.seconds(clock.now - start)
        return solution
    }

    static func validate(_ options: SolveOptions, for model: Model) throws {
        if let limit = options.timeLimit, !(limit > 0 && limit <= 2_000_000) {
            throw GLPKError.invalidOption("time limit \(limit) s is not in (0, 2000000]")
        }
        if let nodes = options.nodeLimit, nodes < 1 {
            throw GLPKError.invalidOption("node limit \(nodes) is not positive")
        }
        if let gap = options.relativeGap, !(gap >= 0 && gap < 1e6) {
            throw GLPKError.invalidOption("relative gap \(gap) is not a number in [0, 1e6)")
        }
        if let start = options.mipStart {
            if start.count != model.variableCount {
                throw GLPKError.invalidOption("MIP start has \(start.count) values for \(model.variableCount) variables")
            }
            if let bad = start.firstIndex(where: { !$0.isFinite }) {
                throw GLPKError.invalidOption("MIP start value of \(model.label(of: VariableID(index: bad))) is not finite")
            }
        }
    }

    // MARK: LP

    private func simplexParameters(_ options: SolveOptions, deadline: ContinuousClock.Instant?, log: TerminalLog) -> glp_smcp {
        var parameters = glp_smcp()
        glp_init_smcp(&parameters)
        parameters.msg_lev = log.isEnabled ? GLP_MSG_ON : GLP_MSG_OFF
        parameters.meth = options.method == .primalSimplex ? GLP_PRIMAL : GLP_DUALP
        parameters.presolve = options.presolve ? GLP_ON : GLP_OFF
        if let deadline { parameters.tm_lim = Self.milliseconds(until: deadline) }
        return parameters
    }

    private func scale(_ problem: GLPKProblem, _ scaling: SolveOptions.Scaling) {
        switch scaling {
        case .automatic: glp_scale_prob(problem.pointer, GLP_SF_AUTO)
        case .none: break
        case .geometricMean: glp_scale_prob(problem.pointer, GLP_SF_GM | GLP_SF_SKIP)
        case .equilibration: glp_scale_prob(problem.pointer, GLP_SF_EQ)
        }
    }

    /// Runs the simplex method and returns GLPK's return code (already mapped for presolve quirks).
    private func runSimplex(
        _ problem: GLPKProblem, options: SolveOptions, deadline: ContinuousClock.Instant?, log: TerminalLog
    ) -> GLPKReturnCode {
        // The LP presolver scales on its own; without it, scaling is ours to choose.
        if !options.presolve { scale(problem, options.scaling) }
        var parameters = simplexParameters(options, deadline: deadline, log: log)
        var code = GLPKReturnCode(rawValue: glp_simplex(problem.pointer, &parameters))
        if options.presolve && (code == .noDualFeasible || code == .noPrimalFeasible) {
            // The presolver proves only "infeasible or unbounded"; without it, the simplex
            // method tells which, and leaves a basis for duals or rays.
            scale(problem, options.scaling)
            parameters.presolve = GLP_OFF
            if let deadline { parameters.tm_lim = Self.milliseconds(until: deadline) }
            code = GLPKReturnCode(rawValue: glp_simplex(problem.pointer, &parameters))
        }
        return code
    }

    /// What the solution status of a routine that returned success says
    /// (`glp_get_status`, `glp_ipt_status` or `glp_mip_status`): proven optimal, proven
    /// infeasible, proven unbounded (the simplex method only), or else `otherwise`.
    private static func finishedStatus(_ glpkStatus: Int32, otherwise: SolutionStatus) -> SolutionStatus {
        switch glpkStatus {
        case GLP_OPT: return .optimal
        case GLP_NOFEAS: return .infeasible
        case GLP_UNBND: return .unbounded
        default: return otherwise
        }
    }

    func solveLP(
        _ problem: GLPKProblem, model: Model, options: SolveOptions, deadline: ContinuousClock.Instant?, log: TerminalLog
    ) throws -> Solution {
        let code = runSimplex(problem, options: options, deadline: deadline, log: log)
        let status: SolutionStatus
        switch code {
        case .success: status = Self.finishedStatus(glp_get_status(problem.pointer), otherwise: .numericalFailure)
        case .timeLimit: status = .timeLimit(hasSolution: glp_get_prim_stat(problem.pointer) == GLP_FEAS)
        case .iterationLimit: status = .iterationLimit(hasSolution: glp_get_prim_stat(problem.pointer) == GLP_FEAS)
        case .noPrimalFeasible: status = .infeasible
        case .noDualFeasible: status = .infeasibleOrUnbounded
        case .singularMatrix, .illConditioned, .solverFailed, .instability, .noConvergence: status = .numericalFailure
        default: throw GLPKError.routineFailed(routine: "glp_simplex", code: code)
        }
        var solution = Solution(status: status, message: "glp_simplex: \(code == .success ? "done" : code.meaning); \(status)")
        solution.statistics.simplexIterations = Int(glp_get_it_cnt(problem.pointer))
        if status.hasSolution {
            readBasicSolution(problem, model: model, into: &solution, withDuals: status == .optimal)
        }
        return solution
    }

    private func readBasicSolution(_ problem: GLPKProblem, model: Model, into solution: inout Solution, withDuals: Bool) {
        let n = model.variableCount, m = model.constraintCount
        let pointer = problem.pointer
        solution.objectiveValue = glp_get_obj_val(pointer)
        solution.values = (0 ..< n).map { glp_get_col_prim(pointer, Int32($0 + 1)) }
        solution.rowActivities = (0 ..< m).map { glp_get_row_prim(pointer, Int32($0 + 1)) }
        if withDuals {
            solution.rowDuals = (0 ..< m).map { glp_get_row_dual(pointer, Int32($0 + 1)) }
            solution.reducedCosts = (0 ..< n).map { glp_get_col_dual(pointer, Int32($0 + 1)) }
        }
    }

    private func solveInterior(_ problem: GLPKProblem, model: Model, options: SolveOptions, log: TerminalLog) throws -> Solution {
        var parameters = glp_iptcp()
        glp_init_iptcp(&parameters)
        parameters.msg_lev = log.isEnabled ? GLP_MSG_ON : GLP_MSG_OFF
        let code = GLPKReturnCode(rawValue: glp_interior(problem.pointer, &parameters))
        let status: SolutionStatus
        switch code {
        case .success: status = Self.finishedStatus(glp_ipt_status(problem.pointer), otherwise: .infeasibleOrUnbounded)
        case .noFeasible: status = .infeasibleOrUnbounded
        case .iterationLimit: status = .iterationLimit(hasSolution: false)
        case .noConvergence, .instability: status = .numericalFailure
        default: throw GLPKError.routineFailed(routine: "glp_interior", code: code)
        }
        var solution = Solution(status: status, message: "glp_interior: \(code == .success ? "done" : code.meaning); \(status)")
        if status == .optimal {
            let pointer = problem.pointer
            let n = model.variableCount, m = model.constraintCount
            solution.objectiveValue = glp_ipt_obj_val(pointer)
            solution.values = (0 ..< n).map { glp_ipt_col_prim(pointer, Int32($0 + 1)) }
            solution.rowActivities = (0 ..< m).map { glp_ipt_row_prim(pointer, Int32($0 + 1)) }
            solution.rowDuals = (0 ..< m).map { glp_ipt_row_dual(pointer, Int32($0 + 1)) }
            solution.reducedCosts = (0 ..< n).map { glp_ipt_col_dual(pointer, Int32($0 + 1)) }
        }
        return solution
    }

    // MARK: MIP

    private func solveMIP(
        _ problem: GLPKProblem, model: Model, options: SolveOptions, deadline: ContinuousClock.Instant?, log: TerminalLog
    ) throws -> Solution {
        // The LP relaxation first: it gives the root bound, and glp_intopt without its own
        // presolver needs an optimal basis. Callbacks and MIP starts work on the original
        // columns only when the MIP presolver is off.
        var lpOptions = options
        lpOptions.presolve = options.presolve && options.mipStart == nil && options.progress == nil
        let lpCode = runSimplex(problem, options: lpOptions, deadline: deadline, log: log)
        var iterations = Int(glp_get_it_cnt(problem.pointer))
        let lpStatus = glp_get_status(problem.pointer)
        if lpCode == .timeLimit {
            return Solution(status: .timeLimit(hasSolution: false), message: "time limit reached in the LP relaxation")
        }
        if lpCode == .noPrimalFeasible || (lpCode == .success && lpStatus == GLP_NOFEAS) {
            return Solution(status: .infeasible, message: "the LP relaxation is infeasible")
        }
        if lpCode == .noDualFeasible || (lpCode == .success && lpStatus == GLP_UNBND) {
            return Solution(status: .infeasibleOrUnbounded, message: "the LP relaxation is unbounded")
        }
        guard lpCode == .success, lpStatus == GLP_OPT else {
            if [.singularMatrix, .illConditioned, .solverFailed].contains(lpCode) {
                return Solution(status: .numericalFailure, message: "glp_simplex: \(lpCode.meaning)")
            }
            throw GLPKError.routineFailed(routine: "glp_simplex", code: lpCode)
        }
        let rootBound = glp_get_obj_val(problem.pointer)

        let search = SearchContext(
            model: model, options: options, isMinimization: model.sense == .minimize, rootBound: rootBound)
        if let start = options.mipStart {
            let report = model.feasibilityReport(of: start)
            if report.isFeasible(tolerance: 1e-7) {
                // GLPK rejects integer columns that are not exactly integral.
                let rounded = start.enumerated().map { model.variableKinds[$0.offset] == .continuous ? $0.element : $0.element.rounded() }
                search.heuristicStart = [0] + rounded
            } else {
                search.note = "the MIP start was not feasible and was ignored"
            }
        }
        var parameters = glp_iocp()
        glp_init_iocp(&parameters)
        parameters.msg_lev = log.isEnabled ? GLP_MSG_ON : GLP_MSG_OFF
        parameters.presolve = GLP_OFF
        parameters.br_tech = GLP_BR_DTH
        parameters.bt_tech = GLP_BT_BLB
        if let gap = options.relativeGap { parameters.mip_gap = gap }
        if options.cuts {
            parameters.mir_cuts = GLP_ON
            parameters.gmi_cuts = GLP_ON
            parameters.cov_cuts = GLP_ON
            parameters.clq_cuts = GLP_ON
        }
        if options.feasibilityPump { parameters.fp_heur = GLP_ON }
        if let deadline {
            let remaining = Self.milliseconds(until: deadline)
            if remaining <= 1 {
                return Solution(
                    status: .timeLimit(hasSolution: false), bestBound: rootBound, message: "time limit reached in the LP relaxation")
            }
            parameters.tm_lim = remaining
        }
        let searchInfo = Unmanaged.passUnretained(search).toOpaque()
        parameters.cb_func = searchCallback
        parameters.cb_info = searchInfo
        let code = GLPKReturnCode(rawValue: glp_intopt(problem.pointer, &parameters))
        iterations = Int(glp_get_it_cnt(problem.pointer))

        let mipStatus = glp_mip_status(problem.pointer)
        let hasPoint = mipStatus == GLP_OPT || mipStatus == GLP_FEAS
        let status: SolutionStatus
        switch code {
        case .success: status = Self.finishedStatus(mipStatus, otherwise: .numericalFailure)
        case .gapReached: status = .gapLimitReached
        case .timeLimit: status = .timeLimit(hasSolution: hasPoint)
        case .stopped: status = search.stoppedAtNodeLimit ? .nodeLimit(hasSolution: hasPoint) : .interrupted(hasSolution: hasPoint)
        case .noPrimalFeasible: status = .infeasible
        case .noDualFeasible: status = .infeasibleOrUnbounded
        case .solverFailed, .singularMatrix, .illConditioned: status = hasPoint ? .interrupted(hasSolution: true) : .numericalFailure
        default: throw GLPKError.routineFailed(routine: "glp_intopt", code: code)
        }
        var solution = Solution(status: status)
        var message = "glp_intopt: \(code == .success ? "done" : code.meaning); \(status)"
        if let note = search.note { message += "; \(note)" }
        solution.message = message
        solution.statistics.simplexIterations = iterations
        solution.statistics.branchAndBoundNodes = search.nodes
        if status.hasSolution {
            let pointer = problem.pointer
            solution.objectiveValue = glp_mip_obj_val(pointer)
            solution.values = (0 ..< model.variableCount).map { glp_mip_col_val(pointer, Int32($0 + 1)) }
            solution.rowActivities = (0 ..< model.constraintCount).map { glp_mip_row_val(pointer, Int32($0 + 1)) }
        }
        if status == .optimal {
            solution.bestBound = solution.objectiveValue
        } else if status != .infeasible {
            solution.bestBound = search.bestBound
            // The proven bound can never be worse than the root LP bound, nor better than the incumbent.
            if let objective = solution.objectiveValue, let bound = solution.bestBound {
                solution.bestBound = search.isMinimization ? min(bound, objective) : max(bound, objective)
            }
        }
        return solution
    }

    // MARK: Helpers

    static func milliseconds(until deadline: ContinuousClock.Instant) -> Int32 {
        let remaining = deadline - ContinuousClock.now
        let milliseconds = remaining.components.seconds * 1000 + remaining.components.attoseconds / 1_000_000_000_000_000
        return Int32(clamping: max(1, milliseconds))
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
    }
}

/// Collects GLPK's terminal output for one solve on one thread.
final class TerminalLog {
    let handler: (@Sendable (String) -> Void)?
    private var pending = ""

    init(handler: (@Sendable (String) -> Void)?) { self.handler = handler }

    var isEnabled: Bool { handler != nil }

    func receive(_ text: String) {
        guard let handler else { return }
        pending += text
        while let newline = pending.firstIndex(of: "\n") {
            handler(String(pending[..<newline]))
            pending = String(pending[pending.index(after: newline)...])
        }
    }

    func flush() {
        if let handler, !pending.isEmpty { handler(pending) }
        pending = ""
    }
}

/// Returning nonzero tells GLPK the text was handled and must not be printed.
private func terminalHook(_ info: UnsafeMutableRawPointer?, _ text: UnsafePointer<CChar>?) -> Int32 {
    guard let info, let text else { return 1 }
    Unmanaged<TerminalLog>.fromOpaque(info).takeUnretainedValue().receive(String(cString: text))
    return 1
}

/// State shared with GLPK's branch-and-bound callback during one `glp_intopt` call.
final class SearchContext {
    let model: Model
    let options: SolveOptions
    let isMinimization: Bool
    let start = ContinuousClock.now
    var bestBound: Double
    var nodes = 0
    var heuristicStart: [Double]?
    var note: String?
    var stoppedAtNodeLimit = false
    private var lastReport = ContinuousClock.now
    private var lastReportedIncumbent: Double?

    init(model: Model, options: SolveOptions, isMinimization: Bool, rootBound: Double) {
        self.model = model
        self.options = options
        self.isMinimization = isMinimization
        self.bestBound = rootBound
    }

    func handle(_ tree: OpaquePointer) {
        // a: active nodes, n: nodes in the tree now, t: nodes created so far.
        var active: Int32 = 0, inTree: Int32 = 0, created: Int32 = 0
        glp_ios_tree_size(tree, &active, &inTree, &created)
        nodes = max(nodes, Int(created))
        let bestNode = glp_ios_best_node(tree)
        if bestNode != 0 {
            let bound = glp_ios_node_bound(tree, bestNode)
            if bound.isFinite {
                // The bound only tightens as the search proceeds.
                bestBound = isMinimization ? max(bestBound, bound) : min(bestBound, bound)
            }
        }
        let reason = glp_ios_reason(tree)
        if let limit = options.nodeLimit, nodes >= limit, reason == GLP_ISELECT {
            stoppedAtNodeLimit = true
            glp_ios_terminate(tree)
            return
        }
        if reason == GLP_IHEUR, var point = heuristicStart {
            heuristicStart = nil
            if glp_ios_heur_sol(tree, &point) != 0 { note = "the MIP start was rejected by GLPK" }
        }
        guard let progress = options.progress else { return }
        let now = ContinuousClock.now
        let problem = glp_ios_get_prob(tree)
        let hasIncumbent = glp_mip_status(problem) == GLP_FEAS || glp_mip_status(problem) == GLP_OPT
        let incumbent = hasIncumbent ? glp_mip_obj_val(problem) : nil
        // GLPK raises GLP_IBINGO only for points found by its LP relaxations; an incumbent from a
        // heuristic (its own or the MIP start) shows up at the next call, whatever the reason.
        let improved = incumbent != nil && incumbent != lastReportedIncumbent
        guard reason == GLP_IBINGO || improved || now - lastReport >= .milliseconds(200) else { return }
        lastReport = now
        lastReportedIncumbent = incumbent
        let gap = incumbent.map { abs($0 - bestBound) / max(1e-10, abs($0)) }
        let report = MIPProgress(
            incumbent: incumbent, bound: bestBound, relativeGap: gap,
            elapsedSeconds: GLPKSolver.seconds(now - start), nodesSolved: nodes)
        if progress(report) == .stop { glp_ios_terminate(tree) }
    }
}

private func searchCallback(_ tree: OpaquePointer?, _ info: UnsafeMutableRawPointer?) {
    guard let tree, let info else { return }
    Unmanaged<SearchContext>.fromOpaque(info).takeUnretainedValue().handle(tree)
}
