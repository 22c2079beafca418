import GLPK
import LinearProgramming
import Testing

/// Every simplex configuration the LP tests run through.
let simplexConfigurations: [(method: SolveOptions.LPMethod, presolve: Bool)] = [
    (.primalSimplex, false), (.primalSimplex, true), (.dualSimplex, false), (.dualSimplex, true),
]

func options(_ method: SolveOptions.LPMethod, presolve: Bool = false) -> SolveOptions {
    var options = SolveOptions()
    options.method = method
    options.presolve = presolve
    return options
}

@Suite("Known LP optima")
struct KnownLPOptimaTests {
    /// Sign convention (GLPK's, passed through unchanged): the dual of a row is d objective / d bound
    /// of the active bound, in the model's own sense. In this maximisation, loosening r2 (2y <= 12)
    /// by one unit raises the objective by 1.5, so its dual is +1.5; r3's is +1; r1 is slack, 0.
    /// A reduced cost is c_j - sum_i a_ij * dual_i: z's is 1 - 2 * 1 = -1, negative because
    /// raising z from its lower bound would lower a maximised objective.
    @Test("Textbook LP: optimum, row duals and reduced costs", arguments: simplexConfigurations)
    func textbook(configuration: (method: SolveOptions.LPMethod, presolve: Bool)) throws {
        let (model, x, y, z, rows) = Fixtures.textbook()
        let solution = try GLPKSolver().solve(model, options: options(configuration.method, presolve: configuration.presolve))
        #expect(solution.status == .optimal)
        #expect(solution.message == "glp_simplex: done; optimal")
        #expect(isClose(solution.objectiveValue, 36))
        #expect(isClose(solution.value(x), 2))
        #expect(isClose(solution.value(y), 6))
        #expect(isClose(solution.value(z), 0))
        #expect(isClose(solution.rowActivities, [2, 12, 18]))
        #expect(isClose(solution.rowDuals, [0, 1.5, 1]))
        #expect(isClose(solution.dual(rows[1]), 1.5))
        #expect(isClose(solution.reducedCosts, [0, 0, -1]))
        #expect(isClose(solution.reducedCost(z), -1))
        #expect(solution.bestBound == nil)
        #expect(solution.statistics.simplexIterations > 0)
    }

    @Test("Interior point method finds the textbook optimum and duals")
    func interiorPoint() throws {
        let (model, x, y, z, _) = Fixtures.textbook()
        let solution = try GLPKSolver().solve(model, options: options(.interiorPoint))
        #expect(solution.status == .optimal)
        #expect(solution.message == "glp_interior: done; optimal")
        #expect(isClose(solution.objectiveValue, 36))
        #expect(isClose(solution.value(x), 2))
        #expect(isClose(solution.value(y), 6))
        #expect(isClose(solution.value(z), 0))
        #expect(isClose(solution.rowActivities, [2, 12, 18]))
        #expect(isClose(solution.rowDuals, [0, 1.5, 1]))
        #expect(isClose(solution.reducedCosts, [0, 0, -1]))
    }

    /// The classic two-food diet: min 0.6 a + 1.0 b with
    ///   iron:    10a + 4b >= 20
    ///   protein:  5a + 5b >= 20
    ///   calcium:  2a + 6b >= 12
    /// Vertices of the feasible region: (6, 0) costs 3.6, (3, 1) costs 2.8, (2/3, 10/3) costs 3.73,
    /// (0, 5) costs 5, so the optimum is a = 3, b = 1, cost 2.8, with protein and calcium active.
    /// Duals solve 5p + 2c = 0.6, 5p + 6c = 1.0: c = 0.1, p = 0.08 (positive: in a minimisation,
    /// raising a >= requirement raises the cost).
    @Test("Diet LP computed by hand", arguments: simplexConfigurations)
    func diet(configuration: (method: SolveOptions.LPMethod, presolve: Bool)) throws {
        var model = Model(sense: .minimize)
        let a = model.addVariable(objective: 0.6, name: "a")
        let b = model.addVariable(objective: 1.0, name: "b")
        model.addConstraint([(a, 10), (b, 4)], .atLeast(20), name: "iron")
        model.addConstraint([(a, 5), (b, 5)], .atLeast(20), name: "protein")
        model.addConstraint([(a, 2), (b, 6)], .atLeast(12), name: "calcium")
        let solution = try GLPKSolver().solve(model, options: options(configuration.method, presolve: configuration.presolve))
        #expect(solution.status == .optimal)
        #expect(isClose(solution.objectiveValue, 2.8))
        #expect(isClose(solution.values, [3, 1]))
        #expect(isClose(solution.rowActivities, [34, 20, 12]))
        #expect(isClose(solution.rowDuals, [0, 0.08, 0.1]))
        #expect(isClose(solution.reducedCosts, [0, 0]))
    }

    struct DegenerateCase: Sendable, CustomTestStringConvertible {
        var name: String
        var sense: ObjectiveSense
        var objective: [Double]
        var rows: [[Double]]
        var upper: [Double]
        var optimum: Double
        var point: [Double]
        var testDescription: String { name }
    }

    static let degenerateCases: [DegenerateCase] = [
        // Three lines through (1, 1) in the plane: x <= 1, y <= 1, x + y <= 2.
        DegenerateCase(
            name: "three constraints through one vertex", sense: .maximize, objective: [1, 2],
            rows: [[1, 0], [0, 1], [1, 1]], upper: [1, 1, 2], optimum: 3, point: [1, 1]),
        // Beale (1955), which cycles under Dantzig's rule: the origin is degenerate.
        // min -3/4 x4 + 150 x5 - 1/50 x6 + 6 x7; optimum -1/20 at x4 = 1/25, x6 = 1.
        DegenerateCase(
            name: "Beale's cycling example", sense: .minimize, objective: [-0.75, 150, -0.02, 6],
            rows: [[0.25, -60, -0.04, 9], [0.5, -90, -0.02, 3], [0, 0, 1, 0]], upper: [0, 0, 1],
            optimum: -0.05, point: [0.04, 0, 1, 0]),
        // Chvatal's cycling example (Linear Programming, ch. 3): optimum 1 at x1 = 1, x3 = 1.
        DegenerateCase(
            name: "Chvatal's cycling example", sense: .maximize, objective: [10, -57, -9, -24],
            rows: [[0.5, -5.5, -2.5, 9], [0.5, -1.5, -0.5, 1], [1, 0, 0, 0]], upper: [0, 0, 1],
            optimum: 1, point: [1, 0, 1, 0]),
    ]

    @Test("Degenerate LPs reach their known optimum", arguments: degenerateCases, SolveOptions.LPMethod.allCases)
    func degenerate(_ example: DegenerateCase, method: SolveOptions.LPMethod) throws {
        var model = Model(sense: example.sense)
        let columns = example.objective.map { model.addVariable(objective: $0) }
        for (row, upper) in zip(example.rows, example.upper) {
            model.addConstraint(.atMost(upper)) { writer in
                for (column, coefficient) in zip(columns, row) where coefficient != 0 { writer.add(coefficient, column) }
            }
        }
        let solution = try GLPKSolver().solve(model, options: options(method))
        #expect(solution.status == .optimal)
        #expect(isClose(solution.objectiveValue, example.optimum))
        #expect(isClose(solution.values, example.point), "\(solution.values)")
    }

    /// min f + 2n + 4c + m + 7 with f free, n in [-5, 10], c fixed at 3, m in [-5, 10] and
    ///   range: 2 <= f + n <= 6
    ///   link:  f - n + c = -4      (so f = n - 7)
    ///   floor: m + n >= -1
    /// Substituting gives 3n + m + 12 with n in [4.5, 6.5], so n = 4.5, f = -2.5, m = -5 (its
    /// negative lower bound), objective 20.5. Duals: 1 = d_range + d_link and 2 = d_range - d_link,
    /// so d_range = 1.5 and d_link = -0.5; reduced costs c: 4 - (-0.5) = 4.5, m: 1.
    @Test("Ranged and equality rows, free, negative, fixed variables, objective constant (min)", arguments: simplexConfigurations)
    func mixedFeaturesMinimize(configuration: (method: SolveOptions.LPMethod, presolve: Bool)) throws {
        var model = Model(sense: .minimize)
        model.objectiveConstant = 7
        let f = model.addVariable(lower: -.infinity, upper: .infinity, objective: 1, name: "f")
        let n = model.addVariable(lower: -5, upper: 10, objective: 2, name: "n")
        let c = model.addVariable(lower: 3, upper: 3, objective: 4, name: "c")
        let m = model.addVariable(lower: -5, upper: 10, objective: 1, name: "m")
        model.addConstraint([(f, 1), (n, 1)], .between(2, 6), name: "range")
        model.addConstraint([(f, 1), (n, -1), (c, 1)], .equalTo(-4), name: "link")
        model.addConstraint([(m, 1), (n, 1)], .atLeast(-1), name: "floor")
        let solution = try GLPKSolver().solve(model, options: options(configuration.method, presolve: configuration.presolve))
        #expect(solution.status == .optimal)
        #expect(isClose(solution.objectiveValue, 20.5))
        #expect(isClose(solution.values, [-2.5, 4.5, 3, -5]))
        #expect(isClose(solution.rowActivities, [2, -4, -0.5]))
        #expect(isClose(solution.rowDuals, [1.5, -0.5, 0]))
        #expect(isClose(solution.reducedCosts, [0, 0, 4.5, 1]))
        #expect(isClose(model.objectiveValue(at: solution.values), 20.5))
    }

    /// max x + 2w + v - 3 with w fixed at 2, v <= -2 (no lower bound), x >= 0 and
    ///   cap: 1 <= x + w <= 5
    /// gives x = 3, v = -2, objective 3 + 4 - 2 - 3 = 2, with cap at its upper end (dual 1),
    /// reduced costs w: 2 - 1 = 1 and v: 1.
    @Test("Ranged row at its upper end, upper-bounded free-below variable, constant (max)", arguments: simplexConfigurations)
    func mixedFeaturesMaximize(configuration: (method: SolveOptions.LPMethod, presolve: Bool)) throws {
        var model = Model(sense: .maximize)
        model.objectiveConstant = -3
        let x = model.addVariable(objective: 1, name: "x")
        let w = model.addVariable(lower: 2, upper: 2, objective: 2, name: "w")
        model.addVariable(lower: -.infinity, upper: -2, objective: 1, name: "v")
        model.addConstraint([(x, 1), (w, 1)], .between(1, 5), name: "cap")
        let solution = try GLPKSolver().solve(model, options: options(configuration.method, presolve: configuration.presolve))
        #expect(solution.status == .optimal)
        #expect(isClose(solution.objectiveValue, 2))
        #expect(isClose(solution.values, [3, 2, -2]))
        #expect(isClose(solution.rowActivities, [5]))
        #expect(isClose(solution.rowDuals, [1]))
        #expect(isClose(solution.reducedCosts, [0, 1, 1]))
    }

    @Test("Unbounded LP is reported as unbounded, with or without presolve", arguments: simplexConfigurations)
    func unbounded(configuration: (method: SolveOptions.LPMethod, presolve: Bool)) throws {
        // max x + y with x - y <= 1: the ray (1, 1) improves forever.
        var model = Model(sense: .maximize)
        let x = model.addVariable(objective: 1)
        let y = model.addVariable(objective: 1)
        model.addConstraint([(x, 1), (y, -1)], .atMost(1))
        let solution = try GLPKSolver().solve(model, options: options(configuration.method, presolve: configuration.presolve))
        #expect(solution.status == .unbounded)
        #expect(solution.message == "glp_simplex: done; unbounded")
        #expect(solution.objectiveValue == nil)
        #expect(solution.values.isEmpty)
        #expect(solution.rowActivities.isEmpty)
        #expect(solution.rowDuals == nil)
        #expect(solution.reducedCosts == nil)
    }

    @Test("Infeasible LP is reported as infeasible, with or without presolve", arguments: simplexConfigurations)
    func infeasible(configuration: (method: SolveOptions.LPMethod, presolve: Bool)) throws {
        // x + y <= 1 and x + y >= 2.
        var model = Model(sense: .minimize)
        let x = model.addVariable(objective: 1)
        let y = model.addVariable(objective: 1)
        model.addConstraint([(x, 1), (y, 1)], .atMost(1))
        model.addConstraint([(x, 1), (y, 1)], .atLeast(2))
        let solution = try GLPKSolver().solve(model, options: options(configuration.method, presolve: configuration.presolve))
        #expect(solution.status == .infeasible)
        #expect(solution.message == "glp_simplex: done; infeasible")
        #expect(solution.objectiveValue == nil)
        #expect(solution.values.isEmpty)
        #expect(solution.rowDuals == nil)
    }

    @Test("A model without constraints is solved from its bounds alone", arguments: SolveOptions.LPMethod.allCases)
    func noConstraints(method: SolveOptions.LPMethod) throws {
        var model = Model(sense: .minimize)
        model.objectiveConstant = 0.5
        model.addVariable(lower: 1, upper: 3, objective: 2)
        model.addVariable(lower: -4, upper: 2, objective: -1)
        let solution = try GLPKSolver().solve(model, options: options(method))
        #expect(solution.status == .optimal)
        #expect(isClose(solution.objectiveValue, 2 - 2 + 0.5))
        #expect(isClose(solution.values, [1, 2]))
        #expect(solution.rowActivities.isEmpty)
    }

    @Test("Solver name carries the GLPK version")
    func solverName() {
        #expect(GLPKSolver.version == "5.0")
        #expect(GLPKSolver().name == "GLPK 5.0")
    }
}

@Suite("Known MIP optima")
struct KnownMIPOptimaTests {
    /// 12 items, one capacity, checked against all 4096 subsets.
    @Test("Knapsack optimum equals brute force and the best bound", arguments: [false, true])
    func knapsack(presolve: Bool) throws {
        let values = [23, 31, 29, 44, 53, 38, 63, 85, 89, 82, 12, 7]
        let weights = [92, 57, 49, 68, 60, 43, 67, 84, 87, 72, 15, 9]
        let capacity = 300
        var best = 0
        for subset in 0 ..< (1 << values.count) {
            var weight = 0, value = 0
            for item in values.indices where subset & (1 << item) != 0 {
                weight += weights[item]
                value += values[item]
            }
            if weight <= capacity { best = max(best, value) }
        }
        let model = Fixtures.multiKnapsack(values: values, weights: [weights], capacities: [capacity])
        var options = SolveOptions()
        options.presolve = presolve
        let solution = try GLPKSolver().solve(model, options: options)
        #expect(solution.status == .optimal)
        #expect(solution.message == "glp_intopt: done; optimal")
        #expect(isClose(solution.objectiveValue, Double(best)))
        #expect(solution.bestBound == solution.objectiveValue)
        #expect(solution.relativeGap == 0)
        #expect(solution.rowDuals == nil)
        #expect(solution.reducedCosts == nil)
        // The point itself is a feasible 0/1 selection worth the optimum.
        #expect(solution.values.allSatisfy { $0 == 0 || $0 == 1 })
        #expect(model.feasibilityReport(of: solution.values).isFeasible())
        #expect(isClose(model.objectiveValue(at: solution.values), Double(best)))
        #expect(isClose(solution.rowActivities, model.rowActivities(at: solution.values)))
    }

    /// max 5x + 4y, 6x + 4y <= 24, x + 2y <= 6, x, y >= 0 integer.
    /// The relaxation's optimum is x = 3, y = 1.5 (21); the integer optimum, by enumeration of the
    /// few feasible points, is x = 4, y = 0 (20).
    @Test("General integer program and its LP relaxation")
    func integerProgram() throws {
        var model = Model(sense: .maximize)
        let x = model.addVariable(kind: .integer, objective: 5, name: "x")
        let y = model.addVariable(kind: .integer, objective: 4, name: "y")
        model.addConstraint([(x, 6), (y, 4)], .atMost(24))
        model.addConstraint([(x, 1), (y, 2)], .atMost(6))
        var enumerated = -1.0
        for a in 0 ... 6 { for b in 0 ... 6 where 6 * a + 4 * b <= 24 && a + 2 * b <= 6 { enumerated = max(enumerated, Double(5 * a + 4 * b)) } }
        #expect(enumerated == 20)

        let solution = try GLPKSolver().solve(model)
        #expect(solution.status == .optimal)
        #expect(isClose(solution.objectiveValue, 20))
        #expect(isClose(solution.values, [4, 0]))
        #expect(solution.bestBound == solution.objectiveValue)

        var relaxed = SolveOptions()
        relaxed.relaxIntegrality = true
        let relaxation = try GLPKSolver().solve(model, options: relaxed)
        #expect(relaxation.status == .optimal)
        #expect(relaxation.message == "glp_simplex: done; optimal")
        #expect(isClose(relaxation.objectiveValue, 21))
        #expect(isClose(relaxation.values, [3, 1.5]))
        // 6d1 + d2 = 5, 4d1 + 2d2 = 4 -> d1 = 0.75, d2 = 0.5.
        #expect(isClose(relaxation.rowDuals, [0.75, 0.5]))
        #expect(relaxation.bestBound == nil)
    }

    @Test("Minimisation MIP with objective constant: best bound equals the objective")
    func minimisationWithConstant() throws {
        // min 3a + 2b + 10 with a + b >= 3.5, a, b integer in [0, 10], a - b = 1.
        // a = b + 1 and 2b + 1 >= 3.5 -> b >= 1.25 -> b = 2, a = 3: 9 + 4 + 10 = 23.
        var model = Model(sense: .minimize)
        model.objectiveConstant = 10
        let a = model.addVariable(upper: 10, kind: .integer, objective: 3)
        let b = model.addVariable(upper: 10, kind: .integer, objective: 2)
        model.addConstraint([(a, 1), (b, 1)], .atLeast(3.5))
        model.addConstraint([(a, 1), (b, -1)], .equalTo(1))
        let solution = try GLPKSolver().solve(model)
        #expect(solution.status == .optimal)
        #expect(isClose(solution.objectiveValue, 23))
        #expect(isClose(solution.values, [3, 2]))
        #expect(solution.bestBound == solution.objectiveValue)
    }

    struct BoundsCase: Sendable, CustomTestStringConvertible {
        var kind: VariableKind
        var lower: Double
        var upper: Double
        var sense: ObjectiveSense
        var relax: Bool
        var expected: Double
        var testDescription: String { "\(kind) in [\(lower), \(upper)], \(sense)\(relax ? ", relaxed" : "")" }
    }

    static let boundsCases: [BoundsCase] = [
        // Integer columns get their bounds rounded inwards before GLPK sees them.
        BoundsCase(kind: .integer, lower: 0.5, upper: 3.7, sense: .minimize, relax: false, expected: 1),
        BoundsCase(kind: .integer, lower: 0.5, upper: 3.7, sense: .maximize, relax: false, expected: 3),
        BoundsCase(kind: .integer, lower: -2.5, upper: -0.2, sense: .minimize, relax: false, expected: -2),
        BoundsCase(kind: .integer, lower: -2.5, upper: -0.2, sense: .maximize, relax: false, expected: -1),
        // A bound within 1e-9 of an integer is that integer, not the next one.
        BoundsCase(kind: .integer, lower: 1 - 1e-12, upper: 2 + 1e-12, sense: .minimize, relax: false, expected: 1),
        BoundsCase(kind: .integer, lower: 1 - 1e-12, upper: 2 + 1e-12, sense: .maximize, relax: false, expected: 2),
        // Relaxed, the fractional bounds are kept as given.
        BoundsCase(kind: .integer, lower: 0.5, upper: 3.7, sense: .minimize, relax: true, expected: 0.5),
        BoundsCase(kind: .integer, lower: 0.5, upper: 3.7, sense: .maximize, relax: true, expected: 3.7),
        // Binary columns are clamped to [0, 1].
        BoundsCase(kind: .binary, lower: -2, upper: 5, sense: .maximize, relax: false, expected: 1),
        BoundsCase(kind: .binary, lower: -2, upper: 5, sense: .minimize, relax: false, expected: 0),
        BoundsCase(kind: .binary, lower: -.infinity, upper: .infinity, sense: .maximize, relax: false, expected: 1),
        BoundsCase(kind: .binary, lower: 0.5, upper: 5, sense: .minimize, relax: false, expected: 1),
        // Relaxation drops integrality, and with it the binary clamp.
        BoundsCase(kind: .binary, lower: -2, upper: 5, sense: .maximize, relax: true, expected: 5),
    ]

    @Test("Integer bounds are rounded and binary bounds clamped", arguments: boundsCases)
    func integerBounds(_ example: BoundsCase) throws {
        var model = Model(sense: example.sense)
        let v = model.addVariable(lower: example.lower, upper: example.upper, kind: example.kind, objective: 1, name: "v")
        // One row so that the LP relaxation has a matrix.
        model.addConstraint([(v, 1)], .atMost(100))
        var options = SolveOptions()
        options.relaxIntegrality = example.relax
        let solution = try GLPKSolver().solve(model, options: options)
        #expect(solution.status == .optimal)
        #expect(isClose(solution.objectiveValue, example.expected))
        #expect(isClose(solution.values, [example.expected]))
    }

    /// max x + 1.5y, x integer in [0.5, 3.7] (really 1 ... 3), y binary declared in [-2, 5],
    /// x + 2y <= 4.5: (3, 0) gives 3, (2, 1) gives 3.5, (1, 1) gives 2.5, so (2, 1) it is.
    @Test("Binary and integer columns with fractional bounds together")
    func binaryAndInteger() throws {
        var model = Model(sense: .maximize)
        let x = model.addVariable(lower: 0.5, upper: 3.7, kind: .integer, objective: 1)
        let y = model.addVariable(lower: -2, upper: 5, kind: .binary, objective: 1.5)
        model.addConstraint([(x, 1), (y, 2)], .atMost(4.5))
        let solution = try GLPKSolver().solve(model)
        #expect(solution.status == .optimal)
        #expect(isClose(solution.objectiveValue, 3.5))
        #expect(isClose(solution.values, [2, 1]))
        #expect(isClose(solution.rowActivities, [4]))
    }

    struct EmptyIntegerRange: Sendable, CustomTestStringConvertible {
        var kind: VariableKind
        var lower: Double
        var upper: Double
        var testDescription: String { "\(kind) in [\(lower), \(upper)]" }
    }

    @Test(
        "An integer column whose bounds hold no integer makes the model infeasible",
        arguments: [
            EmptyIntegerRange(kind: .integer, lower: 0.2, upper: 0.8),
            EmptyIntegerRange(kind: .integer, lower: -0.5, upper: -0.1),
            EmptyIntegerRange(kind: .integer, lower: 7.000001, upper: 7.9),
            EmptyIntegerRange(kind: .binary, lower: 0.3, upper: 0.7),
            EmptyIntegerRange(kind: .binary, lower: 2, upper: 5),
            EmptyIntegerRange(kind: .binary, lower: -3, upper: -1),
        ])
    func noIntegerInBounds(_ example: EmptyIntegerRange) throws {
        var model = Model(sense: .minimize)
        let free = model.addVariable(upper: 10, kind: .integer, objective: 1, name: "free")
        let stuck = model.addVariable(lower: example.lower, upper: example.upper, kind: example.kind, objective: 1, name: "stuck")
        model.addConstraint([(free, 1), (stuck, 1)], .atLeast(-10))
        let solution = try GLPKSolver().solve(model)
        #expect(solution.status == .infeasible)
        #expect(solution.message == "integer variable stuck has no integer value within its bounds")
        #expect(solution.objectiveValue == nil)
        #expect(solution.values.isEmpty)
        #expect(solution.bestBound == nil)

        // The same bounds are fine once integrality is relaxed (unless binary clamping empties them,
        // which relaxation does not apply).
        var relaxed = SolveOptions()
        relaxed.relaxIntegrality = true
        let relaxation = try GLPKSolver().solve(model, options: relaxed)
        #expect(relaxation.status == .optimal)
        #expect(isClose(relaxation.values, [0, example.lower]))
    }

    @Test("A MIP infeasible only through integrality is proven infeasible by branching")
    func integerInfeasible() throws {
        let solution = try GLPKSolver().solve(Fixtures.jeroslow(5))
        #expect(solution.status == .infeasible)
        #expect(solution.message == "glp_intopt: done; infeasible")
        #expect(solution.objectiveValue == nil)
        #expect(solution.values.isEmpty)
        #expect(solution.bestBound == nil)
    }

    @Test("A MIP whose relaxation is infeasible", arguments: [false, true])
    func relaxationInfeasible(presolve: Bool) throws {
        var model = Model()
        let x = model.addVariable(upper: 3, kind: .integer, objective: 1)
        model.addConstraint([(x, 1)], .atLeast(4))
        var options = SolveOptions()
        options.presolve = presolve
        let solution = try GLPKSolver().solve(model, options: options)
        #expect(solution.status == .infeasible)
        #expect(solution.message == "the LP relaxation is infeasible")
    }

    @Test("A MIP whose relaxation is unbounded", arguments: [false, true])
    func relaxationUnbounded(presolve: Bool) throws {
        var model = Model(sense: .maximize)
        let x = model.addVariable(kind: .integer, objective: 1)
        let y = model.addVariable(kind: .integer, objective: 1)
        model.addConstraint([(x, 1), (y, -1)], .atMost(1))
        var options = SolveOptions()
        options.presolve = presolve
        let solution = try GLPKSolver().solve(model, options: options)
        #expect(solution.status == .infeasibleOrUnbounded)
        #expect(solution.message == "the LP relaxation is unbounded")
        #expect(solution.values.isEmpty)
    }

    @Test("A MIP without constraints")
    func mipWithoutConstraints() throws {
        var model = Model(sense: .maximize)
        model.addVariable(lower: -1.5, upper: 6.5, kind: .integer, objective: 2)
        model.addVariable(kind: .binary, objective: -1)
        let solution = try GLPKSolver().solve(model)
        #expect(solution.status == .optimal)
        #expect(isClose(solution.objectiveValue, 12))
        #expect(isClose(solution.values, [6, 0]))
    }
}
