import Foundation
import LinearProgramming

extension PatternGeneration {
    /// The greedy week; with meal patterns, a second one at the same time on another thread,
    /// whose restricted days hold fewer foods (``SearchBudget/secondGreedyWeekExtras``). Each
    /// week is planned from the same start on its own copy of the generation, and the second
    /// week's days join the pool after the first's, so the pool, and the plan, never depend on
    /// which week ends first. The integer master then chooses among both weeks' days.
    mutating func greedyWeeks() throws {
        guard structured, let extras = budget.secondGreedyWeekExtras, extras != budget.restrictedDayExtras.first else {
            return try greedyWeek()
        }
        var second = self
        second.planner.budget.restrictedDayExtras[0] = extras
        // It plans over its nearest foods only: a day they cannot hold ends the second week
        // (the first, planned over more foods when it must, has every day), so the master
        // never waits long for it.
        second.widensDays = false
        // Its lines are said after the first week's, in order.
        let lines = SearchThreads.Box<[String]>()
        lines.value = []
        if log != nil { second.log = { lines.value!.append($0) } }
        let (_, other) = try SearchThreads.shared.both({ try self.greedyWeek() }, { [second] () throws -> PatternGeneration in
            var week = second
            try week.greedyWeek()
            return week
        })
        for line in lines.value! { log?("second week: \(line)") }
        for pattern in other.pool { _ = add(pattern) }
        hitTimeLimit = hitTimeLimit || other.hitTimeLimit
        interrupted = interrupted || other.interrupted
    }

    /// Greedy week: each day the best day that the weekly rules still allow (foods that reached
    /// their days or weekly servings left out). Its days are the pool's first patterns.
    mutating func greedyWeek() throws {
        let days = request.days
        var daysUsed = [Int](repeating: 0, count: table.count)
        var stepsUsed = [Double](repeating: 0, count: table.count)
        var amounts = [Double](repeating: 0, count: weeklyRules.count)
        var planned: [DayPattern] = []
        for day in 0 ..< days {
            if planner.shouldStop() {
                interrupted = true
                break
            }
            var options = greedyDayOptions(daysUsed: daysUsed, stepsUsed: stepsUsed, daysLeft: days - day)
            let apart = otherDays(planned.count, of: planned)
            // Each day holds its share of what the weekly amounts still need, and no more of a
            // weekly maximum than the week still allows.
            for (r, amount) in weeklyRules.enumerated() where budget.greedyWeeklyShares || amount.isBudget {
                let rule = amount.rule
                let (minimum, maximum) = rule.planBounds(days: days)
                // The budget is spent evenly: a day may take its share of what is left.
                if let maximum { options.weeklyCaps[rule.nutrient] = max(0, maximum - amounts[r]) / (amount.isBudget ? Double(days - day) : 1) }
                if let minimum, minimum > amounts[r] { options.weeklyShares[rule.nutrient] = (minimum - amounts[r]) / Double(days - day) }
            }
            var result: DayResult?
            if structured, !options.weeklyShares.isEmpty {
                result = try greedyDayWithShares(options, apartFrom: apart)
            } else {
                result = try solveDay(options, nodes: budget.greedyNodes * nodeEffort, nodesFromStart: greedyNodesFromStart, searchPastStart: false,
                                      apartFrom: apart)
            }
            // (A soft share leaves a day of meals as free as no share.)
            if result?.pattern == nil, !structured, !options.weeklyShares.isEmpty, remaining > budget.roundTimeFloor {
                // The day cannot hold its share of the weekly amounts: a day without it, and
                // the pricing rounds make up the week.
                options.weeklyShares = [:]
                result = try solveDay(options, nodes: budget.greedyNodes * nodeEffort, nodesFromStart: greedyNodesFromStart, searchPastStart: false,
                                      apartFrom: apart)
            }
            if result?.pattern == nil, !structured, remaining > budget.roundTimeFloor {
                // A hard day (tight targets over few foods): a larger budget before giving up.
                result = try solveDay(options, nodes: budget.singleDayNodes * nodeEffort, apartFrom: apart)
            }
            guard let result, let pattern = result.pattern else {
                log?("greedy day \(day + 1): no day plan")
                break
            }
            for food in pattern.foods { daysUsed[food] += 1 }
            for portion in pattern.portions { stepsUsed[portion.food] += portion.steps }
            for (r, amount) in weeklyRules.enumerated() {
                amounts[r] += pattern.total(of: amount.values, step: request.portionStep)
            }
            planned.append(pattern)
            _ = add(pattern)
            log?("greedy day \(day + 1): cost \(pattern.cost) at \(elapsed()) s")
        }
    }

    /// A greedy day of meals that holds its shares of the weekly amounts: over the nearest
    /// foods first; when they have no such day, over more foods with the shares soft (each
    /// unit a share falls short costs ``SearchBudget/weeklyShareShortfallCost`` days' objective
    /// per share), so that the day holds what it can of each and the later days the rest. A
    /// share that cannot be met in full no longer costs the search a day tried over every
    /// food, nor the day its other shares.
    mutating func greedyDayWithShares(_ options: PlanModelBuilder.Options, apartFrom apart: [Set<Int>]) throws -> DayResult? {
        let widens = widensDays
        widensDays = false
        let hard = try solveDay(options, nodes: budget.greedyNodes * nodeEffort, nodesFromStart: greedyNodesFromStart, searchPastStart: false,
                                apartFrom: apart)
        widensDays = widens
        if hard?.pattern != nil || remaining <= budget.roundTimeFloor { return hard }
        var soft = options
        for (nutrient, share) in options.weeklyShares where share > 0 {
            soft.weeklySharePenalty[nutrient] = budget.weeklyShareShortfallCost * dayScale / share
        }
        log?("  shares soft")
        return try solveDay(soft, nodes: budget.greedyNodes * nodeEffort, nodesFromStart: greedyNodesFromStart, searchPastStart: false,
                            apartFrom: apart)
    }

    /// A seeded week made better one day at a time: each day planned again with the other six
    /// fixed, holding what they leave of the weekly rules (days per food, weekly servings, the
    /// weekly amounts and the budget), and kept when it beats the day it replaces. Every step
    /// keeps a whole week that meets the weekly rules; each new day joins the pool.
    mutating func improveSeedWeek(_ seedDays: [DayPattern]) throws {
        var week = seedDays
        guard week.count == request.days else { return }
        for day in 0 ..< request.days {
            if planner.shouldStop() || remaining <= budget.roundTimeFloor { break }
            let options = replanningOptions(day: day, of: week)
            guard let result = try solveDay(options, nodes: budget.greedyNodes * nodeEffort, searchPastStart: false,
                                            apartFrom: otherDays(day, of: week)),
                  let pattern = result.pattern else { continue }
            _ = add(pattern)
            if pattern.cost < week[day].cost - budget.optimalityTolerance * max(1, abs(week[day].cost)) {
                log?("seed day \(day + 1): \(week[day].cost) -> \(pattern.cost) at \(elapsed()) s")
                week[day] = pattern
            }
        }
    }

    /// The foods of the week's days other than `day`, which a day planned in its place must
    /// not repeat (none when days may repeat).
    func otherDays(_ day: Int, of week: [DayPattern]) -> [Set<Int>] {
        keepsDaysDistinct ? week.indices.filter { $0 != day }.map { Set(week[$0].foods) } : []
    }

    /// A day of a whole week planned again with the other days fixed: what they leave of the
    /// weekly rules (days per food, weekly servings, the weekly amounts and the budget).
    /// With `daysLeft` above 1 (`day` past the week's end), the next of the days a short week
    /// lacks: each holds its share of what the weekly amounts still need.
    func replanningOptions(day: Int, of week: [DayPattern], daysLeft: Int = 1) -> PlanModelBuilder.Options {
        var daysUsed = [Int](repeating: 0, count: table.count)
        var stepsUsed = [Double](repeating: 0, count: table.count)
        var amounts = [Double](repeating: 0, count: weeklyRules.count)
        for (other, pattern) in week.enumerated() where other != day {
            for food in pattern.foods { daysUsed[food] += 1 }
            for portion in pattern.portions { stepsUsed[portion.food] += portion.steps }
            for (r, amount) in weeklyRules.enumerated() { amounts[r] += pattern.total(of: amount.values, step: request.portionStep) }
        }
        var options = greedyDayOptions(daysUsed: daysUsed, stepsUsed: stepsUsed, daysLeft: daysLeft)
        let left = Double(daysLeft)
        for (r, amount) in weeklyRules.enumerated() {
            let (minimum, maximum) = amount.rule.planBounds(days: request.days)
            if let maximum { options.weeklyCaps[amount.rule.nutrient] = max(0, maximum - amounts[r]) / (amount.isBudget ? left : 1) }
            if let minimum, minimum > amounts[r] { options.weeklyShares[amount.rule.nutrient] = (minimum - amounts[r]) / left }
        }
        return options
    }

    /// When the integer master's best week of the greedy days still breaks a weekly rule (its
    /// days miss a weekly amount by a little, use a food on too many days, or are too few), the
    /// days it lacks are planned after its others, then each of its days again with the others
    /// fixed, holding what they leave, until the pool has a week. Before the pricing rounds,
    /// whose duals, priced by the master's slack, seldom give a day of meals. Days of meals
    /// only: their greedy days hold the weekly amounts' shares softly, and the pool's LP may
    /// mix its days into a week that no whole days form.
    mutating func repairWeek() throws {
        guard structured, let master = try solveMaster(integer: true), master.usesSlack else { return }
        phaseEnd = deadline * budget.pricingTimeShare
        defer { phaseEnd = .infinity }
        var week: [DayPattern] = []
        for (index, count) in master.counts.enumerated() { week += repeatElement(pool[index], count: count) }
        // A short week (no pattern fits the days it lacks): those days planned after its others.
        while week.count < request.days {
            if planner.shouldStop() || remaining <= budget.roundTimeFloor { return }
            let options = replanningOptions(day: week.count, of: week, daysLeft: request.days - week.count)
            guard let result = try solveDay(options, nodes: budget.greedyNodes * nodeEffort, searchPastStart: false,
                                            apartFrom: otherDays(week.count, of: week)),
                  let pattern = result.pattern else { return }
            _ = add(pattern)
            week.append(pattern)
            log?("repaired week: day \(week.count), cost \(pattern.cost) at \(elapsed()) s")
        }
        if let repaired = try solveMaster(integer: true), !repaired.usesSlack { return }
        for day in 0 ..< request.days {
            if planner.shouldStop() || remaining <= budget.roundTimeFloor { break }
            let options = replanningOptions(day: day, of: week)
            guard let result = try solveDay(options, nodes: budget.greedyNodes * nodeEffort, searchPastStart: false,
                                            apartFrom: otherDays(day, of: week)),
                  let pattern = result.pattern, add(pattern) else { continue }
            week[day] = pattern
            log?("repaired day \(day + 1): cost \(pattern.cost) at \(elapsed()) s")
            if let repaired = try solveMaster(integer: true), !repaired.usesSlack { return }
        }
    }

    /// A greedy day's branch and bound after its dive's day (none at the default effort).
    var greedyNodesFromStart: Int { budget.greedyNodesFromStart * (nodeEffort - 1) }

    /// The next greedy day's model: what the weekly rules leave of each food, and included
    /// foods not placed yet made attractive.
    /// `daysLeft`: the days still to plan, this one included (one when a day of a whole week is planned again).
    func greedyDayOptions(daysUsed: [Int], stepsUsed: [Double], daysLeft: Int) -> PlanModelBuilder.Options {
        var options = dayOptions
        options.forbiddenFoods = Set(foods.filter { food in
            daysUsed[food] >= dayCap[food] || (weekCapSteps.map { stepsUsed[food] + 1 > $0 } ?? false)
        })
        if let weekCapSteps {
            options.dailyStepCap = (0 ..< table.count).map { max(0, weekCapSteps - stepsUsed[$0]) }
        }
        if !request.includeFoods.isEmpty || !request.favoriteDays.isEmpty {
            var adjustment = [Double](repeating: 0, count: table.count)
            for id in request.includeFoods {
                if let food = table.index(ofID: id), stepsUsed[food] == 0 {
                    adjustment[food] = -10 * (abs(baseStepCost[food] ?? 1) + 1)
                }
            }
            for food in foods {
                if let least = request.favoriteDays(table, food: food), daysUsed[food] < least {
                    adjustment[food] = -10 * (abs(baseStepCost[food] ?? 1) + 1)
                }
            }
            options.portionCostAdjustment = adjustment
        }
        // The potassium foods' kinds the week still lacks, while it lacks some: a day that
        // holds one gains a twentieth of a day's objective, so that the days take the kinds that
        // cost them least (the master's duals price the rest). With meal patterns (whose default
        // search runs no pricing rounds), once no more days are left than kinds lacking, a kind
        // is worth a whole day's objective: the week must have them.
        if let wanted = request.potassiumFoods {
            let held = Set(foods.filter { daysUsed[$0] > 0 }.compactMap { wanted.kind(of: $0, in: table) })
            let needed = request.potassiumKindsNeeded(table, among: foods)
            if held.count < needed {
                let reward = (structured && needed - held.count >= daysLeft ? 1 : budget.potassiumKindReward) * dayScale
                var adjustment = [Double](repeating: 0, count: table.count)
                for food in foods {
                    if let kind = wanted.kind(of: food, in: table), !held.contains(kind) { adjustment[food] = -reward }
                }
                options.dayUseCostAdjustment = adjustment
            }
        }
        return options
    }
}
