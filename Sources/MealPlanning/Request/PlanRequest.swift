/// What the user asks for: who, how many days, which meals, which rules, which objective.
///
/// Every rule can be turned off (nil or empty). The defaults give a week a person would eat:
/// meals made as their patterns say (a breakfast main and fruit; a main with vegetable sides at
/// lunch and dinner), fats and toppings only with what they go with, the Dietary Guidelines'
/// food groups, a food family once a day, lunch and dinner apart, a main dish on at most 2 days
/// and any food on at most 3, half-serving portions of at most 2 servings, up to 5 foods a meal
/// and at most 2.5 kg of food a day.
public struct PlanRequest: Hashable, Sendable {
    public var profile: Profile?
    /// Daily energy target; nil takes the profile's estimated needs.
    public var energyTarget: Double?
    public var days: Int = 7
    public var meals: [MealShare] = MealShare.defaults
    /// The kcal the meal shares apply to; nil uses the energy target.
    public var mealShareReference: Double?
    /// When false, only ``nutrientRules`` apply (no profile-derived targets).
    public var useProfileTargets = true
    /// Added to, or replacing (same nutrient and scope), the profile's rules.
    public var nutrientRules: [NutrientRule] = []
    /// Profile rules left out because the food table has no values for their nutrient (for
    /// example a table without added sugars); see ``adapted(to:)``.
    public var skippedProfileNutrients: [String] = []

    /// Portions are multiples of this many servings (0.5: half servings).
    public var portionStep: Double = 0.5
    /// Solve with continuous portions (the LP relaxation) instead of multiples of the step.
    public var relaxPortions = false
    public var maxServingsPerMeal: Double? = 2
    public var minServingsPerUse: Double? = 0.5
    public var maxServingsPerDay: Double? = 3
    public var maxServingsPerWeek: Double? = 7
    public var maxFoodsPerMeal: Int? = 5
    public var minFoodsPerMeal: Int? = 1
    public var maxDaysPerFood: Int? = 3
    public var minFoodsPerDay: Int?
    public var minFoodsPerWeek: Int?
    public var mealGroupRules: [MealGroupRule] = MealGroupRule.defaults
    public var maxDailyGrams: Double? = 2500

    /// What each meal is made of (roles per meal; ``MealPattern/defaults`` is the usual week);
    /// empty turns meal patterns and pairing off. They apply only with a food table that has
    /// roles, and so do the family and lunch-and-dinner rules below.
    public var mealPatterns: [MealPattern] = MealPattern.defaults
    /// Spreads, toppings, fats, sweeteners and condiments only with a food they go with, in at
    /// most their amount per serving of it.
    public var pairing = true
    /// The Dietary Guidelines' food-group amounts (nil: off); see
    /// ``NutrientTargets/foodGroupRules(kcal:diets:options:)``. The daily ones are rules of each
    /// day; the weekly subgroups are rules of the day-pattern master (and of the whole week's model).
    public var foodGroups: FoodGroupOptions? = FoodGroupOptions()
    /// A food family at most once a day, outside drinks, dairy foods and accompaniments (which
    /// may appear at up to ``familyAllowance`` meals of a day).
    public var familyOncePerDay = true
    public var familyAllowance = 3
    /// Lunch and dinner of a day share no main and at most this many other foods (nil: no rule).
    public var maxSharedLunchDinner: Int? = 1
    /// A main dish or recipe on at most this many days of the week (nil: the days-per-food rule only).
    public var maxDaysPerMain: Int? = 2
    /// A weekly budget in US dollars, scaled to the plan's days as the weekly food-group amounts
    /// are (nil: none; see ``PlanObjective/potassium``).
    public var budget: Double?
    /// The budget as a rule of the whole plan, over the foods' prices.
    public var budgetRule: NutrientRule? {
        budget.map { NutrientRule(nutrient: Self.budgetKey, maximum: $0, scope: .week, source: "request") }
    }
    /// Most potassium without a budget plans within the minimum-cost plan's cost plus this share.
    public static let defaultBudgetMargin = 0.25
    /// Whether the planner first finds the budget (``defaultBudgetMargin``): most potassium, no
    /// budget, and a table with prices.
    public func needsDefaultBudget(_ table: FoodTable) -> Bool {
        objective == .potassium && budget == nil && table.prices.contains { !$0.isNaN }
    }
    /// The key of the budget among the weekly amounts (``PlanModelBuilder/Options/weeklyCaps``).
    public static let budgetKey = "budget_usd"
    /// Favourite foods: each in the plan on at least this many days (by food id; at most the
    /// plan's days count).
    public var favoriteDays: [String: Int] = [:]
    /// At least a few of the potassium foods people plan for in a week (nil: no such rule).
    public var potassiumFoods: PotassiumFoods? = PotassiumFoods()
    /// The days of a favourite given without a number.
    public static let defaultFavoriteDays = 2

    public var diets: [Diet] = []
    public var excludeAllergens: [Allergen] = []
    public var excludeFoods: [String] = []
    public var excludeGroups: [String] = []
    public var includeFoods: [String] = []

    public var objective: PlanObjective = .cost
    /// A safety limit in seconds for the whole search. The search's effort is set by node and
    /// round counts, so that the same request gives the same plan on every run; only a search
    /// cut short by this limit may differ (the plan then says so).
    public var timeLimit: Double = 30
    /// Stop once the proven relative gap is at most this.
    public var relativeGap: Double = 0.005
    /// Search effort, a multiple of the default node and round budgets (1-1000): more effort,
    /// a better plan and bound, in more time; the same effort gives the same plan every run.
    public var effort: Int = 1

    public init(profile: Profile?) {
        self.profile = profile
    }

    /// The energy target in force, if any.
    public var resolvedEnergyTarget: Double? {
        if let energyTarget { return energyTarget }
        return profile.map { NutrientTargets.energy($0) }
    }

    /// The nutrient rules in force: the profile's (when used), with request rules replacing
    /// those of the same nutrient and scope, in a stable order.
    public var resolvedNutrientRules: [NutrientRule] {
        var rules: [NutrientRule] = []
        if useProfileTargets, let profile {
            rules = NutrientTargets.dailyRules(for: profile, kcal: energyTarget)
            if var foodGroups, let energy = resolvedEnergyTarget {
                // The subgroups are amounts of a week: a shorter plan does not hold them.
                if days < 7 { foodGroups.weekly = false }
                // Leaving out milk is a dairy-free diet, for the food groups.
                let groupDiets = diets + (excludeAllergens.contains(.milk) && !diets.contains(.dairyFree) ? [.dairyFree] : [])
                rules += NutrientTargets.foodGroupRules(kcal: energy, diets: groupDiets, options: foodGroups)
            }
            rules = rules.filter { !skippedProfileNutrients.contains($0.nutrient) }
        }
        for rule in nutrientRules {
            if let index = rules.firstIndex(where: { $0.nutrient == rule.nutrient && $0.scope == rule.scope }) {
                // A request rule replaces the sides it sets and keeps the others.
                var merged = rules[index]
                if let minimum = rule.minimum { merged.minimum = minimum }
                if let maximum = rule.maximum { merged.maximum = maximum }
                merged.source = rule.source
                rules[index] = merged
            } else {
                rules.append(rule)
            }
        }
        // A minimum of 0 is no minimum.
        for index in rules.indices where rules[index].minimum == 0 { rules[index].minimum = nil }
        return rules.filter { $0.minimum != nil || $0.maximum != nil }
    }

    public var resolvedMealShareReference: Double? { mealShareReference ?? resolvedEnergyTarget }
}

public struct MealShare: Hashable, Sendable, Codable {
    public var slot: MealSlot
    /// Fractions of the reference energy, e.g. 0.20 ... 0.30.
    public var minShare: Double?
    public var maxShare: Double?

    public init(slot: MealSlot, minShare: Double?, maxShare: Double?) {
        self.slot = slot
        self.minShare = minShare
        self.maxShare = maxShare
    }

    public static let defaults: [MealShare] = [
        MealShare(slot: .breakfast, minShare: 0.20, maxShare: 0.30),
        MealShare(slot: .lunch, minShare: 0.25, maxShare: 0.35),
        MealShare(slot: .dinner, minShare: 0.30, maxShare: 0.40),
        MealShare(slot: .snack, minShare: 0.05, maxShare: 0.15),
    ]
}

/// "Each of these meals holds at least `minServings` (and at most `maxServings`) servings of
/// foods from these groups."
public struct MealGroupRule: Hashable, Sendable, Codable {
    public var name: String
    public var meals: [MealSlot]
    public var groups: [String]
    public var minServings: Double
    public var maxServings: Double?

    public init(name: String, meals: [MealSlot], groups: [String], minServings: Double, maxServings: Double? = nil) {
        self.name = name
        self.meals = meals
        self.groups = groups
        self.minServings = minServings
        self.maxServings = maxServings
    }

    public static let vegetableGroups = ["vegetable", "starchy-vegetable"]
    public static let proteinGroups = ["legume", "egg", "fish", "meat", "poultry", "nuts-seeds", "soy"]
    public static let breakfastGroups = ["grain", "dairy", "fruit", "egg"]

    public static let defaults: [MealGroupRule] = [
        MealGroupRule(name: "a vegetable", meals: [.lunch, .dinner], groups: vegetableGroups, minServings: 1),
        MealGroupRule(name: "a protein food", meals: [.lunch, .dinner], groups: proteinGroups, minServings: 1),
        MealGroupRule(name: "a grain, dairy, fruit or egg", meals: [.breakfast], groups: breakfastGroups, minServings: 1),
        // Fats, condiments and sweets go with a meal; they are not the meal.
        MealGroupRule(name: "fats and condiments", meals: MealSlot.allCases, groups: ["fat", "condiment", "fat-condiment"], minServings: 0, maxServings: 1),
        MealGroupRule(name: "sweets", meals: MealSlot.allCases, groups: ["sweet"], minServings: 0, maxServings: 1),
    ]

    /// "lunch and dinner each hold 1 serving of a vegetable", "each meal holds at most 1 serving of sweets".
    public var text: String {
        let where_ = meals.count == MealSlot.allCases.count ? "each meal holds" : meals.map(\.rawValue).joined(separator: " and ") + (meals.count > 1 ? " each hold" : " holds")
        var amount: [String] = []
        if minServings > 0 { amount.append("\(maxServings == nil ? "" : "at least ")\(minServings.grouped) serving\(minServings == 1 ? "" : "s")") }
        if let maxServings { amount.append("at most \(maxServings.grouped) serving\(maxServings == 1 ? "" : "s")") }
        return "\(where_) \(amount.joined(separator: " and ")) of \(name)"
    }
}

public enum PlanObjective: Hashable, Sendable {
    case cost
    case sugar
    case sodium
    case potassium
    /// Closest to the energy target (sum of absolute daily deviations).
    case energy
    /// A weighted sum: cost in $, sugar in g, sodium per 100 mg, potassium per -100 mg,
    /// energy deviation per 100 kcal.
    case weighted([WeightedTerm])

    public struct WeightedTerm: Hashable, Sendable {
        public var kind: PlanObjective.Kind
        public var weight: Double
        public init(kind: PlanObjective.Kind, weight: Double) {
            self.kind = kind
            self.weight = weight
        }
    }

    public enum Kind: String, Hashable, Sendable, CaseIterable {
        case cost, sugar, sodium, potassium, energy
    }

    /// Unit weights of the plain objectives in the weighted form.
    public var terms: [WeightedTerm] {
        switch self {
        case .cost: return [.init(kind: .cost, weight: 1)]
        case .sugar: return [.init(kind: .sugar, weight: 1)]
        case .sodium: return [.init(kind: .sodium, weight: 0.01)]
        case .potassium: return [.init(kind: .potassium, weight: 0.01)]
        case .energy: return [.init(kind: .energy, weight: 0.01)]
        case .weighted(let terms): return terms
        }
    }

    public var name: String {
        switch self {
        case .cost: return "minimum cost"
        case .sugar: return "minimum sugars"
        case .sodium: return "minimum sodium"
        case .potassium: return "maximum potassium"
        case .energy: return "closest to the energy target"
        case .weighted(let terms): return "weighted: " + terms.map { "\($0.weight) x \($0.kind.rawValue)" }.joined(separator: " + ")
        }
    }
}

public enum PlanRequestError: Error, Equatable, Sendable, CustomStringConvertible {
    case invalid(String)
    /// A request file problem: `file: path: message`.
    case file(String)

    public var description: String {
        switch self {
        case .invalid(let text), .file(let text): return text
        }
    }
}

extension PlanRequest {
    /// Checks every number and name before any model is built.
    public func validate() throws(PlanRequestError) {
        try profile?.validate()
        func check(_ value: Double?, _ name: String, range: ClosedRange<Double>) throws(PlanRequestError) {
            guard let value else { return }
            guard value.isFinite, range.contains(value) else {
                throw .invalid("\(name) \(value.cleanText) is not in \(range.lowerBound.cleanText)...\(range.upperBound.cleanText)")
            }
        }
        guard (1 ... 28).contains(days) else { throw .invalid("days \(days) is not in 1...28") }
        try check(energyTarget, "energy target", range: 500 ... 10000)
        try check(mealShareReference, "meal share reference", range: 100 ... 10000)
        guard !meals.isEmpty else { throw .invalid("the request has no meals") }
        var seen = Set<MealSlot>()
        for meal in meals {
            if !seen.insert(meal.slot).inserted { throw .invalid("meal \(meal.slot.rawValue) is listed twice") }
            try check(meal.minShare, "\(meal.slot.rawValue) minimum share", range: 0 ... 1)
            try check(meal.maxShare, "\(meal.slot.rawValue) maximum share", range: 0 ... 1)
            if let low = meal.minShare, let high = meal.maxShare, low > high {
                throw .invalid("\(meal.slot.rawValue) share: minimum \(low) is above maximum \(high)")
            }
        }
        if meals.contains(where: { $0.minShare != nil || $0.maxShare != nil }) && resolvedMealShareReference == nil {
            throw .invalid("meal energy shares need an energy target (--kcal or a profile)")
        }
        for rule in resolvedNutrientRules {
            let name = "\(rule.nutrient) per \(rule.scope.text)"
            try check(rule.minimum, "\(name) minimum", range: 0 ... 1e9)
            try check(rule.maximum, "\(name) maximum", range: 0 ... 1e9)
            if let low = rule.minimum, let high = rule.maximum, low > high {
                throw .invalid("\(name): minimum \(low.cleanText) is above maximum \(high.cleanText)")
            }
        }
        guard [0.25, 0.5, 1].contains(portionStep) else {
            throw .invalid("portion step \(portionStep) must be 0.25, 0.5 or 1 serving")
        }
        try check(maxServingsPerMeal, "maximum servings per meal", range: 0.25 ... 20)
        try check(minServingsPerUse, "minimum servings per use", range: 0 ... 20)
        try check(maxServingsPerDay, "maximum servings per day", range: 0.25 ... 60)
        try check(maxServingsPerWeek, "maximum servings per week", range: 0.25 ... 400)
        try check(maxDailyGrams, "maximum grams per day", range: 1 ... 100_000)
        try check(budget, "weekly budget", range: 0.01 ... 1_000_000)
        for (value, name) in [(maxFoodsPerMeal, "maximum foods per meal"), (minFoodsPerMeal, "minimum foods per meal"),
                              (maxDaysPerFood, "maximum days per food"), (minFoodsPerDay, "minimum foods per day"),
                              (minFoodsPerWeek, "minimum foods per week"), (maxSharedLunchDinner, "foods lunch and dinner share"),
                              (maxDaysPerMain, "maximum days per main dish")] {
            if let value, !(0 ... 100_000).contains(value) { throw .invalid("\(name) \(value) is not in 0...100000") }
        }
        if let low = minFoodsPerMeal, let high = maxFoodsPerMeal, low > high {
            throw .invalid("minimum foods per meal \(low) is above the maximum \(high)")
        }
        for rule in mealGroupRules {
            try check(rule.minServings, "servings of \(rule.name)", range: 0 ... 20)
            try check(rule.maxServings, "most servings of \(rule.name)", range: 0 ... 60)
            if let high = rule.maxServings, rule.minServings > high {
                throw .invalid("meal rule '\(rule.name)': minimum \(rule.minServings.grouped) is above maximum \(high.grouped)")
            }
            if rule.groups.isEmpty { throw .invalid("meal rule '\(rule.name)' names no food group") }
        }
        for term in objective.terms {
            guard term.weight.isFinite, abs(term.weight) <= 1e6 else {
                throw .invalid("objective weight \(term.weight) of \(term.kind.rawValue) is not a finite number up to 1e6")
            }
        }
        try check(timeLimit, "time limit", range: 0.1 ... 86400)
        try check(relativeGap, "relative gap", range: 0 ... 1)
        guard (1 ... 1000).contains(effort) else { throw .invalid("effort \(effort) is not in 1...1000") }
    }
}

extension Double {
    /// `2600` for whole numbers, otherwise the shortest round-trip text.
    public var cleanText: String {
        if self == rounded(), abs(self) < 1e15 { return String(Int64(self)) }
        return "\(self)"
    }
}
