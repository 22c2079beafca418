import Foundation
import GLPK
import LinearProgramming
import Testing

struct RoundTripCase: Sendable, CustomTestStringConvertible {
    var name: String
    var build: @Sendable () -> Model
    var testDescription: String { name }
}

enum RoundTripModels {
    static let cases: [RoundTripCase] = [
        RoundTripCase(name: "textbook LP (max)", build: { Fixtures.textbook().model }),
        RoundTripCase(name: "ranges, equality, free, negative and fixed variables, constant (min)", build: {
            var model = Model(sense: .minimize)
            model.objectiveConstant = 7
            let f = model.addVariable(lower: -.infinity, upper: .infinity, objective: 1, name: "f")
            let n = model.addVariable(lower: -5, upper: 10, objective: 2, name: "n")
            let c = model.addVariable(lower: 3, upper: 3, objective: 4, name: "c")
            let m = model.addVariable(lower: -5, upper: 10, objective: 1, name: "m")
            model.addConstraint([(f, 1), (n, 1)], .between(2, 6), name: "range")
            model.addConstraint([(f, 1), (n, -1), (c, 1)], .equalTo(-4), name: "link")
            model.addConstraint([(m, 1), (n, 1)], .atLeast(-1), name: "floor")
            return model
        }),
        RoundTripCase(name: "upper-bounded column without lower bound, negative constant (max)", build: {
            var model = Model(sense: .maximize)
            model.objectiveConstant = -3.25
            let x = model.addVariable(objective: 1)
            let w = model.addVariable(lower: 2, upper: 2, objective: 2)
            let v = model.addVariable(lower: -.infinity, upper: -2, objective: 1)
            model.addConstraint([(x, 1), (w, 1)], .between(1, 5))
            // A free row, an empty row and a column that appears nowhere.
            model.addConstraint([(x, 1), (v, 1)], .free)
            model.addConstraint(.between(-1, 1)) { _ in }
            model.addVariable(lower: -1, upper: 1)
            return model
        }),
        RoundTripCase(name: "fractional data", build: {
            var model = Model(sense: .minimize)
            let a = model.addVariable(objective: 0.1, name: "a")
            let b = model.addVariable(upper: 1e-3 * 7, objective: -1.0 / 3.0, name: "b")
            model.addConstraint([(a, 0.3), (b, 1e-5)], .atLeast(0.7), name: "need")
            model.addConstraint([(a, 2.5e-2), (b, 12345.678)], .atMost(1e6), name: "cap")
            return model
        }),
        RoundTripCase(name: "knapsack MIP with names that need sanitising", build: {
            let foods = ["potato-baked", "rice[white]", "beans:black", "kale+", "tofu/firm", "oat-milk*",
                         "1st-choice", "max", "e5", "café", "dahl", ".5cup", "$special"]
            var model = Model(sense: .maximize)
            model.objectiveName = "value-total"
            let items = foods.enumerated().map { index, food in
                model.addVariable(kind: .binary, objective: Double(10 + 7 * index % 23), name: "x[\(food),1]")
            }
            model.addConstraint(.atMost(40), name: "weight-limit") { row in
                for (index, item) in items.enumerated() { row.add(Double(3 + 5 * index % 11), item) }
            }
            model.addConstraint(.atMost(5), name: "count<=5") { row in
                for item in items { row.add(1, item) }
            }
            return model
        }),
        RoundTripCase(name: "names that collide after sanitising", build: {
            var model = Model(sense: .minimize)
            // Unnamed columns are x<position>, which may collide with a user's name ("x1" below).
            let unnamed = model.addVariable(lower: 2, upper: 3, objective: -1)
            let names = ["a-b", "a_b", "a[b]", "a(b)", "a_b~2", "x1", "cost", "objective_constant", "$bonus"]
            let columns = names.map { model.addVariable(lower: 1, upper: 4, objective: 1, name: $0) }
            model.objectiveConstant = 1.5
            model.addConstraint(.atLeast(10), name: "r1") { row in
                for column in columns { row.add(1, column) }
                row.add(1, unnamed)
            }
            model.addConstraint([(columns[0], 1), (columns[1], -1)], .atMost(0.5))
            model.addConstraint([(columns[2], 1), (columns[3], 1)], .equalTo(5), name: "r2")
            return model
        }),
        RoundTripCase(name: "general integers with negative bounds (max)", build: {
            var model = Model(sense: .maximize)
            let x = model.addVariable(lower: -3, upper: 7, kind: .integer, objective: 5, name: "x")
            let y = model.addVariable(lower: -.infinity, upper: 4, kind: .integer, objective: 4, name: "y")
            let z = model.addVariable(lower: -2, upper: .infinity, kind: .integer, objective: -1, name: "z")
            let b = model.addVariable(lower: 1, upper: 5, kind: .binary, objective: 2, name: "b")
            let c = model.addVariable(lower: 0.5, upper: 2.5, objective: 1.5, name: "c")
            model.addConstraint([(x, 6), (y, 4), (c, 1)], .atMost(24.5))
            model.addConstraint([(x, 1), (y, 2), (z, -1)], .between(-3, 6))
            model.addConstraint([(y, 1), (z, 1), (b, 1)], .atLeast(-1))
            return model
        }),
        RoundTripCase(name: "random LP, 60 columns (wrapped LP lines)", build: { Fixtures.randomLP(seed: 7) }),
        RoundTripCase(name: "random MIP", build: { Fixtures.randomMIP(seed: 11) }),
        RoundTripCase(name: "40-item knapsack", build: { Fixtures.fortyItemKnapsack().model }),
    ]
}

/// glpsol 5.0 has no OBJSENSE section in MPS (it rejects it as an invalid indicator record);
/// its `--max` flag says the same thing, so a maximisation drops the two lines and passes the flag.
func glpsolInput(_ text: String, format: ModelFormat) -> (text: String, arguments: [String]) {
    let formatFlag = format == .mps ? "--freemps" : "--lp"
    let objsense = "OBJSENSE\n    MAX\n"
    if format == .mps, text.contains(objsense) {
        return (text.replacingOccurrences(of: objsense, with: ""), ["--max", formatFlag])
    }
    return (text, [formatFlag])
}

@Suite("Exported files solved by glpsol", .enabled(if: Glpsol.shouldRun, "glpsol is not installed (set CI to make this a failure)"))
struct ExportRoundTripTests {
    @Test("glpsol finds GLPKSolver's optimum in the exported MPS and LP files", arguments: RoundTripModels.cases, ModelFormat.allCases)
    func roundTrip(_ example: RoundTripCase, format: ModelFormat) throws {
        let model = example.build()
        let solution = try GLPKSolver().solve(model)
        #expect(solution.status == .optimal)
        let objective = try #require(solution.objectiveValue)

        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent(format == .mps ? "model.mps" : "model.lp")
        let (text, arguments) = glpsolInput(try ModelExport.string(model, format: format), format: format)
        try text.write(to: file, atomically: true, encoding: .utf8)

        let result = try Glpsol.solve(file: file, arguments: arguments)
        #expect(result.status == (model.isMixedInteger ? "INTEGER OPTIMAL" : "OPTIMAL"), "\(result.output)")
        let glpsolObjective = try #require(result.objective, "no objective in glpsol's output:\n\(result.output)")
        #expect(abs(glpsolObjective - objective) <= 1e-6 * max(1, abs(objective)), "glpsol \(glpsolObjective) vs \(objective)")
    }

    @Test("Infeasibility survives the round trip", arguments: ModelFormat.allCases)
    func infeasibleRoundTrip(format: ModelFormat) throws {
        var model = Model()
        let x = model.addVariable(lower: -1, upper: 1, objective: 1, name: "x")
        let y = model.addVariable(lower: -1, upper: 1, objective: 1, name: "y")
        model.addConstraint([(x, 1), (y, 1)], .between(2.5, 3), name: "reach")
        #expect(try GLPKSolver().solve(model).status == .infeasible)

        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent(format == .mps ? "model.mps" : "model.lp")
        let (text, arguments) = glpsolInput(try ModelExport.string(model, format: format), format: format)
        try text.write(to: file, atomically: true, encoding: .utf8)
        // Without --nopresol glpsol stops at "PROBLEM HAS NO PRIMAL FEASIBLE SOLUTION" with an
        // undefined status; the simplex method proper reports the final infeasibility.
        let result = try Glpsol.solve(file: file, arguments: ["--nopresol"] + arguments)
        #expect(result.status == "INFEASIBLE (FINAL)", "\(result.output)")
    }

    @Test("ModelExport.write streams the same bytes as ModelExport.string into a file", arguments: ModelFormat.allCases)
    func writeToFile(format: ModelFormat) throws {
        let model = Fixtures.randomMIP(seed: 3)
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("model.\(format.rawValue)")
        #expect(FileManager.default.createFile(atPath: file.path, contents: nil))
        let handle = try FileHandle(forWritingTo: file)
        try ModelExport.write(model, format: format) { chunk in handle.write(Data(chunk)) }
        try handle.close()
        let written = try String(contentsOf: file, encoding: .utf8)
        #expect(written == (try ModelExport.string(model, format: format)))

        let result = try Glpsol.solve(file: file, arguments: [format == .mps ? "--freemps" : "--lp"])
        #expect(result.status == "INTEGER OPTIMAL")
        #expect(isClose(result.objective, try #require(try GLPKSolver().solve(model).objectiveValue)))
    }
}
