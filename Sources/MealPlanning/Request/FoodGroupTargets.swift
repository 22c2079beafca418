/// The food-group amounts of the Healthy U.S.-Style Dietary Pattern (Dietary Guidelines for
/// Americans 2020-2025, Appendix 3, ages 2 and older), by calorie level; the same numbers as
/// `Datasets/food_patterns.csv` (a test keeps the two equal). Amounts are cup-equivalents
/// (fruit, vegetables, dairy) and ounce-equivalents (grains, protein foods); vegetable and
/// protein subgroups are per week, the rest per day.
public struct FoodGroupPattern: Hashable, Sendable {
    public var kcal: Int
    public var fruit: Double
    public var vegetables: Double
    public var darkGreenWeekly: Double
    public var redOrangeWeekly: Double
    public var legumesWeekly: Double
    public var starchyWeekly: Double
    public var otherVegetablesWeekly: Double
    public var grains: Double
    public var wholeGrains: Double
    public var dairy: Double
    public var proteinFoods: Double
    /// Unknown (a range of 2-3 in the publication) at 1,000 kcal.
    public var seafoodWeekly: Double?
    public var meatPoultryEggsWeekly: Double
    public var nutsSeedsSoyWeekly: Double

    public static let source = "DGA 2020-2025 Healthy U.S.-Style Pattern"

    /// The levels from 1,600 kcal up; the lower ones are meant for children of 2 to 8.
    public static let usStyle: [FoodGroupPattern] = [
        .init(kcal: 1600, fruit: 1.5, vegetables: 2, darkGreenWeekly: 1.5, redOrangeWeekly: 4, legumesWeekly: 1, starchyWeekly: 4, otherVegetablesWeekly: 3.5, grains: 5, wholeGrains: 3, dairy: 3, proteinFoods: 5, seafoodWeekly: 8, meatPoultryEggsWeekly: 23, nutsSeedsSoyWeekly: 4),
        .init(kcal: 1800, fruit: 1.5, vegetables: 2.5, darkGreenWeekly: 1.5, redOrangeWeekly: 5.5, legumesWeekly: 1.5, starchyWeekly: 5, otherVegetablesWeekly: 4, grains: 6, wholeGrains: 3, dairy: 3, proteinFoods: 5, seafoodWeekly: 8, meatPoultryEggsWeekly: 23, nutsSeedsSoyWeekly: 4),
        .init(kcal: 2000, fruit: 2, vegetables: 2.5, darkGreenWeekly: 1.5, redOrangeWeekly: 5.5, legumesWeekly: 1.5, starchyWeekly: 5, otherVegetablesWeekly: 4, grains: 6, wholeGrains: 3, dairy: 3, proteinFoods: 5.5, seafoodWeekly: 8, meatPoultryEggsWeekly: 26, nutsSeedsSoyWeekly: 5),
        .init(kcal: 2200, fruit: 2, vegetables: 3, darkGreenWeekly: 2, redOrangeWeekly: 6, legumesWeekly: 2, starchyWeekly: 6, otherVegetablesWeekly: 5, grains: 7, wholeGrains: 3.5, dairy: 3, proteinFoods: 6, seafoodWeekly: 9, meatPoultryEggsWeekly: 28, nutsSeedsSoyWeekly: 5),
        .init(kcal: 2400, fruit: 2, vegetables: 3, darkGreenWeekly: 2, redOrangeWeekly: 6, legumesWeekly: 2, starchyWeekly: 6, otherVegetablesWeekly: 5, grains: 8, wholeGrains: 4, dairy: 3, proteinFoods: 6.5, seafoodWeekly: 10, meatPoultryEggsWeekly: 31, nutsSeedsSoyWeekly: 5),
        .init(kcal: 2600, fruit: 2, vegetables: 3.5, darkGreenWeekly: 2.5, redOrangeWeekly: 7, legumesWeekly: 2.5, starchyWeekly: 7, otherVegetablesWeekly: 5.5, grains: 9, wholeGrains: 4.5, dairy: 3, proteinFoods: 6.5, seafoodWeekly: 10, meatPoultryEggsWeekly: 31, nutsSeedsSoyWeekly: 5),
        .init(kcal: 2800, fruit: 2.5, vegetables: 3.5, darkGreenWeekly: 2.5, redOrangeWeekly: 7, legumesWeekly: 2.5, starchyWeekly: 7, otherVegetablesWeekly: 5.5, grains: 10, wholeGrains: 5, dairy: 3, proteinFoods: 7, seafoodWeekly: 10, meatPoultryEggsWeekly: 33, nutsSeedsSoyWeekly: 6),
        .init(kcal: 3000, fruit: 2.5, vegetables: 4, darkGreenWeekly: 2.5, redOrangeWeekly: 7.5, legumesWeekly: 3, starchyWeekly: 8, otherVegetablesWeekly: 7, grains: 10, wholeGrains: 5, dairy: 3, proteinFoods: 7, seafoodWeekly: 10, meatPoultryEggsWeekly: 33, nutsSeedsSoyWeekly: 6),
        .init(kcal: 3200, fruit: 2.5, vegetables: 4, darkGreenWeekly: 2.5, redOrangeWeekly: 7.5, legumesWeekly: 3, starchyWeekly: 8, otherVegetablesWeekly: 7, grains: 10, wholeGrains: 5, dairy: 3, proteinFoods: 7, seafoodWeekly: 10, meatPoultryEggsWeekly: 33, nutsSeedsSoyWeekly: 6),
    ]

    /// The level nearest an energy target (the lower one on a tie), within 1,600-3,200 kcal.
    public static func nearest(kcal: Double) -> FoodGroupPattern {
        usStyle.min { abs(Double($0.kcal) - kcal) < abs(Double($1.kcal) - kcal) }!
    }
}

/// Which food-group rules a request uses and how.
public struct FoodGroupOptions: Hashable, Sendable, Codable {
    /// Daily fruit, vegetables, grains (with whole grains), dairy and protein foods.
    public var daily = true
    /// Weekly vegetable and protein subgroups.
    public var weekly = true
    /// Food groups left out by name (`fruit`, `vegetables`, `grains`, `whole-grains`, `dairy`,
    /// `protein`, `dark-green`, `red-orange`, `beans`, `starchy`, `other-vegetables`, `seafood`,
    /// `meat-poultry-eggs`, `nuts-seeds-soy`).
    public var omitted: [String] = [] { didSet { omitted = omitted.withoutRepeats() } }

    public init(daily: Bool = true, weekly: Bool = true, omitted: [String] = []) {
        self.daily = daily
        self.weekly = weekly
        self.omitted = omitted.withoutRepeats()
    }

    public static let names = [
        "fruit", "vegetables", "grains", "whole-grains", "dairy", "protein", "dark-green", "red-orange", "beans",
        "starchy", "other-vegetables", "seafood", "meat-poultry-eggs", "nuts-seeds-soy",
    ]
}

extension NutrientTargets {
    /// The Dietary Guidelines' food-group amounts at the calorie level nearest `kcal`: minimums,
    /// except meat, poultry and eggs (an upper amount) and starchy vegetables (not asked for).
    /// The energy range and the portion caps keep totals sensible, and ranges on top of the
    /// nutrient targets would leave some profiles without a plan.
    /// Beans, peas and lentils count as vegetables for everyone; for vegetarian and vegan
    /// diets they count as protein foods too, as the vegetarian pattern does. Subgroups a diet
    /// excludes (seafood, meat and poultry) are not asked for.
    public static func foodGroupRules(kcal: Double, diets: [Diet], options: FoodGroupOptions) -> [NutrientRule] {
        let pattern = FoodGroupPattern.nearest(kcal: kcal)
        let source = "\(FoodGroupPattern.source), \(pattern.kcal) kcal"
        let vegetarian = diets.contains(.vegetarian) || diets.contains(.vegan)
        let noMeat = vegetarian || diets.contains(.pescatarian)
        var rules: [(String, String, Double?, NutrientRule.Scope)] = []
        if options.daily {
            rules += [
                ("fruit", Nutrient.fruit.key, pattern.fruit, .day),
                ("vegetables", Nutrient.vegetablesWithLegumes.key, pattern.vegetables, .day),
                ("grains", Nutrient.grains.key, pattern.grains, .day),
                ("whole-grains", Nutrient.wholeGrains.key, pattern.wholeGrains, .day),
                // Without milk (vegan, dairy-free) only fortified soy beverages count as dairy, and
                // 3 cups of one food a day breaks the servings-per-week rule: calcium's target
                // stands in for the group.
                ("dairy", Nutrient.dairy.key, diets.contains(.vegan) || diets.contains(.dairyFree) ? nil : pattern.dairy, .day),
                ("protein", (vegetarian ? Nutrient.proteinWithLegumes : Nutrient.proteinFoods).key, pattern.proteinFoods, .day),
            ]
        }
        if options.weekly {
            rules += [
                ("dark-green", Nutrient.darkGreenVegetables.key, pattern.darkGreenWeekly, .week),
                ("red-orange", Nutrient.redOrangeVegetables.key, pattern.redOrangeWeekly, .week),
                ("beans", Nutrient.legumeVegetables.key, pattern.legumesWeekly, .week),
                ("starchy", Nutrient.starchyVegetables.key, pattern.starchyWeekly, .week),
                ("other-vegetables", Nutrient.otherVegetables.key, pattern.otherVegetablesWeekly, .week),
                ("seafood", Nutrient.seafood.key, vegetarian ? nil : pattern.seafoodWeekly, .week),
                ("meat-poultry-eggs", Nutrient.meatPoultryEggs.key, noMeat ? nil : pattern.meatPoultryEggsWeekly, .week),
                ("nuts-seeds-soy", Nutrient.nutsSeedsSoy.key, pattern.nutsSeedsSoyWeekly, .week),
            ]
        }
        return rules.compactMap { name, key, amount, scope in
            guard let amount, !options.omitted.contains(name) else { return nil }
            switch name {
            // Most people already eat at least the pattern's meat, poultry and eggs and its
            // starchy vegetables: the first is an upper amount, the second asked for no more.
            case "meat-poultry-eggs": return NutrientRule(nutrient: key, maximum: amount, scope: scope, source: source)
            case "starchy": return nil
            default: return NutrientRule(nutrient: key, minimum: amount, scope: scope, source: source)
            }
        }
    }
}
