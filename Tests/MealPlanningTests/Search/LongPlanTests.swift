import Foundation
import GLPK
import LinearProgramming
import Testing
@testable import MealPlanning

/// Plans of more than seven days: the rules of a week hold in each week (days 1-7, 8-14, ...),
/// the weeks are planned one at a time, and a week leaves out the main dishes of the week
/// before where the table allows. Every property is computed from the plan's items.
@Suite(.serialized) struct LongPlanTests {
    static let table = WeekAcceptanceTests.table

    static func request(days: Int, _ change: (inout PlanRequest) -> Void = { _ in }) -> PlanRequest {
        var request = PlanRequest(profile: Profile(sex: .female))
        request.days = days
        // The node and round budgets end each week's search, not the clock.
        request.timeLimit = 600
        change(&request)
        return request
    }

    static func plan(_ request: PlanRequest) throws -> Plan {
        let outcome = try PlanningSession(table: table, solver: GLPKSolver()).plan(request)
        guard case .plan(let plan) = outcome else { throw PlanningFailure(outcome: "\(outcome)") }
        return plan
    }

    struct PlanningFailure: Error { var outcome: String }

    @Test func theWeeksOfAPlan() {
        #expect(Self.request(days: 7).weeks == [0 ..< 7])
        #expect(Self.request(days: 1).weeks == [0 ..< 1])
        #expect(Self.request(days: 10).weeks == [0 ..< 7, 7 ..< 10])
        #expect(Self.request(days: 28).weeks == [0 ..< 7, 7 ..< 14, 14 ..< 21, 21 ..< 28])
        #expect(Self.request(days: 10).overWeeks(3) == 6)
        #expect(Self.request(days: 10).overWeeks(5) == 8)
    }

    @Test func twoWeeksHoldTheRulesOfAWeekInEach() throws {
        let plan = try Self.plan(Self.request(days: 14))
        #expect(Set(plan.items.map(\.day)) == Set(0 ..< 14))
        #expect(PlanValidator(table: Self.table, request: plan.request).violations(of: plan.items).isEmpty)
        var mainsOfWeek: [Set<Int>] = []
        for week in plan.request.weeks {
            let items = plan.items.filter { week.contains($0.day) }
            var daysOfFood: [Int: Set<Int>] = [:]
            for item in items { daysOfFood[item.food, default: []].insert(item.day) }
            for (food, days) in daysOfFood {
                #expect(days.count <= 3, "\(Self.table.ids[food]) on days \(days.sorted()) of week \(week)")
                if plan.request.isMainDish(Self.table, food: food) { #expect(days.count <= 2, "main \(Self.table.ids[food]) on days \(days.sorted())") }
            }
            // A week of the plan holds its potassium foods.
            let kinds = Set(items.compactMap { plan.request.potassiumFoods!.kind(of: $0.food, in: Self.table) })
            #expect(kinds.count >= 3, "week \(week) holds \(kinds.count) potassium foods")
            mainsOfWeek.append(Set(items.filter { plan.request.isMainDish(Self.table, food: $0.food) }.map(\.food)))
        }
        // The second week leaves out the first week's main dishes (it found a week without them).
        let notes = plan.notes.compactMap { note -> String? in
            guard case .text(let text) = note else { return nil }
            return text
        }
        if !notes.contains(where: { $0.contains("repeat") }) {
            #expect(mainsOfWeek[0].isDisjoint(with: mainsOfWeek[1]), "shared mains: \(mainsOfWeek[0].intersection(mainsOfWeek[1]).map { Self.table.ids[$0] })")
        }
        // Over both weeks a food is on more than three days only because the rule is a week's.
        let bound = try #require(plan.bound)
        #expect(bound <= plan.objective + 1e-9)
        #expect(plan.strategy.hasPrefix("week by week (2 weeks"))
        #expect(notes.contains { $0.hasPrefix("Planned week by week: every rule of a week holds in each of the 2 weeks") })
    }

    @Test func aShortLastWeekHoldsItsShareOfTheWeeklyAmounts() throws {
        let plan = try Self.plan(Self.request(days: 10))
        #expect(PlanValidator(table: Self.table, request: plan.request).violations(of: plan.items).isEmpty)
        // The weekly subgroups hold over the plan's 10 days (10/7 of a week's amounts).
        for rule in plan.request.resolvedNutrientRules where rule.scope == .week {
            guard let column = Self.table.nutrients.firstIndex(where: { $0.key == rule.nutrient }), let minimum = rule.planBounds(days: 10).minimum else { continue }
            let total = plan.items.reduce(0.0) { $0 + Self.table.nutrientValues[column][$1.food] * $1.servings }
            #expect(total >= minimum - 1e-6 * max(1, minimum), "\(rule.nutrient): \(total) over 10 days, minimum \(minimum)")
        }
    }

    @Test func continuousWeeksAreTheSameLPWeek() throws {
        let week = try Self.plan(Self.request(days: 7) { $0.relaxPortions = true })
        let twoWeeks = try Self.plan(Self.request(days: 14) { $0.relaxPortions = true })
        #expect(abs(twoWeeks.objective - 2 * week.objective) <= 1e-6 * max(1, week.objective))
        for item in twoWeeks.items where item.day >= 7 {
            let first = twoWeeks.items.first { $0.day == item.day - 7 && $0.slot == item.slot && $0.food == item.food }
            #expect(first.map { abs($0.servings - item.servings) <= 1e-9 } == true)
        }
        // The bound is the LP of the whole plan (its average day), at most the plan's cost.
        let bound = try #require(twoWeeks.bound)
        #expect(bound <= twoWeeks.objective + 1e-9 && bound > 0.9 * twoWeeks.objective)
        #expect(twoWeeks.quality == .relaxed)
    }

    @Test func theValidatorCountsDaysPerFoodInEachWeek() throws {
        let request = Self.request(days: 14)
        let plan = try Self.plan(Self.request(days: 7))
        // The same week twice holds every rule of a week in each.
        let twice = plan.items + plan.items.map { PlanItem(food: $0.food, day: $0.day + 7, slot: $0.slot, servings: $0.servings) }
        let validator = PlanValidator(table: Self.table, request: request)
        #expect(validator.violations(of: twice).isEmpty)
        // A food moved into week 2 on a fourth day breaks the rule there, named by its week.
        var daysOfFood: [Int: Set<Int>] = [:]
        for item in plan.items { daysOfFood[item.food, default: []].insert(item.day) }
        let (food, days) = try #require(daysOfFood.filter { $0.value.count == 3 && !request.isMainDish(Self.table, food: $0.key) }
            .min { $0.key < $1.key })
        let extraDay = try #require((0 ..< 7).first { !days.contains($0) })
        let template = try #require(plan.items.first { $0.food == food })
        var tampered = twice
        tampered.append(PlanItem(food: food, day: extraDay + 7, slot: template.slot, servings: template.servings))
        let messages = validator.violations(of: tampered).map(\.description)
        #expect(messages.contains("week 2: \(Self.table.ids[food]) on 4 days, above 3"), "\(messages)")
        #expect(!messages.contains { $0.hasPrefix("week 1:") }, "\(messages)")
    }

    @Test func theFullModelStatesTheRulesOfAWeekOncePerWeek() throws {
        let request = Self.request(days: 10)
        let model = try PlanModelBuilder(table: Self.table, request: request).build().model
        let names = Set((0 ..< model.constraintCount).map { model.label(of: ConstraintID(index: $0)) })
        #expect(names.contains("days[banana,w1]"))
        // A last week of three days cannot hold a food on more than three days: no row.
        #expect(!names.contains("days[banana,w2]"))
        #expect(names.contains("potassium_foods[w1]") && names.contains("potassium_foods[w2]"))
        #expect(!names.contains("days[banana]"))
        let week = try PlanModelBuilder(table: Self.table, request: Self.request(days: 7)).build().model
        let weekNames = Set((0 ..< week.constraintCount).map { week.label(of: ConstraintID(index: $0)) })
        #expect(weekNames.contains("days[banana]") && weekNames.contains("potassium_foods"))
    }
}
