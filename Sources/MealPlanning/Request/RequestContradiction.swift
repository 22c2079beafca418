/// Settings of a request that cannot all hold, with their values. The message names each
/// setting as a ``RequestNaming`` says: by its request-file key, or by the flag that set it.
public enum RequestContradiction: Equatable, Sendable {
    /// A meal's minimum energy share above its maximum (`meals[index]`).
    case mealShares(slot: MealSlot, index: Int, minimum: Double, maximum: Double)
    /// A nutrient's minimum above its maximum; `minimumFrom` / `maximumFrom` index the request's
    /// ``PlanRequest/nutrientRules`` (nil: the profile's side).
    case contradictoryBounds(nutrient: String, scope: NutrientRule.Scope, minimum: Double, minimumFrom: Int?,
                             maximum: Double, maximumFrom: Int?)
    case foodsPerMeal(minimum: Int, maximum: Int)
    /// No food on any day, yet each meal needs foods.
    case noDayForMealFoods(minimumFoodsPerMeal: Int)
    case noDayForIncludedFood(id: String)
    case includedAndExcluded(id: String)
    case favoriteExcluded(id: String)
    case favoriteAboveDaysPerFood(id: String, days: Int, maximum: Int)
    /// A meal rule's minimum servings above its maximum (`variety.mealGroups[index]`).
    case mealGroupBounds(index: Int, rule: String, minimum: Double, maximum: Double)
    /// A largest portion (`limit`: per meal, day or week) below one portion step.
    case portionBelowStep(limit: RequestSetting, value: Double, step: Double)
    /// The smallest portion above a largest one.
    case smallestPortionAboveLimit(minimum: Double, limit: RequestSetting, value: Double)
    /// The smallest portion, in whole steps, above a largest one in whole steps.
    case smallestStepsAboveLimit(minimum: Double, minimumInSteps: Double, step: Double, limit: RequestSetting, value: Double,
                                 limitInSteps: Double)
    /// The meals' maximums of a nutrient adding up to less than its daily minimum; each index
    /// into ``PlanRequest/nutrientRules`` (nil: the profile).
    case mealMaximumsBelowDailyMinimum(nutrient: String, maximumsFrom: [Int?], total: Double, minimum: Double, minimumFrom: Int?)
    case mealMinimumsAboveDailyMaximum(nutrient: String, minimumsFrom: [Int?], total: Double, maximum: Double, maximumFrom: Int?)
    case weeklyMinimumAboveDailyMaximums(nutrient: String, weeklyMinimum: Double, days: Int, weeklyFrom: Int?,
                                         dailyMaximum: Double, dailyFrom: Int?)
    case weeklyMaximumBelowDailyMinimums(nutrient: String, weeklyMaximum: Double, days: Int, weeklyFrom: Int?,
                                         dailyMinimum: Double, dailyFrom: Int?)

    public func message(naming: RequestNaming) -> String {
        func minimumSource(_ index: Int?) -> String { index.map { naming.source(.nutrientMinimum($0)) } ?? "profile" }
        func maximumSource(_ index: Int?) -> String { index.map { naming.source(.nutrientMaximum($0)) } ?? "profile" }
        func limit(_ setting: RequestSetting, _ value: Double) -> String { naming.text(setting, Self.noun(setting), value) }
        let daysPerFood = { (value: Int) in naming.text(.maxDaysPerFood, "maximum days per food", Double(value)) }
        switch self {
        case .mealShares(let slot, let index, let minimum, let maximum):
            return "\(slot.rawValue) share: \(naming.text(.mealMinShare(index), "minimum", minimum)) is above "
                + naming.text(.mealMaxShare(index), "maximum", maximum)
        case .contradictoryBounds(let nutrient, let scope, let minimum, let minimumFrom, let maximum, let maximumFrom):
            func side(_ index: Int?, _ setting: (Int) -> RequestSetting, _ noun: String, _ value: Double) -> String {
                index.map { naming.text(setting($0), noun, value) } ?? "\(noun) \(value.cleanText) (profile)"
            }
            return "\(nutrient) per \(scope.text): \(side(minimumFrom, RequestSetting.nutrientMinimum, "minimum", minimum)) is above "
                + side(maximumFrom, RequestSetting.nutrientMaximum, "maximum", maximum)
        case .foodsPerMeal(let minimum, let maximum):
            return "\(naming.text(.minFoodsPerMeal, "minimum foods per meal", Double(minimum))) is above "
                + naming.text(.maxFoodsPerMeal, "maximum foods per meal", Double(maximum))
        case .noDayForMealFoods(let minimum):
            return "\(daysPerFood(0)) leaves no food for " + naming.text(.minFoodsPerMeal, "minimum foods per meal", Double(minimum))
        case .noDayForIncludedFood(let id):
            return "\(daysPerFood(0)) leaves no day for the included food " + naming.entry(.includeFood(id))
        case .includedAndExcluded(let id):
            return "the included food \(naming.entry(.includeFood(id))) is also excluded (\(naming.entry(.excludeFood(id))))"
        case .favoriteExcluded(let id):
            return "the favourite food \(naming.entry(.favoriteFood(id))) is also excluded (\(naming.entry(.excludeFood(id))))"
        case .favoriteAboveDaysPerFood(let id, let days, let maximum):
            return "the favourite food \(naming.entry(.favoriteFood(id))) on \(days) days is above " + daysPerFood(maximum)
        case .mealGroupBounds(let index, let rule, let minimum, let maximum):
            return "meal rule '\(rule)': \(naming.text(.mealGroupMinimum(index), "minimum", minimum)) is above "
                + naming.text(.mealGroupMaximum(index), "maximum", maximum)
        case .portionBelowStep(let setting, let value, let step):
            return "\(limit(setting, value)) is below \(naming.text(.portionStep, "portion step", step)): no portion of any food fits"
        case .smallestPortionAboveLimit(let minimum, let setting, let value):
            return "\(naming.text(.minServingsPerUse, "minimum servings per use", minimum)) is above \(limit(setting, value))"
        case .smallestStepsAboveLimit(let minimum, let minimumInSteps, let step, let setting, let value, let limitInSteps):
            return "\(naming.text(.minServingsPerUse, "minimum servings per use", minimum)) is \(minimumInSteps.cleanText) servings "
                + "in whole portion steps (\(naming.text(.portionStep, "portion step", step))), above \(limit(setting, value)), "
                + "\(limitInSteps.cleanText) in whole steps"
        case .mealMaximumsBelowDailyMinimum(let nutrient, let maximumsFrom, let total, let minimum, let minimumFrom):
            return "\(nutrient): the meals' maximums (\(maximumsFrom.map(maximumSource).joined(separator: ", "))) add up to "
                + "\(total.cleanText), below the daily minimum \(minimum.cleanText) (\(minimumSource(minimumFrom)))"
        case .mealMinimumsAboveDailyMaximum(let nutrient, let minimumsFrom, let total, let maximum, let maximumFrom):
            return "\(nutrient): the meals' minimums (\(minimumsFrom.map(minimumSource).joined(separator: ", "))) add up to "
                + "\(total.cleanText), above the daily maximum \(maximum.cleanText) (\(maximumSource(maximumFrom)))"
        case .weeklyMinimumAboveDailyMaximums(let nutrient, let weekly, let days, let weeklyFrom, let daily, let dailyFrom):
            return "\(nutrient): the weekly minimum \(weekly.cleanText) over \(days) days (\(minimumSource(weeklyFrom))) "
                + "is above \(days) times the daily maximum \(daily.cleanText) (\(maximumSource(dailyFrom)))"
        case .weeklyMaximumBelowDailyMinimums(let nutrient, let weekly, let days, let weeklyFrom, let daily, let dailyFrom):
            return "\(nutrient): the weekly maximum \(weekly.cleanText) over \(days) days (\(maximumSource(weeklyFrom))) "
                + "is below \(days) times the daily minimum \(daily.cleanText) (\(minimumSource(dailyFrom)))"
        }
    }

    /// The largest portions, as the portion messages name them.
    static func noun(_ setting: RequestSetting) -> String {
        switch setting {
        case .maxServingsPerDay: return "maximum servings per day"
        case .maxServingsPerWeek: return "maximum servings per week"
        default: return "maximum servings per meal"
        }
    }
}
