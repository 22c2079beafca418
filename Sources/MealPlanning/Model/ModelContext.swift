import LinearProgramming

/// What every rule family of the builder reads: the request, the foods in the model, and the
/// handles of the variables (made by ``addColumns(to:)`` before any row).
struct ModelContext {
    let table: FoodTable, request: PlanRequest, options: PlanModelBuilder.Options
    /// Table indices of the foods in the model; `position[food]` is a food's place in it.
    let foods: [Int], position: [Int: Int]
    /// Foods that only the diet and exclusions remove (kept at 0 for diagnosis).
    let filtered: Set<Int>
    /// Days and meals of the model; `slotIndex[slot]` is a meal's place in `slots`.
    let days: Int, slots: [MealSlot], slotIndex: [MealSlot: Int]
    /// Servings per portion step, and the kinds of portion and indicator columns.
    let step: Double, integerKind: VariableKind, binaryKind: VariableKind
    /// The rules that span days are in the model.
    let weekly: Bool
    /// The days the weekly rules are about, and the share of them the model holds (1/days for
    /// the average day, ``PlanModelBuilder/Options/averageOfDays``).
    let weekDays: Int, weekShare: Double
    /// Meal patterns, pairing and the day's variety rules apply (``PlanRequest/usesMealStructure(_:)``).
    let structured: Bool
    /// "Food used at a meal" indicators are needed (food counts per meal, minimum portions).
    let needsUse: Bool
    /// "Food used on a day" indicators are needed (days per food, foods per day or week).
    let needsDayUse: Bool
    /// The weekly model states that no two of its days hold the same foods (not the average
    /// day, nor a model of one day).
    let keepsDaysDistinct: Bool
    /// Objective of one portion step of each food in the model (with the options' adjustments).
    let stepCost: [Double]
    /// The largest number of portion steps of each food in the model at one meal.
    let maxStepsOfFood: [Double]

    /// Set by ``addColumns(to:)``: positions in `portions` of each food of the model.
    var portionIndex: [[Int]] = []
    /// Positions in `portions` of each (day, meal): `portionsBySlot[day * slots.count + meal]`.
    var portionsBySlot: [[Int]] = []
    var portions: [PortionVariable] = []
    /// The role each portion's food plays at its meal (nil without roles).
    var roles: [FoodRole?] = []
    var useVariable: [VariableID?] = []
    var dayUse: [[VariableID]] = []
    var deviation: [VariableID] = []

    init(builder: PlanModelBuilder, options: PlanModelBuilder.Options, foods: [Int], filtered: Set<Int>) {
        let request = builder.request
        table = builder.table
        self.request = request
        self.options = options
        self.foods = foods
        self.filtered = filtered
        position = Dictionary(uniqueKeysWithValues: foods.enumerated().map { ($1, $0) })
        days = options.days ?? request.days
        slots = request.meals.map(\.slot)
        slotIndex = Dictionary(uniqueKeysWithValues: slots.enumerated().map { ($1, $0) })
        step = request.portionStep
        let relax = options.relax || request.relaxPortions
        integerKind = relax ? .continuous : .integer
        binaryKind = relax ? .continuous : .binary
        weekly = options.weeklyRules
        weekDays = options.averageOfDays ?? days
        weekShare = options.averageOfDays.map { 1 / Double($0) } ?? 1
        structured = request.usesMealStructure(builder.table)
        needsUse = structured || request.maxFoodsPerMeal != nil || (request.minFoodsPerMeal ?? 0) > 1
            || (request.minServingsPerUse ?? 0) > request.portionStep + 1e-9
        keepsDaysDistinct = options.weeklyRules && days > 1 && request.keepsDaysDistinct(builder.table)
        needsDayUse = (options.weeklyRules && (request.maxDaysPerFood != nil || request.minFoodsPerWeek != nil || request.limitsMainDays(builder.table)
            || !request.favoriteDays.isEmpty || request.potassiumKindsNeeded(builder.table, among: foods) > 0
            || keepsDaysDistinct))
            || request.minFoodsPerDay != nil || options.dayUseCostAdjustment != nil
        var stepCost = foods.map { builder.objectivePerStep(food: $0) }
        if let adjustment = options.portionCostAdjustment {
            for (position, food) in foods.enumerated() { stepCost[position] += adjustment[food] }
        }
        self.stepCost = stepCost
        let structured = self.structured, step = self.step
        maxStepsOfFood = foods.map { food in
            var steps = builder.maxSteps(food: food)
            steps = options.dailyStepCap.map { min(steps, $0[food]) } ?? steps
            // A food whose smallest portion is above its largest cannot be served at all
            // (``minimumSteps(food:)``, as the validator holds every portion to it).
            var smallest = request.minServingsPerUse ?? 0
            if structured, !builder.table.usages[food].minServings.isNaN { smallest = max(smallest, builder.table.usages[food].minServings) }
            return max(1, (smallest / step - 1e-9).rounded(.up)) > steps ? 0 : steps
        }
    }

    /// Whether a portion is an accompaniment of a structured meal (not a menu item of its own).
    func isAccompaniment(_ index: Int) -> Bool { structured && (roles[index]?.isAccompaniment ?? false) }

    /// The smallest number of portion steps of a used food: the request's minimum portion, or
    /// the food's own smallest sensible portion when meals are structured.
    func minimumSteps(food: Int) -> Double {
        var servings = request.minServingsPerUse ?? 0
        if structured, !table.usages[food].minServings.isNaN { servings = max(servings, table.usages[food].minServings) }
        return max(1, (servings / step - 1e-9).rounded(.up))
    }

    /// Positions in `portions` of one meal of one day.
    func portions(day: Int, slot: Int) -> [Int] { portionsBySlot[day * slots.count + slot] }

    /// Positions in `portions` of one food of the model (by its position) on one day.
    func portions(food position: Int, day: Int) -> [Int] { portionIndex[position].filter { portions[$0].day == day } }

    /// `food,d3,dinner`: the part of a row or column name that says which portion it is about.
    func tag(_ portion: PortionVariable) -> String {
        "\(table.ids[portion.food]),d\(portion.day + 1),\(portion.slot.rawValue)"
    }
}

/// One week of the model for the rules of a week (``PlanRequest/weeks``): a plan of more
/// than seven days states each such rule once per week.
struct ModelWeek {
    /// The model's days in the week.
    let days: Range<Int>
    /// What a row's name adds for the week (`,w2`); nothing when the plan is one week.
    let suffix: String
    /// The request as it applies to one week of this many days.
    let request: PlanRequest
    /// The average day (``PlanModelBuilder/Options/averageOfDays``): its one day stands for
    /// all the plan's days, so a rule holds its part of the plan's total.
    let averageOf: Int?
    let plan: PlanRequest

    /// A rule's number of days for the week (a food on at most `n` days): `n`, at most the
    /// week's days; for the average day, its share of the plan's total over all weeks.
    func days(_ n: Int) -> Double {
        guard let averageOf else { return Double(min(n, days.count)) }
        return Double(plan.overWeeks(n)) / Double(averageOf)
    }

    /// A rule's amount for the week (servings of a food per week); for the average day, its
    /// share of the plan's total.
    func amount(_ perWeek: Double) -> Double {
        guard let averageOf else { return perWeek }
        return perWeek * Double(plan.weeks.count) / Double(averageOf)
    }

    /// Whether a rule of at most `n` days can bind in this week.
    func binds(days n: Int) -> Bool { days(n) < (averageOf == nil ? Double(days.count) : 1) - 1e-9 }
}

extension ModelContext {
    /// The weeks of the model: one per week of the plan, or the average day alone.
    var weeks: [ModelWeek] {
        if let averageOf = options.averageOfDays {
            return [ModelWeek(days: 0 ..< days, suffix: "", request: request, averageOf: averageOf, plan: request.week(ofDays: averageOf))]
        }
        let spans = request.week(ofDays: days).weeks
        return spans.enumerated().map { index, span in
            ModelWeek(days: span, suffix: spans.count == 1 ? "" : ",w\(index + 1)", request: request.week(ofDays: span.count),
                      averageOf: nil, plan: request)
        }
    }
}
