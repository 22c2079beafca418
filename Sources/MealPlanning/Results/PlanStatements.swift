// What a plan says about itself, recomputed from its items, the food table (recipes included)
// and its request alone, as the validator recomputes totals: nothing here comes from the model
// builder or the solver. The reports print these numbers; `planner check` compares every number
// a saved plan states with them, so that an edited file cannot pass for a plan.
import Foundation

/// One nutrient rule against a plan's totals: the value of each day (or meal), whether each day
/// meets it, and the tightest margin.
public struct TargetEvaluation: Sendable {
    public var rule: NutrientRule
    /// The table's column, or a nutrient named after the rule's key when the table has none.
    public var nutrient: Nutrient
    /// False when the food table has no column for the rule's nutrient.
    public var hasColumn: Bool
    /// Per day; nil when the table has no column, or no food of the day (or meal) has a value
    /// for the nutrient: its total is unknown, not 0, and not met. A weekly rule shows each
    /// day's amount.
    public var values: [Double?]
    /// Per day; a weekly rule holds (or not) for the whole plan, the same on every day.
    public var dayMet: [Bool]
    /// The distances to the bounds (negative when missed): one per day, one for a weekly rule.
    public var margins: [Double]
    /// The smallest margin and its 0-based day; the day is -1 for a weekly rule.
    public var tightest: (margin: Double, day: Int)?
    /// The scale of the tolerance on `margins`: a miss by up to 1e-6 times this is round-off.
    public var limitScale: Double

    public var met: Bool { hasColumn && !dayMet.contains(false) }
    public var isWeekly: Bool { rule.scope == .week }

    /// Solver round-off is not a miss (the validator's tolerance).
    public static let relativeTolerance = 1e-6

    public init(rule: NutrientRule, totals: PlanTotals, table: FoodTable, days: Int, items: [PlanItem]) {
        self.rule = rule
        let column = table.nutrients.first { $0.key == rule.nutrient }
        nutrient = column ?? Nutrient.forColumn(rule.nutrient)
        hasColumn = column != nil
        guard column != nil else {
            values = Array(repeating: nil, count: days)
            dayMet = Array(repeating: false, count: days)
            margins = []
            tightest = nil
            limitScale = 1
            return
        }
        /// Whether the day (or its meal) holds any food: without one its total is 0, not unknown.
        func hasItems(_ day: Int, _ scope: NutrientRule.Scope) -> Bool {
            if case .meal(let slot) = scope { return items.contains { $0.day == day && $0.slot == slot } }
            return items.contains { $0.day == day }
        }
        if rule.scope == .week {
            let known = (0 ..< days).map { totals.daily[$0][rule.nutrient] ?? (hasItems($0, .day) ? nil : 0) }
            let daily = known.map { $0 ?? 0 }
            let total = daily.reduce(0, +)
            let (minimum, maximum) = rule.planBounds(days: days)
            var margin = Double.infinity
            if let minimum { margin = min(margin, total - minimum) }
            if let maximum { margin = min(margin, maximum - total) }
            limitScale = max(abs(minimum ?? 0), abs(maximum ?? 0), 1)
            // A total no food has a value for is unknown, and so is whether it meets the rule.
            let allKnown = !known.contains(nil)
            let ok = margin >= -Self.relativeTolerance * limitScale && allKnown
            values = known
            dayMet = Array(repeating: ok, count: days)
            margins = margin.isFinite && allKnown ? [margin] : []
            tightest = margin.isFinite && allKnown ? (margin, -1) : nil
            return
        }
        limitScale = max(abs(rule.minimum ?? 0), abs(rule.maximum ?? 0), 1)
        var values: [Double?] = [], met: [Bool] = [], margins: [Double] = []
        var tightest: (margin: Double, day: Int)?
        for day in 0 ..< days {
            let known: Double?
            switch rule.scope {
            case .day, .week: known = totals.daily[day][rule.nutrient]
            case .meal(let slot): known = totals.meal[day][slot]?[rule.nutrient]
            }
            guard let value = known ?? (hasItems(day, rule.scope) ? nil : 0) else {
                values.append(nil)
                met.append(false)
                continue
            }
            values.append(value)
            var margin = Double.infinity
            if let minimum = rule.minimum { margin = min(margin, value - minimum) }
            if let maximum = rule.maximum { margin = min(margin, maximum - value) }
            met.append(margin >= -Self.relativeTolerance * limitScale)
            if margin.isFinite {
                margins.append(margin)
                if tightest == nil || margin < tightest!.margin { tightest = (margin, day) }
            }
        }
        self.values = values
        dayMet = met
        self.margins = margins
        self.tightest = tightest
    }
}

/// Everything a plan's reports state as a number (or a text made from numbers), from the items,
/// the table and the request: each portion's nutrients, weight, cost and household amount, the
/// daily totals, the targets, the cost, the shopping list and the objective value.
public struct PlanStatements: Sendable {
    public struct Item: Sendable {
        public var food: Int
        /// Per nutrient column of the table, in table order; NaN when the table has no value.
        public var nutrients: [Double]
        /// nil when the table gives no serving weight.
        public var grams: Double?
        /// nil when the table gives no price.
        public var cost: Double?
        public var household: String
        /// The role the food plays at its meal; nil when it has none there.
        public var role: FoodRole?
    }

    /// Per item, in the order given (an item whose food is not in the table has no values).
    public let items: [Item]
    public let totals: PlanTotals
    /// One per nutrient rule in force (the request as it applies to the table).
    public let targets: [TargetEvaluation]
    public let shopping: ShoppingList
    /// The objective of the items (see ``PlanValidator/objectiveValue(of:)``); nil when a value it needs is missing.
    public let objective: Double?
    public let days: Int

    public var totalCost: Double { totals.weeklyCost }
    public var averageDailyCost: Double { totals.weeklyCost / Double(max(days, 1)) }

    /// Totals, targets and the shopping list count the items whose food is in the table and
    /// whose day is one of the request's.
    public init(table: FoodTable, request: PlanRequest, items: [PlanItem]) {
        days = request.days
        let valid = items.filter { $0.food >= 0 && $0.food < table.count && (0 ..< request.days).contains($0.day) }
        let plan = Plan(request: request, items: valid, quality: .feasible, objective: 0, bound: nil, strategy: "", seconds: 0, excluded: [])
        self.items = items.map { item in
            guard item.food >= 0, item.food < table.count else {
                return Item(food: item.food, nutrients: [], grams: nil, cost: nil, household: "", role: nil)
            }
            return Item(food: item.food,
                 nutrients: table.nutrientValues.map { $0[item.food] * item.servings },
                 grams: table.grams(food: item.food).map { $0 * item.servings },
                 cost: table.price(food: item.food).map { $0 * item.servings },
                 household: HouseholdAmount.text(servings: item.servings, quantity: table.servingQuantities[item.food],
                                                 unit: table.servingUnits[item.food]),
                 role: table.role(food: item.food, at: item.slot))
        }
        let totals = PlanTotals(plan: plan, table: table)
        self.totals = totals
        targets = request.adapted(to: table).request.resolvedNutrientRules.map {
            TargetEvaluation(rule: $0, totals: totals, table: table, days: request.days, items: items)
        }
        shopping = ShoppingList(plan: plan, table: table)
        objective = PlanValidator(table: table, request: request).objectiveValue(of: items)
    }
}

extension PlanValidator {
    /// The objective of these items as the model states it: per serving, each term's weight times
    /// the food's price (cost), sugars, sodium or minus its potassium; plus the energy term's weight times each day's distance from
    /// the energy target. nil when an item lacks a value the objective needs.
    public func objectiveValue(of items: [PlanItem]) -> Double? {
        func column(_ nutrient: Nutrient) -> [Double]? { table.nutrientIndex(nutrient).map { table.nutrientValues[$0] } }
        let sugars = column(.sugars), sodium = column(.sodium), potassium = column(.potassium), energy = column(.energy)
        var total = 0.0
        for item in items {
            guard item.food >= 0, item.food < table.count else { return nil }
            var perServing = 0.0
            for term in request.objective.terms where term.weight != 0 {
                let value: Double?
                switch term.kind {
                case .cost: value = table.prices[item.food]
                case .sugar: value = sugars?[item.food]
                case .sodium: value = sodium?[item.food]
                case .potassium: value = potassium.map { -$0[item.food] }
                case .energy: continue
                }
                guard let value, !value.isNaN else { return nil }
                perServing += term.weight * value
            }
            total += perServing * item.servings
        }
        let energyWeight = request.objective.terms.filter { $0.kind == .energy }.reduce(0) { $0 + $1.weight }
        if energyWeight != 0, let target = request.resolvedEnergyTarget {
            guard let energy else { return nil }
            var kcal = [Double](repeating: 0, count: request.days)
            for item in items where (0 ..< request.days).contains(item.day) {
                guard !energy[item.food].isNaN else { return nil }
                kcal[item.day] += energy[item.food] * item.servings
            }
            total += energyWeight * kcal.reduce(0) { $0 + abs($1 - target) }
        }
        return total
    }
}
