extension PlanRequest {
    /// Checks every number and name before any model is built: each value in its range (a
    /// nonzero amount at least 1e-6 of its unit, as in the food table), and no two rules that
    /// cannot both hold (a minimum above its maximum, a smallest portion above the largest, an
    /// included food that is also excluded). A contradiction carries the settings it is about
    /// (``RequestContradiction``), so that a message can name them by key or by flag.
    public func validate() throws(PlanRequestError) {
        try profile?.validate()
        func check(_ value: Double?, _ name: String, range: ClosedRange<Double>) throws(PlanRequestError) {
            guard let value else { return }
            guard value.isFinite, range.contains(value) else {
                throw .outOfRange(quantity: name, value: value, range: range)
            }
            if value != 0 && abs(value) < FoodValueRange.smallestAmount {
                throw .belowSmallestAmount(quantity: name, value: value)
            }
        }
        func contradiction(_ contradiction: RequestContradiction) -> PlanRequestError { .contradiction(contradiction) }
        guard (1 ... 28).contains(days) else { throw .countOutOfRange(quantity: "days", value: days, range: 1 ... 28) }
        try check(energyTarget, "energy target", range: 500 ... 10000)
        try check(mealShareReference, "meal share reference", range: 100 ... 10000)
        guard !meals.isEmpty else { throw .noMeals }
        var seen = Set<MealSlot>()
        for (index, meal) in meals.enumerated() {
            if !seen.insert(meal.slot).inserted { throw .mealListedTwice(meal.slot) }
            try check(meal.minShare, "\(meal.slot.rawValue) minimum share", range: 0 ... 1)
            try check(meal.maxShare, "\(meal.slot.rawValue) maximum share", range: 0 ... 1)
            if let low = meal.minShare, let high = meal.maxShare, low > high {
                throw contradiction(.mealShares(slot: meal.slot, index: index, minimum: low, maximum: high))
            }
        }
        if meals.contains(where: { $0.minShare != nil || $0.maxShare != nil }) && resolvedMealShareReference == nil {
            throw .mealSharesWithoutEnergyTarget
        }
        for resolved in nutrientRuleResolution.rules {
            let rule = resolved.rule
            let name = "\(rule.nutrient) per \(rule.scope.text)"
            try check(rule.minimum, "\(name) minimum", range: 0 ... 1e9)
            try check(rule.maximum, "\(name) maximum", range: 0 ... 1e9)
            if let low = rule.minimum, let high = rule.maximum, low > high {
                // Only the request's own sides are left here (a profile side it contradicts is dropped).
                throw contradiction(.contradictoryBounds(nutrient: rule.nutrient, scope: rule.scope, minimum: low, minimumFrom: resolved.minimumFrom,
                                                         maximum: high, maximumFrom: resolved.maximumFrom))
            }
        }
        try checkNutrientScopes()
        guard [0.25, 0.5, 1].contains(portionStep) else {
            throw .unsupportedPortionStep(portionStep)
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
            if let value, !(0 ... 100_000).contains(value) { throw .countOutOfRange(quantity: name, value: value, range: 0 ... 100_000) }
        }
        try checkPortions()
        if let low = minFoodsPerMeal, let high = maxFoodsPerMeal, low > high {
            throw contradiction(.foodsPerMeal(minimum: low, maximum: high))
        }
        if maxDaysPerFood == 0 {
            // No food may appear on any day, yet a meal needs one, or the week an included food.
            if let low = minFoodsPerMeal, low > 0 {
                throw contradiction(.noDayForMealFoods(minimumFoodsPerMeal: low))
            }
            if let id = includeFoods.first {
                throw contradiction(.noDayForIncludedFood(id: id))
            }
        }
        for id in includeFoods where excludeFoods.contains(id) {
            throw contradiction(.includedAndExcluded(id: id))
        }
        for id in favoriteDays.keys.sorted() {
            if excludeFoods.contains(id) {
                throw contradiction(.favoriteExcluded(id: id))
            }
            if let most = maxDaysPerFood, min(favoriteDays[id]!, days) > most {
                throw contradiction(.favoriteAboveDaysPerFood(id: id, days: min(favoriteDays[id]!, days), maximum: most))
            }
        }
        for list in [("includeFoods", includeFoods), ("excludeFoods", excludeFoods), ("excludeGroups", excludeGroups),
                     ("favoriteFoods", favoriteDays.keys.sorted()), ("variety.potassiumFoods.kinds", potassiumFoods?.kinds ?? [])]
            where list.1.contains(where: \.isEmpty) {
            throw .emptyName(list: list.0)
        }
        var rowNames: [String: String] = [:]
        for (index, rule) in mealGroupRules.enumerated() {
            try check(rule.minServings, "servings of \(rule.name)", range: 0 ... 20)
            try check(rule.maxServings, "most servings of \(rule.name)", range: 0 ... 60)
            if let high = rule.maxServings, rule.minServings > high {
                throw contradiction(.mealGroupBounds(index: index, rule: rule.name, minimum: rule.minServings, maximum: high))
            }
            if rule.groups.isEmpty { throw .mealRuleWithoutGroups(rule: rule.name) }
            // The name names the rule's rows (`group_a_vegetable_lunch[d1]`): one line of plain text, one rule.
            guard !rule.name.isEmpty, rule.name.count <= 64, !rule.name.unicodeScalars.contains(where: Self.isControl) else {
                throw .invalidMealRuleName(rule.name)
            }
            let rowName = rule.name.replacingOccurrences(of: " ", with: "_")
            if let other = rowNames[rowName] { throw .duplicateMealRuleName(first: other, second: rule.name) }
            rowNames[rowName] = rule.name
        }
        for term in objective.terms {
            guard term.weight.isFinite, abs(term.weight) <= 1e6 else {
                throw .objectiveWeightTooLarge(term.kind, weight: term.weight)
            }
            if term.weight != 0 && abs(term.weight) < FoodValueRange.smallestAmount {
                throw .objectiveWeightTooSmall(term.kind, weight: term.weight)
            }
        }
        if case .weighted(let terms) = objective, terms.isEmpty { throw .noObjectiveWeights }
        try check(timeLimit, "time limit", range: PlanRequest.timeLimitRange)
        guard relativeGap.isFinite, (0 ... 1).contains(relativeGap) else {
            throw .outOfRange(quantity: "relative gap", value: relativeGap, range: 0 ... 1)
        }
        guard (1 ... 1000).contains(effort) else { throw .countOutOfRange(quantity: "effort", value: effort, range: 1 ... 1000) }
    }

    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F ... 0x9F).contains(scalar.value) || scalar == "\u{2028}" || scalar == "\u{2029}"
    }

    /// The smallest portion against the largest ones, in servings and in portion steps: a food
    /// that must be served at least 1.5 servings at a time cannot be served at all when a meal
    /// holds at most 1 (the search would look for 30 s and find nothing).
    func checkPortions() throws(PlanRequestError) {
        let step = portionStep
        let limits: [(RequestSetting, Double?)] = [
            (.maxServingsPerMeal, maxServingsPerMeal), (.maxServingsPerDay, maxServingsPerDay), (.maxServingsPerWeek, maxServingsPerWeek),
        ]
        for (setting, limit) in limits {
            guard let limit else { continue }
            let largestSteps = (limit / step + 1e-9).rounded(.down)
            if largestSteps < 1 {
                throw .contradiction(.portionBelowStep(limit: setting, value: limit, step: step))
            }
            guard let minimum = minServingsPerUse, minimum > 0 else { continue }
            let smallestSteps = max(1, (minimum / step - 1e-9).rounded(.up))
            if minimum > limit {
                throw .contradiction(.smallestPortionAboveLimit(minimum: minimum, limit: setting, value: limit))
            }
            if smallestSteps > largestSteps {
                throw .contradiction(.smallestStepsAboveLimit(minimum: minimum, minimumInSteps: smallestSteps * step, step: step,
                                                              limit: setting, value: limit, limitInSteps: largestSteps * step))
            }
        }
    }

    /// A nutrient's rules of different scopes that cannot all hold: the meals' maximums adding
    /// up to less than the day's minimum (every planned meal bounded), the meals' minimums to
    /// more than the day's maximum, or a weekly amount out of reach of the daily ones.
    func checkNutrientScopes() throws(PlanRequestError) {
        let resolved = nutrientRuleResolution.rules
        let slots = meals.map(\.slot)
        for day in resolved where day.rule.scope == .day {
            let key = day.rule.nutrient
            let perMeal = slots.map { slot in resolved.first { $0.rule.nutrient == key && $0.rule.scope == .meal(slot) } }
            if let minimum = day.rule.minimum, perMeal.allSatisfy({ $0?.rule.maximum != nil }) {
                let total = perMeal.reduce(0) { $0 + ($1?.rule.maximum ?? 0) }
                if total < minimum {
                    throw .contradiction(.mealMaximumsBelowDailyMinimum(nutrient: key, maximumsFrom: perMeal.map { $0?.maximumFrom }, total: total,
                                                                        minimum: minimum, minimumFrom: day.minimumFrom))
                }
            }
            if let maximum = day.rule.maximum {
                let minimums = perMeal.compactMap { $0.flatMap { rule in rule.rule.minimum.map { (rule, $0) } } }
                let total = minimums.reduce(0) { $0 + $1.1 }
                if total > maximum {
                    throw .contradiction(.mealMinimumsAboveDailyMaximum(nutrient: key, minimumsFrom: minimums.map(\.0.minimumFrom), total: total,
                                                                        maximum: maximum, maximumFrom: day.maximumFrom))
                }
            }
            if let week = resolved.first(where: { $0.rule.nutrient == key && $0.rule.scope == .week }) {
                let (weekMinimum, weekMaximum) = week.rule.planBounds(days: days)
                if let weekMinimum, let maximum = day.rule.maximum, weekMinimum > maximum * Double(days) {
                    throw .contradiction(.weeklyMinimumAboveDailyMaximums(nutrient: key, weeklyMinimum: weekMinimum, days: days, weeklyFrom: week.minimumFrom,
                                                                          dailyMaximum: maximum, dailyFrom: day.maximumFrom))
                }
                if let weekMaximum, let minimum = day.rule.minimum, weekMaximum < minimum * Double(days) {
                    throw .contradiction(.weeklyMaximumBelowDailyMinimums(nutrient: key, weeklyMaximum: weekMaximum, days: days, weeklyFrom: week.maximumFrom,
                                                                          dailyMinimum: minimum, dailyFrom: day.minimumFrom))
                }
            }
        }
    }
}
