import GLPK
import LinearProgramming
import Testing

/// GLPK aborts the whole process on invalid input (NaN data, crossed bounds, unknown or repeated
/// columns, over-long names). Each case below goes through `GLPKSolver.solve`, which must throw the
/// documented ``ModelError`` first: a regression would kill the test process, not just fail a test.
struct InvalidModelCase: Sendable, CustomTestStringConvertible {
    var name: String
    var build: @Sendable () -> Model
    /// Checks the case and its payload; NaN payloads make `==` useless, hence a predicate.
    var matches: @Sendable (ModelError) -> Bool
    var description: String
    var testDescription: String { name }
}

enum InvalidModels {
    static let longName = String(repeating: "n", count: 256)

    static let x = VariableID(index: 0)
    static let y = VariableID(index: 1)

    /// Two named variables, x and y, both in the objective, ready to be broken.
    static func base() -> Model {
        var model = Model()
        model.addVariable(objective: 1, name: "x")
        model.addVariable(objective: 1, name: "y")
        return model
    }

    static let cases: [InvalidModelCase] = [
        InvalidModelCase(
            name: "NaN coefficient",
            build: {
                var model = base()
                model.addConstraint([(x, .nan), (y, 1)], .atMost(4), name: "c")
                return model
            },
            matches: {
                if case .nonFiniteCoefficient("c", "x", let value) = $0 { return value.isNaN }
                return false
            },
            description: "constraint c: coefficient of x is nan, not a finite number"),
        InvalidModelCase(
            name: "infinite coefficient",
            build: {
                var model = base()
                model.addConstraint([(x, 1), (y, -.infinity)], .atMost(4), name: "c")
                return model
            },
            matches: { $0 == .nonFiniteCoefficient(constraint: "c", variable: "y", value: -.infinity) },
            description: "constraint c: coefficient of y is -inf, not a finite number"),
        InvalidModelCase(
            name: "NaN objective coefficient",
            build: {
                var model = base()
                model.setObjectiveCoefficient(.nan, for: y)
                return model
            },
            matches: {
                if case .nonFiniteObjectiveCoefficient("y", let value) = $0 { return value.isNaN }
                return false
            },
            description: "objective coefficient of y is nan, not a finite number"),
        InvalidModelCase(
            name: "infinite objective coefficient",
            build: {
                var model = base()
                model.setObjectiveCoefficient(.infinity, for: x)
                return model
            },
            matches: { $0 == .nonFiniteObjectiveCoefficient(variable: "x", value: .infinity) },
            description: "objective coefficient of x is inf, not a finite number"),
        InvalidModelCase(
            name: "NaN objective constant",
            build: {
                var model = base()
                model.objectiveConstant = .nan
                return model
            },
            matches: {
                if case .nonFiniteObjectiveConstant(let value) = $0 { return value.isNaN }
                return false
            },
            description: "objective constant is nan, not a finite number"),
        InvalidModelCase(
            name: "variable lower bound above upper bound",
            build: {
                var model = base()
                model.setBounds(of: x, lower: 2, upper: 1)
                return model
            },
            matches: { $0 == .invalidVariableBounds(variable: "x", lower: 2, upper: 1) },
            description: "variable x has invalid bounds [2.0, 1.0]"),
        InvalidModelCase(
            name: "constraint lower bound above upper bound",
            build: {
                var model = base()
                model.addConstraint([(x, 1), (y, 1)], .between(5, 4), name: "c")
                return model
            },
            matches: { $0 == .invalidConstraintBounds(constraint: "c", lower: 5, upper: 4) },
            description: "constraint c has invalid bounds [5.0, 4.0]"),
        InvalidModelCase(
            name: "NaN variable bound",
            build: {
                var model = base()
                model.setBounds(of: y, lower: .nan, upper: 1)
                return model
            },
            matches: {
                if case .invalidVariableBounds("y", let lower, 1) = $0 { return lower.isNaN }
                return false
            },
            description: "variable y has invalid bounds [nan, 1.0]"),
        InvalidModelCase(
            name: "NaN constraint bound",
            build: {
                var model = base()
                model.addConstraint([(x, 1)], .atMost(.nan), name: "c")
                return model
            },
            matches: {
                if case .invalidConstraintBounds("c", -Double.infinity, let upper) = $0 { return upper.isNaN }
                return false
            },
            description: "constraint c has invalid bounds [-inf, nan]"),
        InvalidModelCase(
            name: "lower bound +infinity",
            build: {
                var model = base()
                model.setBounds(of: x, lower: .infinity, upper: .infinity)
                return model
            },
            matches: { $0 == .invalidVariableBounds(variable: "x", lower: .infinity, upper: .infinity) },
            description: "variable x has invalid bounds [inf, inf]"),
        InvalidModelCase(
            name: "upper bound -infinity",
            build: {
                var model = base()
                model.setBounds(of: x, lower: -.infinity, upper: -.infinity)
                return model
            },
            matches: { $0 == .invalidVariableBounds(variable: "x", lower: -.infinity, upper: -.infinity) },
            description: "variable x has invalid bounds [-inf, -inf]"),
        InvalidModelCase(
            name: "constraint lower bound +infinity",
            build: {
                var model = base()
                model.addConstraint([(x, 1)], .atLeast(.infinity))
                return model
            },
            matches: { $0 == .invalidConstraintBounds(constraint: "r#0", lower: .infinity, upper: .infinity) },
            description: "constraint r#0 has invalid bounds [inf, inf]"),
        InvalidModelCase(
            name: "empty model",
            build: { Model() },
            matches: { $0 == .emptyModel },
            description: "the model is empty: no variables and no constraints"),
        InvalidModelCase(
            name: "constraints but no variables",
            build: {
                var model = Model()
                model.addConstraint(.atMost(1)) { _ in }
                model.addConstraint(.atLeast(0)) { _ in }
                return model
            },
            matches: { $0 == .noVariables(constraintCount: 2) },
            description: "the model has 2 constraint(s) but no variables"),
        InvalidModelCase(
            name: "huge finite variable bound",
            build: {
                var model = base()
                model.setBounds(of: x, lower: 0, upper: 1e300)
                return model
            },
            matches: { $0 == .magnitudeTooLarge(place: "bound of x", value: 1e300) },
            description: "bound of x is 1e+300, beyond the largest accepted magnitude 1e15 (use infinity for 'no bound')"),
        InvalidModelCase(
            name: "huge negative variable bound",
            build: {
                var model = base()
                model.setBounds(of: y, lower: -1e300, upper: 0)
                return model
            },
            matches: { $0 == .magnitudeTooLarge(place: "bound of y", value: -1e300) },
            description: "bound of y is -1e+300, beyond the largest accepted magnitude 1e15 (use infinity for 'no bound')"),
        InvalidModelCase(
            name: "huge coefficient",
            build: {
                var model = base()
                model.addConstraint([(x, 1), (y, 1e300)], .atMost(4), name: "c")
                return model
            },
            matches: { $0 == .magnitudeTooLarge(place: "coefficient of y in c", value: 1e300) },
            description: "coefficient of y in c is 1e+300, beyond the largest accepted magnitude 1e15 (use infinity for 'no bound')"),
        InvalidModelCase(
            name: "huge objective coefficient",
            build: {
                var model = base()
                model.setObjectiveCoefficient(-2e16, for: x)
                return model
            },
            matches: { $0 == .magnitudeTooLarge(place: "objective coefficient of x", value: -2e16) },
            description: "objective coefficient of x is -2e+16, beyond the largest accepted magnitude 1e15 (use infinity for 'no bound')"),
        InvalidModelCase(
            name: "huge objective constant",
            build: {
                var model = base()
                model.objectiveConstant = 1e300
                return model
            },
            matches: { $0 == .magnitudeTooLarge(place: "objective constant", value: 1e300) },
            description: "objective constant is 1e+300, beyond the largest accepted magnitude 1e15 (use infinity for 'no bound')"),
        InvalidModelCase(
            name: "huge constraint bound",
            build: {
                var model = base()
                model.addConstraint([(x, 1)], .atMost(1e300), name: "c")
                return model
            },
            matches: { $0 == .magnitudeTooLarge(place: "bound of constraint c", value: 1e300) },
            description: "bound of constraint c is 1e+300, beyond the largest accepted magnitude 1e15 (use infinity for 'no bound')"),
        InvalidModelCase(
            name: "unknown variable id",
            build: {
                var model = base()
                model.addConstraint([(x, 1), (VariableID(index: 99), 1)], .atMost(4), name: "c")
                return model
            },
            matches: { $0 == .unknownVariable(constraint: "c", index: 99) },
            description: "constraint c refers to unknown variable #99"),
        InvalidModelCase(
            name: "negative variable id",
            build: {
                var model = base()
                model.addConstraint([(x, 1), (VariableID(index: -3), 1)], .atMost(4))
                return model
            },
            matches: { $0 == .unknownVariable(constraint: "r#0", index: -3) },
            description: "constraint r#0 refers to unknown variable #-3"),
        InvalidModelCase(
            name: "variable id beyond 32 bits",
            build: {
                var model = base()
                model.addConstraint([(x, 1), (VariableID(index: Int(Int32.max) + 1), 1)], .atMost(4), name: "c")
                return model
            },
            // Stored as -1 because a term column is 32 bits wide.
            matches: { $0 == .unknownVariable(constraint: "c", index: -1) },
            description: "constraint c refers to unknown variable #-1"),
        InvalidModelCase(
            name: "duplicate term in a row",
            build: {
                var model = base()
                model.addConstraint([(x, 1), (y, 2), (x, 3)], .atMost(4), name: "c")
                return model
            },
            matches: { $0 == .duplicateTerm(constraint: "c", variable: "x") },
            description: "constraint c names x more than once"),
        InvalidModelCase(
            name: "duplicate term in a later row",
            build: {
                var model = base()
                // x appears once in each of two rows (fine), then twice in the third.
                model.addConstraint([(x, 1), (y, 1)], .atMost(4))
                model.addConstraint([(x, 1), (y, 1)], .atMost(5))
                model.addConstraint([(y, 1), (y, 1)], .atMost(6))
                return model
            },
            matches: { $0 == .duplicateTerm(constraint: "r#2", variable: "y") },
            description: "constraint r#2 names y more than once"),
        InvalidModelCase(
            name: "duplicate variable names",
            build: {
                var model = base()
                model.addVariable(name: "x")
                return model
            },
            matches: { $0 == .duplicateVariableName("x") },
            description: "two variables are named 'x'"),
        InvalidModelCase(
            name: "duplicate constraint names",
            build: {
                var model = base()
                model.addConstraint([(x, 1)], .atMost(1), name: "c")
                model.addConstraint([(y, 1)], .atMost(1), name: "c")
                return model
            },
            matches: { $0 == .duplicateConstraintName("c") },
            description: "two constraints are named 'c'"),
        InvalidModelCase(
            name: "variable name with a space",
            build: {
                var model = base()
                model.addVariable(name: "baked potato")
                return model
            },
            matches: { $0 == .invalidName("baked potato", reason: "contains a space or control character") },
            description: "invalid name 'baked potato': contains a space or control character"),
        InvalidModelCase(
            name: "constraint name with a tab",
            build: {
                var model = base()
                model.addConstraint([(x, 1)], .atMost(1), name: "a\tb")
                return model
            },
            matches: { $0 == .invalidName("a\tb", reason: "contains a space or control character") },
            description: "invalid name 'a\tb': contains a space or control character"),
        InvalidModelCase(
            name: "objective name with DEL",
            build: {
                var model = base()
                model.objectiveName = "cost\u{7F}"
                return model
            },
            matches: { $0 == .invalidName("cost\u{7F}", reason: "contains a space or control character") },
            description: "invalid name 'cost\u{7F}': contains a space or control character"),
        InvalidModelCase(
            name: "name longer than 255 bytes",
            build: {
                var model = base()
                model.addVariable(name: InvalidModels.longName)
                return model
            },
            matches: { $0 == .invalidName(InvalidModels.longName, reason: "longer than 255 bytes") },
            description: "invalid name '\(String(repeating: "n", count: 40))...': longer than 255 bytes"),
        InvalidModelCase(
            name: "name of 128 two-byte characters (256 bytes)",
            build: {
                var model = base()
                model.addConstraint([(x, 1)], .atMost(1), name: String(repeating: "é", count: 128))
                return model
            },
            matches: { $0 == .invalidName(String(repeating: "é", count: 128), reason: "longer than 255 bytes") },
            description: "invalid name '\(String(repeating: "é", count: 40))...': longer than 255 bytes"),
    ]
}

@Suite("Invalid models are rejected before GLPK sees them")
struct InvalidModelTests {
    @Test("GLPKSolver.solve throws the documented ModelError", arguments: InvalidModels.cases)
    func rejected(_ example: InvalidModelCase) throws {
        let model = example.build()
        let error = try #require(throws: ModelError.self) { try GLPKSolver().solve(model) }
        #expect(example.matches(error), "unexpected error: \(error)")
        #expect(error.description == example.description)
        #expect("\(error)" == example.description)
        // Model.validate() itself reports the same error.
        let direct = try #require(throws: ModelError.self) { try model.validate() }
        #expect(direct.description == example.description)
    }

    @Test("Every solving path validates: LP methods, presolve, relaxation and MIP", arguments: SolveOptions.LPMethod.allCases)
    func everyPathValidates(method: SolveOptions.LPMethod) throws {
        for relax in [false, true] {
            var model = Model()
            let x = model.addVariable(kind: .integer, objective: 1, name: "x")
            model.addConstraint([(x, .nan)], .atMost(1), name: "c")
            var options = SolveOptions()
            options.method = method
            options.presolve = true
            options.relaxIntegrality = relax
            let error = try #require(throws: ModelError.self) { try GLPKSolver().solve(model, options: options) }
            #expect(error.description == "constraint c: coefficient of x is nan, not a finite number")
        }
    }

    @Test("A model accepted right at the limits solves normally")
    func limitsAccepted() throws {
        var model = Model(sense: .maximize)
        let name = String(repeating: "v", count: 255)
        let x = model.addVariable(upper: 1e15, objective: 1, name: name)
        model.addConstraint([(x, 1e-3)], .atMost(1e9), name: String(repeating: "r", count: 255))
        let solution = try GLPKSolver().solve(model)
        #expect(solution.status == .optimal)
        #expect(isClose(solution.objectiveValue, 1e12, tolerance: 1e-3))
    }
}

struct InvalidOptionCase: Sendable, CustomTestStringConvertible {
    var name: String
    var configure: @Sendable (inout SolveOptions) -> Void
    var description: String
    var testDescription: String { name }
}

@Suite("Invalid solver options")
struct InvalidOptionTests {
    static let cases: [InvalidOptionCase] = [
        InvalidOptionCase(
            name: "negative time limit", configure: { $0.timeLimit = -1 },
            description: "invalid solver option: time limit -1.0 s is not in (0, 2000000]"),
        InvalidOptionCase(
            name: "zero time limit", configure: { $0.timeLimit = 0 },
            description: "invalid solver option: time limit 0.0 s is not in (0, 2000000]"),
        InvalidOptionCase(
            name: "NaN time limit", configure: { $0.timeLimit = .nan },
            description: "invalid solver option: time limit nan s is not in (0, 2000000]"),
        InvalidOptionCase(
            name: "infinite time limit", configure: { $0.timeLimit = .infinity },
            description: "invalid solver option: time limit inf s is not in (0, 2000000]"),
        InvalidOptionCase(
            name: "NaN relative gap", configure: { $0.relativeGap = .nan },
            description: "invalid solver option: relative gap nan is not a number in [0, 1e6)"),
        InvalidOptionCase(
            name: "negative relative gap", configure: { $0.relativeGap = -0.1 },
            description: "invalid solver option: relative gap -0.1 is not a number in [0, 1e6)"),
        InvalidOptionCase(
            name: "MIP start of the wrong size", configure: { $0.mipStart = [1] },
            description: "invalid solver option: MIP start has 1 values for 2 variables"),
        InvalidOptionCase(
            name: "MIP start with NaN", configure: { $0.mipStart = [0, .nan] },
            description: "invalid solver option: MIP start value of y is not finite"),
    ]

    @Test("Invalid options throw GLPKError.invalidOption", arguments: cases)
    func rejected(_ example: InvalidOptionCase) throws {
        var model = Model()
        let x = model.addVariable(kind: .integer, objective: 1, name: "x")
        let y = model.addVariable(objective: 1, name: "y")
        model.addConstraint([(x, 1), (y, 1)], .atLeast(1))
        var options = SolveOptions()
        example.configure(&options)
        let error = try #require(throws: GLPKError.self) { try GLPKSolver().solve(model, options: options) }
        guard case .invalidOption = error else {
            Issue.record("expected invalidOption, got \(error)")
            return
        }
        #expect(error.description == example.description)
    }

    @Test("Model errors take precedence over option errors")
    func modelFirst() throws {
        var options = SolveOptions()
        options.timeLimit = -1
        let error = try #require(throws: ModelError.self) { try GLPKSolver().solve(Model(), options: options) }
        #expect(error == .emptyModel)
    }

    @Test("GLPK return codes describe themselves")
    func returnCodes() {
        #expect(GLPKReturnCode.success.description == "0 (success)")
        #expect(GLPKReturnCode.timeLimit.description == "GLP_ETMLIM (time limit exceeded)")
        #expect(GLPKReturnCode(rawValue: 999).description == "code 999 (unknown GLPK return code)")
        #expect(
            GLPKError.routineFailed(routine: "glp_simplex", code: .invalidBounds).description
                == "GLPK glp_simplex failed: GLP_EBOUND (invalid bounds)")
    }
}
