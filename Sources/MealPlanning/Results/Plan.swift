import Foundation
import LinearProgramming

/// One portion of one food at one meal of one day.
public struct PlanItem: Hashable, Sendable {
    /// Index into the food table.
    public var food: Int
    /// 0-based day.
    public var day: Int
    public var slot: MealSlot
    /// Servings of the food's household serving.
    public var servings: Double

    public init(food: Int, day: Int, slot: MealSlot, servings: Double) {
        self.food = food
        self.day = day
        self.slot = slot
        self.servings = servings
    }
}

/// How good a plan is known to be.
public enum PlanQuality: Hashable, Sendable {
    /// Proven optimal (within the solver's tolerance).
    case optimal
    /// Feasible, with a proven bound: the best possible objective is within `gap` of it.
    case feasible
    /// The LP relaxation: continuous portions, not multiples of the portion step.
    case relaxed

    public var text: String {
        switch self {
        case .optimal: return "optimal"
        case .feasible: return "feasible"
        case .relaxed: return "relaxed (continuous portions)"
        }
    }
}

/// A rule that limits the plan, with what relaxing it would save (from LP duals).
public struct BindingRule: Hashable, Sendable {
    public init(rule: String, amount: Double, unit: String, objectiveChange: Double, direction: String) {
        self.rule = rule
        self.amount = amount
        self.unit = unit
        self.objectiveChange = objectiveChange
        self.direction = direction
    }

    public var rule: String
    /// The amount the explanation speaks of, e.g. 100 (mg), in `unit`.
    public var amount: Double
    public var unit: String
    /// Objective change per week when the rule is relaxed by `amount` (negative: saves).
    public var objectiveChange: Double
    /// "lowering", "raising" or "relaxing".
    public var direction: String
}

/// A food that is not in the plan but close to entering it.
public struct MarginalFood: Hashable, Sendable {
    public init(food: Int, reducedCostPerServing: Double) {
        self.food = food
        self.reducedCostPerServing = reducedCostPerServing
    }

    public var food: Int
    /// How much its objective coefficient per serving must fall before it enters.
    public var reducedCostPerServing: Double
}

/// A note on how a plan came about, for its reader.
public enum PlanNote: Hashable, Sendable {
    /// A sentence, shown as it is.
    case text(String)
    /// The search stopped at its time limit, so another run may give a different plan. The
    /// reports say in words how to get a repeatable one.
    case stoppedAtTimeLimit
}

public struct Plan: Sendable {
    public var request: PlanRequest
    public var items: [PlanItem]
    public var quality: PlanQuality
    /// The objective value (in the objective's units: $ for cost).
    public var objective: Double
    /// Best proven bound on the objective; nil when none is known.
    public var bound: Double?
    public var strategy: String
    public var seconds: Double
    public var excluded: [ExcludedFood]
    public var bindingRules: [BindingRule] = []
    /// Foods the plan does not hold that are close to entering the LP the explanation comes from.
    public var marginalFoods: [MarginalFood] = []
    /// The LP that `bindingRules` and `marginalFoods` are about (``oneDayRelaxation`` or
    /// ``planRelaxation``): their duals describe it, not the printed plan. nil for a plan saved
    /// before plans said so.
    public var explanationBasis: String? = Plan.oneDayRelaxation
    public var notes: [PlanNote] = []

    /// The explanation of an integer plan: the LP relaxation of one day, the same every day.
    public static let oneDayRelaxation = "the one-day LP relaxation"
    /// The explanation of a relaxed plan solved as one LP over all its days.
    public static let planRelaxation = "the LP relaxation of the whole plan"

    public init(request: PlanRequest, items: [PlanItem], quality: PlanQuality, objective: Double, bound: Double?,
                strategy: String, seconds: Double, excluded: [ExcludedFood]) {
        self.request = request
        self.items = items.sorted { ($0.day, $0.slot, $0.food) < ($1.day, $1.slot, $1.food) }
        self.quality = quality
        self.objective = objective
        self.bound = bound
        self.strategy = strategy
        self.seconds = seconds
        self.excluded = excluded
    }

    /// Relative gap between the plan and the proven bound, |objective - bound| / max(|objective|, 1e-9).
    public var gap: Double? {
        guard let bound else { return nil }
        return max(0, objective - bound) / max(abs(objective), 1e-9)
    }

    public func items(day: Int, slot: MealSlot) -> [PlanItem] {
        items.filter { $0.day == day && $0.slot == slot }
    }
}

/// Totals of a plan recomputed from the food table alone.
public struct PlanTotals: Sendable {
    /// `daily[d][nutrientKey]`
    public var daily: [[String: Double]]
    /// `meal[d][slot][nutrientKey]`
    public var meal: [[MealSlot: [String: Double]]]
    public var dailyGrams: [Double]
    public var dailyCost: [Double]
    public var weeklyCost: Double

    public init(plan: Plan, table: FoodTable) {
        let days = plan.request.days
        daily = Array(repeating: [:], count: days)
        meal = Array(repeating: [:], count: days)
        dailyGrams = Array(repeating: 0, count: days)
        dailyCost = Array(repeating: 0, count: days)
        for item in plan.items {
            for (column, nutrient) in table.nutrients.enumerated() {
                let value = table.nutrientValues[column][item.food]
                guard !value.isNaN else { continue }
                daily[item.day][nutrient.key, default: 0] += value * item.servings
                meal[item.day][item.slot, default: [:]][nutrient.key, default: 0] += value * item.servings
            }
            if let grams = table.grams(food: item.food) { dailyGrams[item.day] += grams * item.servings }
            if let price = table.price(food: item.food) { dailyCost[item.day] += price * item.servings }
        }
        weeklyCost = dailyCost.reduce(0, +)
    }
}

/// Household amounts: `1 1/2 cups`, `1/2 medium`, `3 oz`, `1 plum`, `6 plums`.
public enum HouseholdAmount {
    /// Units measured by weight or volume: numbers in decimals, never pluralised.
    static let measureUnits: Set<String> = ["g", "ml", "oz", "fl oz", "kg", "lb", "tbsp", "tsp"]
    /// Size words and other unit words that do not take a plural.
    static let invariableWords: Set<String> = ["medium", "large", "small", "each", "whole", "extra", "jumbo", "g", "oz", "ml", "tbsp", "tsp"]

    /// `servings` of a food whose serving is `quantity` `unit`.
    public static func text(servings: Double, quantity: Double, unit: String) -> String {
        let amount = servings * quantity
        let number: String
        if measureUnits.contains(unit) && !["tbsp", "tsp"].contains(unit) {
            number = amount == amount.rounded() ? String(Int(amount)) : NumberFormat.printf(amount, decimals: 1)
        } else {
            number = fraction(amount)
        }
        return "\(number) \(inflected(unit, amount: amount))"
    }

    /// Nearest eighth as a mixed fraction: 0.5 -> "1/2", 1.75 -> "1 3/4", 0.125 -> "1/8";
    /// thirds are kept ("1/3", "2/3"). Amounts below 1/16 are written as decimals.
    public static func fraction(_ value: Double) -> String {
        if value > 0 && value < 1.0 / 16 { return NumberFormat.printf(value, decimals: 2) }
        let whole = Int(value.rounded(.down))
        let rest = value - Double(whole)
        let candidates: [(Double, String)] = [
            (0, ""), (0.125, "1/8"), (0.25, "1/4"), (1.0 / 3, "1/3"), (0.375, "3/8"), (0.5, "1/2"), (0.625, "5/8"),
            (2.0 / 3, "2/3"), (0.75, "3/4"), (0.875, "7/8"), (1, "next"),
        ]
        let best = candidates.min { abs($0.0 - rest) < abs($1.0 - rest) }!
        if best.1 == "next" { return String(whole + 1) }
        if best.1.isEmpty { return String(max(whole, 0)) }
        return whole == 0 ? best.1 : "\(whole) \(best.1)"
    }

    /// The unit's last word in the singular for amounts up to 1 and in the plural above.
    static func inflected(_ unit: String, amount: Double) -> String {
        // "container (6 oz)": the noun is before the note in parentheses.
        if let open = unit.range(of: " (") {
            return inflected(String(unit[..<open.lowerBound]), amount: amount) + unit[open.lowerBound...]
        }
        var words = unit.split(separator: " ").map(String.init)
        guard let last = words.last, !invariableWords.contains(last), !measureUnits.contains(unit) else { return unit }
        let singular: String
        if last.hasSuffix("ies") { singular = String(last.dropLast(3)) + "y" }
        else if last.hasSuffix("ches") || last.hasSuffix("shes") { singular = String(last.dropLast(2)) }
        else if last.hasSuffix("s") && !last.hasSuffix("ss") { singular = String(last.dropLast()) }
        else { singular = last }
        let word: String
        if amount <= 1 + 1e-9 {
            word = singular
        } else if singular.hasSuffix("y") && !["ay", "ey", "oy", "uy"].contains(where: singular.hasSuffix) {
            word = String(singular.dropLast()) + "ies"
        } else if singular.hasSuffix("ch") || singular.hasSuffix("sh") || singular.hasSuffix("s") {
            word = singular + "es"
        } else if singular == "leaf" {
            word = "leaves"
        } else {
            word = singular + "s"
        }
        words[words.count - 1] = word
        return words.joined(separator: " ")
    }
}
