// The meal rules, checked from the items, the table and the request alone (as the rest of the
// validator): what a meal is made of, pairing, families, lunch and dinner, mains per week,
// favourites, weekly amounts and the budget.
import Foundation

extension PlanValidator {
    /// Violations of the meal-structure and variety rules. A relaxed plan is held to the
    /// linear rules (roles, pairing amounts, weekly amounts, budget) and to the LP's fractional
    /// form of the counting rules.
    func mealRuleViolations(of items: [PlanItem], relaxed: Bool) -> [PlanViolation] {
        var found: [PlanViolation] = []
        func fail(_ day: Int?, _ message: String) { found.append(PlanViolation(day: day, message: message)) }
        let slots = request.meals.map(\.slot)
        let structured = request.usesMealStructure(table)
        for day in 0 ..< request.days {
            let dayItems = items.filter { $0.day == day }
            for slot in slots {
                let meal = dayItems.filter { $0.slot == slot }
                if structured { checkMeal(meal, day: day, slot: slot, relaxed: relaxed, fail: fail) }
            }
            if !relaxed { checkDayVariety(dayItems, day: day, fail: fail) }
        }
        checkWeeklyAmounts(items, fail: fail)
        if let rule = request.budgetRule, let budget = rule.planBounds(days: request.days).maximum {
            let cost = items.reduce(0.0) { $0 + table.prices[$1.food] * $1.servings }
            let days = request.days == 7 ? "" : " (\(rule.maximum!.grouped) a week for \(request.days) day\(request.days == 1 ? "" : "s"))"
            if exceeds(cost, budget) { fail(nil, "the plan costs $\(cost.grouped), above its budget of $\(budget.grouped)\(days)") }
        }
        return found
    }

    /// Above or below a limit by more than the tolerance (solver round-off is not a miss).
    func exceeds(_ value: Double, _ limit: Double) -> Bool { value > limit + tolerance * max(1, abs(limit)) }
    func below(_ value: Double, _ limit: Double) -> Bool { value < limit - tolerance * max(1, abs(limit)) }

    /// The largest number of menu items the LP counts a portion as (its fraction of the largest portion).
    func relaxedCount(_ item: PlanItem) -> Double { item.servings / (maxSteps(item.food) * request.portionStep) }

    /// Roles, the pattern's parts, accompaniments and their carriers, minimum portions.
    func checkMeal(_ meal: [PlanItem], day: Int, slot: MealSlot, relaxed: Bool, fail: (Int?, String) -> Void) {
        guard let pattern = request.pattern(for: slot) else { return }
        var partCounts = [Double](repeating: 0, count: pattern.parts.count)
        var accompaniments = 0.0
        var roleCounts: [FoodRole: Double] = [:], familyCounts: [String: Double] = [:]
        for item in meal {
            let id = table.ids[item.food]
            let served = request.servedRole(table, food: item.food, at: slot)
            guard served.allowed, let role = served.role else {
                let role = table.role(food: item.food, at: slot).map { "as \($0.rawValue)" } ?? "in no role"
                fail(day, "\(id) is served at \(slot.rawValue) \(role), which its pattern does not hold")
                continue
            }
            let count = relaxed ? min(1, relaxedCount(item)) : 1
            familyCounts[table.family(food: item.food), default: 0] += count
            if role.isAccompaniment {
                accompaniments += count
                roleCounts[role, default: 0] += count
                if request.pairing { checkPairing(item, meal: meal, day: day, slot: slot, fail: fail) }
            } else if let part = pattern.part(for: role) {
                partCounts[part] += count
            }
            let minimum = table.usages[item.food].minServings
            if !relaxed, !minimum.isNaN, below(item.servings, minimum) {
                fail(day, "\(id): \(item.servings.grouped) servings at \(slot.rawValue), below its smallest portion \(minimum.grouped)")
            }
        }
        for (index, part) in pattern.parts.enumerated() {
            let count = partCounts[index]
            if exceeds(count, Double(part.max)) { fail(day, "\(slot.rawValue) has \(count.grouped) items of \(part.text), above \(part.max)") }
            // The LP counts an item as at most one whole; a relaxed meal may reach a minimum with fractions.
            if !relaxed, below(count, Double(part.min)) { fail(day, "\(slot.rawValue) has \(count.grouped) items of \(part.text), below \(part.min)") }
        }
        for (role, count) in roleCounts.sorted(by: { $0.key < $1.key }) where exceeds(count, 1) {
            fail(day, "\(slot.rawValue) has \(count.grouped) items of \(role.rawValue), above 1")
        }
        for (family, count) in familyCounts.sorted(by: { $0.key < $1.key }) where exceeds(count, 1) {
            fail(day, "\(slot.rawValue) has \(count.grouped) foods of the \(family) family, above 1")
        }
        if request.starchNeedsNonGrainMain(at: slot) {
            let count = { (keep: (PlanItem) -> Bool) in meal.filter(keep).reduce(0.0) { $0 + (relaxed ? min(1, relaxedCount($1)) : 1) } }
            let starches = count { table.role(food: $0.food, at: slot) == .starchSide }
            let mains = count { table.role(food: $0.food, at: slot) == .breakfastMain && !request.isGrainDish(table, food: $0.food) }
            if exceeds(starches, mains) {
                fail(day, "\(slot.rawValue) has a starch side without a breakfast main that is not a grain dish")
            }
        }
        if exceeds(accompaniments, Double(pattern.maxAccompaniments)) {
            fail(day, "\(slot.rawValue) has \(accompaniments.grouped) accompaniments, above \(pattern.maxAccompaniments)")
        }
    }

    /// An accompaniment goes with a carrier in the same meal, at most its amount per serving of it.
    func checkPairing(_ item: PlanItem, meal: [PlanItem], day: Int, slot: MealSlot, fail: (Int?, String) -> Void) {
        let id = table.ids[item.food]
        let carriers = meal.filter { request.carries(table, carrier: $0.food, accompaniment: item.food, at: slot) }
        let perCarrier = table.usages[item.food].maxPerCarrier
        guard !carriers.isEmpty else {
            fail(day, "\(id) at \(slot.rawValue) has nothing it goes with (\(table.usages[item.food].pairsWith.joined(separator: ", ")))")
            return
        }
        guard !perCarrier.isNaN else { return }
        let allowed = perCarrier * carriers.reduce(0.0) { $0 + $1.servings }
        if exceeds(item.servings, allowed) {
            fail(day, "\(id): \(item.servings.grouped) servings at \(slot.rawValue), above \(allowed.grouped) for what it goes with")
        }
    }

    /// Whether a food at a meal counts for the family rule (drinks, dairy foods and accompaniments have an allowance).
    func hasFamilyAllowance(food: Int, slot: MealSlot) -> Bool {
        guard let role = table.role(food: food, at: slot) else { return false }
        return role == .drink || role == .dairy || role.isAccompaniment
    }

    /// A family at most once a day (an allowance for drinks, dairy and accompaniments); lunch
    /// and dinner share no main and at most the request's number of other foods.
    func checkDayVariety(_ dayItems: [PlanItem], day: Int, fail: (Int?, String) -> Void) {
        if request.familyOncePerDay && request.usesMealStructure(table) {
            var meals: [String: (strict: Set<MealSlot>, allowance: Set<MealSlot>, foods: Set<Int>)] = [:]
            for item in dayItems {
                let family = table.family(food: item.food)
                if hasFamilyAllowance(food: item.food, slot: item.slot) {
                    meals[family, default: ([], [], [])].allowance.insert(item.slot)
                } else {
                    meals[family, default: ([], [], [])].strict.insert(item.slot)
                }
                meals[family]!.foods.insert(item.food)
            }
            for (family, used) in meals.sorted(by: { $0.key < $1.key }) {
                if used.strict.count > 1 { fail(day, "the \(family) family is at \(used.strict.count) meals, above 1") }
                let all = used.strict.union(used.allowance).count
                if !used.allowance.isEmpty, all > request.familyAllowance {
                    fail(day, "the \(family) family is at \(all) meals, above \(request.familyAllowance)")
                }
                if !used.allowance.isEmpty, used.foods.count > 1 {
                    let names = used.foods.sorted().map { table.ids[$0] }.joined(separator: ", ")
                    fail(day, "the \(family) family has \(used.foods.count) foods in one day (\(names)), above 1")
                }
            }
        }
        if let maxShared = request.maxSharedLunchDinner, request.usesMealStructure(table) {
            let lunch = Set(dayItems.filter { $0.slot == .lunch }.map(\.food))
            let dinner = Set(dayItems.filter { $0.slot == .dinner }.map(\.food))
            let shared = lunch.intersection(dinner).sorted()
            for food in shared where table.role(food: food, at: .lunch) == .main {
                fail(day, "\(table.ids[food]) is the main at lunch and at dinner")
            }
            if shared.count > maxShared {
                fail(day, "lunch and dinner share \(shared.count) foods (\(shared.map { table.ids[$0] }.joined(separator: ", "))), above \(maxShared)")
            }
        }
    }

    /// Days per main dish or recipe, days of a week that hold the same foods, and favourites.
    func checkWeekVariety(_ items: [PlanItem], fail: (Int?, String) -> Void) {
        var days: [Int: Set<Int>] = [:]
        var mainDays: [Int: Set<Int>] = [:]
        let keepsDaysDistinct = request.keepsDaysDistinct(table)
        var foodsOfDay = [Set<Int>](repeating: [], count: keepsDaysDistinct ? request.days : 0)
        for item in items {
            days[item.food, default: []].insert(item.day)
            if foodsOfDay.indices.contains(item.day) { foodsOfDay[item.day].insert(item.food) }
            let role = table.role(food: item.food, at: item.slot)
            if table.recipes[item.food] != nil || role == .main || role == .breakfastMain { mainDays[item.food, default: []].insert(item.day) }
        }
        if let maxDays = request.maxDaysPerMain, request.limitsMainDays(table) {
            for (food, used) in mainDays.sorted(by: { $0.key < $1.key }) where used.count > maxDays {
                fail(nil, "\(table.ids[food]) is a main dish on \(used.count) days, above \(maxDays)")
            }
        }
        if let wanted = request.potassiumFoods {
            // The kinds the request's foods can hold (its diet and exclusions leave some out).
            let usable = (try? PlanModelBuilder(table: table, request: request).selectFoods().usable) ?? []
            let needed = request.potassiumKindsNeeded(table, among: usable)
            let held = Set(items.compactMap { wanted.kind(of: $0.food, in: table) })
            if held.count < needed {
                fail(nil, "the plan holds \(held.count) of the potassium foods (\(held.sorted().map { wanted.kinds[$0] }.joined(separator: ", "))), below \(needed)")
            }
        }
        if keepsDaysDistinct {
            for span in request.weeks {
                for first in span {
                    for second in span where second > first && foodsOfDay[second] == foodsOfDay[first] {
                        fail(nil, "days \(first + 1) and \(second + 1) hold the same foods")
                    }
                }
            }
        }
        for (id, minimum) in request.favoriteDays.sorted(by: { $0.key < $1.key }) {
            guard let food = table.index(ofID: id) else { continue }
            let count = days[food]?.count ?? 0
            if count < min(minimum, request.days) { fail(nil, "favourite \(id) is on \(count) days, below \(min(minimum, request.days))") }
        }
    }

    /// Rules over the whole plan (the weekly food-group amounts), scaled to its days.
    func checkWeeklyAmounts(_ items: [PlanItem], fail: (Int?, String) -> Void) {
        for rule in request.resolvedNutrientRules where rule.scope == .week {
            guard let column = table.nutrients.firstIndex(where: { $0.key == rule.nutrient }) else { continue }
            let nutrient = table.nutrients[column]
            let total = items.reduce(0.0) { $0 + (table.nutrientValues[column][$1.food].isNaN ? 0 : table.nutrientValues[column][$1.food] * $1.servings) }
            let (minimum, maximum) = rule.planBounds(days: request.days)
            if let minimum, below(total, minimum) {
                fail(nil, "\(nutrient.displayName) \(total.grouped) \(nutrient.unit) over the plan, below the minimum \(minimum.grouped)")
            }
            if let maximum, exceeds(total, maximum) {
                fail(nil, "\(nutrient.displayName) \(total.grouped) \(nutrient.unit) over the plan, above the maximum \(maximum.grouped)")
            }
        }
    }
}
