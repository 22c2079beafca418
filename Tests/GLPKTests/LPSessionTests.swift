import GLPK
import LinearProgramming
import Testing

@Suite("LP sessions (warm-started bound changes)")
struct LPSessionTests {
    /// A dive-like sequence on random LPs: each step fixes or frees a column, and the warm
    /// session's optimum equals a new solve of the same model every time.
    @Test("Warm solves reach the cold optimum after every bound change", arguments: [1, 2, 3, 4, 5] as [UInt64])
    func warmEqualsCold(seed: UInt64) throws {
        let model = Fixtures.randomLP(seed: seed)
        let solver = GLPKSolver()
        let session = try solver.lpSession(for: model)
        var random = SeededGenerator(seed: seed + 100)
        var coldModel = model
        var warmIterations = 0, coldIterations = 0
        for step in 0 ..< 30 {
            let column = VariableID(index: random.int(in: 0 ... model.variableCount - 1))
            let (lower, upper): (Double, Double) = switch step % 3 {
            case 0: (0, 0)
            case 1: (1, 1)
            default: (0, 10)
            }
            try session.setBounds(of: column, lower: lower, upper: upper)
            coldModel.setBounds(of: column, lower: lower, upper: upper)
            let warm = try session.solve(options: SolveOptions())
            let cold = try solver.solve(coldModel, options: SolveOptions())
            #expect(warm.status == cold.status, "step \(step)")
            if cold.status == .optimal {
                #expect(isClose(warm.objectiveValue, cold.objectiveValue!, tolerance: 1e-7), "step \(step)")
                #expect(coldModel.feasibilityReport(of: warm.values).isFeasible(tolerance: 1e-7), "step \(step)")
                #expect(warm.reducedCosts?.count == model.variableCount)
            }
            warmIterations += warm.statistics.simplexIterations
            coldIterations += cold.statistics.simplexIterations
            #expect(session.model.variableLower == coldModel.variableLower)
            #expect(session.model.variableUpper == coldModel.variableUpper)
        }
        // What the session is for: far fewer simplex iterations than solving each LP anew.
        #expect(warmIterations * 2 < coldIterations, "warm \(warmIterations), cold \(coldIterations)")
    }

    @Test("An infeasible fixing is reported, and freeing it again gives the optimum back")
    func infeasibleThenBack() throws {
        let (model, x, _, _, _) = Fixtures.textbook()
        let session = try GLPKSolver().lpSession(for: model)
        try session.setBounds(of: x, lower: 5, upper: 5)
        #expect(try session.solve(options: SolveOptions()).status == .infeasible)
        try session.setBounds(of: x, lower: 0, upper: .infinity)
        let back = try session.solve(options: SolveOptions())
        #expect(back.status == .optimal)
        #expect(isClose(back.objectiveValue, 36))
    }

    @Test("Bounds GLPK cannot take are refused before GLPK sees them, and the session is unchanged")
    func invalidBounds() throws {
        let (model, x, y, _, _) = Fixtures.textbook()
        let session = try GLPKSolver().lpSession(for: model)
        #expect(throws: ModelError.invalidVariableBounds(variable: "x", lower: 3, upper: 2)) {
            try session.setBounds(of: x, lower: 3, upper: 2)
        }
        // NaN is never equal to itself: the case and the message are what can be compared.
        let nan = #expect(throws: ModelError.self) { try session.setBounds(of: y, lower: .nan, upper: 1) }
        #expect(nan?.description == "variable y has invalid bounds [nan, 1.0]")
        #expect(throws: ModelError.magnitudeTooLarge(place: "bound of x", value: 1e300)) {
            try session.setBounds(of: x, lower: 0, upper: 1e300)
        }
        #expect(throws: ModelError.unknownVariable(constraint: "(bounds)", index: 7)) {
            try session.setBounds(of: VariableID(index: 7), lower: 0, upper: 1)
        }
        #expect(session.model.variableLower == model.variableLower)
        #expect(session.model.variableUpper == model.variableUpper)
        #expect(isClose(try session.solve(options: SolveOptions()).objectiveValue, 36))
    }

    @Test("An invalid model is refused when the session is made")
    func invalidModel() {
        var model = Model()
        _ = model.addVariable(lower: 2, upper: 1, name: "v")
        #expect(throws: ModelError.invalidVariableBounds(variable: "v", lower: 2, upper: 1)) {
            _ = try GLPKSolver().lpSession(for: model)
        }
    }
}
