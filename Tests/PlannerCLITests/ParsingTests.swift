import ArgumentParser
import Foundation
import MealPlanning
import Testing
@testable import PlannerCLI

/// Parses `planner ARGUMENTS` and builds the request, as `planner plan` does before it loads a table.
func request(_ arguments: [String]) throws -> PlanRequest {
    let command = try PlannerCommand.parseAsRoot(arguments)
    guard let plan = command as? PlanCommand else { throw ValidationError("not the plan command: \(type(of: command))") }
    return try plan.requestOptions.makeRequest()
}

@Suite("request flags")
struct ParsingTests {
    @Test func theRootCommandPlansByDefault() throws {
        let command = try PlannerCommand.parseAsRoot(["--sex", "female"])
        let plan = try #require(command as? PlanCommand)
        let request = try plan.requestOptions.makeRequest()
        #expect(request.profile == Profile(sex: .female))
        #expect(request.days == 7)
        #expect(plan.outputOptions.format == .table)
    }

    @Test func flagsReachTheRequest() throws {
        let request = try request([
            "plan", "--sex", "male", "--age", "55", "--days", "3", "--potassium-min", "3400", "--nutrient", "sodium_mg::600:D",
            "--exclude", "Peanuts, tree nuts", "--exclude-food", "banana,lentils", "--weights", "cost=1,sugar=0.1",
        ])
        #expect(request.profile == Profile(sex: .male, age: 55))
        #expect(request.days == 3)
        #expect(request.excludeAllergens == [.peanuts, .treeNuts])
        #expect(request.excludeFoods == ["banana", "lentils"])
        #expect(request.objective == .weighted([.init(kind: .cost, weight: 1), .init(kind: .sugar, weight: 0.1)]))
        #expect(request.nutrientRules == [
            NutrientRule(nutrient: "potassium_mg", minimum: 3400, maximum: nil, source: "command line"),
            NutrientRule(nutrient: "sodium_mg", minimum: nil, maximum: 600, scope: .meal(.dinner), source: "command line"),
        ])
    }

    /// Errors of parsing and `validate()`: the exact message, and exit code 64 with usage.
    @Test(arguments: [
        ([String](), "Missing expected argument '--sex <female|male>' (or give --request FILE)."),
        (["--days", "1"], "Missing expected argument '--sex <female|male>' (or give --request FILE)."),
        (["--sex", "female", "--pregnant", "--lactating"], "--pregnant and --lactating cannot both be given."),
        (["--sex", "female", "--bogus"], "Unknown option '--bogus'. Did you mean '--foods'?"),
        (["--sex", "other"], "The value 'other' is invalid for '--sex <sex>'. Please provide one of 'female' and 'male'."),
        (["--sex", "female", "--days", "two"], "The value 'two' is invalid for '--days <days>'"),
        (["--sex", "female", "--age"], "Missing value for '--age <age>'"),
        (["--sex", "female", "--exclude-food"], "Missing value for '--exclude-food <id>'"),
        (["--sex", "female", "--width", "39"], "--width 39 is not in 40...1000"),
        (["--sex", "female", "--format", "pdf"],
         "The value 'pdf' is invalid for '--format <format>'. Please provide one of 'table', 'markdown', 'json', 'csv' or 'html'."),
        (["--sex", "female", "--objective", "fun"],
         "The value 'fun' is invalid for '--objective <objective>'. Please provide one of 'cost', 'sugar', 'sodium', 'potassium' or 'energy'."),
    ])
    func usageErrors(arguments: [String], message: String) {
        do {
            _ = try PlannerMain.parse(arguments)
            Issue.record("expected: \(message)")
        } catch {
            #expect(PlannerCommand.message(for: error) == message)
            #expect(PlannerCommand.exitCode(for: error) == ExitCode(PlannerExit.usage))
        }
    }

    /// Flag values that only `makeRequest()` can judge: a `ValidationError` (exit 64, with usage).
    @Test(arguments: [
        (["--nutrient", "bad"], "--nutrient 'bad': expected COLUMN:MIN:MAX or COLUMN:MIN:MAX:MEAL"),
        (["--nutrient", "a:1:2:3:4"], "--nutrient 'a:1:2:3:4': expected COLUMN:MIN:MAX or COLUMN:MIN:MAX:MEAL"),
        (["--nutrient", ":1:2"], "--nutrient ':1:2': expected COLUMN:MIN:MAX or COLUMN:MIN:MAX:MEAL"),
        (["--nutrient", "iron_mg:x:"], "--nutrient 'iron_mg:x:': minimum 'x' is not a number"),
        (["--nutrient", "iron_mg::inf"], "--nutrient 'iron_mg::inf': maximum 'inf' is not a number"),
        (["--nutrient", "iron_mg:nan:"], "--nutrient 'iron_mg:nan:': minimum 'nan' is not a number"),
        (["--nutrient", "iron_mg::"], "--nutrient 'iron_mg::': give a minimum, a maximum or both"),
        (["--nutrient", "sodium_mg::600:brunch"], "--nutrient 'sodium_mg::600:brunch': 'brunch' is not day or a meal"),
        (["--exclude", "nonsense"],
         "--exclude 'nonsense': not an allergen (milk, egg, fish, shellfish, tree-nuts, peanuts, wheat, soy, sesame)"),
        (["--exclude", "milk, nonsense"],
         "--exclude 'nonsense': not an allergen (milk, egg, fish, shellfish, tree-nuts, peanuts, wheat, soy, sesame)"),
        (["--weights", "cost=x"], "--weights 'cost=x': expected NAME=NUMBER with NAME one of cost, sugar, sodium, potassium, energy"),
        (["--weights", "cost=1,fun=2"], "--weights 'fun=2': expected NAME=NUMBER with NAME one of cost, sugar, sodium, potassium, energy"),
        (["--weights", "cost=nan"], "--weights 'cost=nan': expected NAME=NUMBER with NAME one of cost, sugar, sodium, potassium, energy"),
        (["--weights", "cost"], "--weights 'cost': expected NAME=NUMBER with NAME one of cost, sugar, sodium, potassium, energy"),
    ])
    func flagValueErrors(arguments: [String], message: String) {
        do {
            _ = try request(["--sex", "female"] + arguments)
            Issue.record("expected: \(message)")
        } catch let error as ValidationError {
            #expect(error.message == message)
            #expect(PlannerCommand.message(for: error) == message)
            #expect(PlannerCommand.exitCode(for: error) == ExitCode(PlannerExit.usage))
        } catch {
            Issue.record("expected a ValidationError, got \(type(of: error)): \(error)")
        }
    }

    /// Flag values that break a rule of the request (out of range, or in conflict with another
    /// flag): a usage error too (exit 64, "a value out of range" in the README).
    @Test(arguments: [
        (["--sex", "male", "--pregnant"], "--pregnant applies to the female profile only"),
        (["--sex", "male", "--lactating"], "--lactating applies to the female profile only"),
        (["--sex", "female", "--age", "5"], "age 5 is outside the 14-120 years the reference intakes here cover"),
        (["--sex", "female", "--age", "121"], "age 121 is outside the 14-120 years the reference intakes here cover"),
        (["--sex", "female", "--pregnant", "--age", "51"], "the reference intakes for pregnant women cover ages 14-50"),
        (["--sex", "female", "--days", "0"], "days 0 is not in 1...28"),
        (["--sex", "female", "--days", "29"], "days 29 is not in 1...28"),
        (["--sex", "female", "--kcal", "100"], "energy target 100 is not in 500...10000"),
        (["--sex", "female", "--kcal", "nan"], "energy target nan is not in 500...10000"),
        (["--sex", "female", "--portion-step", "0.3"], "portion step 0.3 must be 0.25, 0.5 or 1 serving"),
        (["--sex", "female", "--potassium-min", "5000", "--potassium-max", "4000"],
         "potassium_mg per day: minimum 5000 (--potassium-min) is above maximum 4000 (--potassium-max)"),
        (["--sex", "female", "--sodium-max=-1"], "sodium_mg per day maximum -1 is not in 0...1000000000"),
        (["--sex", "female", "--max-foods-per-meal", "0"], "minimum foods per meal 1 (default) is above maximum foods per meal 0 (--max-foods-per-meal)"),
        (["--sex", "female", "--weights", "cost=1e7"], "objective weight 10000000.0 of cost is not a finite number up to 1e6"),
        (["--sex", "female", "--time-limit", "0"], "time limit 0 is not in 0.1...86400"),
        (["--sex", "female", "--gap", "2"], "relative gap 2 is not in 0...1"),
    ])
    func flagsThatBreakARequestRule(arguments: [String], message: String) {
        do {
            _ = try request(arguments)
            Issue.record("expected: \(message)")
        } catch let error as ValidationError {
            #expect(error.message == message)
            #expect(PlannerCommand.exitCode(for: error) == ExitCode(PlannerExit.usage))
        } catch {
            Issue.record("expected a ValidationError, got \(type(of: error)): \(error)")
        }
    }

    /// The same rules broken in a request file: bad data (exit 65), named by the file.
    @Test(arguments: [
        (#"{"days": 0}"#, "bad.json: days 0 is not in 1...28"),
        (#"{"profile": {"sex": "female", "age": 5}}"#, "bad.json: age 5 is outside the 14-120 years the reference intakes here cover"),
        (#"{"profile": {"sex": "male", "lifeStage": "pregnant"}}"#, "bad.json: profile.lifeStage 'pregnant' applies to the female profile only"),
        (#"{"days": "one"}"#, "bad.json: days: expected a number"),
        (#"{"days": 1.5}"#, "bad.json: days: expected an integer"),
        (#"{"dayz": 1}"#, "bad.json: dayz: unknown key (expected one of budget, days, diets, effort, energy, excludeAllergens, excludeFoods, excludeGroups, favoriteFoods, household, includeFoods, maxDailyGrams, mealShareReference, meals, nutrients, objective, portions, profile, relativeGap, timeLimit, useProfileTargets, variety, version)"),
        ("{\"objective\": \"cost\\nsugar\"}", #"bad.json: objective: 'cost\nsugar' is not one of cost, sugar, sodium, potassium, energy"#),
        ("{\"excludeFoods\": [1]}", "bad.json: excludeFoods[0]: expected a string"),
        ("[1]", "bad.json: the request must be a JSON object"),
    ])
    func requestFileErrors(json: String, message: String) throws {
        let folder = try TemporaryFolder("request-file")
        let path = try folder.write("bad.json", json)
        do {
            _ = try request(["--request", path])
            Issue.record("expected: \(message)")
        } catch let error as PlanRequestError {
            #expect(error.description == message)
            #expect(describe(error) == (message, PlannerExit.badData))
        } catch {
            Issue.record("expected a PlanRequestError, got \(type(of: error)): \(error)")
        }
    }

    @Test func aMissingRequestFileCannotBeRead() throws {
        let folder = try TemporaryFolder("request-file")
        do {
            _ = try request(["--request", folder.path("missing.json")])
            Issue.record("expected an error")
        } catch {
            #expect(describe(error) == ("\(folder.path("missing.json")): cannot read the request file", PlannerExit.cannotRead))
        }
    }

    @Test func aRequestFileAndFlags() throws {
        let folder = try TemporaryFolder("request-flags")
        let path = try folder.write("week.json", #"{"version": 1, "profile": {"sex": "female", "age": 40}, "days": 5, "diets": ["vegan"]}"#)
        let fromFile = try request(["--request", path])
        #expect(fromFile.profile == Profile(sex: .female, age: 40))
        #expect(fromFile.days == 5 && fromFile.diets == [.vegan])
        // Flags override the file.
        let overridden = try request(["--request", path, "--days", "2", "--age", "45", "--diet", "vegan", "--diet", "gluten-free"])
        #expect(overridden.profile == Profile(sex: .female, age: 45))
        #expect(overridden.days == 2 && overridden.diets == [.vegan, .glutenFree])

        let bad = try folder.write("bad.json", #"{"days": "one"}"#)
        let error = #expect(throws: PlanRequestError.badValue(file: "bad.json", path: "days", problem: "expected a number")) {
            try request(["--request", bad])
        }
        #expect(error?.description == "bad.json: days: expected a number")
    }
}
