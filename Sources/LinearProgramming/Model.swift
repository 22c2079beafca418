/// Identifies a variable (a column) of a ``Model`` by its position, starting at 0.
public struct VariableID: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let index: Int
    public init(index: Int) { self.index = index }
    public static func < (lhs: VariableID, rhs: VariableID) -> Bool { lhs.index < rhs.index }
    public var description: String { "x#\(index)" }
}

/// Identifies a constraint (a row) of a ``Model`` by its position, starting at 0.
public struct ConstraintID: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let index: Int
    public init(index: Int) { self.index = index }
    public static func < (lhs: ConstraintID, rhs: ConstraintID) -> Bool { lhs.index < rhs.index }
    public var description: String { "r#\(index)" }
}

public enum VariableKind: UInt8, Sendable, Hashable {
    case continuous
    case integer
    /// An integer variable whose bounds are intersected with [0, 1].
    case binary
}

public enum ObjectiveSense: String, Sendable, Hashable {
    case minimize
    case maximize
}

/// The range `lower ... upper` of a constraint's activity; infinite ends mean no bound.
public struct ConstraintBounds: Hashable, Sendable {
    public var lower: Double
    public var upper: Double

    public init(lower: Double, upper: Double) {
        self.lower = lower
        self.upper = upper
    }

    public static func atLeast(_ value: Double) -> ConstraintBounds { .init(lower: value, upper: .infinity) }
    public static func atMost(_ value: Double) -> ConstraintBounds { .init(lower: -.infinity, upper: value) }
    public static func equalTo(_ value: Double) -> ConstraintBounds { .init(lower: value, upper: value) }
    public static func between(_ lower: Double, _ upper: Double) -> ConstraintBounds { .init(lower: lower, upper: upper) }
    public static let free = ConstraintBounds(lower: -.infinity, upper: .infinity)
}

/// A linear or mixed-integer program: it only describes; a ``Solver`` solves it.
///
/// Storage is a structure of arrays: one entry per column for bounds, kind and objective,
/// and the constraint matrix in compressed sparse rows, so that building a model costs
/// amortised O(1) per variable and per nonzero with no allocation per element.
/// Terms keep the order in which they were added, which keeps every export deterministic.
public struct Model: Sendable {
    public var sense: ObjectiveSense
    public var objectiveConstant: Double = 0
    /// An optional name for the objective row in exported files.
    public var objectiveName: String = "cost"

    public private(set) var variableLower: [Double] = []
    public private(set) var variableUpper: [Double] = []
    public private(set) var variableKinds: [VariableKind] = []
    public private(set) var objectiveCoefficients: [Double] = []
    // Names are stored only once one is given, so that unnamed large models carry no strings.
    private var variableNameStorage: [String] = []

    /// `rowStarts[r] ..< rowStarts[r + 1]` are the positions of row `r`'s terms.
    public private(set) var rowStarts: [Int] = [0]
    /// Column index of each term. Stored as given; ``validate()`` rejects unknown ones.
    public private(set) var termColumns: [Int32] = []
    public private(set) var termCoefficients: [Double] = []
    public private(set) var constraintLower: [Double] = []
    public private(set) var constraintUpper: [Double] = []
    private var constraintNameStorage: [String] = []

    public init(sense: ObjectiveSense = .minimize) {
        self.sense = sense
    }

    public var variableCount: Int { variableLower.count }
    public var constraintCount: Int { constraintLower.count }
    public var nonzeroCount: Int { termColumns.count }
    public var isMixedInteger: Bool { variableKinds.contains { $0 != .continuous } }

    /// Reserves storage ahead of a large build.
    public mutating func reserveCapacity(variables: Int, constraints: Int, nonzeros: Int) {
        variableLower.reserveCapacity(variables)
        variableUpper.reserveCapacity(variables)
        variableKinds.reserveCapacity(variables)
        objectiveCoefficients.reserveCapacity(variables)
        rowStarts.reserveCapacity(constraints + 1)
        constraintLower.reserveCapacity(constraints)
        constraintUpper.reserveCapacity(constraints)
        termColumns.reserveCapacity(nonzeros)
        termCoefficients.reserveCapacity(nonzeros)
    }

    // MARK: Variables

    @discardableResult
    public mutating func addVariable(
        lower: Double = 0,
        upper: Double = .infinity,
        kind: VariableKind = .continuous,
        objective: Double = 0,
        name: String? = nil
    ) -> VariableID {
        let id = VariableID(index: variableLower.count)
        variableLower.append(lower)
        variableUpper.append(upper)
        variableKinds.append(kind)
        objectiveCoefficients.append(objective)
        if let name {
            if variableNameStorage.count < id.index {
                variableNameStorage.append(contentsOf: repeatElement("", count: id.index - variableNameStorage.count))
            }
            variableNameStorage.append(name)
        }
        return id
    }

    public mutating func setObjectiveCoefficient(_ coefficient: Double, for variable: VariableID) {
        objectiveCoefficients[variable.index] = coefficient
    }

    public mutating func setBounds(of variable: VariableID, lower: Double, upper: Double) {
        variableLower[variable.index] = lower
        variableUpper[variable.index] = upper
    }

    public mutating func setKind(of variable: VariableID, _ kind: VariableKind) {
        variableKinds[variable.index] = kind
    }

    /// The variable's name, or `""` when it has none.
    public func name(of variable: VariableID) -> String {
        variable.index < variableNameStorage.count ? variableNameStorage[variable.index] : ""
    }

    public var hasVariableNames: Bool { !variableNameStorage.isEmpty }

    // MARK: Constraints

    /// Appends terms of one constraint straight into the model's storage.
    public struct RowWriter {
        fileprivate var columns: [Int32]
        fileprivate var coefficients: [Double]

        /// Adds `coefficient * variable`. A variable added twice to one row is rejected by validation.
        public mutating func add(_ coefficient: Double, _ variable: VariableID) {
            // Out-of-range ids are stored as -1 so that validation reports them.
            columns.append(Int32(exactly: variable.index) ?? -1)
            coefficients.append(coefficient)
        }
    }

    /// Adds a constraint whose terms are written by `body`, without intermediate arrays.
    @discardableResult
    public mutating func addConstraint(
        _ bounds: ConstraintBounds,
        name: String? = nil,
        terms body: (inout RowWriter) throws -> Void
    ) rethrows -> ConstraintID {
        var writer = RowWriter(columns: termColumns, coefficients: termCoefficients)
        // Release our references so that the writer's arrays are uniquely owned and grow in place.
        termColumns = []
        termCoefficients = []
        defer {
            termColumns = writer.columns
            termCoefficients = writer.coefficients
        }
        do {
            try body(&writer)
        } catch {
            // Roll back a partly written row so that the model stays consistent.
            let start = rowStarts[rowStarts.count - 1]
            writer.columns.removeSubrange(start...)
            writer.coefficients.removeSubrange(start...)
            throw error
        }
        let id = ConstraintID(index: constraintLower.count)
        rowStarts.append(writer.columns.count)
        constraintLower.append(bounds.lower)
        constraintUpper.append(bounds.upper)
        if let name {
            if constraintNameStorage.count < id.index {
                constraintNameStorage.append(contentsOf: repeatElement("", count: id.index - constraintNameStorage.count))
            }
            constraintNameStorage.append(name)
        }
        return id
    }

    @discardableResult
    public mutating func addConstraint(
        _ expression: LinearExpression,
        _ bounds: ConstraintBounds,
        name: String? = nil
    ) -> ConstraintID {
        // A constant in the expression moves to the bounds.
        let shifted = ConstraintBounds(lower: bounds.lower - expression.constant, upper: bounds.upper - expression.constant)
        return addConstraint(shifted, name: name) { row in
            for (variable, coefficient) in zip(expression.variables, expression.coefficients) {
                row.add(coefficient, variable)
            }
        }
    }

    public mutating func setBounds(of constraint: ConstraintID, _ bounds: ConstraintBounds) {
        constraintLower[constraint.index] = bounds.lower
        constraintUpper[constraint.index] = bounds.upper
    }

    public func bounds(of constraint: ConstraintID) -> ConstraintBounds {
        ConstraintBounds(lower: constraintLower[constraint.index], upper: constraintUpper[constraint.index])
    }

    public func name(of constraint: ConstraintID) -> String {
        constraint.index < constraintNameStorage.count ? constraintNameStorage[constraint.index] : ""
    }

    public var hasConstraintNames: Bool { !constraintNameStorage.isEmpty }

    /// The positions in ``termColumns`` / ``termCoefficients`` of a row's terms.
    public func termRange(of constraint: ConstraintID) -> Range<Int> {
        rowStarts[constraint.index] ..< rowStarts[constraint.index + 1]
    }

    public func terms(of constraint: ConstraintID) -> [(VariableID, Double)] {
        termRange(of: constraint).map { (VariableID(index: Int(termColumns[$0])), termCoefficients[$0]) }
    }

    /// `name` or a positional label, for messages.
    public func label(of variable: VariableID) -> String {
        let name = name(of: variable)
        return name.isEmpty ? "x#\(variable.index)" : name
    }

    public func label(of constraint: ConstraintID) -> String {
        let name = name(of: constraint)
        return name.isEmpty ? "r#\(constraint.index)" : name
    }

    /// A variable's bounds as a MIP solver must see them: binaries within [0, 1] and integer
    /// bounds rounded inward (a bound within 1e-9 of an integer counts as that integer). When
    /// the result has lower > upper, no integer value fits.
    public func effectiveBounds(of variable: VariableID, relaxIntegrality: Bool = false) -> (lower: Double, upper: Double) {
        var lower = variableLower[variable.index], upper = variableUpper[variable.index]
        let kind = relaxIntegrality ? .continuous : variableKinds[variable.index]
        if kind == .binary {
            lower = max(lower, 0)
            upper = min(upper, 1)
        }
        if kind != .continuous {
            let nearestLower = lower.rounded(), nearestUpper = upper.rounded()
            lower = abs(lower - nearestLower) <= 1e-9 ? nearestLower : lower.rounded(.up)
            upper = abs(upper - nearestUpper) <= 1e-9 ? nearestUpper : upper.rounded(.down)
        }
        return (lower, upper)
    }

    // MARK: Evaluation (solver-free)

    /// The objective value of a point, computed from the model alone.
    public func objectiveValue(at values: [Double]) -> Double {
        var total = objectiveConstant
        for j in 0 ..< min(values.count, variableCount) { total += objectiveCoefficients[j] * values[j] }
        return total
    }

    /// Each row's activity at a point.
    public func rowActivities(at values: [Double]) -> [Double] {
        var activities = [Double](repeating: 0, count: constraintCount)
        for r in 0 ..< constraintCount {
            var sum = 0.0
            for k in rowStarts[r] ..< rowStarts[r + 1] {
                let column = Int(termColumns[k])
                if column >= 0, column < values.count { sum += termCoefficients[k] * values[column] }
            }
            activities[r] = sum
        }
        return activities
    }
}
