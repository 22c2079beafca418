import Foundation
import GLPK
import LinearProgramming
import Testing
@testable import MealPlanning

/// Requests that are odd but valid (lists with repeats), rules that contradict each other (a
/// minimum above its maximum of any kind), a maximum below the profile's minimum (kidney
/// mode), names the table does not know, and targets rounded the safe way.
@Suite("Odd requests")
struct OddRequestTests {
    /// The error of decoding a request (without a profile, given an energy for the default meal shares).
    func decodeError(_ json: String) -> String? {
        let text = json.contains("\"energy\"") || json.contains("\"profile\"") ? json : "{\"energy\": 2000, " + json.dropFirst()
        do {
            _ = try PlanRequestCoding.decode(Data(text.utf8), fileName: "r.json")
            return nil
        } catch {
            return "\(error)"
        }
    }

    // MARK: Lists

    @Test func everyListHoldsEachEntryOnce() {
        var request = PlanRequest(profile: Profile(sex: .female))
        request.includeFoods = ["a", "b", "a"]
        request.includeFoods += ["b", "c"]
        request.excludeFoods = ["x", "x"]
        request.excludeGroups = ["fruit", "sweet", "fruit"]
        request.favoriteDays["f"] = 2
        request.diets = [.vegan, .vegetarian, .vegan]
        request.excludeAllergens = [.milk, .egg, .milk]
        request.meals = [MealShare(slot: .lunch, minShare: nil, maxShare: nil), MealShare(slot: .lunch, minShare: nil, maxShare: nil)]
        request.mealGroupRules = [MealGroupRule.defaults[0], MealGroupRule.defaults[0]]
        request.foodGroups?.omitted = ["dairy", "dairy"]
        #expect(request.includeFoods == ["a", "b", "c"])
        #expect(request.excludeFoods == ["x"])
        #expect(request.excludeGroups == ["fruit", "sweet"])
        #expect(request.favoriteDays == ["f": 2])
        #expect(request.diets == [.vegan, .vegetarian])
        #expect(request.excludeAllergens == [.milk, .egg])
        #expect(request.meals.count == 1)
        #expect(request.mealGroupRules == [MealGroupRule.defaults[0]])
        #expect(request.foodGroups?.omitted == ["dairy"])
        let rule = MealGroupRule(name: "v", meals: [.lunch, .lunch, .dinner], groups: ["vegetable", "vegetable"], minServings: 1)
        #expect(rule.meals == [.lunch, .dinner] && rule.groups == ["vegetable"])
        #expect(FoodGroupOptions(omitted: ["fruit", "fruit"]).omitted == ["fruit"])
    }

    @Test func aRequestFileWithRepeatsIsOneRule() throws {
        let request = try PlanRequestCoding.decode(Data(#"""
            {"profile": {"sex": "female"}, "includeFoods": ["lentils", "lentils"], "excludeFoods": ["kale", "kale"],
             "excludeGroups": ["sweet", "sweet"], "favoriteFoods": ["banana", "banana"], "diets": ["vegan", "vegan"],
             "excludeAllergens": ["soy", "soy"], "variety": {"foodGroups": {"omitted": ["dairy", "dairy"]}}}
            """#.utf8), fileName: "r.json")
        #expect(request.includeFoods == ["lentils"] && request.excludeFoods == ["kale"] && request.excludeGroups == ["sweet"])
        #expect(request.favoriteDays == ["banana": 2] && request.diets == [.vegan] && request.excludeAllergens == [.soy])
        #expect(request.foodGroups?.omitted == ["dairy"])
    }

    /// A food included twice made two rows named `include[a]`: "two constraints are named" (exit 70).
    @Test func aFoodIncludedTwiceBuildsAValidModel() throws {
        let table = try handTable([("a", 400, 10, 1, 2), ("b", 300, 5, 0.5, 2)])
        var request = bareRequest(days: 2)
        request.includeFoods = ["a", "a"]
        request.favoriteDays = ["b": 1]
        request.nutrientRules = [NutrientRule(nutrient: "potassium_mg", minimum: 600)]
        let plan = try PlanModelBuilder(table: table, request: request).build()
        try plan.model.validate()
        guard case .plan(let week) = try WeeklyPlanner(table: table, request: request, solver: GLPKSolver()).plan() else {
            Issue.record("expected a plan")
            return
        }
        #expect(week.items.contains { $0.food == 0 })
    }

    // MARK: Contradictions, named by their request-file keys

    @Test(arguments: [
        (#"{"portions": {"minServingsPerUse": 1.5, "maxServingsPerMeal": 1}}"#,
         "r.json: minimum servings per use 1.5 (portions.minServingsPerUse) is above maximum servings per meal 1 (portions.maxServingsPerMeal)"),
        (#"{"portions": {"minServingsPerUse": 2, "maxServingsPerMeal": 3, "maxServingsPerDay": 1}}"#,
         "r.json: minimum servings per use 2 (portions.minServingsPerUse) is above maximum servings per day 1 (portions.maxServingsPerDay)"),
        (#"{"portions": {"minServingsPerUse": 3, "maxServingsPerWeek": 2}}"#,
         "r.json: minimum servings per use 3 (portions.minServingsPerUse) is above maximum servings per meal 2 (portions.maxServingsPerMeal)"),
        (#"{"portions": {"step": 1, "minServingsPerUse": 1.25, "maxServingsPerMeal": 1.5}}"#,
         "r.json: minimum servings per use 1.25 (portions.minServingsPerUse) is 2 servings in whole portion steps (portion step 1 (portions.step)), above maximum servings per meal 1.5 (portions.maxServingsPerMeal), 1 in whole steps"),
        (#"{"portions": {"step": 1, "maxServingsPerMeal": 0.5}}"#,
         "r.json: maximum servings per meal 0.5 (portions.maxServingsPerMeal) is below portion step 1 (portions.step): no portion of any food fits"),
        (#"{"nutrients": [{"nutrient": "iron_mg", "min": 20, "max": 10}]}"#,
         "r.json: iron_mg per day: minimum 20 (nutrients[0].min) is above maximum 10 (nutrients[0].max)"),
        (#"{"nutrients": [{"nutrient": "iron_mg", "min": 20}, {"nutrient": "iron_mg", "max": 10}]}"#,
         "r.json: iron_mg per day: minimum 20 (nutrients[0].min) is above maximum 10 (nutrients[1].max)"),
        (#"{"profile": {"sex": "female"}, "nutrients": [{"nutrient": "potassium_mg", "min": 3000}, {"nutrient": "potassium_mg", "max": 2000}]}"#,
         "r.json: potassium_mg per day: minimum 3000 (nutrients[0].min) is above maximum 2000 (nutrients[1].max)"),
        (#"{"energy": 2000, "meals": [{"slot": "lunch", "minShare": 0.5, "maxShare": 0.3}]}"#,
         "r.json: lunch share: minimum 0.5 (meals[0].minShare) is above maximum 0.3 (meals[0].maxShare)"),
        (#"{"variety": {"minFoodsPerMeal": 3, "maxFoodsPerMeal": 2}}"#,
         "r.json: minimum foods per meal 3 (variety.minFoodsPerMeal) is above maximum foods per meal 2 (variety.maxFoodsPerMeal)"),
        (#"{"variety": {"maxDaysPerFood": 0}}"#,
         "r.json: maximum days per food 0 (variety.maxDaysPerFood) leaves no food for minimum foods per meal 1 (variety.minFoodsPerMeal)"),
        (#"{"variety": {"maxDaysPerFood": 0, "minFoodsPerMeal": 0}, "includeFoods": ["lentils"]}"#,
         "r.json: maximum days per food 0 (variety.maxDaysPerFood) leaves no day for the included food includeFoods 'lentils'"),
        (#"{"includeFoods": ["lentils"], "excludeFoods": ["kale", "lentils"]}"#,
         "r.json: the included food includeFoods 'lentils' is also excluded (excludeFoods 'lentils')"),
        (#"{"variety": {"mealGroups": [{"name": "v", "meals": ["lunch"], "groups": ["vegetable"], "minServings": 3, "maxServings": 2}]}}"#,
         "r.json: meal rule 'v': minimum 3 (variety.mealGroups[0].minServings) is above maximum 2 (variety.mealGroups[0].maxServings)"),
        (#"{"nutrients": [{"nutrient": "iron_mg", "min": 30}, {"nutrient": "iron_mg", "max": 5, "per": "breakfast"}, {"nutrient": "iron_mg", "max": 5, "per": "lunch"}, {"nutrient": "iron_mg", "max": 5, "per": "dinner"}, {"nutrient": "iron_mg", "max": 5, "per": "snack"}]}"#,
         "r.json: iron_mg: the meals' maximums (nutrients[1].max, nutrients[2].max, nutrients[3].max, nutrients[4].max) add up to 20, below the daily minimum 30 (nutrients[0].min)"),
        (#"{"nutrients": [{"nutrient": "iron_mg", "max": 10}, {"nutrient": "iron_mg", "min": 6, "per": "lunch"}, {"nutrient": "iron_mg", "min": 6, "per": "dinner"}]}"#,
         "r.json: iron_mg: the meals' minimums (nutrients[1].min, nutrients[2].min) add up to 12, above the daily maximum 10 (nutrients[0].max)"),
    ])
    func contradictionsNameBothKeysAndValues(json: String, message: String) {
        #expect(decodeError(json) == message)
    }

    /// Meal rule names name the model's rows: two that give one row name, or a name with a line
    /// break, would make an invalid model (exit 70).
    @Test func mealRuleNamesArePlainAndDistinct() {
        #expect(decodeError(#"{"variety": {"mealGroups": [{"name": "a b", "groups": ["vegetable"]}, {"name": "a_b", "groups": ["fruit"]}]}}"#)
            == "r.json: meal rules 'a b' and 'a_b' have the same name")
        #expect(decodeError(#"{"variety": {"mealGroups": [{"name": "a\nb", "groups": ["vegetable"]}]}}"#)
            == #"r.json: meal rule name 'a\nb' must be 1 to 64 characters without control characters"#)
        #expect(decodeError(#"{"variety": {"mealGroups": [{"name": "\#(String(repeating: "x", count: 65))", "groups": ["vegetable"]}]}}"#)
            == "r.json: meal rule name '\(String(repeating: "x", count: 64))' must be 1 to 64 characters without control characters")
    }

    /// Request amounts have the food table's floor: a nonzero amount below a millionth.
    @Test(arguments: [
        (#"{"nutrients": [{"nutrient": "iron_mg", "max": 1e-300}]}"#,
         "r.json: iron_mg per day maximum 1e-300 is below 0.000001, the smallest nonzero amount (give 0 for none)"),
        (#"{"energy": 2000, "meals": [{"slot": "lunch", "minShare": 1e-9}]}"#,
         "r.json: lunch minimum share 1e-09 is below 0.000001, the smallest nonzero amount (give 0 for none)"),
        (#"{"portions": {"minServingsPerUse": 1e-300}}"#,
         "r.json: minimum servings per use 1e-300 is below 0.000001, the smallest nonzero amount (give 0 for none)"),
        (#"{"objective": {"weights": {"cost": 1, "sugar": 1e-9}}}"#,
         "r.json: objective weight 1e-09 of sugar is below 0.000001, the smallest nonzero weight (give 0 for none)"),
        (#"{"nutrients": [{"nutrient": "iron_mg", "max": 2e9}]}"#, "r.json: iron_mg per day maximum 2000000000 is not in 0...1000000000"),
        (#"{"includeFoods": [""]}"#, "r.json: includeFoods: an empty name"),
        (#"{"excludeGroups": ["fruit", ""]}"#, "r.json: excludeGroups: an empty name"),
    ])
    func requestAmountsAreInRange(json: String, message: String) {
        #expect(decodeError(json) == message)
    }

    // MARK: Kidney mode

    static let kidneyNote = "The potassium maximum of 2,000 mg per day is below the profile's minimum of 2,600 mg "
        + "(NASEM 2019 DRI for sodium and potassium), so that minimum is not applied, nor are the Dietary Guidelines' "
        + "food-group amounts, a pattern for healthy people built to meet it."

    @Test func aMaximumBelowTheAdequateIntakeDropsThatMinimum() throws {
        var request = PlanRequest(profile: Profile(sex: .female))
        request.nutrientRules = [NutrientRule(nutrient: "potassium_mg", maximum: 2000, source: "command line")]
        try request.validate()
        let rules = request.resolvedNutrientRules
        let potassium = try #require(rules.first { $0.nutrient == "potassium_mg" })
        #expect(potassium.minimum == nil && potassium.maximum == 2000)
        #expect(request.nutrientRuleNotes == [Self.kidneyNote])
        // The food-group amounts go with it; the other intakes stay.
        #expect(!rules.contains { $0.nutrient.hasSuffix("_cup_eq") || $0.nutrient.hasSuffix("_oz_eq") })
        #expect(rules.contains { $0.nutrient == "calcium_mg" && $0.minimum == 1000 })
        // The table's adaptation carries the note to the plan (a table without food-pattern
        // equivalents has no food-group amounts to leave out).
        let table = try handTable([("a", 400, 10, 1, 2)])
        #expect(request.adapted(to: table).notes.first == "The potassium maximum of 2,000 mg per day is below the profile's minimum of 2,600 mg "
            + "(NASEM 2019 DRI for sodium and potassium), so that minimum is not applied.")
    }

    @Test func aMaximumAboveTheAdequateIntakeKeepsEverything() throws {
        var request = PlanRequest(profile: Profile(sex: .female))
        request.nutrientRules = [NutrientRule(nutrient: "potassium_mg", maximum: 3500)]
        let potassium = try #require(request.resolvedNutrientRules.first { $0.nutrient == "potassium_mg" })
        #expect(potassium.minimum == 2600 && potassium.maximum == 3500)
        #expect(request.nutrientRuleNotes.isEmpty)
        #expect(request.resolvedNutrientRules.contains { $0.nutrient == "dairy_cup_eq" })
    }

    @Test func aMinimumAboveTheProfileMaximumDropsThatMaximum() throws {
        var request = PlanRequest(profile: Profile(sex: .female))
        request.nutrientRules = [NutrientRule(nutrient: "sodium_mg", minimum: 3000)]
        try request.validate()
        let sodium = try #require(request.resolvedNutrientRules.first { $0.nutrient == "sodium_mg" })
        #expect(sodium.minimum == 3000 && sodium.maximum == nil)
        #expect(request.nutrientRuleNotes == ["The sodium minimum of 3,000 mg per day is above the profile's maximum of 2,300 mg "
            + "(NASEM 2019 DRI for sodium and potassium), so that maximum is not applied."])
        #expect(request.resolvedNutrientRules.contains { $0.nutrient == "dairy_cup_eq" })
    }

    /// A food-group amount below the profile's drops that amount alone.
    @Test func aFoodGroupMaximumDropsThatGroupsMinimumOnly() throws {
        var request = PlanRequest(profile: Profile(sex: .female))
        request.nutrientRules = [NutrientRule(nutrient: "dairy_cup_eq", maximum: 1)]
        try request.validate()
        let dairy = try #require(request.resolvedNutrientRules.first { $0.nutrient == "dairy_cup_eq" })
        #expect(dairy.minimum == nil && dairy.maximum == 1)
        #expect(request.resolvedNutrientRules.contains { $0.nutrient == "fruit_cup_eq" })
        #expect(request.resolvedNutrientRules.contains { $0.nutrient == "potassium_mg" && $0.minimum == 2600 })
        #expect(request.nutrientRuleNotes.count == 1)
    }

    // MARK: Targets are rounded the safe way

    @Test func targetsAreNeverRoundedLooser() throws {
        let male = NutrientTargets.dailyRules(for: Profile(sex: .male))
        #expect(male.first { $0.nutrient == "fiber_g" }?.minimum == 36.4)
        var kcal = 500.0
        while kcal <= 10000 {
            let rules = NutrientTargets.dailyRules(for: Profile(sex: .female), kcal: kcal)
            func rule(_ key: String) -> NutrientRule { rules.first { $0.nutrient == key }! }
            let energy = rule("kcal")
            #expect(energy.minimum! >= kcal * 0.95 - 1e-9 && energy.minimum! - kcal * 0.95 < 1, "\(kcal)")
            #expect(energy.maximum! <= kcal * 1.05 + 1e-9 && kcal * 1.05 - energy.maximum! < 1, "\(kcal)")
            let fiber = rule("fiber_g").minimum!
            #expect(fiber >= kcal / 1000 * 14 - 1e-9 && fiber - kcal / 1000 * 14 < 0.1 + 1e-9, "\(kcal)")
            let sugars = rule("sugars_g").maximum!
            #expect(sugars <= kcal * 90 / 2000 + 1e-9 && kcal * 90 / 2000 - sugars < 0.1 + 1e-9, "\(kcal)")
            let added = rule("added_sugars_g").maximum!
            #expect(added <= kcal * 0.025 + 1e-9 && kcal * 0.025 - added < 0.1 + 1e-9, "\(kcal)")
            kcal += 7.3
        }
        let odd = NutrientTargets.dailyRules(for: Profile(sex: .female), kcal: 2035)
        #expect(odd.map { [$0.minimum, $0.maximum] }.prefix(6) == [[1934, 2136], [2600, nil], [nil, 2300], [nil, 50.8], [nil, 91.5], [28.5, nil]])
    }

    // MARK: Names the table does not know, and included foods other rules leave out

    static func table() throws -> FoodTable {
        try handTable([("lentils", 700, 4, 0.3, 2), ("banana", 400, 1, 0.2, 2), ("salmon-baked", 300, 50, 2, 2)])
    }

    @Test(arguments: [
        (["include": "lentls"], "includeFoods 'lentls' is not a food of the table (did you mean 'lentils'?)"),
        (["exclude": "bananna"], "excludeFoods 'bananna' is not a food of the table (did you mean 'banana'?)"),
        (["favorite": "salmon"], "favoriteFoods 'salmon' is not a food of the table"),
        (["group": "vegetables"], "excludeGroups 'vegetables' is not a group of the food table (did you mean 'vegetable'?)"),
        (["group": "meat"], "excludeGroups 'meat' is not a group of the food table (its groups: vegetable)"),
        (["include": "lentils", "diet": "vegan"], "the included food includeFoods 'lentils' is not vegan, which diets 'vegan' asks for"),
        (["include": "lentils", "group": "vegetable"],
         "the included food includeFoods 'lentils' is in the group 'vegetable', which excludeGroups 'vegetable' leaves out"),
    ])
    func namesAreCheckedAgainstTheTable(settings: [String: String], message: String) throws {
        let table = try Self.table()
        var request = bareRequest()
        if let id = settings["include"] { request.includeFoods = [id] }
        if let id = settings["exclude"] { request.excludeFoods = [id] }
        if let id = settings["favorite"] { request.favoriteDays = [id: 2] }
        if let group = settings["group"] { request.excludeGroups = [group] }
        if let diet = settings["diet"] { request.diets = [Diet(rawValue: diet)!] }
        #expect(request.conflict(with: table)?.message(naming: .keys) == message)
        let error = #expect(throws: PlanBuildError.self) { try PlanModelBuilder(table: table, request: request).selectFoods() }
        #expect(error == request.conflict(with: table).map(PlanBuildError.conflict))
        #expect(error?.description == message)
    }

    @Test func anIncludedFoodWithAnExcludedAllergenNamesBoth() throws {
        var table = FoodTable(nutrients: [.potassium])
        try table.append(id: "salmon-baked", name: "Salmon", nutrientValues: [300], price: 2, meals: MealSlots([.lunch]),
                         group: "fish", allergens: TagSet([.fish]))
        var request = bareRequest()
        request.includeFoods = ["salmon-baked"]
        request.excludeAllergens = [.fish]
        let message = "the included food includeFoods 'salmon-baked' contains fish, which excludeAllergens 'fish' leaves out"
        #expect(request.conflict(with: table) == .containsAllergen(food: .includeFood("salmon-baked"), allergen: .fish))
        #expect(request.conflict(with: table)?.message(naming: .keys) == message)
        #expect(request.conflict(with: table)?.settings == [.includeFood("salmon-baked"), .excludeAllergen(.fish)])
    }

    /// "all 377 foods were left out" named no reason; now it names the column.
    @Test func whenEveryFoodIsLeftOutTheMessageNamesTheMissingColumn() throws {
        let table = try handTable([("a", .nan, 10, 1, 2), ("b", .nan, 5, 0.5, 2)])
        var request = bareRequest()
        request.nutrientRules = [NutrientRule(nutrient: "potassium_mg", minimum: 100)]
        #expect(throws: PlanBuildError.allFoodsLeftOut(count: 2, summary: "2 have no potassium_mg value")) {
            try PlanModelBuilder(table: table, request: request).selectFoods()
        }
        #expect(PlanBuildError.allFoodsLeftOut(count: 2, summary: "x").description == "no food is left to plan with: all 2 foods were left out: x")
        #expect(PlanBuildError.emptyTable.description == "no food is left to plan with: the food table is empty")
        let mixed = try handTable([("a", .nan, 10, 1, 2), ("b", 300, 5, .nan, 2), ("c", 300, 5, 1, 2)])
        request.excludeFoods = ["c"]
        #expect(throws: PlanBuildError.allFoodsLeftOut(count: 3, summary: "1 are excluded by id, 1 have no potassium_mg value, 1 have no price_usd value")) {
            try PlanModelBuilder(table: mixed, request: request).selectFoods()
        }
        var included = request
        included.excludeFoods = []
        included.includeFoods = ["b"]
        let error = #expect(throws: PlanBuildError.wantedFoodLeftOut(id: "b", favourite: false, reason: "no price")) {
            try PlanModelBuilder(table: mixed, request: included).selectFoods()
        }
        #expect(error?.description == "the included food 'b' is left out (no price)")
    }

    // MARK: A smallest portion above a food's largest

    /// A food whose largest portion (its table limit, 1 serving) is below the smallest portion
    /// of the request (1.5) cannot be served; the model used to serve it at its largest, and the
    /// validator rejected the plan (exit 70).
    @Test func aFoodWhoseLargestPortionIsBelowTheSmallestIsNotServed() throws {
        let table = try handTable([("a", 400, 10, 0.1, 1), ("b", 300, 5, 1, 3)])
        var request = bareRequest()
        request.minServingsPerUse = 1.5
        request.maxServingsPerMeal = 3
        request.nutrientRules = [NutrientRule(nutrient: "potassium_mg", minimum: 600)]
        guard case .plan(let plan) = try WeeklyPlanner(table: table, request: request, solver: GLPKSolver()).plan() else {
            Issue.record("expected a plan")
            return
        }
        #expect(plan.items == [PlanItem(food: 1, day: 0, slot: .lunch, servings: 2)])
        #expect(PlanValidator(table: table, request: request).violations(of: plan.items).isEmpty)
    }
}
