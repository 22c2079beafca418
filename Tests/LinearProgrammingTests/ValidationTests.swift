import LinearProgramming
import Testing

@Suite("Model validation")
struct ValidationTests {
    /// x and y named, both in the objective, one row "c": x + y <= 4.
    static func valid() -> Model {
        var model = Model()
        let x = model.addVariable(objective: 1, name: "x")
        let y = model.addVariable(objective: 1, name: "y")
        model.addConstraint([(x, 1), (y, 1)], .atMost(4), name: "c")
        return model
    }

    static let x = VariableID(index: 0)
    static let y = VariableID(index: 1)

    @Test("A well-formed model validates")
    func validModel() throws {
        try Self.valid().validate()
    }

    @Test("Everything at its limit is still accepted")
    func limits() throws {
        var model = Model(sense: .maximize)
        model.objectiveConstant = -1e15
        let a = model.addVariable(lower: -1e15, upper: 1e15, objective: 1e15, name: String(repeating: "a", count: 255))
        let b = model.addVariable(lower: -.infinity, upper: .infinity)
        let c = model.addVariable(lower: -.infinity, upper: -3, kind: .integer)
        let d = model.addVariable(lower: 7, upper: 7, kind: .binary, name: "ünïcödé·名前")
        model.addConstraint([(a, 1e15), (b, -1e15), (c, Model.smallestMagnitude)], .between(-1e15, 1e15), name: String(repeating: "é", count: 127))
        model.addConstraint([(d, 1)], .free)
        model.addConstraint(.equalTo(0)) { _ in }
        model.addConstraint([(a, 1), (b, 1), (c, 1), (d, 1)], .atLeast(-.infinity))
        // Exactly 255 bytes in UTF-8: 127 two-byte characters and one more byte.
        model.objectiveName = String(repeating: "é", count: 127) + "!"
        try model.validate()
    }

    @Test("Names are optional and may be mixed with unnamed entries")
    func partialNames() throws {
        var model = Model()
        let a = model.addVariable()
        model.addVariable(name: "b")
        model.addVariable()
        model.addConstraint([(a, 1)], .atMost(1))
        model.addConstraint([(a, 1)], .atMost(2), name: "second")
        model.addConstraint([(a, 1)], .atMost(3))
        model.objectiveName = ""
        try model.validate()
    }

    @Test("The same name may be used for a variable and a constraint")
    func sharedNamespaceIsFine() throws {
        var model = Model()
        let x = model.addVariable(name: "x")
        model.addConstraint([(x, 1)], .atMost(1), name: "x")
        model.objectiveName = "x"
        try model.validate()
    }

    @Test("The first problem found is the one reported: constant, then columns in order, then rows, then names")
    func checkOrder() {
        var model = Self.valid()
        model.addVariable(name: "x") // duplicate name: checked last
        model.addConstraint([(Self.x, .nan)], .atMost(1), name: "late") // a row problem
        model.setBounds(of: Self.y, lower: 1, upper: 0) // a column problem
        model.objectiveConstant = .infinity
        #expect(throws: ModelError.nonFiniteObjectiveConstant(.infinity)) { try model.validate() }
        model.objectiveConstant = 0
        #expect(throws: ModelError.invalidVariableBounds(variable: "y", lower: 1, upper: 0)) { try model.validate() }
        model.setBounds(of: Self.y, lower: 0, upper: 1)
        do {
            try model.validate()
            Issue.record("validation passed")
        } catch {
            guard case .nonFiniteCoefficient("late", "x", let value) = error, value.isNaN else {
                Issue.record("unexpected \(error)")
                return
            }
        }
        // With the data sound, the duplicate name is what remains.
        var named = Self.valid()
        named.addVariable(name: "x")
        #expect(throws: ModelError.duplicateVariableName("x")) { try named.validate() }
    }

    @Test("Unnamed entries are reported by their positional labels")
    func positionalLabels() {
        var model = Model()
        model.addVariable()
        let second = model.addVariable()
        model.addConstraint([(second, 1)], .atMost(1))
        model.addConstraint([(second, 1), (second, 2)], .atMost(1))
        #expect(throws: ModelError.duplicateTerm(constraint: "r#1", variable: "x#1")) { try model.validate() }
        model.setObjectiveCoefficient(-.infinity, for: second)
        #expect(throws: ModelError.nonFiniteObjectiveCoefficient(variable: "x#1", value: -.infinity)) { try model.validate() }
    }

    @Test("The same column in different rows is not a repeated term")
    func sameColumnAcrossRows() throws {
        var model = Model()
        let x = model.addVariable()
        for r in 0 ..< 100 { model.addConstraint([(x, Double(r))], .atMost(1)) }
        try model.validate()
    }

    struct DescriptionCase: Sendable, CustomTestStringConvertible {
        var error: ModelError
        var text: String
        var testDescription: String { text }
    }

    @Test(
        "Every error describes itself",
        arguments: [
            DescriptionCase(error: .emptyModel, text: "the model is empty: no variables and no constraints"),
            DescriptionCase(error: .noVariables(constraintCount: 1), text: "the model has 1 constraint(s) but no variables"),
            DescriptionCase(
                error: .nonFiniteObjectiveCoefficient(variable: "x", value: .infinity),
                text: "objective coefficient of x is inf, not a finite number"),
            DescriptionCase(error: .nonFiniteObjectiveConstant(-.infinity), text: "objective constant is -inf, not a finite number"),
            DescriptionCase(
                error: .nonFiniteCoefficient(constraint: "c", variable: "x", value: .infinity),
                text: "constraint c: coefficient of x is inf, not a finite number"),
            DescriptionCase(
                error: .magnitudeTooLarge(place: "bound of x", value: 1e16),
                text: "bound of x is 1e+16, beyond the largest accepted magnitude 1e15 (use infinity for 'no bound')"),
            DescriptionCase(
                error: .invalidVariableBounds(variable: "x", lower: 3, upper: -3),
                text: "variable x has invalid bounds [3.0, -3.0]"),
            DescriptionCase(
                error: .invalidConstraintBounds(constraint: "c", lower: 0.5, upper: 0.25),
                text: "constraint c has invalid bounds [0.5, 0.25]"),
            DescriptionCase(error: .unknownVariable(constraint: "c", index: 7), text: "constraint c refers to unknown variable #7"),
            DescriptionCase(error: .duplicateTerm(constraint: "c", variable: "x"), text: "constraint c names x more than once"),
            DescriptionCase(error: .duplicateVariableName("v"), text: "two variables are named 'v'"),
            DescriptionCase(error: .duplicateConstraintName("c"), text: "two constraints are named 'c'"),
            DescriptionCase(error: .invalidName("a b", reason: "why"), text: "invalid name 'a b': why"),
            // Names are shortened to 40 characters in messages.
            DescriptionCase(
                error: .invalidName(String(repeating: "z", count: 40), reason: "r"),
                text: "invalid name '\(String(repeating: "z", count: 40))': r"),
            DescriptionCase(
                error: .invalidName(String(repeating: "z", count: 41), reason: "r"),
                text: "invalid name '\(String(repeating: "z", count: 40))...': r"),
            DescriptionCase(error: .tooLarge("3000000000 nonzeros"), text: "the model is too large: 3000000000 nonzeros"),
        ])
    func descriptions(_ example: DescriptionCase) {
        #expect(example.error.description == example.text)
        #expect(String(describing: example.error) == example.text)
    }

    @Test("Published limits")
    func publishedLimits() {
        #expect(Model.largestMagnitude == 1e15)
        #expect(Model.longestName == 255)
        #expect(Model.largestDimension == 2_147_483_646)
    }
}
