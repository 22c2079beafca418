// The validator recomputes everything from the food table and the request. It deliberately
// uses nothing from the model builder or the solver, so that a mistake there cannot hide here.
import Foundation

public struct PlanViolation: Hashable, Sendable, CustomStringConvertible {
    public var day: Int?
    public var message: String
    public init(day: Int?, message: String) {
        self.day = day
        self.message = message
    }
    public var description: String { day.map { "day \($0 + 1): \(message)" } ?? message }
}

public struct PlanValidator {
    public let table: FoodTable
    public let request: PlanRequest
    /// Relative tolerance on sums (solver round-off); absolute floor 1e-6.
    public var tolerance = 1e-6

    /// The request is taken as it applies to the table (``PlanRequest/adapted(to:)``), as the model builder takes it.
    public init(table: FoodTable, request: PlanRequest) {
        self.table = table
        self.request = request.adapted(to: table).request
    }

    /// A validator of a request already adapted to the table (one week of a longer plan).
    init(table: FoodTable, adaptedRequest: PlanRequest, tolerance: Double) {
        self.table = table
        self.request = adaptedRequest
        self.tolerance = tolerance
    }

    /// The largest portion of a food at one meal, in portion steps: the smallest of the request's
    /// limits per meal, day and week and the table's own limit.
    func maxSteps(_ food: Int) -> Double {
        var servings = request.maxServingsPerMeal ?? 1e6
        for limit in [table.maxServings(food: food), request.maxServingsPerDay, request.maxServingsPerWeek] {
            if let limit { servings = min(servings, limit) }
        }
        return max(1, (servings / request.portionStep + 1e-9).rounded(.down))
    }

    /// Checks every rule. A relaxed plan (the LP relaxation: continuous portions) is held to
    /// the relaxed form of the rules that count foods, as the LP states them.
    public func violations(of items: [PlanItem], relaxed: Bool = false) -> [PlanViolation] {
        var found: [PlanViolation] = []
        let days = request.days
        let structured = request.usesMealStructure(table)
        let step = request.portionStep
        let slots = request.meals.map(\.slot)
        func fail(_ day: Int?, _ message: String) { found.append(PlanViolation(day: day, message: message)) }

        // Each item on its own.
        for item in items {
            guard item.food >= 0, item.food < table.count else {
                fail(nil, "food #\(item.food) is not in the food table")
                continue
            }
            let id = table.ids[item.food]
            guard (0 ..< days).contains(item.day) else { fail(nil, "\(id) is planned on day \(item.day + 1) of \(days)"); continue }
            guard item.servings.isFinite, item.servings > 0 else { fail(item.day, "\(id): \(item.servings) servings"); continue }
            if !slots.contains(item.slot) { fail(item.day, "\(id) at \(item.slot.rawValue), a meal the request does not plan") }
            if !table.meals[item.food].contains(item.slot) { fail(item.day, "\(id) does not suit \(item.slot.rawValue)") }
            if !relaxed {
                let steps = item.servings / step
                if abs(steps - steps.rounded()) > 1e-6 { fail(item.day, "\(id): \(item.servings.grouped) servings is not a multiple of \(step.grouped)") }
            }
            var perMeal = request.maxServingsPerMeal ?? .infinity
            if let tableMax = table.maxServings(food: item.food) { perMeal = min(perMeal, tableMax) }
            if exceeds(item.servings, perMeal) { fail(item.day, "\(id): \(item.servings.grouped) servings at \(item.slot.rawValue), above \(perMeal.grouped)") }
            if let minimum = request.minServingsPerUse, below(item.servings, minimum), !relaxed {
                fail(item.day, "\(id): \(item.servings.grouped) servings at \(item.slot.rawValue), below the minimum portion \(minimum.grouped)")
            }
            for diet in request.diets where !table.diets[item.food].contains(diet) { fail(item.day, "\(id) is not \(diet.rawValue)") }
            for allergen in request.excludeAllergens where table.allergens[item.food].contains(allergen) {
                fail(item.day, "\(id) contains \(allergen.rawValue)")
            }
            if request.excludeFoods.contains(id) { fail(item.day, "\(id) is excluded") }
            if request.excludeGroups.contains(table.groups[item.food]) { fail(item.day, "\(id) is in excluded group \(table.groups[item.food])") }
            if request.maxDailyGrams != nil && table.grams(food: item.food) == nil { fail(item.day, "\(id) has no serving weight") }
        }
        let valid = items.filter { $0.food >= 0 && $0.food < table.count && (0 ..< days).contains($0.day) }

        // Nutrient rules of a day or a meal (weekly ones are checked with the meal rules).
        for rule in request.resolvedNutrientRules where rule.scope != .week {
            guard let column = table.nutrients.firstIndex(where: { $0.key == rule.nutrient }) else {
                fail(nil, "the food table has no \(rule.nutrient) column")
                continue
            }
            let nutrient = table.nutrients[column]
            for day in 0 ..< days {
                let relevant = valid.filter { item in
                    guard item.day == day else { return false }
                    if case .meal(let slot) = rule.scope { return item.slot == slot }
                    return true
                }
                var total = 0.0
                for item in relevant {
                    let value = table.nutrientValues[column][item.food]
                    if value.isNaN { fail(day, "\(table.ids[item.food]) has no \(nutrient.displayName) value"); continue }
                    total += value * item.servings
                }
                let place = rule.scope == .day ? "" : " at \(rule.scope.text)"
                if let minimum = rule.minimum, below(total, minimum) {
                    fail(day, "\(nutrient.displayName)\(place) \(total.grouped) \(nutrient.unit), below the minimum \(minimum.grouped)")
                }
                if let maximum = rule.maximum, exceeds(total, maximum) {
                    fail(day, "\(nutrient.displayName)\(place) \(total.grouped) \(nutrient.unit), above the maximum \(maximum.grouped)")
                }
            }
        }

        // Meal energy shares.
        if let reference = request.resolvedMealShareReference, let energy = table.nutrientIndex(.energy) {
            for share in request.meals {
                for day in 0 ..< days {
                    let kcal = valid.filter { $0.day == day && $0.slot == share.slot }
                        .reduce(0.0) { $0 + table.nutrientValues[energy][$1.food] * $1.servings }
                    if let minShare = share.minShare, below(kcal, minShare * reference) {
                        fail(day, "\(share.slot.rawValue) energy \(kcal.grouped) kcal, below \((minShare * 100).grouped) % of \(reference.grouped)")
                    }
                    if let maxShare = share.maxShare, exceeds(kcal, maxShare * reference) {
                        fail(day, "\(share.slot.rawValue) energy \(kcal.grouped) kcal, above \((maxShare * 100).grouped) % of \(reference.grouped)")
                    }
                }
            }
        }

        for day in 0 ..< days {
            let dayItems = valid.filter { $0.day == day }
            if let maxGrams = request.maxDailyGrams {
                let grams = dayItems.reduce(0.0) { $0 + (table.grams(food: $1.food) ?? 0) * $1.servings }
                if exceeds(grams, maxGrams) { fail(day, "\(grams.grouped) g of food, above \(maxGrams.grouped) g") }
            }
            for slot in slots {
                let allItems = dayItems.filter { $0.slot == slot }
                let distinct = Set(allItems.map(\.food)).count
                if distinct != allItems.count { fail(day, "a food is listed twice at \(slot.rawValue)") }
                // With meal patterns, accompaniments do not count as foods of the meal.
                let mealItems = structured
                    ? allItems.filter { !(table.role(food: $0.food, at: slot)?.isAccompaniment ?? false) } : allItems
                let menuCount = Set(mealItems.map(\.food)).count
                if relaxed {
                    // The LP counts a food as the fraction of its largest portion it uses (at most
                    // N foods) or of its minimum portion, up to one (at least N foods).
                    if let maximum = request.maxFoodsPerMeal {
                        let count = mealItems.reduce(0.0) { $0 + $1.servings / (maxSteps($1.food) * step) }
                        if exceeds(count, Double(maximum)) { fail(day, "\(count.grouped) foods (relaxed) at \(slot.rawValue), above \(maximum)") }
                    }
                    if let minimum = request.minFoodsPerMeal, minimum > 0 {
                        let minimumSteps = max(1, ((request.minServingsPerUse ?? 0) / step - 1e-9).rounded(.up))
                        let count = minimum > 1 || minimumSteps > 1
                            ? mealItems.reduce(0.0) { $0 + min(1, $1.servings / step / min(minimumSteps, max(maxSteps($1.food), 1))) }
                            : min(1, mealItems.reduce(0.0) { $0 + $1.servings / step })
                        if below(count, Double(minimum)) { fail(day, "\(count.grouped) foods (relaxed) at \(slot.rawValue), below \(minimum)") }
                    }
                } else {
                    if let maximum = request.maxFoodsPerMeal, menuCount > maximum {
                        fail(day, "\(menuCount) foods at \(slot.rawValue), above \(maximum)")
                    }
                    if let minimum = request.minFoodsPerMeal, menuCount < minimum {
                        fail(day, "\(menuCount) foods at \(slot.rawValue), below \(minimum)")
                    }
                }
                for rule in request.mealGroupRules where rule.meals.contains(slot) {
                    let servings = mealItems.filter { rule.groups.contains(table.groups[$0.food]) }.reduce(0.0) { $0 + $1.servings }
                    if below(servings, rule.minServings) {
                        fail(day, "\(slot.rawValue) has \(servings.grouped) serving(s) of \(rule.name), below \(rule.minServings.grouped)")
                    }
                    if let maximum = rule.maxServings, exceeds(servings, maximum) {
                        fail(day, "\(slot.rawValue) has \(servings.grouped) serving(s) of \(rule.name), above \(maximum.grouped)")
                    }
                }
            }
            var perFood: [Int: Double] = [:]
            for item in dayItems { perFood[item.food, default: 0] += item.servings }
            if let perDay = request.maxServingsPerDay {
                for (food, servings) in perFood.sorted(by: { $0.key < $1.key }) where exceeds(servings, perDay) {
                    fail(day, "\(servings.grouped) servings of \(table.ids[food]), above \(perDay.grouped) per day")
                }
            }
            if let minimum = request.minFoodsPerDay {
                if relaxed {
                    let count = perFood.values.reduce(0.0) { $0 + min(1, $1 / step) }
                    if below(count, Double(minimum)) { fail(day, "\(count.grouped) different foods (relaxed), below \(minimum)") }
                } else if perFood.count < minimum {
                    fail(day, "\(perFood.count) different foods, below \(minimum)")
                }
            }
        }

        // Rules of a week, in each week of the plan (days 1-7, 8-14, ...).
        let weeks = request.weeks
        for (w, week) in weeks.enumerated() {
            let weekItems = valid.filter { week.contains($0.day) }
                .map { PlanItem(food: $0.food, day: $0.day - week.lowerBound, slot: $0.slot, servings: $0.servings) }
            var validator = self
            if weeks.count > 1 { validator = PlanValidator(table: table, adaptedRequest: request.week(ofDays: week.count), tolerance: tolerance) }
            for violation in validator.weekViolations(of: weekItems, relaxed: relaxed) {
                found.append(weeks.count == 1 ? violation : PlanViolation(day: nil, message: "week \(w + 1): \(violation.message)"))
            }
        }
        found += mealRuleViolations(of: valid, relaxed: relaxed)
        return found
    }

    /// The rules of one week (its items, days counted from its first): servings, days and
    /// foods per week, included foods, mains, potassium foods and favourites.
    func weekViolations(of items: [PlanItem], relaxed: Bool) -> [PlanViolation] {
        var found: [PlanViolation] = []
        func fail(_ day: Int?, _ message: String) { found.append(PlanViolation(day: day, message: message)) }
        let days = request.days, step = request.portionStep
        var weekServings: [Int: Double] = [:]
        var daysOfFood: [Int: Set<Int>] = [:]
        for item in items {
            weekServings[item.food, default: 0] += item.servings
            daysOfFood[item.food, default: []].insert(item.day)
        }
        if let perWeek = request.maxServingsPerWeek {
            for (food, servings) in weekServings.sorted(by: { $0.key < $1.key }) where exceeds(servings, perWeek) {
                fail(nil, "\(servings.grouped) servings of \(table.ids[food]) in the week, above \(perWeek.grouped)")
            }
        }
        if let maxDays = request.maxDaysPerFood {
            if relaxed {
                // A day counts as the largest fraction of a full portion the food takes at a meal.
                var dayFraction: [Int: [Int: Double]] = [:]
                for item in items {
                    dayFraction[item.food, default: [:]][item.day] = max(dayFraction[item.food]?[item.day] ?? 0, item.servings / (maxSteps(item.food) * step))
                }
                for (food, fractions) in dayFraction.sorted(by: { $0.key < $1.key }) {
                    let count = fractions.values.reduce(0, +)
                    if days > maxDays, exceeds(count, Double(maxDays)) { fail(nil, "\(table.ids[food]) on \(count.grouped) days (relaxed), above \(maxDays)") }
                }
            } else {
                for (food, used) in daysOfFood.sorted(by: { $0.key < $1.key }) where used.count > maxDays {
                    fail(nil, "\(table.ids[food]) on \(used.count) days, above \(maxDays)")
                }
            }
        }
        for id in request.includeFoods {
            if let food = table.index(ofID: id), below(weekServings[food] ?? 0, step) { fail(nil, "included food \(id) is not in the plan") }
        }
        if let minimum = request.minFoodsPerWeek {
            if relaxed {
                var perFoodDay: [Int: [Int: Double]] = [:]
                for item in items { perFoodDay[item.food, default: [:]][item.day, default: 0] += item.servings / step }
                let count = perFoodDay.values.reduce(0.0) { total, days in total + min(1, days.values.reduce(0.0) { $0 + min(1, $1) }) }
                if below(count, Double(minimum)) { fail(nil, "\(count.grouped) different foods in the week (relaxed), below \(minimum)") }
            } else if weekServings.count < minimum {
                fail(nil, "\(weekServings.count) different foods in the week, below \(minimum)")
            }
        }
        if !relaxed { checkWeekVariety(items, fail: fail) }
        return found
    }
}
