import LinearProgramming

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
    /// The meals planned; an entry repeated exactly is kept once (one meal with two different
    /// shares is an error of ``validate()``).
    public var meals: [MealShare] = MealShare.defaults { didSet { meals = meals.withoutRepeats() } }
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
    /// One week of a plan of more than seven days (``week(ofDays:)``): a shorter last week still
    /// holds its share of the weekly amounts.
    public internal(set) var isWeekOfLongerPlan = false
    public var minFoodsPerDay: Int?
    public var minFoodsPerWeek: Int?
    public var mealGroupRules: [MealGroupRule] = MealGroupRule.defaults { didSet { mealGroupRules = mealGroupRules.withoutRepeats() } }
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
    /// No two days of a week hold the same foods (a week of days of meals, not one day repeated).
    public var distinctDays = true
    /// Whether ``distinctDays`` applies: days of meals, more than one day.
    public func keepsDaysDistinct(_ table: FoodTable) -> Bool { distinctDays && days > 1 && usesMealStructure(table) }
    /// A weekly budget in US dollars, scaled to the plan's days as the weekly food-group amounts
    /// are (nil: none; see ``PlanObjective/potassium``).
    public var budget: Double?
    /// The budget as a rule of the whole plan, over the foods' prices.
    public var budgetRule: NutrientRule? {
        budget.map { NutrientRule(nutrient: Self.budgetKey, maximum: $0, scope: .week, source: "request") }
    }
    /// The time limits a request may have, in seconds. A part of a search with its own share
    /// of the limit (a week of a longer plan) never gets less than the shortest.
    public static let timeLimitRange = 0.1 ... 86400.0
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

    // Lists hold each entry once, at its first place, however they are built (flags, request
    // files, code): a food named twice in `includeFoods` is one rule, not two rows of one name.
    public var diets: [Diet] = [] { didSet { diets = diets.withoutRepeats() } }
    public var excludeAllergens: [Allergen] = [] { didSet { excludeAllergens = excludeAllergens.withoutRepeats() } }
    public var excludeFoods: [String] = [] { didSet { excludeFoods = excludeFoods.withoutRepeats() } }
    public var excludeGroups: [String] = [] { didSet { excludeGroups = excludeGroups.withoutRepeats() } }
    public var includeFoods: [String] = [] { didSet { includeFoods = includeFoods.withoutRepeats() } }

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
    /// those of the same nutrient and scope, in a stable order (``nutrientRuleResolution``).
    public var resolvedNutrientRules: [NutrientRule] { nutrientRuleResolution.rules.map(\.rule) }

    /// What the request's own rules changed in the profile's, in sentences for the plan's notes:
    /// a profile minimum above a maximum the request sets (a kidney patient's potassium
    /// maximum below the adequate intake) is left out, and so is a profile maximum below a requested minimum.
    public var nutrientRuleNotes: [String] { nutrientRuleResolution.notes }

    /// A rule in force, and where each of its sides comes from: the index of the request rule
    /// (in ``nutrientRules``) that set it, or nil for the profile.
    struct ResolvedRule {
        var rule: NutrientRule
        var minimumFrom: Int?
        var maximumFrom: Int?
        /// Where a profile rule's numbers come from (nil for a rule of the request alone).
        var profileSource: String?
    }

    var nutrientRuleResolution: (rules: [ResolvedRule], notes: [String]) {
        var rules: [ResolvedRule] = []
        var groupKeys = Set<String>()
        if useProfileTargets, let profile {
            var profileRules = NutrientTargets.dailyRules(for: profile, kcal: energyTarget)
            if var foodGroups, let energy = resolvedEnergyTarget {
                // The subgroups are amounts of a week: a shorter plan does not hold them (the
                // last week of a longer plan holds its share, as the plan holds its total).
                if days < 7 && !isWeekOfLongerPlan { foodGroups.weekly = false }
                // Leaving out milk is a dairy-free diet, for the food groups.
                let groupDiets = diets + (excludeAllergens.contains(.milk) && !diets.contains(.dairyFree) ? [.dairyFree] : [])
                let groupRules = NutrientTargets.foodGroupRules(kcal: energy, diets: groupDiets, options: foodGroups)
                groupKeys = Set(groupRules.map(\.nutrient))
                profileRules += groupRules
            }
            rules = profileRules.filter { !skippedProfileNutrients.contains($0.nutrient) }
                .map { ResolvedRule(rule: $0, minimumFrom: nil, maximumFrom: nil, profileSource: $0.source) }
        }
        for (index, rule) in nutrientRules.enumerated() {
            if let place = rules.firstIndex(where: { $0.rule.nutrient == rule.nutrient && $0.rule.scope == rule.scope }) {
                // A request rule replaces the sides it sets and keeps the others.
                if let minimum = rule.minimum { rules[place].rule.minimum = minimum; rules[place].minimumFrom = index }
                if let maximum = rule.maximum { rules[place].rule.maximum = maximum; rules[place].maximumFrom = index }
                rules[place].rule.source = rule.source
            } else {
                rules.append(ResolvedRule(rule: rule, minimumFrom: rule.minimum == nil ? nil : index,
                                          maximumFrom: rule.maximum == nil ? nil : index))
            }
        }
        var notes: [String] = []
        var droppedMinimum = false
        for place in rules.indices {
            // A minimum of 0 is no minimum.
            if rules[place].rule.minimum == 0 { rules[place].rule.minimum = nil; rules[place].minimumFrom = nil }
            // The request's own side wins over the profile's side it contradicts.
            guard let low = rules[place].rule.minimum, let high = rules[place].rule.maximum, low > high else { continue }
            let nutrient = Nutrient.forColumn(rules[place].rule.nutrient)
            let unit = nutrient.unit.isEmpty ? "" : " \(nutrient.unit)"
            let per = "per \(rules[place].rule.scope.text)"
            let why = rules[place].profileSource.map { " (\($0))" } ?? ""
            if rules[place].minimumFrom == nil, rules[place].maximumFrom != nil {
                // The food-group amounts are the Dietary Guidelines' pattern for healthy people,
                // built to meet the reference intakes: a plan held below one of them is not that
                // pattern, and they go with the minimum. (With them, the search finds no week of
                // the bundled table under 2,000 mg of potassium within its time limit.)
                let isIntake = !groupKeys.contains(nutrient.key)
                let groups = groupKeys.isEmpty || !isIntake || droppedMinimum
                    ? "" : ", nor are the Dietary Guidelines' food-group amounts, a pattern for healthy people built to meet it"
                notes.append("The \(nutrient.displayName) maximum of \(high.grouped)\(unit) \(per) is below the profile's minimum of "
                             + "\(low.grouped)\(unit)\(why), so that minimum is not applied\(groups).")
                rules[place].rule.minimum = nil
                if isIntake { droppedMinimum = true }
            } else if rules[place].maximumFrom == nil, rules[place].minimumFrom != nil {
                notes.append("The \(nutrient.displayName) minimum of \(low.grouped)\(unit) \(per) is above the profile's maximum of "
                             + "\(high.grouped)\(unit)\(why), so that maximum is not applied.")
                rules[place].rule.maximum = nil
            }
        }
        if droppedMinimum {
            // The request's own rules on a food group stay.
            for place in rules.indices where groupKeys.contains(rules[place].rule.nutrient) {
                if rules[place].minimumFrom == nil { rules[place].rule.minimum = nil }
                if rules[place].maximumFrom == nil { rules[place].rule.maximum = nil }
            }
        }
        return (rules.filter { $0.rule.minimum != nil || $0.rule.maximum != nil }, notes)
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
    /// Each meal and group once, at its first place.
    public var meals: [MealSlot] { didSet { meals = meals.withoutRepeats() } }
    public var groups: [String] { didSet { groups = groups.withoutRepeats() } }
    public var minServings: Double
    public var maxServings: Double?

    public init(name: String, meals: [MealSlot], groups: [String], minServings: Double, maxServings: Double? = nil) {
        self.name = name
        self.meals = meals.withoutRepeats()
        self.groups = groups.withoutRepeats()
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

extension Double {
    /// `2600` for whole numbers, otherwise the shortest round-trip text.
    public var cleanText: String { NumberFormat.shortest(self) }
}

extension Array where Element: Hashable {
    /// The elements without repeats, each at its first place.
    func withoutRepeats() -> [Element] {
        var seen = Set<Element>()
        return filter { seen.insert($0).inserted }
    }
}
