import Foundation
import LinearProgramming

/// A plan of more than one week (``PlanRequest/weeks``), planned a week at a time: every rule
/// of a week holds in each week, and a week is a search of its own size, so that the longest
/// plan costs a few weeks' searches rather than one search whose days-per-food rule spans a
/// month. Each week after the first leaves out the main dishes of the week before (a month of
/// the same week would be a poor month), unless that leaves it no plan.
///
/// The bound stays proven: the first week is planned without that rule, so its bound holds
/// for every week of seven days; a shorter last week that was planned with it counts the LP
/// relaxation of its rules without it.
struct WeekByWeek {
    let planner: WeeklyPlanner
    let start: ContinuousClock.Instant
    let log: ((String) -> Void)?

    var request: PlanRequest { planner.request }
    var table: FoodTable { planner.table }

    func run() throws -> WeeklyPlanner.Outcome {
        let weeks = request.weeks
        var items: [PlanItem] = []
        var objective = 0.0, bound = 0.0
        var notes: [PlanNote] = []
        var firstWeek: Plan?
        var previousMains: [String] = []
        var hitLimits = false
        var repeatsFirstWeek: [Int] = []
        for (w, days) in weeks.enumerated() {
            // The first week has at least half the time: every later week of seven days can
            // fall back on it.
            let left = request.timeLimit - WeeklyPlanner.seconds(since: start)
            let share = max(PlanRequest.timeLimitRange.lowerBound, w == 0 ? max(left / 2, left / Double(weeks.count)) : left / Double(weeks.count - w))
            var week = request.week(ofDays: days.count)
            week.timeLimit = share
            log?("week \(w + 1) of \(weeks.count): days \(days.lowerBound + 1)-\(days.upperBound), \(share) s")
            let seed = planner.seedWeek.filter { days.contains($0.day) }
                .map { PlanItem(food: $0.food, day: $0.day - days.lowerBound, slot: $0.slot, servings: $0.servings) }
            let weekStart = ContinuousClock.now
            var plan: Plan?
            var weekBound: Double?
            if request.relaxPortions, days.count == PlanRequest.daysPerWeek, let firstWeek {
                // Continuous portions: every week of seven days is the same LP, whose optimum
                // the first week already is.
                plan = firstWeek
                weekBound = firstWeek.bound
            } else if !previousMains.isEmpty {
                var varied = week
                varied.excludeFoods += previousMains.filter { !varied.excludeFoods.contains($0) }
                let variedSeed = seed.contains { previousMains.contains(table.ids[$0.food]) } ? [] : seed
                plan = try weekPlan(varied, seed: variedSeed, allowFailure: true)
                if let plan {
                    // The rule of this search only: the week's bound without it.
                    weekBound = days.count == PlanRequest.daysPerWeek ? firstWeek?.bound : try relaxationBound(week)
                    log?("week \(w + 1): the main dishes of week \(w) left out, \(plan.objective)")
                } else if days.count == PlanRequest.daysPerWeek, let firstWeek {
                    // No other week found: the first week again, which holds every rule of a week.
                    plan = firstWeek
                    weekBound = firstWeek.bound
                    repeatsFirstWeek.append(w + 1)
                    log?("week \(w + 1): the first week again")
                }
            }
            if plan == nil {
                var plain = week
                plain.timeLimit = max(PlanRequest.timeLimitRange.lowerBound, share - WeeklyPlanner.seconds(since: weekStart))
                switch try searchWithRetry(plain, seed: seed, firstOfSeveral: w == 0 && weeks.count > 1) {
                case .noPlan(let why): return .noPlan(why)
                case .plan(let found):
                    plan = found
                    weekBound = found.bound
                }
            }
            guard let plan else { continue }
            if w == 0 { firstWeek = plan }
            items += plan.items.map { PlanItem(food: $0.food, day: $0.day + days.lowerBound, slot: $0.slot, servings: $0.servings) }
            objective += plan.objective
            bound += weekBound ?? -.infinity
            for note in plan.notes where !notes.contains(note) {
                if note == .stoppedAtTimeLimit { hitLimits = true } else { notes.append(note) }
            }
            previousMains = Array(Set(plan.items.filter { request.isMainDish(table, food: $0.food) }.map { table.ids[$0.food] })).sorted()
                .filter { !request.includeFoods.contains($0) && request.favoriteDays[$0] == nil }
        }
        guard let firstWeek else { throw WeeklyPlanner.noPlanFound(.timeLimit(hasSolution: false), request: request) }
        if request.relaxPortions {
            // The weeks' LPs split the plan's weekly amounts by week; the LP of the whole plan
            // (as its average day) may share them otherwise, so it is the bound.
            bound = try relaxationBound(request) ?? -.infinity
        }
        return .plan(combined(items: items, objective: objective, bound: bound, firstWeek: firstWeek, notes: notes,
                              repeatsFirstWeek: repeatsFirstWeek, hitLimits: hitLimits))
    }

    /// A week's search; the first week of several that finds no plan in its share gets all
    /// the time left (the later weeks of seven days then repeat it).
    func searchWithRetry(_ week: PlanRequest, seed: [PlanItem], firstOfSeveral: Bool) throws -> WeeklyPlanner.Outcome {
        do {
            return try searchNamingTimeLimit(week, seed: seed)
        } catch let error as WeeklyPlanner.PlanningError where error.isNoPlanFound && firstOfSeveral && !planner.shouldStop()
                    && request.timeLimit - WeeklyPlanner.seconds(since: start) > planner.budget.roundTimeFloor {
            var again = week
            again.timeLimit = request.timeLimit - WeeklyPlanner.seconds(since: start)
            log?("week 1 again, in \(again.timeLimit) s")
            return try searchNamingTimeLimit(again, seed: seed)
        }
    }

    /// The plan of all weeks: their items, objectives and bounds summed, the first week's
    /// explanation, and notes on how the weeks were planned.
    func combined(items: [PlanItem], objective: Double, bound: Double, firstWeek: Plan, notes: [PlanNote],
                  repeatsFirstWeek: [Int], hitLimits: Bool) -> Plan {
        let weeks = request.weeks
        let finiteBound = bound.isFinite ? bound : nil
        let quality: PlanQuality = firstWeek.quality == .relaxed ? .relaxed
            : (finiteBound.map { planner.isOptimal(cost: objective, bound: $0) } ?? false) ? .optimal : .feasible
        var plan = Plan(request: request, items: items, quality: quality, objective: objective,
                        bound: finiteBound.map { min($0, objective) },
                        strategy: "week by week (\(weeks.count) weeks; week 1: \(firstWeek.strategy))",
                        seconds: WeeklyPlanner.seconds(since: start), excluded: firstWeek.excluded)
        plan.notes = notes
        if request.relaxPortions {
            plan.notes.append(.text("Planned week by week: every rule of a week holds in each of the \(weeks.count) weeks, and each week "
                + "of seven days is the same, the LP's best week."))
        } else {
            plan.notes.append(.text("Planned week by week: every rule of a week holds in each of the \(weeks.count) weeks, "
                + "and a week leaves out the main dishes of the week before where the table allows."))
        }
        if !repeatsFirstWeek.isEmpty {
            let list = repeatsFirstWeek.map(String.init)
            let names = list.count == 1 ? list[0] : list.dropLast().joined(separator: ", ") + " and " + list.last!
            plan.notes.append(.text("Week\(list.count == 1 ? "" : "s") \(names) repeat\(list.count == 1 ? "s" : "") the first week: "
                + "no other week was found in \(list.count == 1 ? "its" : "their") share of the time limit or without the main dishes of the week before."))
        }
        if hitLimits { plan.notes.append(.stoppedAtTimeLimit) }
        plan.bindingRules = firstWeek.bindingRules
        let planned = Set(items.map(\.food))
        plan.marginalFoods = firstWeek.marginalFoods.filter { !planned.contains($0.food) }
        plan.explanationBasis = firstWeek.explanationBasis
        return plan
    }

    /// A week's plan, or nil when `allowFailure` and the search finds none.
    func weekPlan(_ week: PlanRequest, seed: [PlanItem], allowFailure: Bool) throws -> Plan? {
        do {
            if case .plan(let plan) = try search(week, seed: seed) { return plan }
            return nil
        } catch let error as WeeklyPlanner.PlanningError where error.isNoPlanFound && allowFailure {
            return nil
        }
    }

    /// A week's search whose failure at the time limit names the request's own limit.
    func searchNamingTimeLimit(_ week: PlanRequest, seed: [PlanItem]) throws -> WeeklyPlanner.Outcome {
        try WeeklyPlanner.namingTimeLimit(of: request, part: week) { try search(week, seed: seed) }
    }

    func search(_ week: PlanRequest, seed: [PlanItem]) throws -> WeeklyPlanner.Outcome {
        var weekPlanner = WeeklyPlanner(table: table, request: week, solver: planner.solver)
        weekPlanner.shouldStop = planner.shouldStop
        weekPlanner.strategy = planner.strategy
        weekPlanner.budget = planner.budget
        weekPlanner.seedWeek = seed
        weekPlanner.boundPassEffort = planner.boundPassEffort
        return try weekPlanner.plan(log: log)
    }

    /// The LP relaxation of a week's rules (its average day times its days): a proven bound on
    /// any plan of the week.
    func relaxationBound(_ week: PlanRequest) throws -> Double? {
        var options = PlanModelBuilder.Options()
        options.days = 1
        options.relax = true
        options.averageOfDays = week.days
        let lp = try planner.solver.solve(try PlanModelBuilder(table: table, request: week).build(options).model, options: planner.lpOptions())
        return lp.status == .optimal ? lp.objectiveValue.map { $0 * Double(week.days) } : nil
    }
}
