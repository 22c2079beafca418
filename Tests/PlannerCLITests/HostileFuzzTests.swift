import ArgumentParser
import Foundation
import MealPlanning
import Testing
import TestSupport
@testable import PlannerCLI

// Seeded fuzz tests of hostile but well-formed input, on top of FuzzTests' generators: extreme
// magnitudes in every numeric column of a food table, in every numeric flag and request key;
// lists with repeated entries; pairs of rules that contradict each other. The oracles:
// - a table loads only with every value in its column's range (checked here independently of
//   FoodValueRange), or fails with one `FILE:LINE:COLUMN: message` line;
// - a contradictory pair never reaches a solver: the request is refused with one line that
//   names both sides;
// - through the executable, every case ends with exit 0, 10, 11, 64, 65 or 66 (never 70, never a
//   signal), exactly one error line on stderr, and within its time limit + 5 s.

// MARK: - Generators

enum HostileFuzz {
    /// Magnitudes from the smallest Double to the largest finite ones, around every floor and ceiling.
    static let extremes = [
        "1e-300", "-1e-300", "5e-324", "4.9e-324", "1e-12", "1e-7", "9.99e-7", "0.000001", "1e-6", "0.00001", "0.009", "0.01",
        "0", "-0", "1", "2", "20", "20.000001", "21", "909", "909.01", "5000", "5000.1", "10000", "10001", "45450", "45451",
        "100000", "1e6", "1000001", "1e7", "1e9", "1e11", "999999999999", "1e12", "1000000000000.5", "1e15", "1e300",
        "1.7976931348623157e308", "-1", "-1e6", "-1000001", "-1e12",
    ]
    static let integerExtremes = ["0", "1", "2", "-1", "3", "28", "29", "1000", "1001", "100000", "100001", "1000000000", "9223372036854775807"]

    /// The small table as cells, with columns added so that every kind of numeric column is
    /// there: food-pattern equivalents, a custom column with a unit and one without, and the
    /// minimum portion and amount per carrier.
    static let smallDraft: CSVDraft = {
        let lines = SmallTable.csv.split(separator: "\n").map { cells(String($0)) }
        let extra = ["fruit_cup_eq", "folate_ug", "pral", "min_servings", "max_per_carrier"]
        let values = ["0.5", "20", "-2.5", "", ""]
        return CSVDraft(header: lines[0] + extra, rows: lines.dropFirst().map { $0 + values })
    }()

    static let numericColumns = [
        "serving_qty", "serving_g", "kcal", "protein_g", "fat_g", "carbs_g", "fiber_g", "sugars_g", "added_sugars_g", "potassium_mg",
        "sodium_mg", "calcium_mg", "magnesium_mg", "price_usd", "max_servings_per_meal", "fruit_cup_eq", "folate_ug", "pral",
        "min_servings", "max_per_carrier",
    ]

    /// The fields of one CSV line whose quoted fields hold no quotes (as the small table's).
    static func cells(_ line: String) -> [String] {
        var result: [String] = [], current = "", quoted = false
        for character in line {
            if character == "\"" { quoted.toggle() } else if character == "," && !quoted { result.append(current); current = "" } else { current.append(character) }
        }
        result.append(current)
        return result
    }

    /// A table with extreme values: a few cells, or a whole column (every food's potassium at
    /// 1e-300, say).
    static func table(_ rng: inout SplitMix64) -> (draft: CSVDraft, label: String) {
        var draft = smallDraft
        var labels: [String] = []
        for _ in 0 ..< rng.int(1 ... 3) {
            let column = rng.pick(numericColumns)
            let index = draft.header.firstIndex(of: column)!
            let value = rng.pick(extremes)
            if rng.chance(0.3) {
                for row in draft.rows.indices { draft.rows[row][index] = value }
                labels.append("every \(column) = \(value)")
            } else {
                let row = rng.below(draft.rows.count)
                draft.rows[row][index] = value
                labels.append("\(draft.rows[row][0]).\(column) = \(value)")
            }
        }
        return (draft, labels.joined(separator: ", "))
    }

    /// What is out of range in a table that loaded: the ranges of README's column table, stated
    /// again here (not read from FoodValueRange).
    static func outOfRange(_ table: FoodTable) -> [String] {
        var found: [String] = []
        for food in 0 ..< table.count {
            let grams = table.grams(food: food)
            let weight = grams ?? 5000
            func check(_ name: String, _ value: Double, most: Double, least: Double = 1e-6, positive: Bool = false) {
                guard !value.isNaN else { return }
                if value != 0 && abs(value) < least { found.append("\(table.ids[food]).\(name) = \(value) below \(least)") }
                if abs(value) > most * (1 + 1e-12) { found.append("\(table.ids[food]).\(name) = \(value) above \(most)") }
                if positive && !(value > 0) { found.append("\(table.ids[food]).\(name) = \(value) not positive") }
            }
            if let grams { check("serving_g", grams, most: 5000, least: 0.01, positive: true) }
            check("serving_qty", table.servingQuantities[food], most: 10000, positive: true)
            check("price_usd", table.prices[food], most: 100 * weight)
            check("max_servings_per_meal", table.maxServingsPerMeal[food], most: 20, positive: true)
            check("min_servings", table.usages[food].minServings, most: 20, positive: true)
            check("max_per_carrier", table.usages[food].maxPerCarrier, most: 20, positive: true)
            for (column, nutrient) in table.nutrients.enumerated() where !Nutrient.foodPattern.suffix(2).contains(nutrient) {
                let most: Double
                switch nutrient.unit {
                case "kcal": most = 9 * weight * 1.01
                case "g": most = weight * 1.01
                case "mg": most = weight * 1000 * 1.01
                case "ug": most = weight * 1e6 * 1.01
                case "cup-eq", "oz-eq": most = 0.2 * weight
                default: most = 1e6
                }
                check(nutrient.key, table.nutrientValues[column][food], most: most)
            }
        }
        return found
    }

    /// Flags with extreme values, repeated list entries and contradictory pairs; `contradiction`
    /// names the two sides a refusal must name, when the case is one.
    struct FlagCase {
        var arguments: [String]
        var label: String
        var contradiction: (String, String)?
    }

    static let numericFlags = [
        "--kcal", "--potassium-min", "--potassium-max", "--sodium-max", "--sugar-max", "--added-sugar-max", "--fiber-min", "--protein-min",
        "--calcium-min", "--magnesium-min", "--max-servings-per-meal", "--max-servings-per-day", "--max-servings-per-week",
        "--max-grams-per-day", "--time-limit", "--gap",
    ]
    static let integerFlags = [
        "--age", "--days", "--max-foods-per-meal", "--max-days-per-food", "--min-foods-per-day", "--min-foods-per-week", "--effort",
        "--max-shared-lunch-dinner", "--max-days-per-main",
    ]
    static let listFlags: [(flag: String, values: [String])] = [
        ("--include-food", ["lentils", "banana", "kale-cooked", "tofu-firm"]), ("--exclude-food", ["banana", "orange", "raisins"]),
        ("--exclude-group", ["sweet", "fruit", "fish"]), ("--favorite", ["oatmeal", "lentils"]), ("--exclude", ["peanuts", "soy", "fish"]),
        ("--diet", ["vegetarian", "gluten-free"]), ("--omit-food-group", ["dairy", "fruit"]),
    ]

    static func flags(_ rng: inout SplitMix64) -> FlagCase {
        var arguments: [String] = []
        var labels: [String] = []
        var contradiction: (String, String)?
        switch rng.below(3) {
        case 0:
            // Extreme magnitudes.
            for _ in 0 ..< rng.int(1 ... 3) {
                if rng.chance(0.65) {
                    let flag = rng.pick(numericFlags), value = rng.pick(extremes)
                    arguments += ["\(flag)=\(value)"]
                    labels.append("\(flag) \(value)")
                } else if rng.chance(0.5) {
                    let flag = rng.pick(integerFlags), value = rng.pick(integerExtremes)
                    arguments += ["\(flag)=\(value)"]
                    labels.append("\(flag) \(value)")
                } else {
                    let key = rng.pick(["iron_mg", "potassium_mg", "kcal", "sodium_mg", "sugars_g"])
                    let rule = "\(key):\(rng.pick(extremes + [""])):\(rng.pick(extremes + [""]))\(rng.pick(["", ":dinner", ":day"]))"
                    arguments += ["--nutrient", rule]
                    labels.append("--nutrient \(rule)")
                }
            }
            if rng.chance(0.3) {
                let weights = "cost=\(rng.pick(extremes)),sugar=\(rng.pick(extremes))"
                arguments += ["--weights", weights]
                labels.append("--weights \(weights)")
            }
        case 1:
            // The same entry more than once, in one value or over repeated flags.
            for _ in 0 ..< rng.int(1 ... 3) {
                let list = rng.pick(listFlags)
                let value = rng.pick(list.values)
                if rng.chance(0.5) {
                    arguments += [list.flag, "\(value),\(value)"]
                } else {
                    arguments += [list.flag, value, list.flag, value]
                }
                labels.append("\(list.flag) \(value) twice")
            }
        default:
            // Two rules that cannot both hold.
            let low = rng.pick([1.0, 2, 5, 30, 100, 2600, 5000])
            let high = low * rng.pick([0.1, 0.5, 0.99])
            switch rng.below(7) {
            case 0:
                arguments += ["--potassium-min", low.cleanText, "--potassium-max", high.cleanText]
                contradiction = ("--potassium-min", "--potassium-max")
            case 1:
                let key = rng.pick(["iron_mg", "potassium_mg", "fiber_g", "kcal"])
                let rule = "\(key):\(low.cleanText):\(high.cleanText)\(rng.pick(["", ":lunch"]))"
                arguments += ["--nutrient", rule]
                contradiction = ("--nutrient '\(rule)'", "--nutrient '\(rule)'")
            case 2:
                arguments += ["--portion-step", "1", "--max-servings-per-meal", rng.pick(["0.25", "0.5", "0.75"])]
                contradiction = ("--max-servings-per-meal", "--portion-step")
            case 3:
                arguments += ["--max-foods-per-meal", "0"]
                contradiction = ("default", "--max-foods-per-meal")
            case 4:
                arguments += ["--max-days-per-food", "0"]
                contradiction = ("--max-days-per-food", "default")
            case 5:
                let id = rng.pick(["lentils", "banana"])
                arguments += ["--include-food", id, "--exclude-food", "orange,\(id)"]
                contradiction = ("--include-food", "--exclude-food")
            default:
                arguments += ["--include-food", "salmon-baked", rng.pick(["--exclude", "--diet", "--exclude-group"]), ""]
                let flag = arguments[arguments.count - 2]
                arguments[arguments.count - 1] = flag == "--exclude" ? "fish" : (flag == "--diet" ? "vegan" : "fish")
                contradiction = ("--include-food", flag)
            }
            labels.append("contradiction: \(arguments.joined(separator: " "))")
        }
        return FlagCase(arguments: arguments, label: labels.joined(separator: ", "), contradiction: contradiction)
    }

    /// A request file with extreme numbers in any numeric key, repeated list entries, or a
    /// contradictory pair (whose two keys the refusal must name).
    static func request(_ rng: inout SplitMix64) -> (json: String, label: String, contradiction: (String, String)?) {
        var members: [(String, JSONDraft)] = [("profile", .object([("sex", .string(rng.pick(["female", "male"])))])), ("days", .number("1"))]
        var label = ""
        var contradiction: (String, String)?
        func number() -> JSONDraft { .number(rng.pick(extremes.filter { Double($0)!.isFinite && !$0.hasPrefix("-0") && $0 != "5e-324" && $0 != "4.9e-324" } + ["4.9e-324"])) }
        switch rng.below(3) {
        case 0:
            let place = rng.below(12)
            switch place {
            case 0: members.append(("energy", number()))
            case 1: members.append(("mealShareReference", number()))
            case 2: members.append(("meals", .array([.object([("slot", .string("lunch")), ("minShare", number()), ("maxShare", number())])])))
            case 3: members.append(("nutrients", .array([.object([("nutrient", .string(rng.pick(["potassium_mg", "iron_mg", "kcal"]))), (rng.pick(["min", "max"]), number())])])))
            case 4: members.append(("portions", .object([(rng.pick(["maxServingsPerMeal", "minServingsPerUse", "maxServingsPerDay", "maxServingsPerWeek"]), number())])))
            case 5: members.append(("maxDailyGrams", number()))
            case 6: members.append(("objective", .object([("weights", .object([("cost", number()), (rng.pick(["sugar", "sodium", "potassium", "energy"]), number())]))])))
            case 7: members.append(("timeLimit", number()))
            case 8: members.append(("relativeGap", number()))
            case 9: members.append(("variety", .object([(rng.pick(["maxFoodsPerMeal", "minFoodsPerMeal", "maxDaysPerFood", "minFoodsPerDay", "minFoodsPerWeek", "maxSharedLunchDinner", "maxDaysPerMain"]), .number(rng.pick(integerExtremes)))])))
            case 10: members[1] = ("days", .number(rng.pick(integerExtremes)))
            default: members.append(("effort", .number(rng.pick(integerExtremes))))
            }
            label = "extreme \(members.last!.0)"
        case 1:
            for key in ["includeFoods", "excludeFoods", "excludeGroups", "favoriteFoods", "diets", "excludeAllergens"] where rng.chance(0.4) {
                let values: [String]
                switch key {
                case "includeFoods": values = ["lentils", "tofu-firm"]
                case "excludeFoods": values = ["orange", "raisins"]
                case "excludeGroups": values = ["sweet", "fish"]
                case "favoriteFoods": values = ["oatmeal", "lentils"]
                case "diets": values = ["vegetarian", "gluten-free"]
                default: values = ["peanuts", "soy"]
                }
                let value = rng.pick(values)
                members.append((key, .array(Array(repeating: JSONDraft.string(value), count: rng.int(2 ... 4)))))
            }
            if rng.chance(0.3) { members.append(("variety", .object([("foodGroups", .object([("omitted", .array([.string("dairy"), .string("dairy")]))]))]))) }
            label = "repeated entries"
        default:
            switch rng.below(6) {
            case 0:
                members.append(("portions", .object([("minServingsPerUse", .number("1.5")), ("maxServingsPerMeal", .number("1"))])))
                contradiction = ("portions.minServingsPerUse", "portions.maxServingsPerMeal")
            case 1:
                members.append(("nutrients", .array([.object([("nutrient", .string("iron_mg")), ("min", .number("20")), ("max", .number("10"))])])))
                contradiction = ("nutrients[0].min", "nutrients[0].max")
            case 2:
                members.append(("variety", .object([("minFoodsPerMeal", .number("3")), ("maxFoodsPerMeal", .number("2"))])))
                contradiction = ("variety.minFoodsPerMeal", "variety.maxFoodsPerMeal")
            case 3:
                members.append(("meals", .array([.object([("slot", .string("lunch")), ("minShare", .number("0.5")), ("maxShare", .number("0.4"))])])))
                contradiction = ("meals[0].minShare", "meals[0].maxShare")
            case 4:
                members.append(("includeFoods", .array([.string("lentils")])))
                members.append(("excludeFoods", .array([.string("lentils")])))
                contradiction = ("includeFoods", "excludeFoods")
            default:
                members.append(("variety", .object([("mealGroups", .array([.object([("name", .string("v")), ("meals", .array([.string("lunch")])),
                    ("groups", .array([.string("vegetable")])), ("minServings", .number("3")), ("maxServings", .number("1"))])]))])))
                contradiction = ("variety.mealGroups[0].minServings", "variety.mealGroups[0].maxServings")
            }
            label = "contradiction"
        }
        let json = JSONDraft.object(members).text(spaced: true)
        return (json, "\(label): \(json)", contradiction)
    }
}

/// One run of the executable with a deadline after which it is killed.
struct TimedRun {
    var status: Int32
    var signaled: Bool
    var stdout: String
    var stderr: String
    var seconds: Double
}

func runPlanner(_ arguments: [String], in folder: TemporaryFolder, deadline: Double) throws -> TimedRun {
    let process = Process()
    process.executableURL = try PlannerBinary.require()
    process.arguments = arguments
    var environment = ProcessInfo.processInfo.environment
    environment["NO_COLOR"] = nil
    process.environment = environment
    process.currentDirectoryURL = folder.url
    let out = folder.path("stdout-\(UUID().uuidString)"), err = folder.path("stderr-\(UUID().uuidString)")
    FileManager.default.createFile(atPath: out, contents: nil)
    FileManager.default.createFile(atPath: err, contents: nil)
    let outHandle = try FileHandle(forWritingTo: URL(fileURLWithPath: out)), errHandle = try FileHandle(forWritingTo: URL(fileURLWithPath: err))
    process.standardInput = FileHandle.nullDevice
    process.standardOutput = outHandle
    process.standardError = errHandle
    let done = DispatchSemaphore(value: 0)
    process.terminationHandler = { _ in done.signal() }
    let clock = ContinuousClock()
    let start = clock.now
    try process.run()
    if done.wait(timeout: .now() + deadline) == .timedOut {
        process.terminate()
        done.wait()
    }
    let elapsed = clock.now - start
    try outHandle.close()
    try errHandle.close()
    defer {
        try? FileManager.default.removeItem(atPath: out)
        try? FileManager.default.removeItem(atPath: err)
    }
    return TimedRun(
        status: process.terminationStatus, signaled: process.terminationReason == .uncaughtSignal,
        stdout: (try? String(contentsOfFile: out, encoding: .utf8)) ?? "", stderr: (try? String(contentsOfFile: err, encoding: .utf8)) ?? "",
        seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18)
}

// MARK: - Tests

@Suite("hostile fuzz")
struct HostileFuzzTests {
    /// Extreme magnitudes in every numeric column: the table loads with every value in range,
    /// or fails in one line at the cell.
    @Test func extremeTablesLoadInRangeOrFailInOneLine() throws {
        let oneLine = try Regex(#"fuzz\.csv:\d+:\d+: [a-z_]+: .+"#)
        var loaded = 0, failed = 0
        var messages: [String: Int] = [:]
        for seed: UInt64 in [31, 32] {
            var rng = SplitMix64(seed: seed)
            for index in 0 ..< 1_000 {
                let (draft, label) = HostileFuzz.table(&rng)
                let bytes = FoodTableFuzz.write(draft, &rng)
                let name = "seed \(seed) case \(index) (\(label))"
                do {
                    let table = try FoodTable.parse(bytes, fileName: FoodTableFuzz.fileName)
                    loaded += 1
                    #expect(table.count == draft.rows.count, "\(name)")
                    let problems = HostileFuzz.outOfRange(table) + FoodTableFuzz.problems(of: table, bytes: bytes)
                    #expect(problems.isEmpty, "\(name): \(problems)")
                } catch {
                    failed += 1
                    #expect(isOneLine(error.description) && error.description.wholeMatch(of: oneLine) != nil, "\(name): \(error.description)")
                    messages[messageKind(error.message), default: 0] += 1
                }
            }
        }
        print("hostile table fuzz: \(loaded + failed) tables with extreme values: \(loaded) loaded in range, \(failed) rejected")
        print("hostile table fuzz: most frequent rejections: " + messages.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.prefix(8).map { "\($0.value) × \($0.key)" }.joined(separator: "; "))
        #expect(loaded + failed == 2_000)
        #expect(loaded >= 100 && failed >= 1_000)
    }

    /// Flags with extreme values, repeats and contradictions, parsed and made into a request
    /// against the small table: a request that validates (lists without repeats), or one line
    /// (a contradiction's names both sides); a contradiction never gets through.
    @Test func hostileFlagsGiveARequestOrOneLine() throws {
        var valid = 0, refused = 0, contradictions = 0
        for seed: UInt64 in [41, 42] {
            var rng = SplitMix64(seed: seed)
            for index in 0 ..< 500 {
                let testCase = HostileFuzz.flags(&rng)
                let arguments = ["--sex", rng.pick(["female", "male"]), "--days", "1"] + testCase.arguments
                let name = "seed \(seed) case \(index): planner \(arguments.joined(separator: " "))"
                do {
                    let parsed = try PlannerCommand.parseAsRoot(arguments)
                    let command = try #require(parsed as? PlanCommand, "\(name)")
                    let request = try command.requestOptions.makeRequest(table: SmallTable.table)
                    valid += 1
                    #expect(testCase.contradiction == nil, "\(name): a contradiction got through")
                    #expect(throws: Never.self, "\(name)") { try request.validate() }
                    for list in [request.includeFoods, request.excludeFoods, request.excludeGroups] {
                        #expect(Set(list).count == list.count, "\(name): \(list)")
                    }
                    #expect(request.conflict(with: SmallTable.table) == nil, "\(name)")
                } catch {
                    refused += 1
                    let message = PlannerCommand.message(for: error)
                    #expect(!message.isEmpty && isOneLine(message), "\(name): \(message.debugDescription)")
                    #expect(PlannerCommand.exitCode(for: error) == ExitCode(PlannerExit.usage), "\(name): \(message)")
                    if let (first, second) = testCase.contradiction {
                        contradictions += 1
                        #expect(message.contains("(\(first))") || message.contains(first + " "), "\(name): \(message)")
                        #expect(message.contains(second), "\(name): \(message)")
                    }
                }
            }
        }
        print("hostile flag fuzz: \(valid + refused) argument lists: \(valid) requests, \(refused) usage errors (\(contradictions) contradictions, each naming both flags)")
        #expect(valid + refused == 1_000)
        #expect(valid >= 200 && refused >= 300 && contradictions >= 250)
    }

    /// Request files with extreme numbers, repeats and contradictions: a request, or one line
    /// naming the file (a contradiction's both keys).
    @Test func hostileRequestFilesDecodeOrFailInOneLine() throws {
        var decoded = 0, refused = 0, contradictions = 0
        var rng = SplitMix64(seed: 51)
        for index in 0 ..< 1_000 {
            let (json, label, contradiction) = HostileFuzz.request(&rng)
            let name = "case \(index) (\(label))"
            do {
                let request = try PlanRequestCoding.decode(Data(json.utf8), fileName: "hostile.json")
                decoded += 1
                #expect(contradiction == nil, "\(name): a contradiction got through")
                for list in [request.includeFoods, request.excludeFoods, request.excludeGroups] {
                    #expect(Set(list).count == list.count, "\(name): \(list)")
                }
                #expect(try PlanRequestCoding.decode(PlanRequestCoding.encode(request), fileName: "hostile.json") == request, "\(name)")
            } catch {
                refused += 1
                let text = "\(error)"
                #expect(isOneLine(text) && text.hasPrefix("hostile.json: "), "\(name): \(text)")
                if let (first, second) = contradiction {
                    contradictions += 1
                    #expect(text.contains(first) && text.contains(second), "\(name): \(text)")
                }
            }
        }
        print("hostile request fuzz: \(decoded + refused) request files: \(decoded) decoded, \(refused) refused (\(contradictions) contradictions, each naming both keys)")
        #expect(decoded + refused == 1_000)
        #expect(decoded >= 200 && refused >= 300 && contradictions >= 250)
    }

    /// The same kinds of case through the executable, planning on the small table: never exit 70
    /// or a signal, exactly one error line, within the time limit + 5 s.
    @Test func theExecutableSurvivesHostileInput() throws {
        let folder = try TemporaryFolder("hostile-fuzz")
        try folder.write("small.csv", SmallTable.csv)
        let timeLimit = 4.0
        var outcomes: [Int32: Int] = [:]
        var cases = 0
        func check(_ arguments: [String], _ name: String) throws {
            cases += 1
            let run = try runPlanner(arguments, in: folder, deadline: timeLimit + 30)
            outcomes[run.status, default: 0] += 1
            #expect(!run.signaled && run.status < 128, "\(name): signal or status \(run.status): \(run.stderr.prefix(300))")
            #expect([0, 10, 11, 64, 65, 66].contains(run.status), "\(name): exit \(run.status): \(run.stderr.prefix(300))")
            #expect(run.seconds <= timeLimit + 5, "\(name): \(run.seconds) s")
            if run.status == 0 {
                #expect(run.stderr.isEmpty && !run.stdout.isEmpty, "\(name): \(run.stderr.prefix(300))")
            } else {
                // One line: the error; a usage error may be followed by swift-argument-parser's
                // hint (the flag's help, the usage line and where to see more).
                let lines = run.stderr.split(separator: "\n").map(String.init)
                let errorLines = lines.filter { !$0.hasPrefix("Usage: ") && !$0.hasPrefix("  See '") && !$0.hasPrefix("Help:  ") }
                #expect(errorLines.count == 1 && run.stderr.hasSuffix("\n"), "\(name): \(run.stderr.prefix(500).debugDescription)")
                #expect(lines.count == 1 || run.status == 64, "\(name): \(run.stderr.prefix(500).debugDescription)")
                #expect(run.stdout.isEmpty, "\(name)")
            }
        }
        var rng = SplitMix64(seed: 61)
        let limit = ["--time-limit", String(timeLimit)]
        for index in 0 ..< 60 {
            let (draft, label) = HostileFuzz.table(&rng)
            try Data(FoodTableFuzz.write(draft, &rng)).write(to: folder.url.appendingPathComponent("hostile.csv"))
            try check(["--sex", rng.pick(["female", "male"]), "--days", "1", "--foods", "hostile.csv"] + limit, "table case \(index) (\(label))")
        }
        for index in 0 ..< 80 {
            let testCase = HostileFuzz.flags(&rng)
            try check(["--sex", rng.pick(["female", "male"]), "--days", "1", "--foods", "small.csv"] + testCase.arguments + limit,
                      "flag case \(index) (\(testCase.label))")
        }
        for index in 0 ..< 60 {
            let (json, label, _) = HostileFuzz.request(&rng)
            try folder.write("hostile.json", json)
            try check(["--request", "hostile.json", "--foods", "small.csv"] + limit, "request case \(index) (\(label))")
        }
        print("hostile fuzz through the executable: \(cases) runs, exits " + outcomes.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: ", "))
        #expect(cases == 200)
    }
}
