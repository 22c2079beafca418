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
        /// For a spread, topping, fat, sweetener or condiment of a meal of a pattern: the food
        /// of the meal it goes with, in a few words (`kale` for "Kale, raw").
        var goesWith: String?

        /// The name as the week shows it: `Canola oil, for the kale` for an accompaniment.
        var label: String { goesWith.map { "\(name), for the \($0)" } ?? name }
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
        /// The foods' names, sorted (ids for foods the table does not hold).
        var names: [String]
    }

    /// The sentence of ``PlanNote/stoppedAtTimeLimit``.
    static let timeLimitNote = "The search stopped at the time limit, so another run may give a different plan; raise --time-limit for a repeatable one."

    /// A plan note as the reports print it.
    static func text(_ note: PlanNote) -> String {
        switch note {
        case .text(let text): return text
        case .stoppedAtTimeLimit: return timeLimitNote
        }
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
                Meal(slot: slot, items: Self.mealLines(plan.items(day: day, slot: slot), slot: slot, request: plan.request, table: table))
            })
        }
        targets = plan.request.adapted(to: table).request.resolvedNutrientRules.map { Self.targetRow($0, plan: plan, table: table, totals: totals) }
        shopping = ShoppingList(plan: plan, table: table)
        potassium = PotassiumSummary(plan: plan, table: table)
        var byReason: [String: [(id: String, name: String)]] = [:]
        for excluded in plan.excluded {
            let known = excluded.food >= 0 && excluded.food < table.count
            let id = known ? table.ids[excluded.food] : "#\(excluded.food)"
            byReason[excluded.reason, default: []].append((id, known ? table.names[excluded.food] : id))
        }
        excludedGroups = byReason.map { reason, foods in
            ExcludedGroup(reason: reason, foodIDs: foods.map(\.id).sorted(),
                          names: foods.sorted { ($0.name, $0.id) < ($1.name, $1.id) }.map(\.name))
        }
        .sorted { ($1.foodIDs.count, $0.reason) < ($0.foodIDs.count, $1.reason) }
    }

    /// A meal's lines, each accompaniment naming what it goes with: the meal's carrier of it
    /// with the most servings (the first by name among equals).
    static func mealLines(_ items: [PlanItem], slot: MealSlot, request: PlanRequest, table: FoodTable) -> [ItemLine] {
        let structured = request.usesMealStructure(table)
        return items.map { item in
            var line = itemLine(item, table: table)
            guard structured, table.role(food: item.food, at: slot)?.isAccompaniment == true else { return line }
            let carriers = items.filter { request.carries(table, carrier: $0.food, accompaniment: item.food, at: slot) }
            if let carrier = carriers.min(by: { ($1.servings, table.names[$0.food]) < ($0.servings, table.names[$1.food]) }) {
                let name = table.names[carrier.food]
                let short = String(name.prefix { $0 != "," && $0 != "(" }).trimmingCharacters(in: .whitespaces)
                line.goesWith = (short.isEmpty ? name : short).lowercased()
            }
            return line
        }
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
        let evaluation = TargetEvaluation(rule: rule, totals: totals, table: table, days: plan.request.days, items: plan.items)
        return TargetRow(rule: rule, nutrient: evaluation.nutrient, hasColumn: evaluation.hasColumn, values: evaluation.values,
                         dayMet: evaluation.dayMet, tightest: evaluation.tightest)
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
        guard let amount = objectiveAmount(value) else { return "objective " + NumberText.fixed(value, 1) }
        let days = plan.request.days
        let total = NumberText.fixed(amount.value, amount.decimals) + " " + amount.unit
        guard days > 1 else { return total }
        return total + " in \(days) days, " + NumberText.fixed(amount.value / Double(days), amount.decimals) + " " + amount.unit + " a day"
    }

    /// A plain objective's value as the amount it stands for: `-646.4` of the potassium objective
    /// is 64,640 mg of potassium (its terms weigh sodium, potassium and energy per 100).
    func objectiveAmount(_ value: Double) -> (value: Double, unit: String, decimals: Int)? {
        switch plan.request.objective {
        case .potassium: return (-value * 100, "mg potassium", 0)
        case .sodium: return (value * 100, "mg sodium", 0)
        case .sugar: return (value, "g sugars", 1)
        case .energy: return (value * 100, "kcal from the energy target", 1)
        default: return nil
        }
    }

    func boundValueText(_ value: Double) -> String {
        if isCostObjective { return NumberText.money(value) }
        guard let amount = objectiveAmount(value) else { return NumberText.fixed(value, 1) }
        return NumberText.fixed(amount.value, amount.decimals) + " " + amount.unit.split(separator: " ")[0]
    }

    /// `within 1.2 % of the best possible (bound $40.73)`. The energy objective's best is near
    /// zero, where a share of it says nothing: its gap is in kcal.
    var boundText: String { boundText(objective: plan.objective) }

    /// The same for a plan of this objective value.
    func boundText(objective: Double) -> String {
        guard let bound = plan.bound else { return "no proven bound" }
        if plan.request.objective == .energy, let amount = objectiveAmount(objective - bound) {
            if amount.value < 0.05 { return "the best possible (bound \(boundValueText(bound)))" }
            return "within \(NumberText.fixed(amount.value, 1)) kcal of the best possible (bound \(boundValueText(bound)))"
        }
        let gap = max(0, objective - bound) / max(abs(objective), 1e-9)
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
        if let budget = plan.request.budget { rows.insert(("Budget", "\(NumberText.money(budget)) a week"), at: 9) }
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

    /// `potassium ≥ 2,600 mg per day binds in the one-day LP relaxation: lowering it by 100 mg
    /// would save $0.42 a week`. A plan saved before plans named the LP of their explanation
    /// (``Plan/explanationBasis`` nil) reads as it was written: without it.
    func bindingText(_ rule: BindingRule) -> String {
        let action: String
        switch rule.direction {
        case "lowering the minimum of": action = "lowering its minimum"
        case "raising the maximum of": action = "raising its maximum"
        default: action = "\(rule.direction) it"
        }
        var unit = rule.unit == "servings" && rule.amount == 1 ? "serving" : rule.unit
        if plan.explanationBasis != nil, rule.amount == 1, ["items", "meals", "foods", "days"].contains(unit) { unit = String(unit.dropLast()) }
        let amount = rule.amount.grouped + (unit.isEmpty ? "" : " \(unit)")
        let effect: String
        if isCostObjective {
            let money = NumberText.money(abs(rule.objectiveChange))
            effect = rule.objectiveChange <= 0 ? "would save \(money) \(periodText)" : "would add \(money) \(periodText)"
        } else {
            let size = abs(rule.objectiveChange).grouped
            effect = rule.objectiveChange <= 0 ? "would improve the objective by \(size)" : "would worsen the objective by \(size)"
        }
        guard let basis = plan.explanationBasis else { return "\(rule.rule) binds: \(action) by \(amount) \(effect)" }
        return "\(rule.rule) binds in \(basis): \(action) by \(amount) \(effect)"
    }

    /// `Lentils is not in the plan; in the one-day LP relaxation it would enter if 3 % cheaper
    /// ($0.02 less per serving)`.
    func marginalText(_ food: MarginalFood) -> String {
        let name = food.food >= 0 && food.food < table.count ? table.names[food.food] : "#\(food.food)"
        let (subject, enter): (String, String)
        if let basis = plan.explanationBasis {
            (subject, enter) = ("\(name) is not in the plan; in \(basis) it", "would enter")
        } else {
            (subject, enter) = (name, "would enter the plan")
        }
        if isCostObjective, let price = table.price(food: food.food), price > 0 {
            let fraction = food.reducedCostPerServing / price
            let less = NumberText.money(food.reducedCostPerServing)
            if fraction >= 1 {
                return "\(subject) \(enter) only if its price per serving fell by \(less), more than its price of \(NumberText.money(price))"
            }
            let percent = max(1, Int((fraction * 100 - 1e-9).rounded(.up)))
            return "\(subject) \(enter) if \(percent) % cheaper (\(less) less per serving)"
        }
        return "\(subject) \(enter) if its objective value per serving fell by \(food.reducedCostPerServing.grouped)"
    }

    /// The foods close to entering the plan's LP that the printed plan does not hold (a plan
    /// made elsewhere may list one it holds: it is left out, never said to be absent).
    var marginalFoods: [MarginalFood] {
        let planned = Set(plan.items.map(\.food))
        return plan.marginalFoods.filter { !planned.contains($0.food) }
    }

    /// `17 foods left out: no total sugars value (15), no price (2)`.
    var excludedHeadline: String? {
        guard !plan.excluded.isEmpty else { return nil }
        let count = plan.excluded.count
        let reasons = excludedGroups.map { "\($0.reason) (\($0.foodIDs.count))" }.joined(separator: ", ")
        return "\(count) food\(count == 1 ? "" : "s") left out: \(reasons)"
    }

    /// How many foods of one reason are named before `and N more`.
    static let excludedNamesShown = 10

    /// `Left out for no price: Apple, with skin; Banana`, for each reason, by name: every food,
    /// or the first ten and how many more. Names hold commas, so they are set apart by semicolons.
    var excludedDetails: [String] {
        excludedGroups.map { group in
            let shown = group.names.prefix(Self.excludedNamesShown).joined(separator: "; ")
            let more = group.names.count - Self.excludedNamesShown
            return "Left out for \(group.reason): \(shown)" + (more > 0 ? " and \(more) more" : "")
        }
    }

    /// The plan's notes, in words.
    var notes: [String] { plan.notes.map(Self.text) }

    /// Every sentence of the "why" section, in order.
    var whyLines: [String] {
        var lines = plan.bindingRules.map(bindingText)
        lines += marginalFoods.map(marginalText)
        lines += notes
        if let headline = excludedHeadline { lines.append(headline) }
        lines += excludedDetails
        return lines
    }

    func foodName(_ food: Int) -> String { table.names[food] }
    func foodID(_ food: Int) -> String { table.ids[food] }
}
