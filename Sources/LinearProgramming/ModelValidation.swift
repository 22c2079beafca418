/// Why a model cannot be handed to a solver. Thrown by ``Model/validate()`` before any solver runs.
public enum ModelError: Error, Equatable, Sendable, CustomStringConvertible {
    /// No variables and no constraints.
    case emptyModel
    /// Constraints but not a single variable.
    case noVariables(constraintCount: Int)
    case nonFiniteObjectiveCoefficient(variable: String, value: Double)
    case nonFiniteObjectiveConstant(Double)
    case nonFiniteCoefficient(constraint: String, variable: String, value: Double)
    /// A finite number beyond ``Model/largestMagnitude``: almost always a unit error or an
    /// attempt to write "infinity" as a large number.
    case magnitudeTooLarge(place: String, value: Double)
    /// A nonzero constraint coefficient below ``Model/smallestMagnitude``: GLPK's scaling
    /// multiplies such numbers into zero and aborts the process.
    case magnitudeTooSmall(place: String, value: Double)
    case invalidVariableBounds(variable: String, lower: Double, upper: Double)
    case invalidConstraintBounds(constraint: String, lower: Double, upper: Double)
    case unknownVariable(constraint: String, index: Int)
    case duplicateTerm(constraint: String, variable: String)
    case duplicateVariableName(String)
    case duplicateConstraintName(String)
    case invalidName(String, reason: String)
    case tooLarge(String)

    public var description: String {
        switch self {
        case .emptyModel:
            return "the model is empty: no variables and no constraints"
        case .noVariables(let count):
            return "the model has \(count) constraint(s) but no variables"
        case .nonFiniteObjectiveCoefficient(let variable, let value):
            return "objective coefficient of \(variable) is \(value), not a finite number"
        case .nonFiniteObjectiveConstant(let value):
            return "objective constant is \(value), not a finite number"
        case .nonFiniteCoefficient(let constraint, let variable, let value):
            return "constraint \(constraint): coefficient of \(variable) is \(value), not a finite number"
        case .magnitudeTooLarge(let place, let value):
            return "\(place) is \(value), beyond the largest accepted magnitude 1e15 (use infinity for 'no bound')"
        case .magnitudeTooSmall(let place, let value):
            return "\(place) is \(value), below the smallest accepted nonzero magnitude 1e-100 (use 0)"
        case .invalidVariableBounds(let variable, let lower, let upper):
            return "variable \(variable) has invalid bounds [\(lower), \(upper)]"
        case .invalidConstraintBounds(let constraint, let lower, let upper):
            return "constraint \(constraint) has invalid bounds [\(lower), \(upper)]"
        case .unknownVariable(let constraint, let index):
            return "constraint \(constraint) refers to unknown variable #\(index)"
        case .duplicateTerm(let constraint, let variable):
            return "constraint \(constraint) names \(variable) more than once"
        case .duplicateVariableName(let name):
            return "two variables are named '\(name)'"
        case .duplicateConstraintName(let name):
            return "two constraints are named '\(name)'"
        case .invalidName(let name, let reason):
            return "invalid name '\(name.prefix(40))\(name.count > 40 ? "..." : "")': \(reason)"
        case .tooLarge(let what):
            return "the model is too large: \(what)"
        }
    }
}

extension Model {
    /// The largest magnitude accepted for a finite bound or coefficient.
    public static let largestMagnitude = 1e15
    /// The smallest magnitude accepted for a nonzero constraint coefficient. GLPK's scaling
    /// (``GLPKSolver``) multiplies coefficients and their scale factors: a coefficient of 1e-300
    /// underflows to a zero scale factor, on which GLPK aborts the process; from 1e-100 up to
    /// ``largestMagnitude`` the products stay far inside the range of a Double.
    public static let smallestMagnitude = 1e-100
    /// The longest name accepted (GLPK's limit, and far beyond any readable name).
    public static let longestName = 255
    /// The most rows, columns or nonzeros a model may have (solvers index them with 32-bit ints).
    public static let largestDimension = Int(Int32.max) - 1

    /// Checks everything a solver needs to be able to load the model safely.
    ///
    /// Linear in the size of the model: one pass over columns, one over rows with a
    /// per-column marker array to detect repeated terms, and one hash pass over names.
    public func validate() throws(ModelError) {
        if variableCount == 0 {
            if constraintCount == 0 { throw .emptyModel }
            throw .noVariables(constraintCount: constraintCount)
        }
        for (count, what) in [(variableCount, "variables"), (constraintCount, "constraints"), (nonzeroCount, "nonzeros")]
        where count > Model.largestDimension {
            throw .tooLarge("\(count) \(what), at most \(Model.largestDimension)")
        }
        if !objectiveConstant.isFinite { throw .nonFiniteObjectiveConstant(objectiveConstant) }
        if abs(objectiveConstant) > Model.largestMagnitude {
            throw .magnitudeTooLarge(place: "objective constant", value: objectiveConstant)
        }
        for j in 0 ..< variableCount {
            let coefficient = objectiveCoefficients[j]
            if !coefficient.isFinite {
                throw .nonFiniteObjectiveCoefficient(variable: label(of: VariableID(index: j)), value: coefficient)
            }
            if abs(coefficient) > Model.largestMagnitude {
                throw .magnitudeTooLarge(place: "objective coefficient of \(label(of: VariableID(index: j)))", value: coefficient)
            }
            try validateBounds(of: VariableID(index: j))
        }
        // lastRowSeen[j] == r + 1 when column j already appeared in row r.
        var lastRowSeen = [Int32](repeating: 0, count: variableCount)
        for r in 0 ..< constraintCount {
            let lower = constraintLower[r], upper = constraintUpper[r]
            let row = ConstraintID(index: r)
            if !Self.boundsAreValid(lower, upper) {
                throw .invalidConstraintBounds(constraint: label(of: row), lower: lower, upper: upper)
            }
            if let bound = Self.tooLarge(lower, upper) {
                throw .magnitudeTooLarge(place: "bound of constraint \(label(of: row))", value: bound)
            }
            let stamp = Int32(truncatingIfNeeded: r + 1)
            for k in rowStarts[r] ..< rowStarts[r + 1] {
                let column = Int(termColumns[k])
                guard column >= 0, column < variableCount else {
                    throw .unknownVariable(constraint: label(of: row), index: column)
                }
                let coefficient = termCoefficients[k]
                if !coefficient.isFinite {
                    throw .nonFiniteCoefficient(
                        constraint: label(of: row), variable: label(of: VariableID(index: column)), value: coefficient)
                }
                if abs(coefficient) > Model.largestMagnitude {
                    throw .magnitudeTooLarge(
                        place: "coefficient of \(label(of: VariableID(index: column))) in \(label(of: row))", value: coefficient)
                }
                if coefficient != 0 && abs(coefficient) < Model.smallestMagnitude {
                    throw .magnitudeTooSmall(
                        place: "coefficient of \(label(of: VariableID(index: column))) in \(label(of: row))", value: coefficient)
                }
                if lastRowSeen[column] == stamp {
                    throw .duplicateTerm(constraint: label(of: row), variable: label(of: VariableID(index: column)))
                }
                lastRowSeen[column] = stamp
            }
        }
        try validateNames()
    }

    /// Checks one variable's bounds as ``validate()`` does: after a change to them, before a
    /// solver that holds the model sees it.
    public func validateBounds(of variable: VariableID) throws(ModelError) {
        let j = variable.index
        guard j >= 0, j < variableCount else { throw .unknownVariable(constraint: "(bounds)", index: j) }
        let lower = variableLower[j], upper = variableUpper[j]
        if !Self.boundsAreValid(lower, upper) {
            throw .invalidVariableBounds(variable: label(of: variable), lower: lower, upper: upper)
        }
        if let bound = Self.tooLarge(lower, upper) {
            throw .magnitudeTooLarge(place: "bound of \(label(of: variable))", value: bound)
        }
    }

    /// The first finite bound beyond ``Model/largestMagnitude``, if any (without building an array).
    private static func tooLarge(_ lower: Double, _ upper: Double) -> Double? {
        if lower.isFinite && abs(lower) > Model.largestMagnitude { return lower }
        if upper.isFinite && abs(upper) > Model.largestMagnitude { return upper }
        return nil
    }

    private static func boundsAreValid(_ lower: Double, _ upper: Double) -> Bool {
        !lower.isNaN && !upper.isNaN && lower <= upper && lower != .infinity && upper != -.infinity
    }

    private func validateNames() throws(ModelError) {
        if hasVariableNames {
            var seen = Set<String>(minimumCapacity: variableCount)
            for j in 0 ..< variableCount {
                let name = name(of: VariableID(index: j))
                if name.isEmpty { continue }
                try Self.checkName(name)
                if !seen.insert(name).inserted { throw .duplicateVariableName(name) }
            }
        }
        if hasConstraintNames {
            var seen = Set<String>(minimumCapacity: constraintCount)
            for r in 0 ..< constraintCount {
                let name = name(of: ConstraintID(index: r))
                if name.isEmpty { continue }
                try Self.checkName(name)
                if !seen.insert(name).inserted { throw .duplicateConstraintName(name) }
            }
        }
        if !objectiveName.isEmpty { try Self.checkName(objectiveName) }
    }

    private static func checkName(_ name: String) throws(ModelError) {
        if name.utf8.count > longestName {
            throw .invalidName(name, reason: "longer than \(longestName) bytes")
        }
        for byte in name.utf8 where byte <= 0x20 || byte == 0x7F {
            throw .invalidName(name, reason: "contains a space or control character")
        }
    }
}
