/// A sparse linear expression `sum(coefficient * variable) + constant`.
///
/// Terms are kept in insertion order in parallel arrays (never a dictionary), so that the
/// same building steps always give the same model and the same exported bytes.
public struct LinearExpression: Sendable, Hashable, ExpressibleByArrayLiteral {
    public private(set) var variables: [VariableID] = []
    public private(set) var coefficients: [Double] = []
    public var constant: Double = 0

    public init() {}

    public init(constant: Double) { self.constant = constant }

    public init(arrayLiteral elements: (VariableID, Double)...) {
        for (variable, coefficient) in elements { add(coefficient, variable) }
    }

    public init<S: Sequence>(terms: S) where S.Element == (VariableID, Double) {
        for (variable, coefficient) in terms { add(coefficient, variable) }
    }

    public var termCount: Int { variables.count }

    public mutating func add(_ coefficient: Double, _ variable: VariableID) {
        variables.append(variable)
        coefficients.append(coefficient)
    }

    public mutating func add(_ other: LinearExpression, times factor: Double = 1) {
        for (variable, coefficient) in zip(other.variables, other.coefficients) {
            add(coefficient * factor, variable)
        }
        constant += other.constant * factor
    }

    /// Merges repeated variables (summing their coefficients) and drops zero terms, keeping
    /// the first-appearance order. Needed before a row is handed to a solver that rejects
    /// repeated columns.
    public func combined() -> LinearExpression {
        var firstPosition: [VariableID: Int] = [:]
        var result = LinearExpression(constant: constant)
        for (variable, coefficient) in zip(variables, coefficients) {
            if let position = firstPosition[variable] {
                result.coefficients[position] += coefficient
            } else {
                firstPosition[variable] = result.variables.count
                result.add(coefficient, variable)
            }
        }
        var compact = LinearExpression(constant: constant)
        for (variable, coefficient) in zip(result.variables, result.coefficients) where coefficient != 0 {
            compact.add(coefficient, variable)
        }
        return compact
    }

    public func value(at values: [Double]) -> Double {
        var total = constant
        for (variable, coefficient) in zip(variables, coefficients) { total += coefficient * values[variable.index] }
        return total
    }
}

public func * (coefficient: Double, variable: VariableID) -> LinearExpression {
    [(variable, coefficient)]
}

public func + (lhs: LinearExpression, rhs: LinearExpression) -> LinearExpression {
    var result = lhs
    result.add(rhs)
    return result
}

public func + (lhs: LinearExpression, rhs: VariableID) -> LinearExpression {
    var result = lhs
    result.add(1, rhs)
    return result
}

public func - (lhs: LinearExpression, rhs: LinearExpression) -> LinearExpression {
    var result = lhs
    result.add(rhs, times: -1)
    return result
}

public func + (lhs: LinearExpression, rhs: Double) -> LinearExpression {
    var result = lhs
    result.constant += rhs
    return result
}
