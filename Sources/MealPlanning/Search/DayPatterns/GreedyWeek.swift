import Foundation
import LinearProgramming

extension PatternGeneration {
    /// Greedy week: each day the best day that the weekly rules still allow (foods that reached
    /// their days or weekly servings left out). Its days are the pool's first patterns.
    mutating func greedyWeek() throws {
        let days = request.days
        let greedyStart = elapsed()
        var daysUsed = [Int](repeating: 0, count: table.count)
        var stepsUsed = [Double](repeating: 0, count: table.count)
        var amounts = [Double](repeating: 0, count: weeklyRules.count)
        for day in 0 ..< days {
            if planner.shouldStop() {
                interrupted = true
                break
            }
            var options = greedyDayOptions(daysUsed: daysUsed, stepsUsed: stepsUsed)
            // Each day holds its share of what the weekly amounts still need, and no more of a
            // weekly maximum than the week still allows.
            for (r, (rule, _)) in weeklyRules.enumerated() where budget.greedyWeeklyShares {
                let (minimum, maximum) = rule.planBounds(days: days)
                if let maximum { options.weeklyCaps[rule.nutrient] = max(0, maximum - amounts[r]) }
                if let minimum, minimum > amounts[r] { options.weeklyShares[rule.nutrient] = (minimum - amounts[r]) / Double(days - day) }
            }
            var result = try solveDay(options, nodes: budget.greedyNodes * nodeEffort)
            if result?.pattern == nil, !options.weeklyShares.isEmpty, remaining > budget.roundTimeFloor {
                // The day cannot hold its share of the weekly amounts: a day without it, and
                // the pricing rounds make up the week.
                options.weeklyShares = [:]
                result = try solveDay(options, nodes: budget.greedyNodes * nodeEffort)
            }
            if result?.pattern == nil, !structured, remaining > budget.roundTimeFloor {
                // A hard day (tight targets over few foods): a larger budget before giving up.
                result = try solveDay(options, nodes: budget.singleDayNodes * nodeEffort)
            }
            guard let result, let pattern = result.pattern else {
                log?("greedy day \(day + 1): no day plan")
                break
            }
            for food in pattern.foods { daysUsed[food] += 1 }
            for portion in pattern.portions { stepsUsed[portion.food] += portion.steps }
            for (r, (_, column)) in weeklyRules.enumerated() {
                let values = table.nutrientValues[column]
                amounts[r] += pattern.total(of: values, step: request.portionStep)
            }
            _ = add(pattern)
            log?("greedy day \(day + 1): cost \(pattern.cost) at \(elapsed()) s")
        }
    }

    /// The next greedy day's model: what the weekly rules leave of each food, and included
    /// foods not placed yet made attractive.
    func greedyDayOptions(daysUsed: [Int], stepsUsed: [Double]) -> PlanModelBuilder.Options {
        var options = dayOptions
        options.forbiddenFoods = Set(foods.filter { food in
            daysUsed[food] >= dayCap[food] || (weekCapSteps.map { stepsUsed[food] + 1 > $0 } ?? false)
        })
        if let weekCapSteps {
            options.dailyStepCap = (0 ..< table.count).map { max(0, weekCapSteps - stepsUsed[$0]) }
        }
        if !request.includeFoods.isEmpty {
            var adjustment = [Double](repeating: 0, count: table.count)
            for id in request.includeFoods {
                if let food = table.index(ofID: id), stepsUsed[food] == 0 {
                    adjustment[food] = -10 * (abs(baseStepCost[food] ?? 1) + 1)
                }
            }
            options.portionCostAdjustment = adjustment
        }
        return options
    }
}
