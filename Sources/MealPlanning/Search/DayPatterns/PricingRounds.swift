import Foundation
import LinearProgramming

extension PatternGeneration {
    /// The last pricing problem solved: the bound pass asks it again over all foods.
    typealias LastPricing = (master: MasterSolution, options: PlanModelBuilder.Options, incumbent: Double?)

    /// Column generation: the master LP's duals price foods in a one-day MIP that proposes a
    /// new pattern, until none improves the master, the gap closes, or the budget ends.
    /// Returns the Lagrangian bound, the rounds, and the last pricing problem when the bound
    /// pass should ask it over all foods.
    mutating func pricingRounds(initialBound: Double) throws -> (bound: Double, rounds: Int, last: LastPricing?) {
        let days = request.days
        phaseEnd = deadline * budget.pricingTimeShare
        var bound = initialBound
        var rounds = 0
        var lastPricing: LastPricing?
        var fullPricings = 0
        var lastFullPricing = -1
        // Structured days: rounds from the second unit of effort on, or while the pool has no week.
        let roundBudget = structured ? budget.structuredRounds * (request.effort - 1) : budget.maxRounds * request.effort
        let weeklessRounds = structured ? budget.structuredRounds : 0
        // A pool without a week whose nearest foods give no new day asks the whole pricing problem.
        let weeklessFullPricings = structured ? budget.structuredFullPricings : 0
        let fullPricingBudget = structured ? budget.structuredFullPricings * (request.effort - 1) : budget.fullPricings * request.effort
        while rounds < roundBudget + weeklessRounds {
            guard remaining > budget.roundTimeFloor else {
                hitTimeLimit = true
                break
            }
            if planner.shouldStop() {
                interrupted = true
                break
            }
            guard let master = try solveMaster(integer: false) else { break }
            guard rounds < roundBudget || master.usesSlack else { break }
            let options = pricingOptions(master)
            guard let day = try solveDay(options, nodes: budget.pricingNodes * nodeEffort) else {
                log?("round \(rounds + 1): the pricing day's LP has no optimum")
                break
            }
            lastPricing = (master, options, day.adjustedValue)
            rounds += 1
            // Lagrangian bound: master LP + days x (least reduced cost), valid with any lower
            // bound on the pricing optimum.
            if !master.usesSlack {
                bound = max(bound, master.objective + Double(days) * min(0, day.bound - master.convexityDual))
            }
            log?("round \(rounds): master \(master.objective), pricing \(day.adjustedValue ?? .nan) - \(master.convexityDual), bound \(bound) at \(elapsed()) s")
            let tolerance = budget.optimalityTolerance * max(1, abs(master.objective))
            if let pattern = day.pattern, let value = day.adjustedValue, value - master.convexityDual < -tolerance, add(pattern) {
                // A master that needs slack is no week yet, whatever its cost.
                if !master.usesSlack, master.objective - bound <= request.relativeGap * max(abs(master.objective), 1e-9) { break }
                continue
            }
            // The day over the nearest foods has no better pattern: ask the whole pricing
            // problem, which either finds one or bounds the week (and ends the generation).
            guard master.usesSlack ? fullPricings < weeklessFullPricings : fullPricings < fullPricingBudget,
                  remaining > budget.fullPricingTimeFloor else { break }
            fullPricings += 1
            let full = try fullPricing(options, master: master, incumbent: day.adjustedValue, days: days, bound: &bound)
            lastFullPricing = rounds
            guard let pattern = full, add(pattern) else { break }
        }
        return (bound, rounds, lastFullPricing != rounds ? lastPricing : nil)
    }

    /// The pricing day: the master's duals as costs per portion step and per day of use.
    func pricingOptions(_ master: MasterSolution) -> PlanModelBuilder.Options {
        var options = dayOptions
        var portionAdjustment = [Double](repeating: 0, count: table.count)
        var dayAdjustment = [Double](repeating: 0, count: table.count)
        for (food, dual) in master.weekServingDuals { portionAdjustment[food] -= dual }
        for (food, dual) in master.includeDuals { portionAdjustment[food] -= dual }
        for (r, amount) in weeklyRules.enumerated() {
            guard let dual = master.amountDuals[r], dual != 0 else { continue }
            let values = amount.values
            for food in foods where !values[food].isNaN { portionAdjustment[food] -= dual * values[food] * request.portionStep }
        }
        for (food, dual) in master.daysDuals { dayAdjustment[food] -= dual }
        for (food, dual) in master.weekUseDuals { dayAdjustment[food] -= dual }
        if let wanted = request.potassiumFoods, !master.kindDuals.isEmpty {
            for food in foods {
                if let kind = wanted.kind(of: food, in: table), let dual = master.kindDuals[kind] { dayAdjustment[food] -= dual }
            }
        }
        options.portionCostAdjustment = portionAdjustment
        if needsDayUse { options.dayUseCostAdjustment = dayAdjustment }
        return options
    }

    /// A stronger bound: the last pricing problem over all foods as a MIP, whose proven
    /// bound (after GLPK's cuts and some branching) beats its LP relaxation.
    mutating func boundPass(_ last: LastPricing, bound: inout Double) throws {
        phaseEnd = deadline * budget.boundTimeShare
        guard !last.master.usesSlack, remaining > budget.fullPricingTimeFloor, !planner.shouldStop() else { return }
        _ = try fullPricing(last.options, master: last.master, incumbent: last.incumbent, days: request.days, bound: &bound)
    }

    /// The pricing day over all foods as a MIP: its proven bound (after GLPK's cuts and some
    /// branching) gives the Lagrangian bound, and its plan a new pattern when it improves the master.
    mutating func fullPricing(_ options: PlanModelBuilder.Options, master: MasterSolution, incumbent: Double?, days: Int, bound: inout Double) throws -> DayPattern? {
        guard let day = try solveDay(options, nodes: budget.boundNodes * nodeEffort * planner.boundPassEffort,
                                     proving: incumbent ?? .infinity) else { return nil }
        // A master that needs slack bounds nothing.
        if !master.usesSlack { bound = max(bound, master.objective + Double(days) * min(0, day.bound - master.convexityDual)) }
        log?("full pricing: \(day.adjustedValue ?? .nan) (bound \(day.bound)) - \(master.convexityDual), week bound \(bound) at \(elapsed()) s")
        guard let pattern = day.pattern, let value = day.adjustedValue,
              value - master.convexityDual < -budget.optimalityTolerance * max(1, abs(master.objective)) else { return nil }
        return pattern
    }
}
