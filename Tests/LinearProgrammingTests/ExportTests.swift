import LinearProgramming
import Testing

private struct SinkFailure: Error, Equatable {}

enum ExportFixtures {
    /// Maximisation with a named objective and a constant, a ranged, an equality, an unnamed and a
    /// free row, and columns that are bounded, integer, free and unnamed, binary, and fixed.
    static func golden() -> Model {
        var model = Model(sense: .maximize)
        model.objectiveName = "profit"
        model.objectiveConstant = 2.5
        let a = model.addVariable(lower: -1, upper: 4, objective: 3, name: "a[1]")
        let b = model.addVariable(kind: .integer, objective: -2, name: "b-2")
        let c = model.addVariable(lower: -.infinity, upper: .infinity)
        let d = model.addVariable(kind: .binary, objective: 1.5, name: "d")
        let e = model.addVariable(lower: 2, upper: 2, name: "fixed")
        model.addConstraint([(a, 1), (b, 1), (c, 0.5)], .atMost(10), name: "cap")
        model.addConstraint([(a, 1), (d, -1)], .between(1, 3), name: "band")
        model.addConstraint([(b, 1), (c, 1), (e, 1)], .equalTo(7))
        model.addConstraint([(a, 1), (d, 1)], .free, name: "watch")
        return model
    }

    static let goldenMPS = """
        * Free MPS written by the planner's LinearProgramming module
        * 5 columns, 4 rows, 10 nonzeros
        * The objective constant is carried by the fixed variable objective_constant.
        NAME model
        OBJSENSE
            MAX
        ROWS
         N profit
         L cap
         G band
         E r3
         N watch
        COLUMNS
         a(1) profit 3
         a(1) cap 1
         a(1) band 1
         a(1) watch 1
         M0 'MARKER' 'INTORG'
         b_2 profit -2
         b_2 cap 1
         b_2 r3 1
         M1 'MARKER' 'INTEND'
         x3 cap 0.5
         x3 r3 1
         M2 'MARKER' 'INTORG'
         d profit 1.5
         d band -1
         d watch 1
         M3 'MARKER' 'INTEND'
         fixed r3 1
         objective_constant profit 2.5
        RHS
         RHS cap 10
         RHS band 1
         RHS r3 7
        RANGES
         RNG band 2
        BOUNDS
         LO BND a(1) -1
         UP BND a(1) 4
         LO BND b_2 0
         PL BND b_2
         FR BND x3
         LO BND d 0
         UP BND d 1
         FX BND fixed 2
         FX BND objective_constant 1
        ENDATA

        """

    static let goldenLP = """
        \\ CPLEX LP written by the planner's LinearProgramming module
        \\ 5 columns, 4 rows, 10 nonzeros
        \\ The objective constant is carried by the fixed variable objective_constant.
        Maximize
         profit: + 3 a(1) - 2 b_2 + 1.5 d + 2.5 objective_constant
        Subject To
         cap: + 1 a(1) + 1 b_2 + 0.5 x3 <= 10
         band_lo: + 1 a(1) - 1 d >= 1
         band_hi: + 1 a(1) - 1 d <= 3
         r3: + 1 b_2 + 1 x3 + 1 fixed = 7
        \\ free row watch omitted
        Bounds
         -1 <= a(1) <= 4
         x3 free
         0 <= d <= 1
         fixed = 2
         objective_constant = 1
        General
         b_2
         d
        End

        """

    /// max 3x + 5y + z, x <= 4, 2y <= 12, 3x + 2y + 2z <= 18: no constant, no integers, no ranges.
    static func textbook() -> Model {
        var model = Model(sense: .maximize)
        let x = model.addVariable(objective: 3, name: "x")
        let y = model.addVariable(objective: 5, name: "y")
        let z = model.addVariable(objective: 1, name: "z")
        model.addConstraint([(x, 1)], .atMost(4), name: "r1")
        model.addConstraint([(y, 2)], .atMost(12), name: "r2")
        model.addConstraint([(x, 3), (y, 2), (z, 2)], .atMost(18), name: "r3")
        return model
    }

    static let textbookMPS = """
        * Free MPS written by the planner's LinearProgramming module
        * 3 columns, 3 rows, 5 nonzeros
        NAME model
        OBJSENSE
            MAX
        ROWS
         N cost
         L r1
         L r2
         L r3
        COLUMNS
         x cost 3
         x r1 1
         x r3 3
         y cost 5
         y r2 2
         y r3 2
         z cost 1
         z r3 2
        RHS
         RHS r1 4
         RHS r2 12
         RHS r3 18
        BOUNDS
        ENDATA

        """

    static let textbookLP = """
        \\ CPLEX LP written by the planner's LinearProgramming module
        \\ 3 columns, 3 rows, 5 nonzeros
        Maximize
         cost: + 3 x + 5 y + 1 z
        Subject To
         r1: + 1 x <= 4
         r2: + 2 y <= 12
         r3: + 3 x + 2 y + 2 z <= 18
        Bounds
        End

        """

    /// A model with one variable of the given name, cost 1, in one row.
    static func single(named name: String) -> Model {
        var model = Model()
        let v = model.addVariable(upper: 1, objective: 1, name: name)
        model.addConstraint([(v, 1)], .atMost(1), name: "r")
        return model
    }
}

@Suite("Model export: golden files")
struct GoldenExportTests {
    @Test("Free MPS of the golden model, byte for byte")
    func goldenMPS() throws {
        #expect(try ModelExport.string(ExportFixtures.golden(), format: .mps) == ExportFixtures.goldenMPS)
    }

    @Test("CPLEX LP of the golden model, byte for byte")
    func goldenLP() throws {
        #expect(try ModelExport.string(ExportFixtures.golden(), format: .lp) == ExportFixtures.goldenLP)
    }

    @Test("Both formats of the textbook LP, byte for byte")
    func textbook() throws {
        #expect(try ModelExport.string(ExportFixtures.textbook(), format: .mps) == ExportFixtures.textbookMPS)
        #expect(try ModelExport.string(ExportFixtures.textbook(), format: .lp) == ExportFixtures.textbookLP)
    }

    @Test("The same model always gives the same bytes", arguments: ModelFormat.allCases)
    func deterministic(format: ModelFormat) throws {
        let first = try ModelExport.string(ExportFixtures.golden(), format: format)
        let second = try ModelExport.string(ExportFixtures.golden(), format: format)
        #expect(first == second)
    }

    @Test("Format names")
    func formatNames() {
        #expect(ModelFormat.allCases == [.mps, .lp])
        #expect(ModelFormat.mps.rawValue == "mps" && ModelFormat.lp.rawValue == "lp")
    }
}

@Suite("Model export: names")
struct ExportNameTests {
    @Test(
        "Names are made safe for MPS and LP readers",
        arguments: [
            ("x[potato-baked,1]", "x(potato_baked,1)"),
            ("plain", "plain"),
            ("CamelCase_09", "CamelCase_09"),
            ("!\"#$%&()/,.;?@_`'{}|~", "!\"#$%&()/,.;?@_`'{}|~"),
            // Characters outside the safe set become underscores.
            ("a:b", "a_b"), ("a+b", "a_b"), ("a*b", "a_b"), ("a<=b", "a__b"), ("a^b", "a_b"), ("a\\b", "a_b"),
            ("-", "_"),
            // A run of non-ASCII bytes becomes a single underscore (unless one precedes it).
            ("café", "caf_"), ("über", "_ber"), ("日本", "_"), ("naïve-ß", "na_ve_"),
            // Names may not start with a digit, a period or a dollar sign ...
            ("1st", "_1st"), (".5cup", "_.5cup"), ("$cost", "_$cost"), ("9", "_9"),
            // ... nor look like an exponent ...
            ("e5", "_e5"), ("E12x", "_E12x"), ("e", "e"), ("ex5", "ex5"),
            // ... nor be a keyword of either format, in any case.
            ("max", "_max"), ("Bounds", "_Bounds"), ("END", "_END"), ("st", "_st"), ("free", "_free"),
            ("Integer", "_Integer"), ("inf", "_inf"), ("RHS", "_RHS"), ("marker", "_marker"),
        ])
    func sanitised(name: String, expected: String) throws {
        let model = ExportFixtures.single(named: name)
        let mps = try ModelExport.string(model, format: .mps)
        #expect(mps.contains("\nCOLUMNS\n \(expected) cost 1\n \(expected) r 1\n"), "\(mps)")
        #expect(mps.contains("\n UP BND \(expected) 1\n"))
        let lp = try ModelExport.string(model, format: .lp)
        #expect(lp.contains("\n cost: + 1 \(expected)\n"), "\(lp)")
        #expect(lp.contains("\n 0 <= \(expected) <= 1\n"))
    }

    @Test("Names that collide after sanitising get numeric suffixes, in model order")
    func collisions() throws {
        var model = Model()
        let names = ["a-b", "a_b", "a[b]", "a(b)", "a_b~2", "cost"]
        let columns = names.map { model.addVariable(objective: 1, name: $0) }
        model.addConstraint(.atLeast(1), name: "a-b") { row in for column in columns { row.add(1, column) } }
        let lp = try ModelExport.string(model, format: .lp)
        // The objective row takes "cost" first; a_b~2 is taken by the second a_b before the
        // variable literally named so reaches it.
        #expect(lp.contains("\n cost: + 1 a_b + 1 a_b~2 + 1 a(b) + 1 a(b)~2 + 1 a_b~2~2 + 1 cost~2\n"), "\(lp)")
        // Constraint names share the pool.
        #expect(lp.contains("\n a_b~3: + 1 a_b"), "\(lp)")
    }

    @Test("Default names x<n> and r<n> give way to the names users chose")
    func defaultNames() throws {
        var model = Model()
        let unnamed = model.addVariable(objective: 1)
        let named = model.addVariable(objective: 1, name: "x1")
        model.addConstraint([(unnamed, 1), (named, 1)], .atLeast(1))
        model.addConstraint([(named, 1)], .atMost(3), name: "r1")
        let mps = try ModelExport.string(model, format: .mps)
        #expect(mps.contains("\nROWS\n N cost\n G r1\n L r1~2\nCOLUMNS\n x1 cost 1\n x1 r1 1\n x1~2 cost 1\n x1~2 r1 1\n x1~2 r1~2 1\n"), "\(mps)")
    }

    @Test("The constant column and the objective row never take a user's name")
    func reservedNames() throws {
        var model = Model()
        model.objectiveName = ""
        model.objectiveConstant = 1
        let v = model.addVariable(objective: 1, name: "objective_constant")
        let w = model.addVariable(objective: 1, name: "obj")
        model.addConstraint([(v, 1), (w, 1)], .atLeast(1))
        let lp = try ModelExport.string(model, format: .lp)
        // An empty objective name falls back to "obj", which is then taken before the columns.
        #expect(lp.contains("\n obj: + 1 objective_constant + 1 obj~2 + 1 objective_constant~2\n"), "\(lp)")
        #expect(lp.contains("\n objective_constant~2 = 1\n"))
        let mps = try ModelExport.string(model, format: .mps)
        #expect(mps.contains("\n objective_constant~2 obj 1\n"))
        #expect(mps.contains("\n FX BND objective_constant~2 1\n"))
    }

    @Test("The halves of a ranged row never take another row's name")
    func rangeHalves() throws {
        var model = Model()
        let x = model.addVariable(objective: 1, name: "x")
        model.addConstraint([(x, 1)], .between(1, 3), name: "band")
        model.addConstraint([(x, 1)], .atLeast(2), name: "band_lo")
        let lp = try ModelExport.string(model, format: .lp)
        #expect(lp.contains("\n band_lo~2: + 1 x >= 1\n band_hi: + 1 x <= 3\n band_lo: + 1 x >= 2\n"), "\(lp)")
    }
}

@Suite("Model export: numbers, layout and streaming")
struct ExportLayoutTests {
    @Test(
        "Numbers are written as the shortest text that reads back the same",
        arguments: [
            (1.0, "1"), (-3.0, "-3"), (0.5, "0.5"), (0.1, "0.1"), (1.0 / 3.0, "0.3333333333333333"),
            (1e-5, "1e-05"), (2.5e-100, "2.5e-100"), (123_456_789_012, "123456789012"),
            (999_999_999_999_999, "999999999999999"), (1.5e-7, "1.5e-07"),
            // At the largest accepted magnitude Swift's own spelling takes over.
            (1e15, "1000000000000000.0"), (-1e15, "-1000000000000000.0"),
            (0.30000000000000004, "0.30000000000000004"), (-0.0, "0"),
        ])
    func numbers(value: Double, text: String) throws {
        var model = Model()
        let v = model.addVariable(name: "v")
        model.addConstraint([(v, value)], .atMost(1), name: "r")
        let mps = try ModelExport.string(model, format: .mps)
        #expect(mps.contains("\n v r \(text)\n"), "\(mps)")
        #expect(Double(text) == value)
    }

    @Test("Long LP lines are wrapped after eight terms")
    func wrapping() throws {
        var model = Model()
        let columns = (1 ... 10).map { model.addVariable(objective: Double($0)) }
        model.addConstraint(.atMost(5), name: "all") { row in for column in columns { row.add(1, column) } }
        let lp = try ModelExport.string(model, format: .lp)
        let expected = """
            Minimize
             cost: + 1 x1 + 2 x2 + 3 x3 + 4 x4 + 5 x5 + 6 x6 + 7 x7 + 8 x8
                + 9 x9 + 10 x10
            Subject To
             all: + 1 x1 + 1 x2 + 1 x3 + 1 x4 + 1 x5 + 1 x6 + 1 x7 + 1 x8
                + 1 x9 + 1 x10 <= 5

            """
        #expect(lp.contains(expected), "\(lp)")
    }

    @Test("An objective without terms and an empty row still name a column")
    func emptyLinearForms() throws {
        var model = Model()
        model.addVariable(upper: 1, name: "only")
        model.addConstraint(.between(-1, 1), name: "empty") { _ in }
        let lp = try ModelExport.string(model, format: .lp)
        #expect(lp.contains("\n cost: + 0 only\n"))
        #expect(lp.contains("\n empty_lo: + 0 only >= -1\n empty_hi: + 0 only <= 1\n"))
        let mps = try ModelExport.string(model, format: .mps)
        // A column in no row and without cost still appears in COLUMNS.
        #expect(mps.contains("\nCOLUMNS\n only cost 0\nRHS\n RHS empty -1\nRANGES\n RNG empty 2\n"), "\(mps)")
    }

    @Test("Invalid models are not exported", arguments: ModelFormat.allCases)
    func invalidModel(format: ModelFormat) {
        var called = false
        #expect(throws: ModelError.emptyModel) {
            try ModelExport.write(Model(), format: format) { _ in called = true }
        }
        #expect(!called)
        var model = Model()
        model.addVariable(lower: 1, upper: 0, name: "bad")
        #expect(throws: ModelError.invalidVariableBounds(variable: "bad", lower: 1, upper: 0)) {
            try ModelExport.string(model, format: format)
        }
    }

    static func largeModel() -> Model {
        var model = Model()
        let columns = (0 ..< 2_000).map { model.addVariable(upper: Double($0 % 9 + 1), objective: Double($0 % 5)) }
        for r in 0 ..< 300 {
            model.addConstraint(.atMost(Double(r))) { row in
                for k in 0 ..< 500 { row.add(Double(k % 7 + 1), columns[(r * 13 + k * 4) % columns.count]) }
            }
        }
        return model
    }

    @Test("write streams large files in chunks of about 1 MiB", arguments: ModelFormat.allCases)
    func chunks(format: ModelFormat) throws {
        let model = Self.largeModel()
        var chunks: [[UInt8]] = []
        try ModelExport.write(model, format: format) { chunks.append(Array($0)) }
        #expect(chunks.count >= 2)
        for chunk in chunks.dropLast() {
            // A chunk is handed over as soon as a line takes it past 1 MiB.
            #expect(chunk.count >= 1 << 20 && chunk.count < (1 << 20) + 200)
            #expect(chunk.last == 10)
        }
        let joined = chunks.flatMap { $0 }
        #expect(String(decoding: joined, as: UTF8.self) == (try ModelExport.string(model, format: format)))
    }

    @Test("An error from the sink stops the export and reaches the caller", arguments: ModelFormat.allCases)
    func sinkError(format: ModelFormat) {
        var calls = 0
        #expect(throws: SinkFailure()) {
            try ModelExport.write(Self.largeModel(), format: format) { _ in
                calls += 1
                throw SinkFailure()
            }
        }
        #expect(calls == 1)
    }
}
