import ArgumentParser
import Foundation
import MealPlanning
import Testing
@testable import PlannerCLI

/// Flags and request files that are odd but valid, that contradict each other, or that name
/// what the table does not have: one line that names the flags (or keys) and values, exit 64
/// for a flag's, 65 for a file's own, and never a search that ends in an internal error.
@Suite("odd requests from flags and files")
struct OddRequestFlagTests {
    /// `planner ARGUMENTS` parsed and made into a request, with its names checked against the small table.
    func request(_ arguments: [String], table: FoodTable? = SmallTable.table) throws -> PlanRequest {
        let command = try PlannerCommand.parseAsRoot(arguments)
        guard let plan = command as? PlanCommand else { throw ValidationError("not the plan command") }
        return try plan.requestOptions.makeRequest(table: table)
    }

    /// The usage error (exit 64) of these flags, or nil.
    func usageError(_ arguments: [String]) -> String? {
        do {
            _ = try request(["--sex", "female"] + arguments)
            return nil
        } catch let error as ValidationError {
            #expect(PlannerCommand.exitCode(for: error) == ExitCode(PlannerExit.usage))
            return error.message
        } catch {
            return "not a usage error: \(type(of: error)): \(error)"
        }
    }

    @Test func aFoodGivenTwiceIsOneFood() throws {
        let request = try request(["--sex", "female", "--include-food", "lentils,lentils", "--include-food", "lentils",
                                   "--exclude-food", "banana", "--exclude-food", "banana,orange", "--favorite", "oatmeal", "--favorite", "oatmeal",
                                   "--exclude-group", "sweet,sweet", "--diet", "vegan", "--diet", "vegan", "--exclude", "soy,soy"])
        #expect(request.includeFoods == ["lentils"])
        #expect(request.excludeFoods == ["banana", "orange"])
        #expect(request.favoriteDays == ["oatmeal": 2])
        #expect(request.excludeGroups == ["sweet"])
        #expect(request.diets == [.vegan])
        #expect(request.excludeAllergens == [.soy])
    }

    @Test(arguments: [
        (["--include-food", ""], "--include-food: an empty value"),
        (["--include-food", " "], "--include-food: an empty value"),
        (["--exclude-food", ","], "--exclude-food ',': an empty item between commas"),
        (["--exclude-group", ""], "--exclude-group: an empty value"),
        (["--favorite", "oatmeal,"], "--favorite 'oatmeal,': an empty item between commas"),
        (["--exclude", "milk,,soy"], "--exclude 'milk,,soy': an empty item between commas"),
        (["--omit-food-group", ""], "--omit-food-group: an empty value"),
        (["--weights", ""], "--weights: an empty value"),
        (["--weights", "cost=1,,sugar=2"], "--weights 'cost=1,,sugar=2': an empty item between commas"),
    ])
    func anEmptyValueIsAUsageError(arguments: [String], message: String) {
        #expect(usageError(arguments) == message)
    }

    @Test(arguments: [
        (["--sodium-max", "1e-300"], "sodium_mg per day maximum 1e-300 is below 0.000001, the smallest nonzero amount (give 0 for none)"),
        (["--nutrient", "iron_mg:1e-9:"], "iron_mg per day minimum 1e-09 is below 0.000001, the smallest nonzero amount (give 0 for none)"),
        (["--weights", "cost=1e-9"], "objective weight 1e-09 of cost is below 0.000001, the smallest nonzero weight (give 0 for none)"),
        (["--potassium-min", "1e10"], "potassium_mg per day minimum 10000000000 is not in 0...1000000000"),
        (["--max-grams-per-day", "1e300"], "maximum grams per day 1e+300 is not in 1...100000"),
    ])
    func flagAmountsAreInRange(arguments: [String], message: String) {
        #expect(usageError(arguments) == message)
    }

    /// Two flags (or a flag and the request file, or a default) that cannot both hold, named.
    @Test(arguments: [
        (["--portion-step", "1", "--max-servings-per-meal", "0.5"],
         "maximum servings per meal 0.5 (--max-servings-per-meal) is below portion step 1 (--portion-step): no portion of any food fits"),
        (["--max-days-per-food", "0"],
         "maximum days per food 0 (--max-days-per-food) leaves no food for minimum foods per meal 1 (default)"),
        (["--include-food", "lentils", "--exclude-food", "lentils"],
         "the included food --include-food 'lentils' is also excluded (--exclude-food 'lentils')"),
        (["--nutrient", "iron_mg:20:10"],
         "iron_mg per day: minimum 20 (--nutrient 'iron_mg:20:10') is above maximum 10 (--nutrient 'iron_mg:20:10')"),
        (["--potassium-min", "3000", "--potassium-max", "2000"],
         "potassium_mg per day: minimum 3000 (--potassium-min) is above maximum 2000 (--potassium-max)"),
        (["--max-foods-per-meal", "0"],
         "minimum foods per meal 1 (default) is above maximum foods per meal 0 (--max-foods-per-meal)"),
    ])
    func contradictoryFlagsNameBoth(arguments: [String], message: String) {
        #expect(usageError(arguments) == message)
    }

    @Test func aFlagAgainstTheRequestFileNamesTheFlagAndTheKey() throws {
        let folder = try TemporaryFolder("odd-request")
        let portions = try folder.write("portions.json", #"{"profile": {"sex": "female"}, "portions": {"minServingsPerUse": 1.5}}"#)
        #expect(usageError(["--request", portions, "--max-servings-per-meal", "1"])
            == "minimum servings per use 1.5 (portions.minServingsPerUse) is above maximum servings per meal 1 (--max-servings-per-meal)")
        let iron = try folder.write("iron.json", #"{"profile": {"sex": "female"}, "nutrients": [{"nutrient": "iron_mg", "min": 20}]}"#)
        #expect(usageError(["--request", iron, "--nutrient", "iron_mg::10"])
            == "iron_mg per day: minimum 20 (nutrients[0].min) is above maximum 10 (--nutrient 'iron_mg::10')")
    }

    /// A name the small table does not know: the flag, the value and the nearest name.
    @Test(arguments: [
        (["--include-food", "lentls"], "--include-food 'lentls' is not a food of the table (did you mean 'lentils'?)"),
        (["--exclude-food", "bananna"], "--exclude-food 'bananna' is not a food of the table (did you mean 'banana'?)"),
        (["--favorite", "oatmeall"], "--favorite 'oatmeall' is not a food of the table (did you mean 'oatmeal'?)"),
        (["--exclude-food", "kale"], "--exclude-food 'kale' is not a food of the table"),
        (["--exclude-group", "fruits"], "--exclude-group 'fruits' is not a group of the food table (did you mean 'fruit'?)"),
        (["--exclude-group", "candy"],
         "--exclude-group 'candy' is not a group of the food table (its groups: dairy, egg, fat-condiment, fish, fruit, grain, legume, nuts-seeds, poultry, starchy-vegetable, sweet, vegetable)"),
        (["--include-food", "salmon-baked", "--exclude", "fish"],
         "the included food --include-food 'salmon-baked' contains fish, which --exclude 'fish' leaves out"),
        (["--include-food", "salmon-baked", "--diet", "vegan"],
         "the included food --include-food 'salmon-baked' is not vegan, which --diet 'vegan' asks for"),
        (["--include-food", "banana", "--exclude-group", "fruit"],
         "the included food --include-food 'banana' is in the group 'fruit', which --exclude-group 'fruit' leaves out"),
    ])
    func namesAreCheckedAgainstTheTable(arguments: [String], message: String) {
        #expect(usageError(arguments) == message)
    }

    /// The request file's own names are bad data (exit 65); against a flag, a usage error.
    @Test func aRequestFilesNamesAreBadData() throws {
        let folder = try TemporaryFolder("odd-request")
        let typo = try folder.write("week.json", #"{"profile": {"sex": "female"}, "includeFoods": ["lentls"]}"#)
        do {
            _ = try request(["--request", typo])
            Issue.record("expected an error")
        } catch let error as PlanRequestError {
            #expect(describe(error) == ("week.json: includeFoods 'lentls' is not a food of the table (did you mean 'lentils'?)", PlannerExit.badData))
        }
        let salmon = try folder.write("salmon.json", #"{"profile": {"sex": "female"}, "includeFoods": ["salmon-baked"]}"#)
        #expect(usageError(["--request", salmon, "--exclude", "fish"])
            == "the included food includeFoods 'salmon-baked' contains fish, which --exclude 'fish' leaves out")
        // Without a table (as before one is loaded) the names are not checked.
        #expect(try request(["--request", typo], table: nil).includeFoods == ["lentls"])
    }
}

/// The same, through the executable: exit codes, one error line, and no long search.
@Suite("odd requests: the executable")
struct OddRequestBinaryTests {
    /// The first line of stderr; the rest may only be swift-argument-parser's usage hint.
    /// A usage error's one line on stderr (checked to be the only one).
    static func errorLine(_ run: PlannerRun) -> String {
        let lines = run.stderr.split(separator: "\n").map(String.init)
        #expect(lines.count == 1, "\(run.stderr)")
        return lines.first ?? ""
    }

    /// `--include-food x --include-food x` ended in "two constraints are named 'include[x]'" (exit 70).
    @Test func aFoodIncludedTwiceGivesAPlan() throws {
        let run = try BinaryFixture().run(["--sex", "female", "--days", "2", "--foods", "small.csv", "--include-food", "lentils",
                                           "--include-food", "lentils", "--format", "csv"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains(",lentils,"))
    }

    /// A smallest portion above the largest searched for 22 s and ended in "the plan failed
    /// validation" (exit 70); now it is an error before any search.
    @Test func aSmallestPortionAboveTheLargestFailsAtOnce() throws {
        let fixture = try BinaryFixture()
        try fixture.folder.write("portions.json", #"{"profile": {"sex": "female"}, "days": 1, "portions": {"minServingsPerUse": 1.5, "maxServingsPerMeal": 1}}"#)
        let clock = ContinuousClock()
        let start = clock.now
        let run = try fixture.run(["--request", "portions.json", "--foods", "small.csv"])
        #expect(clock.now - start < .seconds(5))
        #expect(run.status == 65)
        #expect(run.stderr == "Error: portions.json: minimum servings per use 1.5 (portions.minServingsPerUse) is above maximum servings per meal 1 (portions.maxServingsPerMeal)\n")
        let flags = try fixture.run(["--sex", "female", "--foods", "small.csv", "--max-servings-per-meal", "0.25"])
        #expect(flags.status == 64)
        #expect(Self.errorLine(flags) == "Error: maximum servings per meal 0.25 (--max-servings-per-meal) is below portion step 0.5 (default): no portion of any food fits (see 'planner plan --help')")
    }

    @Test func aTypoInAFlagSuggestsTheName() throws {
        let fixture = try BinaryFixture()
        let group = try fixture.run(["--sex", "female", "--days", "1", "--foods", "small.csv", "--exclude-group", "fruits"])
        #expect(group.status == 64)
        #expect(Self.errorLine(group) == "Error: --exclude-group 'fruits' is not a group of the food table (did you mean 'fruit'?) (see 'planner plan --help')")
        let food = try fixture.run(["--sex", "female", "--days", "1", "--foods", "small.csv", "--include-food", "lentls"])
        #expect(food.status == 64)
        #expect(Self.errorLine(food) == "Error: --include-food 'lentls' is not a food of the table (did you mean 'lentils'?) (see 'planner plan --help')")
        let empty = try fixture.run(["--sex", "female", "--days", "1", "--foods", "small.csv", "--include-food", ""])
        #expect(empty.status == 64)
        #expect(Self.errorLine(empty) == "Error: --include-food: an empty value (see 'planner plan --help')")
        #expect(group.stdout.isEmpty && food.stdout.isEmpty && empty.stdout.isEmpty)
    }

    /// README's medical note sends people with kidney disease to `--potassium-max`: a maximum
    /// below the adequate intake answered "minimum 2600 is above maximum 2000" (exit 64). Now
    /// the minimum is left out, the plan says so, and holds the maximum.
    @Test func aPotassiumMaximumBelowTheAdequateIntakeGivesAPlan() throws {
        // The small table has no plan under 2,050 mg (its diagnosis says so); 2,200 is still below 2,600.
        let run = try BinaryFixture().run(["--sex", "female", "--days", "1", "--foods", "small.csv", "--potassium-max", "2200", "--format", "json"])
        #expect(run.status == 0, "\(run.stderr)")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let notes = try #require(document["notes"] as? [String])
        #expect(notes.contains("The potassium maximum of 2,200 mg per day is below the profile's minimum of 2,600 mg "
            + "(NASEM 2019 DRI for sodium and potassium), so that minimum is not applied."), "\(notes)")
        let totals = try #require(document["dailyTotals"] as? [[String: Any]])
        let potassium = try #require((totals.first?["nutrients"] as? [String: Any])?["potassium_mg"] as? Double)
        #expect(potassium <= 2200 + 1e-6)
        let table = try BinaryFixture().run(["--sex", "female", "--days", "1", "--foods", "small.csv", "--potassium-max", "2200", "--width", "1000"])
        #expect(table.status == 0)
        #expect(table.stdout.contains("\n- The potassium maximum of 2,200 mg per day is below the profile's minimum of 2,600 mg"))
    }

    /// The medical note's own case, on the bundled table: a week at most 2,000 mg a day. The
    /// Dietary Guidelines' food-group amounts go with the minimum (with them the search finds no
    /// such week within the time limit).
    @Test func theKidneyWeekOfTheBundledTable() throws {
        let run = try BinaryFixture().run(["--sex", "female", "--potassium-max", "2000", "--format", "json"])
        #expect(run.status == 0, "\(run.stderr)")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let notes = try #require(document["notes"] as? [String])
        #expect(notes.contains("The potassium maximum of 2,000 mg per day is below the profile's minimum of 2,600 mg "
            + "(NASEM 2019 DRI for sodium and potassium), so that minimum is not applied, nor are the Dietary Guidelines' "
            + "food-group amounts, a pattern for healthy people built to meet it."), "\(notes)")
        let totals = try #require(document["dailyTotals"] as? [[String: Any]])
        #expect(totals.count == 7)
        for day in totals {
            let potassium = try #require((day["nutrients"] as? [String: Any])?["potassium_mg"] as? Double)
            #expect(potassium <= 2000 + 1e-6)
        }
    }

    /// The small table has an added-sugars column without a single value: a day's total of it
    /// is unknown (null), not 0.
    @Test func aTotalNoFoodHasAValueForIsNull() throws {
        let run = try BinaryFixture().run(["--sex", "male", "--days", "1", "--foods", "small.csv", "--format", "json"])
        #expect(run.status == 0, "\(run.stderr)")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let nutrients = try #require((document["dailyTotals"] as? [[String: Any]])?.first?["nutrients"] as? [String: Any])
        #expect(nutrients["added_sugars_g"] is NSNull)
        #expect(nutrients["potassium_mg"] is Double)
    }

    /// Every food's potassium at 1e-300 aborted the process (SIGABRT in GLPK's scaling); a food
    /// of 1e12 kcal or prices of 1e12 ended in "internal error" (exit 70).
    @Test(arguments: [
        ("potassium_mg", "1e-300", "potassium_mg: 1e-300 is below 0.000001, the smallest nonzero amount (write 0 for none)"),
        ("kcal", "1e-300", "kcal: 1e-300 is below 0.000001, the smallest nonzero amount (write 0 for none)"),
        ("serving_g", "1e-300", "serving_g: 1e-300 is below 0.01 g, the least a serving may weigh"),
        ("kcal", "1e12", "kcal: 1e12 is above 257.7, the most energy a 28.35 g serving can hold (9 kcal per gram, pure fat's, plus 1 % for rounding)"),
        ("price_usd", "1e12", "price_usd: 1e12 is above 2,835, the most a 28.35 g serving may cost ($100 a gram)"),
    ])
    func extremeTablesAreBadData(column: String, value: String, message: String) throws {
        let fixture = try BinaryFixture()
        var lines = SmallTable.csv.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        // The small table's names are quoted when they hold commas: change the column by its place from the end.
        let header = lines[0]
        let fromEnd = header.count - header.firstIndex(of: column)!
        for index in lines.indices.dropFirst() { lines[index][lines[index].count - fromEnd] = value }
        try fixture.folder.write("extreme.csv", lines.map { $0.joined(separator: ",") }.joined(separator: "\n") + "\n")
        let run = try fixture.run(["--sex", "female", "--days", "1", "--foods", "extreme.csv"])
        #expect(run.status == 65)
        let column = lines[1][..<(lines[1].count - fromEnd)].reduce(1) { $0 + $1.count + 1 }
        #expect(run.stderr == "Error: extreme.csv:2:\(column): \(message)\n")
    }
}
