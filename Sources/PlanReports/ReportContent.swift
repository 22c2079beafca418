import MealPlanning

/// Everything a report says, computed once from the plan and the food table so that every
/// format says the same thing. Totals are recomputed from the table (``PlanTotals``), never
/// taken from the solver.
struct ReportContent {
    struct ItemLine {
        var item: PlanItem
        var foodID: String
        var name: String
        var household: String
        /// nil when the table gives no serving weight.
        var grams: Double?
        /// nil when the table gives no price.
        var cost: Double?
    }

    struct Meal {
        var slot: MealSlot
        var items: [ItemLine]
    }

    struct Day {
        /// 0-based.
        var index: Int
        var meals: [Meal]
    }

    /// One nutrient rule checked on every day.
    struct TargetRow {
        var rule: NutrientRule
        var nutrient: Nutrient
        /// False when the food table has no column for the rule's nutrient.
        var hasColumn: Bool
        /// Per day; nil when the table has no column.
        var values: [Double?]
        var dayMet: [Bool]
        /// The smallest distance to a bound over the days (negative when missed), and its day (0-based).
        var tightest: (margin: Double, day: Int)?

        var met: Bool { hasColumn && !dayMet.contains(false) }
        /// The target; a weekly rule's over the plan's days (`≥ 1.5 a week`).
        var target: String {
            guard rule.scope == .week else { return NumberText.target(minimum: rule.minimum, maximum: rule.maximum) }
            let (minimum, maximum) = rule.planBounds(days: dayMet.count)
            return NumberText.target(minimum: minimum, maximum: maximum) + (dayMet.count == 7 ? "/wk" : "/\(dayMet.count) d")
        }

        /// `Potassium (mg)`, `Sodium at dinner (mg)`.
        var label: String {
            let name = nutrient.displayName.prefix(1).uppercased() + nutrient.displayName.dropFirst()
            let place = rule.scope == .day ? "" : rule.scope == .week ? "" : " at \(rule.scope.text)"
            let unit = nutrient.unit.isEmpty ? "" : " (\(nutrient.unit))"
            return name + place + unit
        }

        /// `+212 mg (day 3)`.
        var marginText: String {
            guard let tightest else { return "n/a" }
            let unit = nutrient.unit.isEmpty ? "" : " \(nutrient.unit)"
            if tightest.day < 0 { return "\(NumberText.signed(tightest.margin))\(unit) (week)" }
            return "\(NumberText.signed(tightest.margin))\(unit) (day \(tightest.day + 1))"
        }
    }

    struct ExcludedGroup {
        var reason: String
        var foodIDs: [String]
    }

    static let medicalNote = "These targets are for healthy adults. People with kidney disease, or who take drugs that raise potassium (such as ACE inhibitors, ARBs or potassium-sparing diuretics), should ask their doctor before raising potassium; use --potassium-max to set an upper limit."

    let plan: Plan
    let table: FoodTable
    let options: RenderOptions
    let totals: PlanTotals
    let slots: [MealSlot]
    let days: [Day]
    let targets: [TargetRow]
    let shopping: ShoppingList
    let excludedGroups: [ExcludedGroup]
    /// Each day's largest potassium sources and the week's, in plain words.
    let potassium: PotassiumSummary

    init(plan: Plan, table: FoodTable, options: RenderOptions) {
        self.plan = plan
        self.table = table
        self.options = options
        let totals = PlanTotals(plan: plan, table: table)
        self.totals = totals
        var slots = plan.request.meals.map(\.slot)
        for slot in MealSlot.allCases where !slots.contains(slot) && plan.items.contains(where: { $0.slot == slot }) {
            slots.append(slot)
        }
        self.slots = slots
        days = (0 ..< plan.request.days).map { day in
            Day(index: day, meals: slots.map { slot in
                Meal(slot: slot, items: plan.items(day: day, slot: slot).map { Self.itemLine($0, table: table) })
            })
        }
        targets = plan.request.adapted(to: table).request.resolvedNutrientRules.map { Self.targetRow($0, plan: plan, table: table, totals: totals) }
        shopping = ShoppingList(plan: plan, table: table)
        potassium = PotassiumSummary(plan: plan, table: table)
        var byReason: [String: [String]] = [:]
        for excluded in plan.excluded {
            let id = excluded.food >= 0 && excluded.food < table.count ? table.ids[excluded.food] : "#\(excluded.food)"
            byReason[excluded.reason, default: []].append(id)
        }
        excludedGroups = byReason.map { ExcludedGroup(reason: $0.key, foodIDs: $0.value.sorted()) }
            .sorted { ($1.foodIDs.count, $0.reason) < ($0.foodIDs.count, $1.reason) }
    }

    static func itemLine(_ item: PlanItem, table: FoodTable) -> ItemLine {
        ItemLine(
            item: item, foodID: table.ids[item.food], name: table.names[item.food],
            household: HouseholdAmount.text(servings: item.servings, quantity: table.servingQuantities[item.food],
                                            unit: table.servingUnits[item.food]),
            grams: table.grams(food: item.food).map { $0 * item.servings },
            cost: table.price(food: item.food).map { $0 * item.servings })
    }

    static func targetRow(_ rule: NutrientRule, plan: Plan, table: FoodTable, totals: PlanTotals) -> TargetRow {
        let column = table.nutrients.first { $0.key == rule.nutrient }
        let nutrient = column ?? Nutrient.forColumn(rule.nutrient)
        let days = plan.request.days
        guard column != nil else {
            return TargetRow(rule: rule, nutrient: nutrient, hasColumn: false, values: Array(repeating: nil, count: days),
                             dayMet: Array(repeating: false, count: days), tightest: nil)
        }
        var values: [Double?] = []
        var met: [Bool] = []
        var tightest: (margin: Double, day: Int)?
        /// Whether the day (or its meal) holds any food: without one its total is 0, not unknown.
        func hasItems(_ day: Int, _ scope: NutrientRule.Scope) -> Bool {
            if case .meal(let slot) = scope { return !plan.items(day: day, slot: slot).isEmpty }
            return plan.items.contains { $0.day == day }
        }
        if rule.scope == .week {
            // Each day's amount is shown; the rule holds over the whole plan.
            let known = (0 ..< days).map { totals.daily[$0][rule.nutrient] ?? (hasItems($0, .day) ? nil : 0) }
            let daily = known.map { $0 ?? 0 }
            let total = daily.reduce(0, +)
            let (minimum, maximum) = rule.planBounds(days: days)
            var margin = Double.infinity
            if let minimum { margin = min(margin, total - minimum) }
            if let maximum { margin = min(margin, maximum - total) }
            let ok = margin >= -1e-6 * max(abs(minimum ?? 0), abs(maximum ?? 0), 1)
            // A total no food has a value for is unknown, and so is whether it meets the rule.
            let allKnown = !known.contains(nil)
            return TargetRow(rule: rule, nutrient: nutrient, hasColumn: true, values: known,
                             dayMet: Array(repeating: ok && allKnown, count: days), tightest: margin.isFinite && allKnown ? (margin, -1) : nil)
        }
        for day in 0 ..< days {
            let known: Double?
            switch rule.scope {
            case .day, .week: known = totals.daily[day][rule.nutrient]
            case .meal(let slot): known = totals.meal[day][slot]?[rule.nutrient]
            }
            // No food of the day (or meal) has a value: the total is unknown, not 0, and not met.
            guard let value = known ?? (hasItems(day, rule.scope) ? nil : 0) else {
                values.append(nil)
                met.append(false)
                continue
            }
            values.append(value)
            var margin = Double.infinity
            if let minimum = rule.minimum { margin = min(margin, value - minimum) }
            if let maximum = rule.maximum { margin = min(margin, maximum - value) }
            // The validator's tolerance: solver round-off is not a miss.
            let limit = max(abs(rule.minimum ?? 0), abs(rule.maximum ?? 0), 1)
            met.append(margin >= -1e-6 * limit)
            if margin.isFinite, tightest == nil || margin < tightest!.margin { tightest = (margin, day) }
        }
        return TargetRow(rule: rule, nutrient: nutrient, hasColumn: true, values: values, dayMet: met, tightest: tightest)
    }

    // MARK: Header

    var isCostObjective: Bool { plan.request.objective == .cost }

    var profileText: String { plan.request.profile?.summary ?? "custom targets" }

    /// `a week`, `over 3 days`.
    var periodText: String {
        let days = plan.request.days
        return days == 7 ? "a week" : (days == 1 ? "a day" : "over \(days) days")
    }

    func objectiveValueText(_ value: Double) -> String {
        if isCostObjective {
            let days = plan.request.days
            return NumberText.money(value) + (days == 7 ? " per week" : (days == 1 ? " per day" : " for \(days) days"))
        }
        return "objective " + NumberText.fixed(value, 1)
    }

    func boundValueText(_ value: Double) -> String {
        isCostObjective ? NumberText.money(value) : NumberText.fixed(value, 1)
    }

    /// `within 1.2 % of the best possible (bound $40.73)`.
    var boundText: String {
        guard let bound = plan.bound, let gap = plan.gap else { return "no proven bound" }
        if gap < 0.0005 { return "the best possible (bound \(boundValueText(bound)))" }
        return "within \(NumberText.percentUp(gap)) % of the best possible (bound \(boundValueText(bound)))"
    }

    var strategyText: String {
        options.showTiming ? "\(plan.strategy), solved in \(NumberText.fixed(plan.seconds, 1, grouping: false)) s" : plan.strategy
    }

    var mealsText: String { slots.map(\.rawValue).joined(separator: ", ") }

    /// The summary as label / value pairs, in order.
    var header: [(label: String, value: String)] {
        var rows: [(String, String)] = [
            ("Profile", profileText),
            ("Days", String(plan.request.days)),
            ("Meals", mealsText),
            ("Objective", plan.request.objective.name),
            ("Status", plan.quality.text),
            ("Result", objectiveValueText(plan.objective)),
            ("Bound", boundText),
            ("Strategy", strategyText),
            ("Cost", plan.request.days == 1 ? "\(NumberText.money(totals.weeklyCost)) a day"
                : "\(NumberText.money(totals.weeklyCost)) \(periodText), \(NumberText.money(averageDailyCost)) a day"),
            ("Targets", targetsSummary),
        ]
        if !options.generatedBy.isEmpty { rows.append(("Generated by", options.generatedBy)) }
        return rows
    }

    var averageDailyCost: Double { totals.weeklyCost / Double(max(plan.request.days, 1)) }

    /// `all 8 met on every day`, `2 of 8 not met: sodium, fiber`.
    var targetsSummary: String {
        if targets.isEmpty { return "none" }
        let missed = targets.filter { !$0.met }
        if missed.isEmpty { return "all \(targets.count) met on every day" }
        return "\(missed.count) of \(targets.count) not met: " + missed.map { $0.label }.joined(separator: ", ")
    }

    // MARK: Daily rows beyond the nutrient rules

    var gramsTarget: String {
        plan.request.maxDailyGrams.map { NumberText.target(minimum: nil, maximum: $0) } ?? ""
    }

    func gramsMet(day: Int) -> Bool {
        guard let maximum = plan.request.maxDailyGrams else { return true }
        return totals.dailyGrams[day] <= maximum * (1 + 1e-6)
    }

    // MARK: Why this plan

    /// `potassium ≥ 2,600 mg per day binds: lowering it by 100 mg would save $0.42 a week`.
    func bindingText(_ rule: BindingRule) -> String {
        let action: String
        switch rule.direction {
        case "lowering the minimum of": action = "lowering its minimum"
        case "raising the maximum of": action = "raising its maximum"
        default: action = "\(rule.direction) it"
        }
        let unit = rule.unit == "servings" && rule.amount == 1 ? "serving" : rule.unit
        let amount = rule.amount.grouped + (unit.isEmpty ? "" : " \(unit)")
        let effect: String
        if isCostObjective {
            let money = NumberText.money(abs(rule.objectiveChange))
            effect = rule.objectiveChange <= 0 ? "would save \(money) \(periodText)" : "would add \(money) \(periodText)"
        } else {
            let size = abs(rule.objectiveChange).grouped
            effect = rule.objectiveChange <= 0 ? "would improve the objective by \(size)" : "would worsen the objective by \(size)"
        }
        return "\(rule.rule) binds: \(action) by \(amount) \(effect)"
    }

    /// `Lentils would enter the plan if 3 % cheaper ($0.02 less per serving)`.
    func marginalText(_ food: MarginalFood) -> String {
        let name = food.food >= 0 && food.food < table.count ? table.names[food.food] : "#\(food.food)"
        if isCostObjective, let price = table.price(food: food.food), price > 0 {
            let fraction = food.reducedCostPerServing / price
            let less = NumberText.money(food.reducedCostPerServing)
            if fraction >= 1 {
                return "\(name) would enter the plan only if its price per serving fell by \(less), more than its price of \(NumberText.money(price))"
            }
            let percent = max(1, Int((fraction * 100 - 1e-9).rounded(.up)))
            return "\(name) would enter the plan if \(percent) % cheaper (\(less) less per serving)"
        }
        return "\(name) would enter the plan if its objective value per serving fell by \(food.reducedCostPerServing.grouped)"
    }

    /// `17 foods left out: no total sugars value (15), no price (2)`.
    var excludedHeadline: String? {
        guard !plan.excluded.isEmpty else { return nil }
        let count = plan.excluded.count
        let reasons = excludedGroups.map { "\($0.reason) (\($0.foodIDs.count))" }.joined(separator: ", ")
        return "\(count) food\(count == 1 ? "" : "s") left out: \(reasons)"
    }

    /// `Left out for no price: apple, banana`, for each reason with at most 10 foods.
    var excludedDetails: [String] {
        excludedGroups.filter { $0.foodIDs.count <= 10 }.map { "Left out for \($0.reason): \($0.foodIDs.joined(separator: ", "))" }
    }

    /// Every sentence of the "why" section, in order.
    var whyLines: [String] {
        var lines = plan.bindingRules.map(bindingText)
        lines += plan.marginalFoods.map(marginalText)
        lines += plan.notes
        if let headline = excludedHeadline { lines.append(headline) }
        lines += excludedDetails
        return lines
    }

    func foodName(_ food: Int) -> String { table.names[food] }
    func foodID(_ food: Int) -> String { table.ids[food] }
}
