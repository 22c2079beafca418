/// Something that solves a ``Model``. Infeasible and unbounded models are results
/// (``SolutionStatus``), not errors; a solver throws only when it cannot run at all.
public protocol Solver: Sendable {
    var name: String { get }
    func solve(_ model: Model, options: SolveOptions) throws -> Solution
    /// A session for LPs over `model` that differ in variable bounds (``LPSession``).
    func lpSession(for model: Model) throws -> any LPSession
}

extension Solver {
    public func solve(_ model: Model) throws -> Solution {
        try solve(model, options: SolveOptions())
    }

    /// A solver without warm starts solves each LP of a session from the start.
    public func lpSession(for model: Model) throws -> any LPSession { ColdLPSession(solver: self, model: model) }
}

public struct SolveOptions: Sendable {
    public enum LPMethod: String, Sendable, CaseIterable {
        case primalSimplex = "primal"
        case dualSimplex = "dual"
        case interiorPoint = "interior"
    }

    public enum Scaling: String, Sendable, CaseIterable {
        /// The solver's own choice.
        case automatic
        case none
        case geometricMean = "geometric"
        case equilibration
    }

    public var method: LPMethod = .dualSimplex
    public var presolve = false
    public var scaling: Scaling = .automatic
    /// Wall-clock limit in seconds for the whole solve.
    public var timeLimit: Double?
    /// Relative MIP gap at which branch and bound may stop: |best - bound| / (|best| + eps).
    public var relativeGap: Double?
    /// Solve the LP relaxation of a mixed-integer model.
    public var relaxIntegrality = false
    /// Stop the MIP search after this many branch-and-bound nodes: a limit on work that, unlike
    /// a time limit, gives the same result on every run and every machine.
    public var nodeLimit: Int?
    /// A point handed to the MIP search as a first incumbent (when feasible).
    public var mipStart: [Double]?
    /// Extra MIP techniques; a solver ignores what it lacks.
    public var cuts = false
    public var feasibilityPump = false
    /// Receives the solver's own log lines. When nil the log is discarded, never printed.
    public var log: (@Sendable (String) -> Void)?
    /// Called as the MIP search improves; return `.stop` to end it with the best point so far.
    public var progress: (@Sendable (MIPProgress) -> ProgressAction)?

    public init() {}
}

public struct MIPProgress: Sendable {
    /// Best integer-feasible objective so far, if any.
    public var incumbent: Double?
    /// Best proven bound on the optimum.
    public var bound: Double?
    public var relativeGap: Double?
    public var elapsedSeconds: Double
    public var nodesSolved: Int

    public init(incumbent: Double?, bound: Double?, relativeGap: Double?, elapsedSeconds: Double, nodesSolved: Int) {
        self.incumbent = incumbent
        self.bound = bound
        self.relativeGap = relativeGap
        self.elapsedSeconds = elapsedSeconds
        self.nodesSolved = nodesSolved
    }
}

public enum ProgressAction: Sendable {
    case proceed
    case stop
}

public enum SolutionStatus: Hashable, Sendable, CustomStringConvertible {
    case optimal
    /// A MIP search that stopped once the relative gap fell under the requested tolerance.
    case gapLimitReached
    case timeLimit(hasSolution: Bool)
    case iterationLimit(hasSolution: Bool)
    /// The MIP search stopped at ``SolveOptions/nodeLimit``.
    case nodeLimit(hasSolution: Bool)
    case interrupted(hasSolution: Bool)
    case infeasible
    case unbounded
    case infeasibleOrUnbounded
    /// The solver gave up (singular basis, numerical trouble, ...); its words are in the message.
    case numericalFailure

    public var hasSolution: Bool {
        switch self {
        case .optimal, .gapLimitReached: return true
        case .timeLimit(let has), .iterationLimit(let has), .nodeLimit(let has), .interrupted(let has): return has
        case .infeasible, .unbounded, .infeasibleOrUnbounded, .numericalFailure: return false
        }
    }

    public var description: String {
        switch self {
        case .optimal: return "optimal"
        case .gapLimitReached: return "within gap tolerance"
        case .timeLimit(let has): return has ? "time limit (feasible)" : "time limit (no solution)"
        case .iterationLimit(let has): return has ? "iteration limit (feasible)" : "iteration limit (no solution)"
        case .nodeLimit(let has): return has ? "node limit (feasible)" : "node limit (no solution)"
        case .interrupted(let has): return has ? "interrupted (feasible)" : "interrupted (no solution)"
        case .infeasible: return "infeasible"
        case .unbounded: return "unbounded"
        case .infeasibleOrUnbounded: return "infeasible or unbounded"
        case .numericalFailure: return "numerical failure"
        }
    }
}

public struct SolveStatistics: Sendable, Hashable {
    public var simplexIterations: Int = 0
    public var branchAndBoundNodes: Int = 0
    public var seconds: Double = 0
    public init() {}
}

public struct Solution: Sendable {
    public var status: SolutionStatus
    /// The objective at ``values``; nil when there is no point.
    public var objectiveValue: Double?
    /// Primal values, one per variable; empty when there is no point.
    public var values: [Double]
    /// Activity of each constraint at ``values``; empty when there is no point.
    public var rowActivities: [Double]
    /// For LPs solved to optimality: the dual value of each constraint and the reduced
    /// cost of each variable (d objective / d right-hand side, in the model's sense).
    public var rowDuals: [Double]?
    public var reducedCosts: [Double]?
    /// For MIPs: the best proven bound on the optimum (the LP bound when nothing better is known).
    public var bestBound: Double?
    public var statistics: SolveStatistics
    /// The solver's own sentence about the outcome.
    public var message: String

    public init(
        status: SolutionStatus, objectiveValue: Double? = nil, values: [Double] = [], rowActivities: [Double] = [],
        rowDuals: [Double]? = nil, reducedCosts: [Double]? = nil, bestBound: Double? = nil,
        statistics: SolveStatistics = SolveStatistics(), message: String = ""
    ) {
        self.status = status
        self.objectiveValue = objectiveValue
        self.values = values
        self.rowActivities = rowActivities
        self.rowDuals = rowDuals
        self.reducedCosts = reducedCosts
        self.bestBound = bestBound
        self.statistics = statistics
        self.message = message
    }

    public func value(_ variable: VariableID) -> Double { values[variable.index] }
    public func dual(_ constraint: ConstraintID) -> Double? { rowDuals?[constraint.index] }
    public func reducedCost(_ variable: VariableID) -> Double? { reducedCosts?[variable.index] }

    /// Relative gap between the objective and the best bound: |obj - bound| / max(1e-10, |obj|).
    public var relativeGap: Double? {
        guard let objective = objectiveValue, let bound = bestBound else { return nil }
        return abs(objective - bound) / max(1e-10, abs(objective))
    }
}

/// How far a point is from satisfying a model, computed without any solver.
public struct FeasibilityReport: Sendable {
    public var largestBoundViolation: Double
    public var largestConstraintViolation: Double
    public var largestIntegralityViolation: Double
    /// The constraint with the largest violation, if any is violated.
    public var worstConstraint: ConstraintID?

    public func isFeasible(tolerance: Double = 1e-6) -> Bool {
        largestBoundViolation <= tolerance && largestConstraintViolation <= tolerance
            && largestIntegralityViolation <= tolerance
    }
}

extension Model {
    /// Measures bound, constraint and integrality violations of `values` (MOI's distance to set).
    public func feasibilityReport(of values: [Double], relaxIntegrality: Bool = false) -> FeasibilityReport {
        precondition(values.count == variableCount, "one value per variable")
        var report = FeasibilityReport(
            largestBoundViolation: 0, largestConstraintViolation: 0, largestIntegralityViolation: 0, worstConstraint: nil)
        for j in 0 ..< variableCount {
            let value = values[j]
            var lower = variableLower[j], upper = variableUpper[j]
            if variableKinds[j] == .binary && !relaxIntegrality {
                lower = max(lower, 0)
                upper = min(upper, 1)
            }
            report.largestBoundViolation = max(report.largestBoundViolation, lower - value, value - upper)
            if variableKinds[j] != .continuous && !relaxIntegrality {
                report.largestIntegralityViolation = max(report.largestIntegralityViolation, abs(value - value.rounded()))
            }
        }
        let activities = rowActivities(at: values)
        for r in 0 ..< constraintCount {
            let violation = max(constraintLower[r] - activities[r], activities[r] - constraintUpper[r])
            if violation > report.largestConstraintViolation {
                report.largestConstraintViolation = violation
                report.worstConstraint = ConstraintID(index: r)
            }
        }
        return report
    }
}
