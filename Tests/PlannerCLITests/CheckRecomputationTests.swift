import Foundation
import MealPlanning
import PlanReports
import Testing
import TestSupport
@testable import PlannerCLI

/// A saved plan as JSON values, with a way to read and change any value by its path.
struct PlanDocument {
    enum Step: Hashable, CustomStringConvertible {
        case key(String)
        case index(Int)
        var description: String {
            switch self {
            case .key(let key): return ".\(key)"
            case .index(let index): return "[\(index)]"
            }
        }
    }

    typealias Path = [Step]

    var root: [String: Any]

    init(_ data: Data) throws {
        root = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    var data: Data { (try? JSONSerialization.data(withJSONObject: root, options: [.prettyPrinted, .sortedKeys])) ?? Data() }

    static func text(_ path: Path) -> String { String(path.map(\.description).joined().dropFirst()) }

    subscript(_ path: Path) -> Any? {
        get { Self.value(root, path[...]) }
        set { root = Self.setting(root, path[...], newValue ?? NSNull()) as? [String: Any] ?? root }
    }

    subscript(_ path: Step...) -> Any? {
        get { self[path] }
        set { self[path] = newValue }
    }

    subscript(_ key: String) -> Any? { root[key] }

    func number(_ path: Step...) -> Double? { Self.double(self[path]) }

    /// A number as the planner reads it: Foundation may parse long numbers as decimals, whose
    /// `doubleValue` is not the nearest Double; their text is exact.
    static func double(_ value: Any?) -> Double? {
        guard let number = value as? NSNumber else { return nil }
        if let decimal = number as? NSDecimalNumber, let exact = Double(decimal.stringValue) { return exact }
        return number.doubleValue
    }
    func string(_ path: Step...) -> String? { self[path] as? String }

    private static func value(_ node: Any, _ path: ArraySlice<Step>) -> Any? {
        guard let first = path.first else { return node }
        switch first {
        case .key(let key): return (node as? [String: Any])?[key].flatMap { value($0, path.dropFirst()) }
        case .index(let index):
            guard let list = node as? [Any], list.indices.contains(index) else { return nil }
            return value(list[index], path.dropFirst())
        }
    }

    /// `node` with the value at `path` replaced; `NSNull` as the last step's value of a key
    /// that is removed (`remove` below) is not needed: a value of `Removed` removes the key.
    private static func setting(_ node: Any, _ path: ArraySlice<Step>, _ newValue: Any) -> Any {
        guard let first = path.first else { return newValue }
        switch first {
        case .key(let key):
            var object = node as? [String: Any] ?? [:]
            let updated = setting(object[key] ?? NSNull(), path.dropFirst(), newValue)
            if updated is Removed { object[key] = nil } else { object[key] = updated }
            return object
        case .index(let index):
            var list = node as? [Any] ?? []
            guard list.indices.contains(index) else { return list }
            let updated = setting(list[index], path.dropFirst(), newValue)
            if updated is Removed { list.remove(at: index) } else { list[index] = updated }
            return list
        }
    }

    /// Put as a value, removes the key or list element.
    final class Removed {}

    /// Every number of the document outside the request (the plan's input), with its path.
    func numbers() -> [(path: Path, value: Double)] {
        var found: [(Path, Double)] = []
        func walk(_ node: Any, _ path: Path) {
            switch node {
            case let object as [String: Any]:
                for key in object.keys.sorted() where !(path.isEmpty && ["request", "schemaVersion", "seconds"].contains(key)) {
                    walk(object[key]!, path + [.key(key)])
                }
            case let list as [Any]:
                for (index, element) in list.enumerated() { walk(element, path + [.index(index)]) }
            case let number as NSNumber:
                if String(cString: number.objCType) != "c", type(of: node) != Bool.self, let value = Self.double(number) { found.append((path, value)) }
            default: break
            }
        }
        walk(root, [])
        return found
    }
}

/// The default week for a woman on the bundled table, saved as JSON by the planner itself, and
/// the bundled table it was planned on.
enum RealWeek {
    static let saved: Result<Data, any Error> = {
        Result {
            let fixture = try BinaryFixture()
            // A generous time limit: the search effort is fixed, the limit only guards a loaded machine.
            let run = try fixture.run(["--sex", "female", "--time-limit", "900", "--format", "json", "-o", "week.json"])
            guard run.status == 0 else { throw CocoaError(.fileReadUnknown, userInfo: [NSDebugDescriptionErrorKey: run.stderr]) }
            return try Data(contentsOf: URL(fileURLWithPath: fixture.path("week.json")))
        }
    }()

    static let table: Result<FoodTable, any Error> = Result { try FoodTableOptions.parse([]).load() }

    static func data() throws -> Data { try saved.get() }
    static func document() throws -> PlanDocument { try PlanDocument(data()) }
}

/// `planner check` recomputes every number a saved plan states: each kind of number, edited in
/// a real saved week, is caught with a message that names it, and exit code 12.
@Suite("check recomputes what a plan states")
struct CheckRecomputationTests {
    /// `planner check tampered.json` on the edited document.
    func check(_ document: PlanDocument) throws -> PlannerRun {
        let fixture = try BinaryFixture()
        try document.data.write(to: URL(fileURLWithPath: fixture.path("tampered.json")))
        return try fixture.run(["check", "tampered.json"])
    }

    /// The file's number as the messages write it.
    static func text(_ value: Double?) -> String { value.map(\.cleanText) ?? "null" }

    /// Checks that the edited document is rejected with exactly these lines.
    func expectRejected(_ document: PlanDocument, _ lines: [String], sourceLocation: SourceLocation = #_sourceLocation) throws {
        let run = try check(document)
        #expect(run.status == 12, "\(run.stderr)", sourceLocation: sourceLocation)
        #expect(run.stdout == lines.map { "tampered.json: \($0)\n" }.joined(), sourceLocation: sourceLocation)
        #expect(run.stderr == "Error: tampered.json makes \(lines.count) statement(s) that its items do not bear out\n", sourceLocation: sourceLocation)
    }

    /// The index of the first item of a recipe, and of a plain food with a serving weight.
    static func itemIndex(_ document: PlanDocument, recipe: Bool) throws -> Int {
        let items = try #require(document["items"] as? [[String: Any]])
        return try #require(items.firstIndex { ($0["recipe"] is NSNull) != recipe && $0["grams"] is NSNumber })
    }

    static func itemLabel(_ document: PlanDocument, _ index: Int) -> String {
        let day = Int(document.number(.key("items"), .index(index), .key("day")) ?? 0)
        let meal = document.string(.key("items"), .index(index), .key("meal")) ?? ""
        let id = document.string(.key("items"), .index(index), .key("foodId")) ?? ""
        return "items[\(index)] (day \(day) \(meal), \(id))"
    }

    static func targetIndex(_ document: PlanDocument, _ nutrient: String) throws -> Int {
        let targets = try #require(document["targets"] as? [[String: Any]])
        return try #require(targets.firstIndex { $0["nutrient"] as? String == nutrient && $0["per"] as? String == "day" })
    }

    @Test("an untampered plan holds")
    func untampered() throws {
        let document = try RealWeek.document()
        let items = try #require(document["items"] as? [Any])
        let fixture = try BinaryFixture()
        try RealWeek.data().write(to: URL(fileURLWithPath: fixture.path("week.json")))
        let run = try fixture.run(["check", "week.json"])
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        #expect(run.stdout == "week.json: the plan holds: \(items.count) portions over 7 day(s), every rule met, every number as its items give it.\n")
        #expect(run.stderr.isEmpty)
        // Read back and written again, the document still holds (numbers survive the round trip).
        let again = try PlanDocument(document.data)
        let check = try SavedPlanCheck(again.data, fileName: "week.json", table: RealWeek.table.get())
        #expect(check.holds, "\(check.violations + check.mismatches)")
    }

    @Test("daily totals: a nutrient, the weight, the cost, the day")
    func dailyTotals() throws {
        let original = try RealWeek.document()
        var document = original
        let potassium = try #require(original.number(.key("dailyTotals"), .index(2), .key("nutrients"), .key("potassium_mg")))
        document[.key("dailyTotals"), .index(2), .key("nutrients"), .key("potassium_mg")] = 2900
        try expectRejected(document, ["day 3 totals potassium_mg: file says 2900, the items give \(Self.text(potassium))"])

        document = original
        let grams = try #require(original.number(.key("dailyTotals"), .index(0), .key("grams")))
        document[.key("dailyTotals"), .index(0), .key("grams")] = grams + 100
        try expectRejected(document, ["day 1 totals grams: file says \(Self.text(grams + 100)), the items give \(Self.text(grams))"])

        document = original
        let cost = try #require(original.number(.key("dailyTotals"), .index(6), .key("cost")))
        document[.key("dailyTotals"), .index(6), .key("cost")] = 1.5
        try expectRejected(document, ["day 7 totals cost: file says 1.5, the items give \(Self.text(cost))"])

        document = original
        document[.key("dailyTotals"), .index(1), .key("day")] = 5
        try expectRejected(document, ["dailyTotals[1] day: file says 5, its place in the list gives 2"])
    }

    @Test("items: grams, a nutrient, the cost, the household amount")
    func items() throws {
        let original = try RealWeek.document()
        let index = try Self.itemIndex(original, recipe: false)
        let label = Self.itemLabel(original, index)
        func item(_ key: String) -> [PlanDocument.Step] { [.key("items"), .index(index), .key(key)] }
        var document = original
        let grams = try #require(original.number(.key("items"), .index(index), .key("grams")))
        document[item("grams")] = grams * 2
        try expectRejected(document, ["\(label) grams: file says \(Self.text(grams * 2)), the food table gives \(Self.text(grams))"])

        document = original
        let potassium = try #require(original.number(.key("items"), .index(index), .key("nutrients"), .key("potassium_mg")))
        document[.key("items"), .index(index), .key("nutrients"), .key("potassium_mg")] = potassium + 1
        try expectRejected(document, ["\(label) potassium_mg: file says \(Self.text(potassium + 1)), the food table gives \(Self.text(potassium))"])

        document = original
        let cost = try #require(original.number(.key("items"), .index(index), .key("cost")))
        document[item("cost")] = 0
        try expectRejected(document, ["\(label) cost: file says 0, the food table gives \(Self.text(cost))"])

        document = original
        let household = try #require(original.string(.key("items"), .index(index), .key("household")))
        let servings = try #require(original.number(.key("items"), .index(index), .key("servings")))
        document[item("household")] = "9 cups"
        try expectRejected(document, ["\(label) household: file says \"9 cups\", \(Self.text(servings)) servings are \"\(household)\""])
    }

    @Test("items: a recipe's servings and an ingredient's grams")
    func recipes() throws {
        let original = try RealWeek.document()
        let index = try Self.itemIndex(original, recipe: true)
        let label = Self.itemLabel(original, index)
        var document = original
        let grams = try #require(original.number(.key("items"), .index(index), .key("recipe"), .key("ingredients"), .index(0), .key("grams")))
        document[.key("items"), .index(index), .key("recipe"), .key("ingredients"), .index(0), .key("grams")] = grams + 10
        try expectRejected(document, ["\(label) recipe ingredients[0] grams: file says \(Self.text(grams + 10)), the recipes give \(Self.text(grams))"])

        document = original
        let servings = try #require(original.number(.key("items"), .index(index), .key("recipe"), .key("servings")))
        document[.key("items"), .index(index), .key("recipe"), .key("servings")] = servings + 1
        try expectRejected(document, ["\(label) recipe servings: file says \(Self.text(servings + 1)), the recipes give \(Self.text(servings))"])
    }

    @Test("targets: a day's value, met, the margin and its day, the bound")
    func targets() throws {
        let original = try RealWeek.document()
        let index = try Self.targetIndex(original, "potassium_mg")
        func target(_ steps: PlanDocument.Step...) -> [PlanDocument.Step] { [.key("targets"), .index(index)] + steps }
        var document = original
        let value = try #require(PlanDocument.double(original[target(.key("values"), .index(2))]))
        document[target(.key("values"), .index(2))] = value - 500
        try expectRejected(document, ["target potassium_mg per day values[2] (day 3): file says \(Self.text(value - 500)), the items give \(Self.text(value))"])

        document = original
        document[target(.key("met"))] = false
        try expectRejected(document, ["target potassium_mg per day met: file says false, the items give true"])

        document = original
        let margin = try #require(PlanDocument.double(original[target(.key("tightestMargin"))]))
        document[target(.key("tightestMargin"))] = margin + 1
        try expectRejected(document, ["target potassium_mg per day tightestMargin: file says \(Self.text(margin + 1)), the items give \(Self.text(margin))"])

        // The tightest day moved to the day with the largest margin.
        document = original
        let day = try #require(PlanDocument.double(original[target(.key("tightestDay"))]))
        let values = try #require((original[target(.key("values"))] as? [Any])?.compactMap(PlanDocument.double))
        let loosest = values.indices.max { values[$0] < values[$1] }!
        document[target(.key("tightestDay"))] = loosest + 1
        try expectRejected(document, ["target potassium_mg per day tightestDay: file says \(loosest + 1), the items give \(Self.text(day))"])

        document = original
        document[target(.key("min"))] = 2000
        try expectRejected(document, ["target potassium_mg per day min: file says 2000, the request gives 2600"])
    }

    @Test("cost: the total, a day, the average")
    func cost() throws {
        let original = try RealWeek.document()
        var document = original
        let total = try #require(original.number(.key("cost"), .key("total")))
        document[.key("cost"), .key("total")] = 25
        try expectRejected(document, ["cost total: file says 25, the items give \(Self.text(total))"])

        document = original
        let day = try #require(original.number(.key("cost"), .key("perDay"), .index(3)))
        document[.key("cost"), .key("perDay"), .index(3)] = day - 1
        try expectRejected(document, ["cost day 4: file says \(Self.text(day - 1)), the items give \(Self.text(day))"])

        document = original
        let average = try #require(original.number(.key("cost"), .key("averagePerDay")))
        document[.key("cost"), .key("averagePerDay")] = 3.5
        try expectRejected(document, ["cost averagePerDay: file says 3.5, the items give \(Self.text(average))"])
    }

    @Test("shopping list: servings, grams, household amount, what to buy, cost, total, a line left out")
    func shoppingList() throws {
        let original = try RealWeek.document()
        let lines = try #require(original[.key("shoppingList"), .key("lines")] as? [[String: Any]])
        let index = try #require(lines.firstIndex { $0["grams"] is NSNumber && $0["cost"] is NSNumber })
        let id = try #require(lines[index]["foodId"] as? String)
        func line(_ key: String) -> [PlanDocument.Step] { [.key("shoppingList"), .key("lines"), .index(index), .key(key)] }
        let servings = try #require(PlanDocument.double(lines[index]["servings"]))
        for (key, value, source) in [("servings", servings + 0.5, "the items give"), ("grams", 1, "the items give"), ("cost", 99, "the items give")] {
            var document = original
            document[line(key)] = value
            let expected = try #require(PlanDocument.double(lines[index][key]))
            try expectRejected(document, ["shopping list \(id) \(key): file says \(Self.text(value)), \(source) \(Self.text(expected))"])
        }
        for key in ["household", "purchase"] {
            var document = original
            document[line(key)] = "a sack"
            let expected = try #require(lines[index][key] as? String)
            try expectRejected(document, ["shopping list \(id) \(key): file says \"a sack\", the items give \"\(expected)\""])
        }
        var document = original
        let total = try #require(original.number(.key("shoppingList"), .key("totalCost")))
        document[.key("shoppingList"), .key("totalCost")] = total + 2
        try expectRejected(document, ["shopping list totalCost: file says \(Self.text(total + 2)), the items give \(Self.text(total))"])

        document = original
        document[.key("shoppingList"), .key("lines"), .index(index)] = PlanDocument.Removed()
        try expectRejected(document, ["shopping list \(id): missing from the file, the items buy \(Self.text(servings)) servings"])
    }

    @Test("objective: the value, the gap, a bound above the value")
    func objective() throws {
        let original = try RealWeek.document()
        let check = try SavedPlanCheck(RealWeek.data(), fileName: "week.json", table: RealWeek.table.get())
        let items = try #require(PlanStatements(table: RealWeek.table.get(), request: check.saved.request, items: check.items).objective)
        let recomputed = NumberText4.text(items)
        var document = original
        document[.key("objective"), .key("value")] = 29
        try expectRejected(document, ["objective value: file says 29, the items give \(recomputed)"])

        document = original
        let gap = try #require(original.number(.key("objective"), .key("gap")))
        document[.key("objective"), .key("gap")] = 0.5
        try expectRejected(document, ["objective gap: file says 0.5, the objective and the bound give \(Self.text(gap))"])

        // A bound above the plan's value: the gap and the text no longer follow from it either.
        document = original
        document[.key("objective"), .key("bound")] = 31
        let text = try #require(original.string(.key("objective"), .key("text")))
        let value = try #require(original.number(.key("objective"), .key("value")))
        let valueText = "$" + String(format: "%.2f", value)
        try expectRejected(document, [
            "objective bound: file says 31, above the plan's objective \(recomputed): a proven bound is never worse than a plan",
            "objective gap: file says \(Self.text(gap)), the objective and the bound give 0",
            "objective text: file says \"\(text)\", the items and the bound give \"\(valueText) per week, the best possible (bound $31.00)\"",
        ])
    }

    @Test("the explanation: a rule's amount, a food's price, a food the plan holds")
    func explanation() throws {
        let original = try RealWeek.document()
        let rules = try #require(original["bindingRules"] as? [[String: Any]])
        try #require(!rules.isEmpty)
        let unit = try #require(rules[0]["unit"] as? String)
        let amount = try #require(PlanDocument.double(rules[0]["amount"]))
        var document = original
        document[.key("bindingRules"), .index(0), .key("amount")] = amount + 1
        try expectRejected(document, ["bindingRules[0] amount: file says \(Self.text(amount + 1)), explanations of \(unit) speak of \(Self.text(amount))"])

        document = original
        let ruleText = try #require(rules[0]["text"] as? String)
        document[.key("bindingRules"), .index(0), .key("objectiveChange")] = -99
        let run = try check(document)
        #expect(run.status == 12)
        let saving = try #require(ruleText.range(of: "would save $"))
        let expected = ruleText[..<saving.lowerBound] + "would save $99.00 a week"
        try expectRejected(document, ["bindingRules[0] text: file says \"\(ruleText)\", its numbers give \"\(expected)\""])

        let foods = try #require(original["marginalFoods"] as? [[String: Any]])
        try #require(!foods.isEmpty)
        let id = try #require(foods[0]["foodId"] as? String)
        let price = try #require(PlanDocument.double(foods[0]["pricePerServing"]))
        document = original
        document[.key("marginalFoods"), .index(0), .key("pricePerServing")] = price + 1
        try expectRejected(document, ["marginalFoods[0] (\(id)) pricePerServing: file says \(Self.text(price + 1)), the food table gives \(Self.text(price))"])

        // A food of the plan said to be close to entering it.
        let planned = try #require(original.string(.key("items"), .index(0), .key("foodId")))
        document = original
        var food = foods[0]
        food["foodId"] = planned
        food["foodName"] = original.string(.key("items"), .index(0), .key("foodName"))
        document[.key("marginalFoods"), .index(0)] = food
        let held = try check(document)
        #expect(held.status == 12)
        #expect(held.stdout.hasPrefix("tampered.json: marginalFoods[0] (\(planned)): said to be close to entering the plan, but the plan holds it\n"), "\(held.stdout)")
    }

    @Test("the header: days and the profile")
    func header() throws {
        let original = try RealWeek.document()
        var document = original
        document[.key("days")] = 6
        try expectRejected(document, ["days: file says 6, the request gives 7"])
        document = original
        document[.key("profile"), .key("age")] = 31
        try expectRejected(document, ["profile age: file says 31, the request gives 30"])
    }

    @Test("an item's servings edited: the rules and the item's numbers disagree")
    func servings() throws {
        let original = try RealWeek.document()
        let index = try Self.itemIndex(original, recipe: false)
        let label = Self.itemLabel(original, index)
        let servings = try #require(original.number(.key("items"), .index(index), .key("servings")))
        let grams = try #require(original.number(.key("items"), .index(index), .key("grams")))
        var document = original
        document[.key("items"), .index(index), .key("servings")] = servings + 0.25
        let run = try check(document)
        #expect(run.status == 12)
        #expect(run.stdout.contains("tampered.json: day \(Int(original.number(.key("items"), .index(index), .key("day"))!)): "), "\(run.stdout)")
        let newGrams = grams / servings * (servings + 0.25)
        #expect(run.stdout.contains("tampered.json: \(label) grams: file says \(Self.text(grams)), the food table gives \(NumberText4.text(newGrams))\n"),
                "\(run.stdout)")
        #expect(run.stderr.hasPrefix("Error: tampered.json breaks "))
        #expect(run.stderr.contains(" rule(s) and makes "))
    }

    /// Random numbers of the saved week edited, one at a time: every edit beyond the precision
    /// the number is written with is caught (a mismatch, a broken rule, or a file that no longer
    /// reads), and none makes the check crash.
    @Test("fuzz: 200 random edits of the saved week's numbers")
    func fuzz() throws {
        let data = try RealWeek.data()
        let table = try RealWeek.table.get()
        let original = try PlanDocument(data)
        let numbers = original.numbers()
        try #require(numbers.count > 1000)
        // Each kind of number (its path without list positions and nutrient keys) as likely as
        // another, so that the thousands of item nutrients do not crowd out the rest.
        var kinds: [String: [(path: PlanDocument.Path, value: Double)]] = [:]
        for number in numbers { kinds[Self.kind(number.path), default: []].append(number) }
        let kindNames = kinds.keys.sorted()
        try #require(kindNames.count >= 30, "\(kindNames)")
        let objective = try #require(original.number(.key("objective"), .key("value")))
        var generator = SplitMix64(seed: 20_251_201)
        var beyond = 0, caught = 0, within = 0
        var missed: [String] = []
        for number in 0 ..< 200 {
            let (path, value) = generator.pick(kinds[generator.pick(kindNames)]!)
            let name = PlanDocument.text(path)
            let integer = Self.isInteger(path)
            var tampered = value
            while tampered == value {
                switch generator.below(4) {
                case 0: tampered = integer ? value + Double(generator.pick([-2, -1, 1, 2, 3])) : value * generator.pick([0.5, 0.9, 0.99, 0.999, 1.001, 1.01, 1.1, 2])
                case 1: tampered = value + (integer ? 1 : generator.pick([-1, 1]) * generator.pick([1e-6, 1e-5, 1.5e-4, 1e-3, 0.01, 0.1, 1, 10, 100]))
                case 2: tampered = 0
                default: tampered = -value
                }
                if value == 0 && tampered == 0 { tampered = integer ? 1 : 0.5 }
            }
            var document = original
            document[path] = tampered
            let delta = abs(tampered - value)
            let isBeyond = Self.beyondTolerance(path, delta: delta, original: original, tampered: tampered, objective: objective)
            let verdict: Bool
            do {
                verdict = try !SavedPlanCheck(document.data, fileName: "fuzz.json", table: table).holds
            } catch is SavedPlanError {
                verdict = true
            }
            if isBeyond {
                beyond += 1
                if verdict { caught += 1 } else { missed.append("case \(number): \(name) \(value) -> \(tampered)") }
            } else {
                within += 1
            }
        }
        #expect(missed.isEmpty, "\(missed.joined(separator: "\n"))")
        #expect(beyond == caught)
        #expect(beyond + within == 200)
        #expect(beyond >= 150, "only \(beyond) of 200 edits beyond tolerance")
        print("check fuzz: \(beyond) of 200 edits beyond tolerance, \(caught) caught; \(within) within tolerance; \(kindNames.count) kinds of number")
    }

    /// `items[].nutrients.*`: a path without its list positions and nutrient keys.
    static func kind(_ path: PlanDocument.Path) -> String {
        var text = ""
        for (index, step) in path.enumerated() {
            switch step {
            case .index: text += "[]"
            case .key(let key): text += index > 0 && path[index - 1] == .key("nutrients") ? ".*" : ".\(key)"
            }
        }
        return text
    }

    /// Numbers that are whole by nature: days, counts, a recipe's servings.
    static func isInteger(_ path: PlanDocument.Path) -> Bool {
        guard case .key(let last)? = path.last else {
            // A list element: a day's value of a target or a cost is not whole.
            return false
        }
        return ["day", "days", "age", "tightestDay"].contains(last) || (last == "servings" && path.contains(.key("recipe")))
    }

    /// Whether an edit is beyond twice the precision the number is written with (so that the
    /// true value, within the precision of the written one, is beyond it too), or changes a
    /// statement that stays true (a tightest day moved to a day as tight).
    static func beyondTolerance(_ path: PlanDocument.Path, delta: Double, original: PlanDocument, tampered: Double, objective: Double) -> Bool {
        let keys = path.compactMap { step -> String? in if case .key(let key) = step { return key }; return nil }
        let last = keys.last ?? ""
        if isInteger(path) {
            guard last == "tightestDay", case .index(let target)? = path.dropLast().last else { return delta >= 1 }
            // Another day counts only when its margin is not (about) as tight.
            guard let values = original[.key("targets"), .index(target), .key("values")] as? [Any],
                  tampered >= 1, Int(tampered) <= values.count,
                  let old = PlanDocument.double(original[.key("targets"), .index(target), .key("tightestDay")]), old >= 1,
                  let a = PlanDocument.double(values[Int(old) - 1]), let b = PlanDocument.double(values[Int(tampered) - 1])
            else { return true }
            return abs(a - b) > 1e-3
        }
        switch last {
        case "value" where keys == ["objective", "value"]: return delta > 2e-6 * max(1, abs(objective))
        case "bound": return delta > 1.01e-4 * max(1, abs(objective))
        case "objectiveChange", "reducedCostPerServing": return delta > 0.0101
        case "servings" where keys.first == "items": return delta > 2e-5
        case "servings", "min", "max", "amount": return delta > 2e-9 * max(1, abs(tampered))
        case "grams" where keys.contains("ingredients"): return delta > 2e-9 * max(1, abs(tampered))
        default: return delta > 1.01e-4 + 2e-9 * max(1, abs(tampered))
        }
    }
}

/// Numbers as `check` writes the recomputed ones: to 4 decimals, in the shortest form.
enum NumberText4 {
    static func text(_ value: Double) -> String { ((value * 10_000).rounded() / 10_000).cleanText }
}
