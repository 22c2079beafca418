import Foundation
import GLPK
import LinearProgramming
import Testing
@testable import MealPlanning

/// A table written in code, for requests whose optimum can be checked by hand.
func handTable(_ rows: [(id: String, potassium: Double, sodium: Double, price: Double, maxPerMeal: Double)]) throws -> FoodTable {
    var table = FoodTable(nutrients: [.energy, .potassium, .sodium])
    for row in rows {
        try table.append(
            id: row.id, name: row.id.capitalized, servingGrams: 100, nutrientValues: [100, row.potassium, row.sodium],
            price: row.price, meals: MealSlots([.lunch]), group: "vegetable", maxServingsPerMeal: row.maxPerMeal)
    }
    return table
}

/// One meal a day, no variety rules, no portion caps but the table's.
func bareRequest(days: Int = 1) -> PlanRequest {
    var request = PlanRequest(profile: nil)
    request.days = days
    request.meals = [MealShare(slot: .lunch, minShare: nil, maxShare: nil)]
    request.maxServingsPerMeal = nil
    request.maxServingsPerDay = nil
    request.maxServingsPerWeek = nil
    request.maxFoodsPerMeal = nil
    request.minFoodsPerMeal = nil
    request.maxDaysPerFood = nil
    request.mealGroupRules = []
    request.maxDailyGrams = nil
    return request
}

/// Meals of these patterns and no other rule: no profile targets, food groups, potassium foods,
/// variety caps or group rules (the small tables of the day-pattern tests).
func patternOnlyRequest(days: Int, _ patterns: [MealPattern]) -> PlanRequest {
    var request = PlanRequest(profile: nil)
    request.useProfileTargets = false
    request.days = days
    request.meals = patterns.map { MealShare(slot: $0.slot, minShare: nil, maxShare: nil) }
    request.mealPatterns = patterns
    request.maxFoodsPerMeal = nil
    request.maxDaysPerFood = nil
    request.maxDaysPerMain = nil
    request.mealGroupRules = []
    request.maxDailyGrams = nil
    request.foodGroups = nil
    request.potassiumFoods = nil
    return request
}

func planOf(_ outcome: WeeklyPlanner.Outcome) -> Plan? {
    if case .plan(let plan) = outcome { return plan }
    return nil
}

@Suite struct PlannerBehaviourTests {
    /// Potassium >= 1,100 mg from A (400 mg, $1) and B (300 mg, $0.50, at most 2 servings) in half
    /// servings: the LP takes 2 B + 1.25 A = $2.25; in halves the best is 2 B + 1.5 A = $2.50
    /// (1 A + 2 B gives only 1,000 mg; 2 A + 1 B also costs $2.50, and 1.5 A + 1.5 B gives 1,050 mg).
    @Test func handCheckedOptimumInHalfServings() throws {
        let table = try handTable([("a", 400, 0, 1, 4), ("b", 300, 0, 0.5, 2)])
        var request = bareRequest(days: 7)
        request.nutrientRules = [NutrientRule(nutrient: "potassium_mg", minimum: 1100)]
        let plan = try #require(planOf(try WeeklyPlanner(table: table, request: request, solver: GLPKSolver()).plan()))
        #expect(abs(plan.objective - 7 * 2.5) < 1e-6)
        #expect(abs((plan.bound ?? 0) - 7 * 2.5) < 1e-6)
        #expect(plan.quality == .optimal)
        #expect(PlanValidator(table: table, request: request).violations(of: plan.items).isEmpty)

        request.relaxPortions = true
        let relaxed = try #require(planOf(try WeeklyPlanner(table: table, request: request, solver: GLPKSolver()).plan()))
        #expect(abs(relaxed.objective - 7 * 2.25) < 1e-6)
        #expect(relaxed.quality == .relaxed)
        let a = relaxed.items.filter { table.ids[$0.food] == "a" && $0.day == 0 }.reduce(0) { $0 + $1.servings }
        #expect(abs(a - 1.25) < 1e-6)
    }

    /// X gives 500 mg potassium with 400 mg sodium, Y 100 mg without sodium (at most 2
    /// servings). With sodium <= 1,000 mg, potassium reaches at most 2.5 x 500 + 200 = 1,450 mg;
    /// reaching 2,000 mg needs 3.6 X, i.e. 1,440 mg sodium.
    @Test func infeasibleRequestNamesTheConflict() throws {
        let table = try handTable([("x", 500, 400, 1, 10), ("y", 100, 0, 1, 2)])
        var request = bareRequest()
        request.relaxPortions = true
        request.nutrientRules = [
            NutrientRule(nutrient: "potassium_mg", minimum: 2000),
            NutrientRule(nutrient: "sodium_mg", maximum: 1000),
        ]
        let outcome = try WeeklyPlanner(table: table, request: request, solver: GLPKSolver()).plan()
        guard case .noPlan(let why) = outcome else {
            Issue.record("expected no plan")
            return
        }
        #expect(why.conflict == ["potassium ≥ 2,000 mg per day", "sodium ≤ 1,000 mg per day"])
        #expect(why.sentence == "No plan reaches potassium ≥ 2,000 mg per day with sodium ≤ 1,000 mg per day; lowering potassium to 1,450 mg per day or raising the sodium limit to 1,450 mg per day allows a plan.")
    }

    /// A rule that is not part of the conflict is left out of it.
    @Test func diagnosisLeavesOutRulesThatDoNotConflict() throws {
        let table = try handTable([("x", 500, 400, 1, 10), ("y", 100, 0, 1, 2)])
        var request = bareRequest()
        request.relaxPortions = true
        request.nutrientRules = [
            NutrientRule(nutrient: "kcal", maximum: 5000),
            NutrientRule(nutrient: "potassium_mg", minimum: 2000),
            NutrientRule(nutrient: "sodium_mg", maximum: 1000),
        ]
        guard case .noPlan(let why) = try WeeklyPlanner(table: table, request: request, solver: GLPKSolver()).plan() else {
            Issue.record("expected no plan")
            return
        }
        #expect(why.conflict == ["potassium ≥ 2,000 mg per day", "sodium ≤ 1,000 mg per day"])
    }

    @Test func shippedTableHasAMinimalConflictForAnImpossibleVeganRequest() throws {
        var request = PlanRequest(profile: Profile(sex: .male))
        request.diets = [.vegan]
        request.nutrientRules = [NutrientRule(nutrient: "sodium_mg", maximum: 100), NutrientRule(nutrient: "potassium_mg", minimum: 20000)]
        guard case .noPlan(let why) = try WeeklyPlanner(table: shippedTable, request: request, solver: GLPKSolver()).plan() else {
            Issue.record("expected no plan")
            return
        }
        #expect(!why.conflict.isEmpty)
        #expect(why.sentence.hasPrefix("No plan reaches "))
        #expect(!why.changes.isEmpty)
    }

    @Test func veganPlanHasOnlyVeganFoodsAndMeetsTargets() throws {
        var request = PlanRequest(profile: Profile(sex: .female))
        // The node and round budgets end the search, not the clock of a loaded machine.
        request.timeLimit = 600
        request.diets = [.vegan]
        let plan = try #require(planOf(try WeeklyPlanner(table: shippedTable, request: request, solver: GLPKSolver()).plan()))
        #expect(plan.items.allSatisfy { shippedTable.diets[$0.food].contains(.vegan) })
        #expect(PlanValidator(table: shippedTable, request: request).violations(of: plan.items).isEmpty)
    }

    @Test func includedFoodAppearsAndExcludedAllergenDoesNot() throws {
        var request = PlanRequest(profile: Profile(sex: .female))
        // The node and round budgets end the search, not the clock of a loaded machine.
        request.timeLimit = 600
        request.includeFoods = ["dried-apricots"]
        request.excludeAllergens = [.milk]
        let plan = try #require(planOf(try WeeklyPlanner(table: shippedTable, request: request, solver: GLPKSolver()).plan()))
        let apricots = try #require(shippedTable.index(ofID: "dried-apricots"))
        #expect(plan.items.contains { $0.food == apricots })
        #expect(plan.items.allSatisfy { !shippedTable.allergens[$0.food].contains(.milk) })
        #expect(PlanValidator(table: shippedTable, request: request).violations(of: plan.items).isEmpty)
    }

    @Test func sugarObjectiveGivesLessSugarThanCostObjective() throws {
        var request = PlanRequest(profile: Profile(sex: .female))
        // The node and round budgets end the search, not the clock of a loaded machine.
        request.timeLimit = 600
        request.days = 2
        let cost = try #require(planOf(try WeeklyPlanner(table: shippedTable, request: request, solver: GLPKSolver()).plan()))
        request.objective = .sugar
        let sugar = try #require(planOf(try WeeklyPlanner(table: shippedTable, request: request, solver: GLPKSolver()).plan()))
        let costSugar = PlanTotals(plan: cost, table: shippedTable).daily.reduce(0) { $0 + $1["sugars_g", default: 0] }
        let sugarSugar = PlanTotals(plan: sugar, table: shippedTable).daily.reduce(0) { $0 + $1["sugars_g", default: 0] }
        #expect(sugarSugar < costSugar)
        #expect(abs(sugar.objective - sugarSugar) < 1e-6)
    }

    @Test func fewerDaysPerFoodIsRespected() throws {
        var request = PlanRequest(profile: Profile(sex: .female))
        // The node and round budgets end the search, not the clock of a loaded machine.
        request.timeLimit = 600
        request.maxDaysPerFood = 2
        let plan = try #require(planOf(try WeeklyPlanner(table: shippedTable, request: request, solver: GLPKSolver()).plan()))
        var days: [Int: Set<Int>] = [:]
        for item in plan.items { days[item.food, default: []].insert(item.day) }
        #expect(days.values.allSatisfy { $0.count <= 2 })
        #expect(PlanValidator(table: shippedTable, request: request).violations(of: plan.items).isEmpty)
    }

    @Test func samePlanTwice() throws {
        var request = PlanRequest(profile: Profile(sex: .female))
        // The node and round budgets end the search, not the clock of a loaded machine.
        request.timeLimit = 600
        let first = try #require(planOf(try WeeklyPlanner(table: shippedTable, request: request, solver: GLPKSolver()).plan()))
        let second = try #require(planOf(try WeeklyPlanner(table: shippedTable, request: request, solver: GLPKSolver()).plan()))
        #expect(first.items == second.items)
        #expect(first.objective == second.objective)
        #expect(first.bound == second.bound)
    }
}

@Suite struct PlanValidatorTests {
    @Test func catchesAWrongPlan() throws {
        let table = try handTable([("a", 400, 100, 1, 2), ("b", 300, 0, 0.5, 2)])
        var request = bareRequest()
        request.nutrientRules = [NutrientRule(nutrient: "potassium_mg", minimum: 1000), NutrientRule(nutrient: "sodium_mg", maximum: 150)]
        let validator = PlanValidator(table: table, request: request)
        // 2 A + 1 B: 1,100 mg potassium, 200 mg sodium (too much); 2 A is also the most A per meal.
        let wrong = [PlanItem(food: 0, day: 0, slot: .lunch, servings: 2), PlanItem(food: 1, day: 0, slot: .lunch, servings: 1)]
        #expect(validator.violations(of: wrong).map(\.description) == ["day 1: sodium 200 mg, above the maximum 150"])
        let tooBig = [PlanItem(food: 0, day: 0, slot: .lunch, servings: 2.5)]
        #expect(validator.violations(of: tooBig).map(\.description) == [
            "day 1: a: 2.5 servings at lunch, above 2",
            "day 1: sodium 250 mg, above the maximum 150",
        ])
        let wrongSlot = [PlanItem(food: 1, day: 0, slot: .dinner, servings: 0.75)]
        #expect(validator.violations(of: wrongSlot).map(\.description) == [
            "day 1: b at dinner, a meal the request does not plan",
            "day 1: b does not suit dinner",
            "day 1: b: 0.75 servings is not a multiple of 0.5",
            "day 1: potassium 225 mg, below the minimum 1,000",
        ])
        let right = [PlanItem(food: 0, day: 0, slot: .lunch, servings: 1), PlanItem(food: 1, day: 0, slot: .lunch, servings: 2)]
        #expect(validator.violations(of: right).isEmpty)
    }

    /// A relaxed plan is held to the rules that count foods as the LP states them: a food counts
    /// as the fraction of its largest portion it uses (at most N), of one step (per day), and a
    /// day of a food as its largest fraction at a meal.
    @Test func checksTheRelaxedFormOfCountingRules() throws {
        let table = try handTable([("a", 100, 0, 1, 2), ("b", 100, 0, 1, 2), ("c", 100, 0, 1, 4)])
        var request = bareRequest(days: 2)
        request.maxFoodsPerMeal = 1
        request.minFoodsPerDay = 2
        request.maxDaysPerFood = 1
        let validator = PlanValidator(table: table, request: request)
        // Day 1: a 1 + c 2 = 1/2 + 2/4 = 1 food at lunch, 2 foods that day; day 2: b 0.5 + c 1.
        let halves = [
            PlanItem(food: 0, day: 0, slot: .lunch, servings: 1), PlanItem(food: 2, day: 0, slot: .lunch, servings: 2),
            PlanItem(food: 1, day: 1, slot: .lunch, servings: 0.5), PlanItem(food: 2, day: 1, slot: .lunch, servings: 1),
        ]
        #expect(validator.violations(of: halves, relaxed: true).isEmpty)
        #expect(validator.violations(of: halves).map(\.description) == [
            "day 1: 2 foods at lunch, above 1", "day 2: 2 foods at lunch, above 1", "c on 2 days, above 1",
        ])
        let tooMuch = [
            PlanItem(food: 0, day: 0, slot: .lunch, servings: 2), PlanItem(food: 2, day: 0, slot: .lunch, servings: 0.25),
            PlanItem(food: 2, day: 1, slot: .lunch, servings: 4),
        ]
        #expect(validator.violations(of: tooMuch, relaxed: true).map(\.description) == [
            "day 1: 1.06 foods (relaxed) at lunch, above 1",
            "day 1: 1.5 different foods (relaxed), below 2",
            "day 2: 1 different foods (relaxed), below 2",
            "c on 1.06 days (relaxed), above 1",
        ])
    }
}
