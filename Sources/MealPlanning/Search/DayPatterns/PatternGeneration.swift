import Foundation
import LinearProgramming

/// A day of the week as portion steps per (food, slot).
struct DayPattern: Hashable {
    /// Sorted (food, slot, steps).
    var portions: [Portion]
    var cost: Double

    struct Portion: Hashable {
        var food: Int
        var slot: MealSlot
        var steps: Double
    }

    var foods: [Int] { Array(Set(portions.map(\.food))).sorted() }

    func steps(of food: Int) -> Double { portions.filter { $0.food == food }.reduce(0) { $0 + $1.steps } }

    /// The day's total of a nutrient column (values per serving; a missing value counts 0).
    func total(of values: [Double], step: Double) -> Double {
        portions.reduce(0.0) { $0 + (values[$1.food].isNaN ? 0 : values[$1.food] * $1.steps * step) }
    }
}

/// Column generation over day patterns and the final integer master, in four phases (each in
/// its own file): ``greedyWeek()``, ``pricingRounds(initialBound:)``, ``boundPass(_:bound:)``
/// and ``integerMaster(bound:rounds:)``.
struct PatternGeneration {
    /// A var so that a second greedy week can plan with a budget of its own.
    var planner: WeeklyPlanner
    let builder: PlanModelBuilder
    let deadline: Double
    let clockStart: ContinuousClock.Instant
    var log: ((String) -> Void)?

    var request: PlanRequest { planner.request }
    var table: FoodTable { planner.table }
    var budget: SearchBudget { planner.budget }
    var nodeEffort: Int { min(request.effort, budget.nodeEffortCap) }

    /// Set when a solve stopped at the time limit rather than at its node or round budget.
    var hitTimeLimit = false
    /// Set when ``WeeklyPlanner/shouldStop`` ended the search early.
    var interrupted = false

    /// The one-day model's shape that every phase shares (set by ``run(initialBound:)``).
    var dayOptions = PlanModelBuilder.Options()
    var foods: [Int] = []
    /// The most days of the week each food may be on (by table index).
    var dayCap: [Int] = []
    /// The weekly rules (food-group subgroups, the budget) the master states.
    var weeklyRules: [WeeklyAmount] = []
    var weekCapSteps: Double?
    var needsDayUse = false
    /// Whether a restricted day without a solution is tried again over more foods (not in a
    /// seeded greedy week, whose seed already has every day).
    var widensDays = true
    /// Meal patterns apply (the day MIPs start from a dive).
    var structured = false
    /// No two days of the week may hold the same foods (``PlanRequest/distinctDays``).
    var keepsDaysDistinct = false
    /// The patterns generated so far, in the order found.
    var pool: [DayPattern] = []
    var seen = Set<DayPattern>()
    /// The size of a day's objective (the week's bound over its days), for rewards in its units.
    var dayScale = 1.0
    /// Objective per portion step of each food without dual adjustments.
    var baseStepCost: [Int: Double] = [:]

    init(planner: WeeklyPlanner, builder: PlanModelBuilder, deadline: Double, clockStart: ContinuousClock.Instant, log: ((String) -> Void)?) {
        self.planner = planner
        self.builder = builder
        self.deadline = deadline
        self.clockStart = clockStart
        self.log = log
    }

    struct Result {
        var items: [PlanItem]
        var cost: Double
        var bound: Double
        var patternCount: Int
        var rounds: Int
    }

    func elapsed() -> Double { WeeklyPlanner.seconds(since: clockStart) }

    /// Time left in the current phase (see ``SearchBudget``'s time shares). Node budgets end
    /// every phase long before that at the default effort.
    var remaining: Double { min(deadline, phaseEnd) - elapsed() }
    var phaseEnd = Double.infinity

    mutating func run(initialBound: Double) throws -> Result? {
        dayOptions.days = 1
        dayOptions.weeklyRules = false
        dayScale = max(abs(initialBound) / Double(request.days), 1e-3)
        let plain = try builder.build(dayOptions)
        foods = plain.foods
        for portion in plain.portions where baseStepCost[portion.food] == nil {
            baseStepCost[portion.food] = plain.model.objectiveCoefficients[portion.variable.index]
        }
        dayCap = (0 ..< table.count).map { food in min(request.maxDays(table, food: food) ?? request.days, request.days) }
        weeklyRules = builder.request.resolvedNutrientRules.compactMap { rule in
            guard rule.scope == .week, let column = table.nutrients.firstIndex(where: { $0.key == rule.nutrient }) else { return nil }
            return WeeklyAmount(rule: rule, values: table.nutrientValues[column])
        }
        if let budget = request.budgetRule { weeklyRules.append(WeeklyAmount(rule: budget, values: table.prices)) }
        weekCapSteps = request.maxServingsPerWeek.map { ($0 / request.portionStep + 1e-9).rounded(.down) }
        structured = request.usesMealStructure(table)
        keepsDaysDistinct = request.keepsDaysDistinct(table)
        needsDayUse = request.maxDaysPerFood != nil || request.minFoodsPerWeek != nil || request.limitsMainDays(table)
            || !request.favoriteDays.isEmpty || request.potassiumKindsNeeded(table, among: foods) > 0

        if planner.seedWeek.isEmpty {
            try greedyWeeks()
        } else {
            // A seed week (the master then always has a week), made better day by day.
            let seedDays = addSeedWeek(planner.seedWeek)
            widensDays = false
            try improveSeedWeek(seedDays)
            widensDays = true
        }
        try repairWeek()
        var (bound, rounds, last) = try pricingRounds(initialBound: initialBound)
        if let last { try boundPass(last, bound: &bound) }
        return try integerMaster(bound: bound, rounds: rounds)
    }

    /// The days of a known plan for the same rules as the first patterns, instead of a greedy
    /// week: the master has a whole week from the start. Costed with the plan objective (which
    /// has no energy term where seeds are used, ``PlanningSession``). Returns the days in
    /// order (a day the week repeats joins the pool once).
    mutating func addSeedWeek(_ items: [PlanItem]) -> [DayPattern] {
        var week: [DayPattern] = []
        for day in 0 ..< request.days {
            var portions: [DayPattern.Portion] = []
            for item in items where item.day == day {
                portions.append(.init(food: item.food, slot: item.slot, steps: (item.servings / request.portionStep).rounded()))
            }
            portions.sort { ($0.food, $0.slot) < ($1.food, $1.slot) }
            let cost = portions.reduce(0.0) { $0 + baseStepCost[$1.food, default: 0] * $1.steps }
            week.append(DayPattern(portions: portions, cost: cost))
            _ = add(week[day])
        }
        log?("seed week: \(pool.count) day patterns at \(elapsed()) s")
        return week
    }

    /// Adds a pattern to the pool unless it is empty or known.
    mutating func add(_ pattern: DayPattern) -> Bool {
        guard !pattern.portions.isEmpty, seen.insert(pattern).inserted else { return false }
        pool.append(pattern)
        return true
    }

    /// A day pattern read from a one-day solution, costed with the plan objective alone
    /// (without the dual prices that steered the pricing model).
    func pattern(from solution: Solution, of dayModel: PlanModel) -> DayPattern {
        var portions: [DayPattern.Portion] = []
        var cost = 0.0
        for portion in dayModel.portions {
            let steps = solution.value(portion.variable).rounded()
            guard steps > 0 else { continue }
            portions.append(.init(food: portion.food, slot: portion.slot, steps: steps))
            cost += baseStepCost[portion.food, default: 0] * steps
        }
        portions.sort { ($0.food, $0.slot) < ($1.food, $1.slot) }
        return DayPattern(portions: portions, cost: cost + energyDeviationCost(solution, dayModel))
    }

    func energyDeviationCost(_ solution: Solution, _ dayModel: PlanModel) -> Double {
        // The cost of the energy objective's deviation variables is in the model.
        var total = 0.0
        for variable in dayModel.energyDeviation {
            total += dayModel.model.objectiveCoefficients[variable.index] * solution.values[variable.index]
        }
        return total
    }
}

/// A rule over the whole week that the master states: its bounds and each food's amount per
/// serving (a nutrient column; the prices for the budget).
struct WeeklyAmount {
    var rule: NutrientRule
    var values: [Double]

    var isBudget: Bool { rule.nutrient == PlanRequest.budgetKey }
}
