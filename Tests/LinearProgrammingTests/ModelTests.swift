import LinearProgramming
import Testing

private struct BodyFailure: Error, Equatable {}

@Suite("Model building")
struct ModelBuildingTests {
    @Test("Counts, kinds, bounds and the compressed rows")
    func countsAndRows() {
        var model = Model(sense: .maximize)
        #expect(model.variableCount == 0 && model.constraintCount == 0 && model.nonzeroCount == 0)
        #expect(model.rowStarts == [0])
        let x = model.addVariable(objective: 3, name: "x")
        let y = model.addVariable(lower: -2, upper: 5, kind: .integer, objective: -1)
        let z = model.addVariable(lower: -.infinity, kind: .binary, name: "z")
        #expect([x.index, y.index, z.index] == [0, 1, 2])
        #expect(model.variableCount == 3)
        #expect(model.variableLower == [0, -2, -.infinity])
        #expect(model.variableUpper == [.infinity, 5, .infinity])
        #expect(model.variableKinds == [.continuous, .integer, .binary])
        #expect(model.objectiveCoefficients == [3, -1, 0])
        #expect(model.isMixedInteger)

        let r0 = model.addConstraint([(x, 1), (z, 2)], .atMost(4), name: "first")
        let r1 = model.addConstraint(.between(-1, 1)) { _ in }
        let r2 = model.addConstraint(.equalTo(6)) { row in
            row.add(1.5, y)
            row.add(-1, x)
            row.add(7, z)
        }
        #expect([r0.index, r1.index, r2.index] == [0, 1, 2])
        #expect(model.constraintCount == 3)
        #expect(model.nonzeroCount == 5)
        #expect(model.rowStarts == [0, 2, 2, 5])
        #expect(model.termColumns == [0, 2, 1, 0, 2])
        #expect(model.termCoefficients == [1, 2, 1.5, -1, 7])
        #expect(model.termRange(of: r0) == 0 ..< 2)
        #expect(model.termRange(of: r1) == 2 ..< 2)
        #expect(model.termRange(of: r2) == 2 ..< 5)
        #expect(model.terms(of: r2).map(\.0) == [y, x, z])
        #expect(model.terms(of: r2).map(\.1) == [1.5, -1, 7])
        #expect(model.terms(of: r1).isEmpty)
        #expect(model.constraintLower == [-.infinity, -1, 6])
        #expect(model.constraintUpper == [4, 1, 6])
        #expect(model.bounds(of: r1) == .between(-1, 1))
    }

    @Test("A model with only continuous columns is not mixed-integer")
    func continuousOnly() {
        var model = Model()
        let x = model.addVariable()
        #expect(!model.isMixedInteger)
        model.setKind(of: x, .binary)
        #expect(model.isMixedInteger)
        model.setKind(of: x, .continuous)
        #expect(!model.isMixedInteger)
    }

    @Test("Names, missing names and labels")
    func namesAndLabels() {
        var model = Model()
        #expect(!model.hasVariableNames && !model.hasConstraintNames)
        let a = model.addVariable()
        let b = model.addVariable()
        let c = model.addVariable(name: "carrots")
        let d = model.addVariable()
        #expect(model.hasVariableNames)
        #expect(model.name(of: a) == "" && model.name(of: b) == "")
        #expect(model.name(of: c) == "carrots")
        #expect(model.name(of: d) == "")
        #expect(model.label(of: a) == "x#0")
        #expect(model.label(of: c) == "carrots")
        #expect(model.label(of: d) == "x#3")

        let r0 = model.addConstraint([(a, 1)], .atLeast(0))
        #expect(!model.hasConstraintNames)
        let r1 = model.addConstraint([(b, 1)], .atLeast(0), name: "budget")
        let r2 = model.addConstraint([(c, 1)], .atLeast(0))
        #expect(model.hasConstraintNames)
        #expect(model.name(of: r0) == "" && model.name(of: r1) == "budget" && model.name(of: r2) == "")
        #expect(model.label(of: r0) == "r#0")
        #expect(model.label(of: r1) == "budget")
        #expect(model.label(of: r2) == "r#2")
        #expect(model.objectiveName == "cost")
    }

    @Test("Identifiers describe and order themselves by position")
    func identifiers() {
        #expect(VariableID(index: 3).description == "x#3")
        #expect(ConstraintID(index: 2).description == "r#2")
        #expect(VariableID(index: 1) < VariableID(index: 2))
        #expect(ConstraintID(index: 0) < ConstraintID(index: 5))
        #expect([VariableID(index: 2), VariableID(index: 0)].sorted() == [VariableID(index: 0), VariableID(index: 2)])
    }

    @Test("ConstraintBounds shorthands")
    func bounds() {
        #expect(ConstraintBounds.atLeast(2) == ConstraintBounds(lower: 2, upper: .infinity))
        #expect(ConstraintBounds.atMost(2) == ConstraintBounds(lower: -.infinity, upper: 2))
        #expect(ConstraintBounds.equalTo(2) == ConstraintBounds(lower: 2, upper: 2))
        #expect(ConstraintBounds.between(1, 2) == ConstraintBounds(lower: 1, upper: 2))
        #expect(ConstraintBounds.free == ConstraintBounds(lower: -.infinity, upper: .infinity))
    }

    @Test("Setters change one entry each")
    func setters() {
        var model = Model()
        let x = model.addVariable(objective: 1)
        let y = model.addVariable(objective: 2)
        let row = model.addConstraint([(x, 1), (y, 1)], .atMost(3))
        model.setObjectiveCoefficient(5, for: y)
        model.setBounds(of: x, lower: -1, upper: 1)
        model.setKind(of: y, .integer)
        model.setBounds(of: row, .between(-2, 2))
        model.sense = .maximize
        model.objectiveConstant = 4
        #expect(model.objectiveCoefficients == [1, 5])
        #expect(model.variableLower == [-1, 0] && model.variableUpper == [1, .infinity])
        #expect(model.variableKinds == [.continuous, .integer])
        #expect(model.bounds(of: row) == .between(-2, 2))
        #expect(model.objectiveValue(at: [1, 2]) == 4 + 1 + 10)
    }

    @Test("reserveCapacity changes nothing visible")
    func reserve() {
        var model = Model()
        model.reserveCapacity(variables: 1000, constraints: 1000, nonzeros: 10_000)
        #expect(model.variableCount == 0 && model.constraintCount == 0 && model.nonzeroCount == 0)
        #expect(model.rowStarts == [0])
    }

    @Test("A constant in a row's expression moves into its bounds")
    func expressionConstant() {
        var model = Model()
        let x = model.addVariable()
        let y = model.addVariable()
        // 2x + y + 3 <= 10  ->  2x + y <= 7
        let a = model.addConstraint(2 * x + y + 3, .atMost(10))
        // x - y - 1.5 in [0, 4]  ->  x - y in [1.5, 5.5]
        let b = model.addConstraint(1 * x - 1 * y + (-1.5), .between(0, 4))
        // An infinite side stays infinite.
        let c = model.addConstraint(1 * x + 100, .atLeast(-.infinity))
        #expect(model.bounds(of: a) == .atMost(7))
        #expect(model.bounds(of: b) == .between(1.5, 5.5))
        #expect(model.bounds(of: c) == .free)
        #expect(model.terms(of: a).map(\.0) == [x, y])
        #expect(model.terms(of: a).map(\.1) == [2, 1])
        #expect(model.terms(of: b).map(\.1) == [1, -1])
    }

    @Test("Objective values and row activities from the model alone")
    func evaluation() {
        var model = Model()
        model.objectiveConstant = 1
        let x = model.addVariable(objective: 2)
        let y = model.addVariable(objective: -3)
        model.addConstraint([(x, 1), (y, 1)], .atMost(10))
        model.addConstraint([(y, 4)], .atLeast(0))
        model.addConstraint(.free) { _ in }
        #expect(model.objectiveValue(at: [2, 5]) == 1 + 4 - 15)
        #expect(model.rowActivities(at: [2, 5]) == [7, 20, 0])
        // A short point counts the missing values as absent rather than crashing.
        #expect(model.objectiveValue(at: [2]) == 5)
        #expect(model.rowActivities(at: [2]) == [2, 0, 0])
    }

    @Test("Out-of-range variable ids are stored for validation to report")
    func outOfRangeIDs() {
        var model = Model()
        model.addVariable()
        let row = model.addConstraint([(VariableID(index: 99), 1), (VariableID(index: Int(Int32.max) + 5), 2)], .atMost(1))
        #expect(model.termColumns == [99, -1])
        #expect(model.terms(of: row).map(\.0) == [VariableID(index: 99), VariableID(index: -1)])
        // Evaluation ignores such terms.
        #expect(model.rowActivities(at: [1]) == [0])
    }
}

@Suite("addConstraint rollback")
struct RollbackTests {
    @Test("A throwing body leaves the model exactly as before", arguments: [0, 1, 3])
    func rollback(termsBeforeThrow: Int) throws {
        var model = Model()
        let x = model.addVariable(name: "x")
        let y = model.addVariable(name: "y")
        model.addConstraint([(x, 1), (y, 2)], .atMost(4), name: "kept")
        let before = (model.rowStarts, model.termColumns, model.termCoefficients, model.constraintLower, model.constraintUpper)

        #expect(throws: BodyFailure()) {
            try model.addConstraint(.atLeast(1), name: "dropped") { row in
                for k in 0 ..< termsBeforeThrow { row.add(Double(k + 1), k % 2 == 0 ? x : y) }
                throw BodyFailure()
            }
        }
        #expect(model.constraintCount == 1)
        #expect(model.nonzeroCount == 2)
        #expect(model.rowStarts == before.0)
        #expect(model.termColumns == before.1)
        #expect(model.termCoefficients == before.2)
        #expect(model.constraintLower == before.3 && model.constraintUpper == before.4)
        #expect(model.name(of: ConstraintID(index: 0)) == "kept")
        // No name was recorded for the dropped row.
        #expect(throws: Never.self) { try model.validate() }

        // The next row lands right after the kept one.
        let next = model.addConstraint([(y, 5)], .equalTo(2), name: "next")
        #expect(next.index == 1)
        #expect(model.termRange(of: next) == 2 ..< 3)
        #expect(model.terms(of: next).map(\.1) == [5])
        #expect(model.name(of: next) == "next")
        #expect(model.bounds(of: next) == .equalTo(2))
    }

    @Test("Rollback of the very first row")
    func rollbackFirstRow() {
        var model = Model()
        let x = model.addVariable()
        #expect(throws: BodyFailure.self) {
            try model.addConstraint(.atMost(1)) { row in
                row.add(1, x)
                row.add(2, x)
                throw BodyFailure()
            }
        }
        #expect(model.constraintCount == 0 && model.nonzeroCount == 0 && model.rowStarts == [0])
        #expect(!model.hasConstraintNames)
    }

    @Test("A non-throwing body keeps every term it wrote")
    func bodyWritesTerms() {
        var model = Model()
        let columns = (0 ..< 5).map { _ in model.addVariable() }
        let row = model.addConstraint(.atMost(1)) { writer in
            for (k, column) in columns.enumerated().reversed() { writer.add(Double(k), column) }
        }
        #expect(model.terms(of: row).map(\.0.index) == [4, 3, 2, 1, 0])
        #expect(model.terms(of: row).map(\.1) == [4, 3, 2, 1, 0])
    }
}

@Suite("LinearExpression")
struct LinearExpressionTests {
    let x = VariableID(index: 0), y = VariableID(index: 1), z = VariableID(index: 2)

    @Test("combined() merges repeats in first-appearance order, drops zeros, keeps the constant")
    func combined() {
        var expression = LinearExpression(constant: 4)
        expression.add(2, y)
        expression.add(1, x)
        expression.add(3, y)
        expression.add(-1, x)
        expression.add(0, z)
        expression.add(7, z)
        let merged = expression.combined()
        #expect(merged.variables == [y, z])
        #expect(merged.coefficients == [5, 7])
        #expect(merged.constant == 4)
        #expect(merged.termCount == 2)
        // The original is untouched and evaluates to the same value.
        #expect(expression.termCount == 6)
        let point = [1.5, -2.0, 0.25]
        #expect(expression.value(at: point) == merged.value(at: point))
    }

    @Test("combined() of an empty or all-cancelling expression")
    func combinedEmpty() {
        #expect(LinearExpression().combined() == LinearExpression())
        let cancelling: LinearExpression = [(VariableID(index: 0), 2), (VariableID(index: 0), -2)]
        #expect(cancelling.combined().termCount == 0)
        #expect((cancelling + 3).combined() == LinearExpression(constant: 3))
    }

    @Test("Operators keep insertion order and accumulate constants")
    func operators() {
        let e = 2 * x + y + 1.5
        #expect(e.variables == [x, y])
        #expect(e.coefficients == [2, 1])
        #expect(e.constant == 1.5)
        let f = e - (3 * z + 0.5)
        #expect(f.variables == [x, y, z])
        #expect(f.coefficients == [2, 1, -3])
        #expect(f.constant == 1)
        let g = f + (1 * x)
        #expect(g.variables == [x, y, z, x])
        #expect(g.combined().coefficients == [3, 1, -3])
        #expect(g.value(at: [1, 2, 3]) == 3 + 2 - 9 + 1)
    }

    @Test("Array literal, sequence initialiser and scaled add")
    func initialisers() {
        let literal: LinearExpression = [(x, 1), (y, 2)]
        let sequence = LinearExpression(terms: [(x, 1.0), (y, 2.0)])
        #expect(literal == sequence)
        var scaled = LinearExpression(constant: 1)
        scaled.add(literal + 2, times: -3)
        #expect(scaled.coefficients == [-3, -6])
        #expect(scaled.constant == 1 - 6)
    }
}

@Suite("Feasibility reports")
struct FeasibilityReportTests {
    /// x in [0, 4] continuous, n integer in [-2, 2], b binary (declared [-5, 5]),
    /// r0: x + n <= 3, r1: x - b >= 1, r2: 2 <= x + b <= 3.
    static func model() -> Model {
        var model = Model()
        let x = model.addVariable(upper: 4)
        let n = model.addVariable(lower: -2, upper: 2, kind: .integer)
        let b = model.addVariable(lower: -5, upper: 5, kind: .binary)
        model.addConstraint([(x, 1), (n, 1)], .atMost(3))
        model.addConstraint([(x, 1), (b, -1)], .atLeast(1))
        model.addConstraint([(x, 1), (b, 1)], .between(2, 3))
        return model
    }

    @Test("A feasible point has no violation at all")
    func feasible() {
        let report = Self.model().feasibilityReport(of: [2, 1, 1])
        #expect(report.largestBoundViolation == 0)
        #expect(report.largestConstraintViolation == 0)
        #expect(report.largestIntegralityViolation == 0)
        #expect(report.worstConstraint == nil)
        #expect(report.isFeasible())
        #expect(report.isFeasible(tolerance: 0))
    }

    @Test("The worst constraint and the size of each kind of violation")
    func violations() {
        // r0: 3.5 + 1 = 4.5 (over by 1.5); r1: 3.5 - 0 = 3.5 fine; r2: 3.5 (over by 0.5).
        let report = Self.model().feasibilityReport(of: [3.5, 1, 0])
        #expect(report.largestConstraintViolation == 1.5)
        #expect(report.worstConstraint == ConstraintID(index: 0))
        #expect(report.largestBoundViolation == 0)
        #expect(!report.isFeasible())

        // x above its bound by 1, n fractional by 0.5, b outside [0, 1] (binary clamp) by 1.
        let other = Self.model().feasibilityReport(of: [5, 0.5, 2])
        #expect(other.largestBoundViolation == 1)
        #expect(other.largestIntegralityViolation == 0.5)
        // r1: 5 - 2 = 3 fine; r2: 7 is 4 over; r0: 5.5 is 2.5 over.
        #expect(other.largestConstraintViolation == 4)
        #expect(other.worstConstraint == ConstraintID(index: 2))
    }

    @Test("Relaxing integrality drops integrality and the binary clamp")
    func relaxed() {
        let point = [2.0, 0.5, 1.5]
        // x - b = 0.5 < 1: r1 violated by 0.5 either way; x + b = 3.5: r2 violated by 0.5.
        let strict = Self.model().feasibilityReport(of: point)
        #expect(strict.largestBoundViolation == 0.5)
        #expect(strict.largestIntegralityViolation == 0.5)
        let relaxed = Self.model().feasibilityReport(of: point, relaxIntegrality: true)
        #expect(relaxed.largestBoundViolation == 0)
        #expect(relaxed.largestIntegralityViolation == 0)
        #expect(relaxed.largestConstraintViolation == 0.5)
        #expect(relaxed.worstConstraint == ConstraintID(index: 1))
    }

    @Test("Tolerance decides feasibility of tiny violations")
    func tolerance() {
        let report = Self.model().feasibilityReport(of: [2 + 1e-7, 1, 1])
        // r0 (x + n) and r2 (x + b) both come to 3 + 1e-7, just over 3.
        #expect(report.largestConstraintViolation > 0)
        #expect(report.isFeasible())
        #expect(!report.isFeasible(tolerance: 1e-8))
    }
}

@Suite("Solutions and statuses")
struct SolutionTests {
    @Test(
        "Statuses say whether there is a point and describe themselves",
        arguments: [
            (SolutionStatus.optimal, true, "optimal"),
            (.gapLimitReached, true, "within gap tolerance"),
            (.timeLimit(hasSolution: true), true, "time limit (feasible)"),
            (.timeLimit(hasSolution: false), false, "time limit (no solution)"),
            (.iterationLimit(hasSolution: true), true, "iteration limit (feasible)"),
            (.iterationLimit(hasSolution: false), false, "iteration limit (no solution)"),
            (.interrupted(hasSolution: true), true, "interrupted (feasible)"),
            (.interrupted(hasSolution: false), false, "interrupted (no solution)"),
            (.infeasible, false, "infeasible"),
            (.unbounded, false, "unbounded"),
            (.infeasibleOrUnbounded, false, "infeasible or unbounded"),
            (.numericalFailure, false, "numerical failure"),
        ])
    func statuses(status: SolutionStatus, hasSolution: Bool, description: String) {
        #expect(status.hasSolution == hasSolution)
        #expect(status.description == description)
    }

    @Test("Relative gap of a solution")
    func relativeGap() {
        #expect(Solution(status: .optimal, objectiveValue: 10).relativeGap == nil)
        #expect(Solution(status: .optimal, bestBound: 10).relativeGap == nil)
        #expect(Solution(status: .gapLimitReached, objectiveValue: 100, bestBound: 110).relativeGap == 0.1)
        #expect(Solution(status: .gapLimitReached, objectiveValue: -100, bestBound: -90).relativeGap == 0.1)
        // A zero objective divides by 1e-10, not by zero.
        let tiny = Solution(status: .gapLimitReached, objectiveValue: 0, bestBound: 1e-12).relativeGap
        #expect(tiny.map { abs($0 - 0.01) < 1e-15 } == true)
    }

    @Test("Accessors by identifier")
    func accessors() {
        let solution = Solution(
            status: .optimal, objectiveValue: 1, values: [1, 2], rowActivities: [3], rowDuals: [0.5], reducedCosts: [0, -1])
        #expect(solution.value(VariableID(index: 1)) == 2)
        #expect(solution.dual(ConstraintID(index: 0)) == 0.5)
        #expect(solution.reducedCost(VariableID(index: 1)) == -1)
        let noDuals = Solution(status: .optimal, objectiveValue: 1, values: [1])
        #expect(noDuals.dual(ConstraintID(index: 0)) == nil)
        #expect(noDuals.reducedCost(VariableID(index: 0)) == nil)
        #expect(noDuals.message == "")
        #expect(noDuals.statistics == SolveStatistics())
    }

    @Test("Default solve options")
    func defaults() {
        let options = SolveOptions()
        #expect(options.method == .dualSimplex)
        #expect(!options.presolve)
        #expect(options.scaling == .automatic)
        #expect(options.timeLimit == nil && options.relativeGap == nil && options.mipStart == nil)
        #expect(!options.relaxIntegrality && !options.cuts && !options.feasibilityPump)
        #expect(options.log == nil && options.progress == nil)
    }
}

@Suite("Large models")
struct LargeModelTests {
    /// 1,000 rows of 2,000 distinct columns each among 20,000: two million nonzeros.
    static func twoMillionNonzeros() -> Model {
        var model = Model()
        let columns = 20_000, rows = 1_000, perRow = 2_000
        model.reserveCapacity(variables: columns, constraints: rows, nonzeros: rows * perRow)
        for j in 0 ..< columns { model.addVariable(upper: 1, objective: Double(j % 7)) }
        for r in 0 ..< rows {
            model.addConstraint(.atMost(Double(r + 1))) { row in
                // (r * 7 + 10k) mod 20,000 is distinct for k < 2,000.
                for k in 0 ..< perRow { row.add(1 + Double(k % 3), VariableID(index: (r * 7 + 10 * k) % columns)) }
            }
        }
        return model
    }

    @Test("A 2,000,000-nonzero model builds and validates")
    func buildsAndValidates() throws {
        var model = Self.twoMillionNonzeros()
        #expect(model.nonzeroCount == 2_000_000)
        #expect(model.variableCount == 20_000)
        #expect(model.constraintCount == 1_000)
        #expect(model.termRange(of: ConstraintID(index: 999)) == 1_998_000 ..< 2_000_000)
        try model.validate()

        // One repeated column in the very last row is still found.
        model.addConstraint(.atMost(1)) { row in
            row.add(1, VariableID(index: 5))
            row.add(1, VariableID(index: 19_999))
            row.add(1, VariableID(index: 5))
        }
        #expect(throws: ModelError.duplicateTerm(constraint: "r#1000", variable: "x#5")) { try model.validate() }
    }
}
