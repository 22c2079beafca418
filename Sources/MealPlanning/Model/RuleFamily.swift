import LinearProgramming

/// A named group of constraints that together state one rule of the request, e.g.
/// "potassium >= 2,600 mg per day" (one row per day). Diagnosis relaxes or drops whole families.
public struct RuleFamily: Hashable, Sendable {
    public enum Kind: Hashable, Sendable {
        case nutrient(key: String, scope: NutrientRule.Scope)
        case mealEnergy(MealSlot)
        case foodsPerMeal
        case servingsPerDay
        case servingsPerWeek
        case daysPerFood
        case mealGroup(String)
        case dailyMass
        case includeFood(String)
        case foodsPerDay
        case foodsPerWeek
        /// What a meal holds: items per part of its pattern, accompaniments.
        case mealPattern(MealSlot)
        /// Accompaniments only with a carrier, in at most their amount per serving of it.
        case pairing
        /// A food family at most once a day.
        case familyPerDay
        /// Lunch and dinner share no main and few other foods.
        case lunchDinner
        /// Mains on at most a few days, favourites on at least a few.
        case weekVariety
        /// No two days of a week hold the same foods.
        case distinctDays
        /// At least a few of the potassium foods in the week.
        case potassiumFoods
        /// What the plan's foods cost, at most the weekly budget.
        case budget
        /// Links between portions and "food used" indicators; never relaxed.
        case structure
        /// The diet, allergen, group and food exclusions (bounds, not rows).
        case foodFilter
    }

    public var kind: Kind
    /// Says the rule in nutrition terms.
    public var text: String
    /// The unit of a relaxation amount (`mg`, `g`, `kcal`, `servings`, `foods`, `days`), empty when the rule is not numeric.
    public var unit: String
    public var lower: Double?
    public var upper: Double?
    /// What the bound is of, and per what: ("potassium", "per day"), for suggested changes.
    public var subject: String = ""
    public var per: String = ""
    public var isRelaxable: Bool { kind != .structure && kind != .foodFilter }
}

/// How a row's coefficient on a portion step of food `f` is formed.
public enum RowSource: Hashable, Sendable {
    /// `factor x nutrientValues[column][f]`
    case nutrient(column: Int, factor: Double)
    /// `factor x prices[f]`
    case price(factor: Double)
    /// `factor x servingGrams[f]`
    case grams(factor: Double)
    /// `factor` when the food's group is one of these.
    case groups(Set<String>, factor: Double)
    /// `factor` for every food.
    case portions(factor: Double)
    /// A row of particular foods (caps, included foods): zero for a food not in the model.
    case foodSpecific
    /// Links with indicator variables: a model with these cannot be priced food by food.
    case structure
}

public struct ExcludedFood: Hashable, Sendable {
    public var food: Int
    public var reason: String

    public init(food: Int, reason: String) {
        self.food = food
        self.reason = reason
    }
}

public enum PlanBuildError: Error, Equatable, Sendable, CustomStringConvertible {
    case emptyTable
    /// Every food of the table left out; `summary` says why, by reason.
    case allFoodsLeftOut(count: Int, summary: String)
    /// A name of the request the table does not know, or settings of the request that contradict
    /// each other over the table (``PlanRequest/conflict(with:)``).
    case conflict(RequestConflict)
    /// An included (or favourite) food that the table's data or the request's filters leave out.
    case wantedFoodLeftOut(id: String, favourite: Bool, reason: String)
    case unknownNutrient(String)

    public var description: String {
        switch self {
        case .emptyTable: return "no food is left to plan with: the food table is empty"
        case .allFoodsLeftOut(let count, let summary): return "no food is left to plan with: all \(count) foods were left out: \(summary)"
        case .conflict(let conflict): return conflict.message(naming: .keys)
        case .wantedFoodLeftOut(let id, let favourite, let reason):
            return "the \(favourite ? "favourite" : "included") food '\(id)' is left out (\(reason))"
        case .unknownNutrient(let key): return "the food table has no column for nutrient '\(key)'"
        }
    }
}
