internal import CGLPK

/// A return code of `glp_simplex`, `glp_interior` or `glp_intopt`, with GLPK's meaning.
public struct GLPKReturnCode: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public let rawValue: Int32
    public init(rawValue: Int32) { self.rawValue = rawValue }

    public static let success = GLPKReturnCode(rawValue: 0)
    public static let invalidBasis = GLPKReturnCode(rawValue: GLP_EBADB)
    public static let singularMatrix = GLPKReturnCode(rawValue: GLP_ESING)
    public static let illConditioned = GLPKReturnCode(rawValue: GLP_ECOND)
    public static let invalidBounds = GLPKReturnCode(rawValue: GLP_EBOUND)
    public static let solverFailed = GLPKReturnCode(rawValue: GLP_EFAIL)
    public static let objectiveLowerLimit = GLPKReturnCode(rawValue: GLP_EOBJLL)
    public static let objectiveUpperLimit = GLPKReturnCode(rawValue: GLP_EOBJUL)
    public static let iterationLimit = GLPKReturnCode(rawValue: GLP_EITLIM)
    public static let timeLimit = GLPKReturnCode(rawValue: GLP_ETMLIM)
    public static let noPrimalFeasible = GLPKReturnCode(rawValue: GLP_ENOPFS)
    public static let noDualFeasible = GLPKReturnCode(rawValue: GLP_ENODFS)
    public static let rootNotOptimal = GLPKReturnCode(rawValue: GLP_EROOT)
    public static let stopped = GLPKReturnCode(rawValue: GLP_ESTOP)
    public static let gapReached = GLPKReturnCode(rawValue: GLP_EMIPGAP)
    public static let noFeasible = GLPKReturnCode(rawValue: GLP_ENOFEAS)
    public static let noConvergence = GLPKReturnCode(rawValue: GLP_ENOCVG)
    public static let instability = GLPKReturnCode(rawValue: GLP_EINSTAB)
    public static let invalidData = GLPKReturnCode(rawValue: GLP_EDATA)
    public static let outOfRange = GLPKReturnCode(rawValue: GLP_ERANGE)

    private static let meanings: [Int32: (String, String)] = [
        0: ("0", "success"),
        GLP_EBADB: ("GLP_EBADB", "invalid basis"),
        GLP_ESING: ("GLP_ESING", "singular basis matrix"),
        GLP_ECOND: ("GLP_ECOND", "ill-conditioned basis matrix"),
        GLP_EBOUND: ("GLP_EBOUND", "invalid bounds"),
        GLP_EFAIL: ("GLP_EFAIL", "solver failed"),
        GLP_EOBJLL: ("GLP_EOBJLL", "objective lower limit reached"),
        GLP_EOBJUL: ("GLP_EOBJUL", "objective upper limit reached"),
        GLP_EITLIM: ("GLP_EITLIM", "iteration limit exceeded"),
        GLP_ETMLIM: ("GLP_ETMLIM", "time limit exceeded"),
        GLP_ENOPFS: ("GLP_ENOPFS", "no primal feasible solution"),
        GLP_ENODFS: ("GLP_ENODFS", "no dual feasible solution"),
        GLP_EROOT: ("GLP_EROOT", "root LP optimum not provided"),
        GLP_ESTOP: ("GLP_ESTOP", "search terminated by the application"),
        GLP_EMIPGAP: ("GLP_EMIPGAP", "relative MIP gap tolerance reached"),
        GLP_ENOFEAS: ("GLP_ENOFEAS", "no primal or dual feasible solution"),
        GLP_ENOCVG: ("GLP_ENOCVG", "no convergence"),
        GLP_EINSTAB: ("GLP_EINSTAB", "numerical instability"),
        GLP_EDATA: ("GLP_EDATA", "invalid data"),
        GLP_ERANGE: ("GLP_ERANGE", "result out of range"),
    ]

    public var symbol: String { Self.meanings[rawValue]?.0 ?? "code \(rawValue)" }
    public var meaning: String { Self.meanings[rawValue]?.1 ?? "unknown GLPK return code" }
    public var description: String { "\(symbol) (\(meaning))" }
}

/// Errors of the GLPK backend. Model defects are ``LinearProgramming/ModelError``s, thrown
/// before GLPK sees the model.
public enum GLPKError: Error, Equatable, Sendable, CustomStringConvertible {
    /// GLPK refused to run for a reason that validation should have caught.
    case routineFailed(routine: String, code: GLPKReturnCode)
    case invalidOption(String)

    public var description: String {
        switch self {
        case .routineFailed(let routine, let code): return "GLPK \(routine) failed: \(code)"
        case .invalidOption(let text): return "invalid solver option: \(text)"
        }
    }
}
