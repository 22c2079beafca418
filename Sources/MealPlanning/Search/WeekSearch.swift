import Foundation
import LinearProgramming

/// The weekly search over a table of ordinary size, in named phases:
/// 1. ``relaxedDay()``: one day, relaxed: feasibility, the explanation's duals and a first bound;
/// 2. ``relaxedWeek(_:)`` with continuous portions: the whole week as one LP is the plan;
/// 3. ``bestDayEveryDay(dayLPValue:explanation:)`` when no rule spans days;
/// 4. ``weeklyLPBound()``: the week's LP relaxation, a stronger bound than the best day repeated;
/// 5. ``dayPatterns(bound:weeklyLPFeasible:explanation:excluded:)``: ``PatternGeneration``;
/// 6. ``weeklyMIP(bound:weeklyLPFeasible:explanation:excluded:)`` when day patterns give no week.
struct WeekSearch {
    let planner: WeeklyPlanner, builder: PlanModelBuilder
    /// When the search started, and where its progress goes.
    let start: ContinuousClock.Instant, log: ((String) -> Void)?

    var request: PlanRequest { planner.request }
    var days: Int { request.days }
    var table: FoodTable { planner.table }
    var solver: any Solver { planner.solver }
    var budget: SearchBudget { planner.budget }

    /// What a phase ends with: a value for the next phase, or the search's outcome.
    enum Phase<Value> {
        case next(Value)
        case done(WeeklyPlanner.Outcome)
    }

    func elapsed() -> Double { WeeklyPlanner.seconds(since: start) }

    /// No plan: the diagnosis names the conflicting rules.
    func noPlan(weekly: Bool, integerOnly: Bool = false) throws -> WeeklyPlanner.Outcome {
        .noPlan(try InfeasibilityDiagnosis(table: table, request: request, solver: solver).diagnose(weekly: weekly, integerOnly: integerOnly))
    }

    /// A search that found no plan: interrupted, or out of time or budget.
    func noPlanFound(_ status: SolutionStatus) -> WeeklyPlanner.PlanningError {
        if planner.shouldStop() { return .interruptedWithoutPlan }
        return WeeklyPlanner.noPlanFound(status, request: request)
    }

    /// Builder options of the weekly model, relaxed or not; of one day with `days: 1`.
    func options(days: Int? = nil, weeklyRules: Bool = true, relax: Bool = false) -> PlanModelBuilder.Options {
        var options = PlanModelBuilder.Options()
        options.days = days
        options.weeklyRules = weeklyRules
        options.relax = relax
        return options
    }

    mutating func run(usableFoods: Int) throws -> WeeklyPlanner.Outcome {
        let dayLP: PlanModel, dayLPSolution: Solution
        switch try relaxedDay() {
        case .done(let outcome): return outcome
        case .next(let day): (dayLP, dayLPSolution) = day
        }
        let explanation = Explanation(planModel: dayLP, solution: dayLPSolution, table: table, days: days)
        let dayLPValue = dayLPSolution.objectiveValue!
        if request.relaxPortions { return try relaxedWeek(explanation) }
        let hasWeeklyRules = (request.maxDaysPerFood.map { $0 < days } ?? false) || request.maxServingsPerWeek != nil
            || !request.includeFoods.isEmpty || request.minFoodsPerWeek != nil || request.limitsMainDays(table)
            || builder.request.resolvedNutrientRules.contains { $0.scope == .week } || request.budget != nil
            || request.potassiumKindsNeeded(table, among: Array(0 ..< table.count)) > 0
        if days == 1 || !hasWeeklyRules { return try bestDayEveryDay(dayLPValue: dayLPValue, explanation: explanation) }

        var bound = dayLPValue * Double(days)
        var weeklyLPFeasible = false
        if request.minFoodsPerWeek == nil {
            // The week's LP as the LP of its average day: the same bound at the cost of one day.
            switch try averageDayBound() {
            case .done(let outcome): return outcome
            case .next(let weekBound):
                bound = max(bound, weekBound)
                weeklyLPFeasible = true
            }
        } else if usableFoods * days <= budget.weeklyLPFoodDays {
            switch try weeklyLPBound() {
            case .done(let outcome): return outcome
            case .next(let weekBound?):
                bound = max(bound, weekBound)
                weeklyLPFeasible = true
            case .next(nil): break
            }
        }
        return try dayPatterns(bound: bound, weeklyLPFeasible: weeklyLPFeasible, explanation: explanation, excluded: dayLP.excluded)
    }

    /// One day, relaxed. A plan of one day is its own week: the weekly rules (included foods
    /// among them) belong to its model.
    func relaxedDay() throws -> Phase<(PlanModel, Solution)> {
        let dayLP = try builder.build(options(days: 1, weeklyRules: days == 1, relax: true))
        let solution = try solver.solve(dayLP.model, options: planner.lpOptions())
        log?("one-day LP relaxation: \(solution.status), \(solution.objectiveValue.map { String($0) } ?? "-")")
        switch solution.status {
        case .optimal: return .next((dayLP, solution))
        case .infeasible, .infeasibleOrUnbounded: return .done(try noPlan(weekly: days == 1))
        case .timeLimit: throw noPlanFound(solution.status)
        default: throw WeeklyPlanner.PlanningError.solverFailed("one-day LP relaxation: \(solution.message)")
        }
    }

    /// Continuous portions: the whole week as one LP (weekly rules included) is the plan.
    func relaxedWeek(_ explanation: Explanation) throws -> WeeklyPlanner.Outcome {
        let weekLP = try builder.build(options(relax: true))
        let solution = try solver.solve(weekLP.model, options: planner.lpOptions())
        guard solution.status == .optimal else {
            if solution.status == .infeasible || solution.status == .infeasibleOrUnbounded { return try noPlan(weekly: true) }
            if case .timeLimit = solution.status { throw noPlanFound(solution.status) }
            throw WeeklyPlanner.PlanningError.solverFailed("weekly LP: \(solution.message)")
        }
        let items = weekLP.portions.compactMap { portion -> PlanItem? in
            let steps = solution.value(portion.variable)
            guard steps > 1e-7 else { return nil }
            return PlanItem(food: portion.food, day: portion.day, slot: portion.slot, servings: steps * request.portionStep)
        }
        var plan = Plan(request: request, items: items, quality: .relaxed, objective: solution.objectiveValue!,
                        bound: solution.objectiveValue!, strategy: "weekly LP (continuous portions)", seconds: elapsed(),
                        excluded: weekLP.excluded)
        if let note = WeeklyPlanner.relaxedCountingNote(request) { plan.notes.append(.text(note)) }
        explanation.apply(to: &plan)
        return .plan(plan)
    }

    /// Days are independent and alike: the best day, every day.
    func bestDayEveryDay(dayLPValue: Double, explanation: Explanation) throws -> WeeklyPlanner.Outcome {
        let oneDay = days == 1
        let dayModel = try builder.build(options(days: 1, weeklyRules: oneDay))
        // A day of structured meals over the whole table costs far more per node.
        let nodes = (request.usesMealStructure(table) ? budget.structuredSingleDayNodes : budget.singleDayNodes) * request.effort
        var mipOptions = planner.mipOptions(timeLimit: request.timeLimit - elapsed(), nodes: nodes)
        if oneDay, !planner.seedWeek.isEmpty {
            // A known day for the same rules (``WeeklyPlanner/seedWeek``): branch and bound starts from it.
            var steps: [Int: [MealSlot: Double]] = [:]
            for item in planner.seedWeek where item.day == 0 { steps[item.food, default: [:]][item.slot] = (item.servings / request.portionStep).rounded() }
            mipOptions.mipStart = try planner.completedSolution(steps: steps, count: planner.seedWeek.filter { $0.day == 0 }.count,
                                                                in: dayModel, timeLimit: request.timeLimit - elapsed())
        }
        let solution = try solver.solve(dayModel.model, options: mipOptions)
        guard solution.status.hasSolution, let objective = solution.objectiveValue else {
            if solution.status == .infeasible { return try noPlan(weekly: oneDay, integerOnly: true) }
            throw noPlanFound(solution.status)
        }
        var items: [PlanItem] = []
        for day in 0 ..< days {
            for portion in dayModel.portions {
                let steps = solution.value(portion.variable).rounded()
                if steps > 0 { items.append(PlanItem(food: portion.food, day: day, slot: portion.slot, servings: steps * request.portionStep)) }
            }
        }
        let dayBound = max(solution.bestBound ?? dayLPValue, dayLPValue)
        var plan = Plan(request: request, items: items, quality: solution.status == .optimal ? .optimal : .feasible,
                        objective: objective * Double(days), bound: dayBound * Double(days),
                        strategy: oneDay ? "one-day MIP" : "one-day MIP repeated (no rule spans days)", seconds: elapsed(), excluded: dayModel.excluded)
        if case .timeLimit = solution.status { plan.notes.append(.stoppedAtTimeLimit) }
        explanation.apply(to: &plan)
        return .plan(plan)
    }

    /// The LP relaxation of the whole week, solved as the LP of its average day
    /// (``PlanModelBuilder/Options/averageOfDays``) times its days.
    func averageDayBound() throws -> Phase<Double> {
        var averageDay = options(days: 1, weeklyRules: true, relax: true)
        averageDay.averageOfDays = days
        let lp = try solver.solve(try builder.build(averageDay).model, options: planner.lpOptions())
        log?("weekly LP relaxation (average day): \(lp.status), \(lp.objectiveValue.map { String($0 * Double(days)) } ?? "-")")
        switch lp.status {
        case .optimal: return .next(lp.objectiveValue! * Double(days))
        case .infeasible, .infeasibleOrUnbounded: return .done(try noPlan(weekly: true))
        case .timeLimit: throw noPlanFound(lp.status)
        default: throw WeeklyPlanner.PlanningError.solverFailed("weekly LP relaxation: \(lp.message)")
        }
    }

    /// The LP relaxation of the whole week: the weekly rules make it a stronger bound than the
    /// best relaxed day repeated (a week of the cheapest day breaks them). Nil when it has no
    /// optimum (the search goes on without it).
    func weeklyLPBound() throws -> Phase<Double?> {
        let weekLP = try solver.solve(try builder.build(options(relax: true)).model, options: planner.lpOptions())
        log?("weekly LP relaxation: \(weekLP.status), \(weekLP.objectiveValue.map { String($0) } ?? "-")")
        switch weekLP.status {
        case .optimal: return .next(weekLP.objectiveValue!)
        case .infeasible, .infeasibleOrUnbounded: return .done(try noPlan(weekly: true))
        default: return .next(nil)
        }
    }

    /// Column generation over day patterns, then the integer master.
    func dayPatterns(bound: Double, weeklyLPFeasible: Bool, explanation: Explanation, excluded: [ExcludedFood]) throws -> WeeklyPlanner.Outcome {
        var generation = PatternGeneration(planner: planner, builder: builder, deadline: request.timeLimit, clockStart: start, log: log)
        guard let result = try generation.run(initialBound: bound) else {
            if planner.shouldStop() { throw WeeklyPlanner.PlanningError.interruptedWithoutPlan }
            return try weeklyMIP(bound: bound, weeklyLPFeasible: weeklyLPFeasible, explanation: explanation, excluded: excluded)
        }
        let bound = max(bound, result.bound)
        let quality: PlanQuality = planner.isOptimal(cost: result.cost, bound: bound) ? .optimal : .feasible
        var plan = Plan(request: request, items: result.items, quality: quality, objective: result.cost,
                        bound: min(bound, result.cost), strategy: "day patterns (\(result.patternCount) generated, \(result.rounds) pricing rounds)",
                        seconds: elapsed(), excluded: excluded)
        if generation.hitTimeLimit { plan.notes.append(.stoppedAtTimeLimit) }
        if generation.interrupted || planner.shouldStop() { plan.notes.append(WeeklyPlanner.interruptedNote) }
        explanation.apply(to: &plan)
        return .plan(plan)
    }

    /// The day patterns gave no week (no integer day within the pricing node budget, or no
    /// week of the patterns found meets the weekly rules). Settles it: the weekly LP (no plan at
    /// all), one integer day without weekly rules (no plan in whole portions), then the whole
    /// week as one integer program, which either finds a plan, proves there is none, or stops
    /// at its budget. `bound` already holds the weekly LP's optimum when `weeklyLPFeasible`.
    func weeklyMIP(bound: Double, weeklyLPFeasible: Bool, explanation: Explanation, excluded: [ExcludedFood]) throws -> WeeklyPlanner.Outcome {
        var bound = bound
        if !weeklyLPFeasible {
            let weekLP = try solver.solve(try builder.build(options(relax: true)).model, options: planner.lpOptions())
            log?("weekly LP relaxation: \(weekLP.status)")
            if weekLP.status == .infeasible || weekLP.status == .infeasibleOrUnbounded { return try noPlan(weekly: true) }
            bound = max(bound, weekLP.objectiveValue ?? bound)
        }
        let nodes = budget.singleDayNodes * request.effort
        let day = try solver.solve(try builder.build(options(days: 1, weeklyRules: false)).model,
                                   options: planner.mipOptions(timeLimit: request.timeLimit - elapsed(), nodes: nodes))
        log?("one integer day: \(day.status)")
        if day.status == .infeasible { return try noPlan(weekly: false, integerOnly: true) }
        let week = try builder.build(PlanModelBuilder.Options())
        let solution = try solver.solve(week.model, options: planner.mipOptions(timeLimit: request.timeLimit - elapsed(), nodes: nodes))
        log?("weekly MIP: \(solution.status)")
        if solution.status == .infeasible { return try noPlan(weekly: true, integerOnly: true) }
        guard solution.status.hasSolution, let objective = solution.objectiveValue else { throw noPlanFound(solution.status) }
        let items = week.portions.compactMap { portion -> PlanItem? in
            let steps = solution.value(portion.variable).rounded()
            return steps > 0 ? PlanItem(food: portion.food, day: portion.day, slot: portion.slot, servings: steps * request.portionStep) : nil
        }
        let weekBound = max(bound, solution.bestBound ?? bound)
        let quality: PlanQuality = planner.isOptimal(cost: objective, bound: weekBound) ? .optimal : .feasible
        var plan = Plan(request: request, items: items, quality: quality, objective: objective, bound: min(weekBound, objective),
                        strategy: "weekly MIP (no week from day patterns)", seconds: elapsed(), excluded: excluded)
        if case .timeLimit = solution.status { plan.notes.append(.stoppedAtTimeLimit) }
        if planner.shouldStop() { plan.notes.append(WeeklyPlanner.interruptedNote) }
        explanation.apply(to: &plan)
        return .plan(plan)
    }
}
