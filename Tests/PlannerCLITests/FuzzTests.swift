import ArgumentParser
import Foundation
import GLPK
import MealPlanning
import Testing
import TestSupport
@testable import PlannerCLI

// Seeded fuzz tests of the three ways input reaches the planner: food table CSV, request JSON
// and command-line flags. Each case is made from a fixed seed, so a failure names its seed and
// case number and can be replayed. The oracles:
// - a food table either loads (every present number finite, one food per data record) or fails
//   with one `FILE:LINE:COLUMN: message` (or `FILE: message`) line;
// - a request either decodes to a request that validates and survives an encode/decode round
//   trip, or fails with one line that starts with the file name;
// - flags either parse to a request that validates (and, for short plans, gives a plan that the
//   independent validator accepts, or a sentence saying why there is none), or fail with a
//   usage error (exit code 64) or a one-line request error.
// The food-table and request generators (FoodTableFuzz, RequestFuzz) live in
// Tests/TestSupport/Fuzz, beside the scripted solver; the flag generator, which needs the
// command line's small table, stays here.

// MARK: - Flags

enum FlagFuzz {
    static let ids = SmallTable.table.ids

    /// Values for each option: some valid, some not.
    static let options: [(flag: String, values: [String])] = [
        ("--sex", ["female", "male", "female", "male", "Female", "other", ""]),
        ("--age", ["30", "14", "50", "120", "13", "121", "5", "-1", "99999999999999999999", "abc", "30.5"]),
        ("--activity", ["sedentary", "moderate", "active", "lazy"]),
        ("--kcal", ["2000", "1800.5", "500", "10000", "499", "10001", "NaN", "nan", "inf", "-1", "1e308", "0x10"]),
        ("--potassium-min", ["2600", "3000", "0", "-5", "NaN", "1e9", "1e10", "inf", "abc", "4700"]),
        ("--potassium-max", ["3500", "5000", "100", "0", "nan", "-inf"]),
        ("--sodium-max", ["1500", "2300", "0", "-1", "1e9"]),
        ("--sugar-max", ["50", "25", "0", "nan"]),
        ("--added-sugar-max", ["10", "-3"]),
        ("--fiber-min", ["25", "30", "200", "-1"]),
        ("--protein-min", ["46", "60", "1e9"]),
        ("--calcium-min", ["1000", "800", "inf"]),
        ("--magnesium-min", ["310", "400"]),
        ("--nutrient", ["iron_mg:18:", "sodium_mg::600:dinner", "potassium_mg:1000:500", "bad", "x:::", ":1:2", "kcal:a:b",
                        "fiber_g:5::brunch", "fiber_g:nan:", "fiber_g:1e400:", "fiber_g:5:10:day", "protein_g:10::L",
                        "a:1:2:3:4", "kcal:::", "calcium_mg:-5:"]),
        ("--days", ["1", "2", "7", "0", "29", "28", "-1", "NaN", "1.5", "99999999999999999999", ""]),
        ("--portion-step", ["0.25", "0.5", "1", "0.3", "0", "-1", "nan"]),
        ("--max-servings-per-meal", ["2", "0.25", "20", "0.1", "21", "nan"]),
        ("--max-servings-per-day", ["3", "60", "0", "61"]),
        ("--max-servings-per-week", ["7", "400", "0.2", "401"]),
        ("--max-foods-per-meal", ["4", "0", "1", "100000", "100001", "-2"]),
        ("--max-days-per-food", ["3", "0", "28", "-1"]),
        ("--min-foods-per-day", ["3", "0", "-1", "100001"]),
        ("--min-foods-per-week", ["5", "0", "-1"]),
        ("--max-grams-per-day", ["2500", "1", "0", "100001", "nan"]),
        ("--diet", ["vegan", "vegetarian", "pescatarian", "gluten-free", "dairy-free", "keto", "Vegan"]),
        ("--exclude", ["peanuts", "milk,egg", "nonsense", ",,", "tree nuts", "dairy", "fish, shellfish", "milk,,soy"]),
        ("--exclude-food", ["banana", "lentils,oatmeal", "no-such-food", ""]),
        ("--exclude-group", ["fruit", "sweet,fat-condiment", "no-such-group"]),
        ("--include-food", ["lentils", "banana", "no-such-food"]),
        ("--favorite", ["oatmeal", "salmon-baked", "no-such-food"]),
        ("--objective", ["cost", "sugar", "potassium", "energy", "sodium", "fun", ""]),
        ("--weights", ["cost=1,sugar=0.1", "cost=x", "=1", "cost=1e7", "potassium=-1", "cost=nan", "cost", "cost=1,,energy=2"]),
        ("--time-limit", ["4", "0", "0.05", "1e9", "nan", "10"]),
        ("--gap", ["0.005", "-1", "2", "nan", "0"]),
        ("--format", ["table", "json", "csv", "markdown", "html", "xml"]),
        ("--width", ["100", "40", "39", "1000", "1001"]),
    ]
    static let switches = ["--pregnant", "--lactating", "--relax", "--no-variety", "--no-meal-groups", "--show-timing", "--verbose"]
    static let junk = ["--bogus", "-z", "--sex=female", "--days=1", "extra", "--", "--kcal", "-", "--no-such-flag=1", "-v"]

    /// Flags that must parse (sex, one or two days and valid values only).
    static let validOptions: [(flag: String, values: [String])] = [
        ("--age", ["30", "14", "50", "70"]),
        ("--activity", ["sedentary", "moderate", "active"]),
        ("--kcal", ["1800", "2000", "2400.5"]),
        ("--potassium-min", ["2000", "2600", "3400", "4700"]),
        ("--potassium-max", ["6000", "8000"]),
        ("--sodium-max", ["1500", "2300", "100"]),
        ("--sugar-max", ["50", "40", "5"]),
        ("--fiber-min", ["25", "30"]),
        ("--protein-min", ["46", "90", "250"]),
        ("--calcium-min", ["1000", "1200"]),
        ("--nutrient", ["sodium_mg::600:dinner", "fiber_g:5::breakfast", "protein_g:10::L", "calcium_mg:300:", "kcal::2600"]),
        ("--portion-step", ["0.25", "0.5", "1"]),
        ("--max-servings-per-meal", ["1.5", "2", "3"]),
        ("--max-foods-per-meal", ["3", "4", "5"]),
        ("--min-foods-per-day", ["4", "6"]),
        ("--max-days-per-food", ["1", "2"]),
        ("--max-grams-per-day", ["2000", "3000", "600"]),
        ("--diet", ["vegan", "vegetarian", "pescatarian", "gluten-free", "dairy-free"]),
        ("--exclude", ["peanuts", "milk,egg", "fish", "soy"]),
        // Not the included foods below (a food both included and excluded is a usage error).
        ("--exclude-food", ["orange", "raisins,oatmeal"]),
        ("--exclude-group", ["fruit", "sweet"]),
        ("--include-food", ["lentils", "banana", "kale-cooked"]),
        ("--favorite", ["oatmeal", "salmon-baked"]),
        ("--objective", ["cost", "sugar", "potassium", "energy", "sodium"]),
        ("--weights", ["cost=1,sugar=0.1", "potassium=1", "cost=1,energy=0.5"]),
        ("--gap", ["0.005", "0.05"]),
    ]

    static func arguments(_ rng: inout SplitMix64, valid: Bool) -> [String] {
        var arguments: [String] = []
        if valid {
            arguments += ["--sex", rng.pick(["female", "male"]), "--days", rng.pick(["1", "2"])]
            var pool = validOptions
            rng.shuffle(&pool)
            for option in pool.prefix(rng.int(0 ... 5)) { arguments += [option.flag, rng.pick(option.values)] }
            for flag in ["--relax", "--no-variety", "--no-meal-groups"] where rng.chance(0.1) { arguments.append(flag) }
            // Valid values that leave no plan on the small table (the last value of a flag wins).
            if rng.chance(0.25) {
                arguments += rng.pick([["--sodium-max", "100"], ["--max-grams-per-day", "600"], ["--protein-min", "250"], ["--sugar-max", "5"]])
            }
            if arguments.contains("male") { return arguments }
            if rng.chance(0.1) { arguments += ["--pregnant", "--age", "30"] }
            return arguments
        }
        if rng.chance(0.2) { arguments.append(rng.pick(["plan", "plan", "foods"])) }
        if rng.chance(0.85) { arguments += ["--sex", rng.pick(options[0].values)] }
        for _ in 0 ..< rng.int(0 ... 6) {
            let option = rng.pick(options)
            if rng.chance(0.1) {
                arguments.append("\(option.flag)=\(rng.pick(option.values))")
            } else {
                arguments += [option.flag, rng.pick(option.values)]
            }
        }
        for _ in 0 ..< rng.int(0 ... 2) where rng.chance(0.5) { arguments.append(rng.pick(switches)) }
        if rng.chance(0.15) { arguments.insert(rng.pick(junk), at: rng.below(arguments.count + 1)) }
        if rng.chance(0.1), !arguments.isEmpty { arguments.removeLast() }
        return arguments
    }
}

// MARK: - Tests

/// A message with its quoted parts, parentheses and numbers blanked, to count messages by kind.
func messageKind(_ message: some StringProtocol) -> String {
    String(message).replacingOccurrences(of: #"'[^']*'|\([^)]*\)|-?\d+(\.\d+)?"#, with: "…", options: .regularExpression)
        .trimmingCharacters(in: .whitespaces)
}

@Suite("fuzz")
struct FuzzTests {
    @Test func foodTablesLoadOrFailInOneLine() throws {
        let oneLine = try Regex(#"[^:\n]+:(\d+:\d+: |\s)?.+"#)
        var loaded = 0, failed = 0, validCases = 0, specialCases = 0
        var messages: [String: Int] = [:]
        func check(_ testCase: FoodTableCase, _ name: String, expectedError: String? = nil) {
            do {
                let table = try FoodTable.parse(testCase.bytes, fileName: FoodTableFuzz.fileName)
                loaded += 1
                let problems = FoodTableFuzz.problems(of: table, bytes: testCase.bytes)
                #expect(problems.isEmpty, "\(name) (\(testCase.label)): \(problems)")
                if let expectedError { Issue.record("\(name) (\(testCase.label)): loaded, expected \(expectedError)") }
                if let ids = testCase.expectedIDs {
                    #expect(table.ids == ids, "\(name) (\(testCase.label))")
                    if let potassium = testCase.expectedPotassium {
                        let loadedPotassium = table.nutrientIndex(.potassium).map { table.nutrientValues[$0] } ?? []
                        #expect(loadedPotassium.map { $0.isNaN ? "-" : "\($0)" } == potassium.map { $0.isNaN ? "-" : "\($0)" },
                                "\(name) (\(testCase.label))")
                    }
                }
            } catch {
                failed += 1
                let text = error.description
                if testCase.expectedIDs != nil { Issue.record("\(name) (\(testCase.label)): a valid table failed: \(text)") }
                if let expectedError { #expect(text == expectedError, "\(name) (\(testCase.label))") }
                #expect(isOneLine(text) && text.wholeMatch(of: oneLine) != nil, "\(name) (\(testCase.label)): \(text.debugDescription)")
                #expect(text.hasPrefix(FoodTableFuzz.fileName + ":"), "\(name): \(text)")
                if let line = error.line {
                    let lines = FoodTableFuzz.lineCount(testCase.bytes)
                    #expect((1 ... lines).contains(line) && (error.column ?? 0) >= 1, "\(name): \(text) (\(lines) lines)")
                }
                #expect(!error.message.isEmpty && !error.message.hasPrefix(" "), "\(name): \(text)")
                messages[messageKind(error.message), default: 0] += 1
            }
        }
        for seed: UInt64 in [1, 2, 3] {
            var rng = SplitMix64(seed: seed)
            for index in 0 ..< 1_100 {
                let testCase = FoodTableFuzz.makeCase(&rng)
                if testCase.expectedIDs != nil { validCases += 1 }
                check(testCase, "seed \(seed) case \(index)")
            }
        }
        for (index, (testCase, expectedError)) in FoodTableFuzz.specialCases().enumerated() {
            specialCases += 1
            check(testCase, "special case \(index)", expectedError: expectedError)
        }
        print("food table fuzz: \(loaded + failed) tables (\(specialCases) special, \(validCases) valid by construction): \(loaded) loaded, \(failed) rejected")
        print("food table fuzz: most frequent rejections: " + messages.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.prefix(12).map { "\($0.value) × \($0.key)" }.joined(separator: "; "))
        #expect(loaded + failed >= 3_000)
        // Numbers out of their column's range (FoodValueRange) are rejected too.
        #expect(loaded >= 400 && failed >= 1_000)
    }

    @Test func requestsDecodeOrFailInOneLine() throws {
        var decoded = 0, failed = 0
        var messages: [String: Int] = [:]
        func check(_ bytes: [UInt8], _ name: String, fileName: String) {
            do {
                let request = try PlanRequestCoding.decode(Data(bytes), fileName: fileName)
                decoded += 1
                #expect(throws: Never.self, "\(name)") { try request.validate() }
                let again = try PlanRequestCoding.decode(PlanRequestCoding.encode(request), fileName: fileName)
                if again != request {
                    let before = String(decoding: PlanRequestCoding.encode(request), as: UTF8.self).split(separator: "\n")
                    let after = String(decoding: PlanRequestCoding.encode(again), as: UTF8.self).split(separator: "\n")
                    let first = zip(before, after).first { $0 != $1 }.map { "\($0.0) became \($0.1)" } ?? "(same JSON)"
                    Issue.record("\(name): the request changes in an encode/decode round trip: \(first)")
                }
            } catch let error as PlanRequestError {
                failed += 1
                let text = error.description
                #expect(isOneLine(text), "\(name): \(text.prefix(300).debugDescription)")
                // `FILE: ...`, or `FILE:LINE:COLUMN: ...` for a trailing comma or a duplicate key.
                let located = text.wholeMatch(of: /(.+?):(\d+):(\d+): (trailing comma|duplicate key|not valid JSON).*/).map { $0.1 == fileName } ?? false
                #expect((text.hasPrefix("\(fileName): ") || located) && text.count > fileName.count + 2, "\(name): \(text.prefix(300))")
                var rest = text.dropFirst(fileName.count + 2)
                if located, let space = rest.firstIndex(of: " ") { rest = rest[rest.index(after: space)...] }
                if let colon = rest.firstRange(of: ": "), !rest[..<colon.lowerBound].contains(" ") { rest = rest[colon.upperBound...] }
                messages[messageKind(rest), default: 0] += 1
            } catch {
                Issue.record("\(name): not a PlanRequestError: \(error)")
            }
        }
        let fileNames = ["request.json", "week 1.json", "r.json"]
        for seed: UInt64 in [11, 12, 13] {
            var rng = SplitMix64(seed: seed)
            for index in 0 ..< 1_100 {
                let (bytes, label) = RequestFuzz.makeCase(&rng)
                check(bytes, "seed \(seed) case \(index) (\(label))", fileName: fileNames[index % fileNames.count])
            }
        }
        let special = RequestFuzz.specialCases()
        for (index, bytes) in special.enumerated() {
            check(bytes, "special case \(index) (\(String(decoding: bytes.prefix(80), as: UTF8.self).debugDescription))", fileName: "special.json")
        }
        print("request fuzz: \(decoded + failed) requests (\(special.count) special): \(decoded) decoded and validated, \(failed) rejected")
        print("request fuzz: most frequent rejections: " + messages.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.prefix(12).map { "\($0.value) × \($0.key)" }.joined(separator: "; "))
        #expect(decoded + failed >= 3_000)
        #expect(decoded >= 500 && failed >= 1_000)
    }

    @Test func flagsParseOrFailWithUsage() throws {
        let folder = try TemporaryFolder("flag-fuzz")
        let requestFiles = [
            try folder.write("days-1.json", #"{"days": 1, "profile": {"sex": "male", "age": 40}}"#),
            try folder.write("bad.json", #"{"days": "one"}"#),
            folder.path("missing.json"),
        ]
        var usageErrors = 0, requestErrors = 0, unreadable = 0, valid = 0, plans = 0, noPlans = 0, buildErrors = 0, planned: [String] = []
        // A parse takes about 0.1 s in a debug build, so the cases are few but varied.
        let cases = 180
        var rng = SplitMix64(seed: 21)
        var solveTime = Duration.zero, caseTime = Duration.zero
        let clock = ContinuousClock()
        for index in 0 ..< cases {
            let wantsValid = index % 3 == 2
            var arguments = FlagFuzz.arguments(&rng, valid: wantsValid)
            if !wantsValid && rng.chance(0.12) { arguments += ["--request", rng.pick(requestFiles)] }
            let name = "case \(index): planner \(arguments.joined(separator: " "))"
            let command: PlanCommand
            let caseStart = clock.now
            defer { caseTime += clock.now - caseStart }
            do {
                let parsed = try PlannerMain.parse(arguments)
                guard let plan = parsed as? PlanCommand else {
                    // `planner foods ...` is another command; it parsed, which is all this test asks.
                    #expect(arguments.first == "foods", "\(name): parsed as \(type(of: parsed))")
                    continue
                }
                command = plan
            } catch {
                usageErrors += 1
                #expect(!wantsValid, "\(name): \(PlannerCommand.message(for: error))")
                #expect(!PlannerCommand.message(for: error).isEmpty, "\(name)")
                #expect(PlannerCommand.exitCode(for: error) == ExitCode(PlannerExit.usage), "\(name): \(PlannerCommand.message(for: error))")
                continue
            }
            let request: PlanRequest
            do {
                request = try command.requestOptions.makeRequest()
            } catch let error as ValidationError {
                usageErrors += 1
                #expect(!wantsValid, "\(name): \(error.message)")
                #expect(!error.message.isEmpty && isOneLine(error.message), "\(name)")
                #expect(PlannerCommand.exitCode(for: error) == ExitCode(PlannerExit.usage), "\(name)")
                continue
            } catch let error as PlanRequestError {
                // Only a request file that is wrong (the flags' own problems are usage errors).
                requestErrors += 1
                #expect(!wantsValid && arguments.contains("--request"), "\(name): \(error)")
                #expect(!error.description.isEmpty && isOneLine(error.description), "\(name)")
                #expect(describe(error).1 == PlannerExit.badData, "\(name)")
                continue
            } catch let error as InputFileError {
                unreadable += 1
                #expect(!wantsValid && arguments.contains("--request"), "\(name): \(error)")
                #expect(describe(error).1 == PlannerExit.cannotRead, "\(name)")
                continue
            } catch {
                Issue.record("\(name): unexpected error \(type(of: error)): \(error)")
                continue
            }
            valid += 1
            #expect(throws: Never.self, "\(name)") { try request.validate() }
            if let days = command.requestOptions.days { #expect(request.days == days, "\(name)") }
            if let age = command.requestOptions.age { #expect(request.profile?.age == age, "\(name)") }
            if let potassium = command.requestOptions.potassiumMin {
                #expect(request.resolvedNutrientRules.contains { $0.nutrient == "potassium_mg" && $0.scope == .day && $0.minimum == potassium }
                        || (potassium == 0), "\(name)")
            }
            guard wantsValid, request.days <= 2, planned.count < 30 else { continue }
            planned.append(name)
            let table = SmallTable.table
            let start = clock.now
            do {
                switch try WeeklyPlanner(table: table, request: request, solver: GLPKSolver()).plan() {
                case .noPlan(let infeasibility):
                    noPlans += 1
                    #expect(!infeasibility.sentence.isEmpty && isOneLine(infeasibility.sentence), "\(name)")
                    #expect(infeasibility.sentence.hasPrefix("No plan"), "\(name): \(infeasibility.sentence)")
                case .plan(let plan):
                    let violations = PlanValidator(table: table, request: request).violations(of: plan.items, relaxed: plan.quality == .relaxed)
                    #expect(violations.isEmpty, "\(name): \(violations)")
                    plans += 1
                    #expect(!plan.items.isEmpty, "\(name)")
                }
            } catch let error as PlanBuildError {
                buildErrors += 1
                #expect(isOneLine(error.description), "\(name)")
            } catch {
                Issue.record("\(name): the planner failed: \(error)")
            }
            solveTime += clock.now - start
        }
        print("flag fuzz: \(cases) argument lists: \(valid) valid requests, \(usageErrors) usage errors (exit 64), \(requestErrors) bad request files (exit 65), \(unreadable) unreadable request files (exit 66)")
        print("flag fuzz: \(planned.count) planned in-process: \(plans) plans (validator: no violations), \(noPlans) with no plan, \(buildErrors) build errors; all cases took \(caseTime), solving \(solveTime)")
        #expect(planned.count == 30)
        #expect(usageErrors >= 50 && valid >= 50)
    }
}

/// Cases the fuzz tests found, kept as plain tests.
@Suite("fuzz findings")
struct FuzzFindingTests {
    /// Foundation reads numbers of 17 significant digits as decimals; the request reader must
    /// still give the nearest Double, or a saved plan's request drifts on every round trip.
    @Test func requestNumbersAreReadExactly() throws {
        let json = #"{"energy": 1999.9999999999998, "portions": {"maxServingsPerMeal": 1.0000000000000002}, "objective": {"weights": {"sugar": -910278.3785610299}}}"#
        let request = try PlanRequestCoding.decode(Data(json.utf8), fileName: "r.json")
        #expect(request.energyTarget == 1999.9999999999998)
        #expect(request.maxServingsPerMeal == 1.0000000000000002)
        #expect(request.objective == .weighted([.init(kind: .sugar, weight: -910278.3785610299)]))
        #expect(try PlanRequestCoding.decode(PlanRequestCoding.encode(request), fileName: "r.json") == request)
    }

    /// Line breaks and other control characters quoted from the input are escaped, so that an
    /// error stays one line.
    @Test(arguments: [
        ("{\"weird\\nkey\": 1}", #"r.json: weird\nkey: unknown key (expected one of "#),
        ("{\"profile\": {\"sex\": \"fe\\u2028male\"}}", #"r.json: profile.sex: 'fe\u{2028}male' is not one of female, male"#),
        ("{\"diets\": [\"vegan\\u000b\"]}", #"r.json: diets[0]: 'vegan\u{B}' is not one of "#),
    ])
    func requestErrorsStayOnOneLine(json: String, start: String) {
        do {
            _ = try PlanRequestCoding.decode(Data(json.utf8), fileName: "r.json")
            Issue.record("expected an error")
        } catch {
            #expect("\(error)".hasPrefix(start), "\(error)")
            #expect(isOneLine("\(error)"))
        }
    }

    @Test(arguments: [
        ("id,name,meals\na,b,lu\u{0B}nch\n", #"t.csv:2:5: meals: unknown meal slot 'lu\u{B}nch' (expected breakfast, lunch, dinner, snack)"#),
        ("id,name,meals,kcal\na,b,L,1\u{0C}2\n", #"t.csv:2:7: kcal: '1\u{C}2' is not a number"#),
        ("id,na\u{85}me,meals\n", #"t.csv:1:4: 'na\u{85}me' is not a valid column name (expected [A-Za-z][A-Za-z0-9_]*)"#),
        ("id,name,meals\n\"a\u{2028}\",b,L\n", #"t.csv:2:1: id: 'a\u{2028}' is not a valid id (expected [A-Za-z0-9][A-Za-z0-9._-]*, at most 64 characters)"#),
    ])
    func foodTableErrorsStayOnOneLine(csv: String, message: String) {
        #expect(throws: FoodTableError.self) { try FoodTable.parse(text: csv, fileName: "t.csv") }
        do {
            _ = try FoodTable.parse(text: csv, fileName: "t.csv")
        } catch {
            #expect(error.description == message)
        }
    }

    /// A one-day plan must hold an included food (found by the flag fuzz test).
    @Test func aOneDayPlanHoldsAnIncludedFood() throws {
        var request = PlanRequest(profile: Profile(sex: .female))
        request.days = 1
        request.includeFoods = ["lentils"]
        guard case .plan(let plan) = try WeeklyPlanner(table: SmallTable.table, request: request, solver: GLPKSolver()).plan() else {
            Issue.record("expected a plan")
            return
        }
        #expect(PlanValidator(table: SmallTable.table, request: request).violations(of: plan.items).isEmpty)
        #expect(plan.items.contains { SmallTable.table.ids[$0.food] == "lentils" })
    }

    /// `planner --sex male --days 1 --objective sodium --fiber-min 30 --min-foods-per-day 4 --relax`
    /// exits 70: its own validator rejects the relaxed plan.
    @Test func aRelaxedPlanPassesTheValidator() throws {
        var request = PlanRequest(profile: Profile(sex: .male))
        request.days = 1
        request.relaxPortions = true
        request.objective = .sodium
        request.minFoodsPerDay = 4
        request.nutrientRules = [NutrientRule(nutrient: "fiber_g", minimum: 30, maximum: nil, source: "command line")]
        guard case .plan(let plan) = try WeeklyPlanner(table: SmallTable.table, request: request, solver: GLPKSolver()).plan() else {
            Issue.record("expected a plan")
            return
        }
        #expect(plan.quality == .relaxed)
        #expect(PlanValidator(table: SmallTable.table, request: request).violations(of: plan.items, relaxed: true).isEmpty)
    }

    /// `planner --sex female --pregnant --days 2 --protein-min 250 --fiber-min 25 --no-meal-groups`
    /// exits 11 ("no weekly plan found within 30 s") after a fraction of a second; the same rules
    /// for one day give a plan. The answer must be a plan or "No plan ...", not a time limit.
    @Test func aWeekWithoutAPlanIsNotATimeLimit() throws {
        var request = PlanRequest(profile: Profile(sex: .female, lifeStage: .pregnant))
        request.days = 2
        request.mealGroupRules = []
        request.nutrientRules = [
            NutrientRule(nutrient: "fiber_g", minimum: 25, maximum: nil, source: "command line"),
            NutrientRule(nutrient: "protein_g", minimum: 250, maximum: nil, source: "command line"),
        ]
        let clock = ContinuousClock()
        let start = clock.now
        switch try WeeklyPlanner(table: SmallTable.table, request: request, solver: GLPKSolver()).plan() {
        case .noPlan(let infeasibility): #expect(infeasibility.sentence.hasPrefix("No plan"))
        case .plan(let plan): #expect(PlanValidator(table: SmallTable.table, request: request).violations(of: plan.items).isEmpty)
        }
        #expect(clock.now - start < .seconds(15))
    }
}
