import LinearProgramming

extension PatternGeneration {
    /// A first solution of a structured day, by diving on its LP relaxation: the "used"
    /// indicator nearest to 1 is fixed at 1 (at 0 when that leaves no solution) and the LP
    /// solved again, until every indicator is whole. The foods it chose are then planned as a
    /// small MIP (each free to be used or not, every other food left out), which GLPK solves at
    /// once; its day is the first incumbent of the day's branch and bound, which finds a first
    /// whole day of meals slowly on its own. When whole portions of the chosen foods make no
    /// day and undoing the latest choices (``SearchBudget/diveBacktracks``) does not help, as in
    /// a day at its energy limit where an early choice is the culprit, the last chosen foods are
    /// tried with one meal at a time open to every food (``repairMeal(of:chosen:)``). Nil when
    /// the dive finds no day.
    func dive(_ day: PlanModel) throws -> [Double]? {
        let uses = day.mealUse.compactMap { $0 }
        guard !uses.isEmpty else { return nil }
        // One LP kept loaded: each fixing is a bound change, solved from the last basis.
        let session = try planner.solver.lpSession(for: day.model)
        var model: Model { session.model }
        func fix(_ variable: VariableID, lower: Double, upper: Double) throws {
            try session.setBounds(of: variable, lower: lower, upper: upper)
        }
        let lpOptions = planner.lpOptions()
        // The choices made, in order: an indicator at 1, or at 0 once 1 failed.
        var choices: [(variable: VariableID, atOne: Bool)] = []
        var backtracks = 0
        // The last chosen foods whose whole portions made no day.
        var lastChosen: Model?
        /// Undoes the latest choice that has another side: 1 becomes 0; a 0 is freed and the one
        /// before it is undone. False when there is none left (or the backtracking budget is spent).
        func backtrack() throws -> Bool {
            backtracks += 1
            guard backtracks <= budget.diveBacktracks else { return false }
            while let last = choices.popLast() {
                if last.atOne {
                    try fix(last.variable, lower: 0, upper: 0)
                    choices.append((last.variable, false))
                    return true
                }
                try fix(last.variable, lower: 0, upper: 1)
            }
            return false
        }
        for _ in 0 ..< budget.diveSteps {
            guard remaining > budget.dayMIPTimeFloor else { return nil }
            let lp = try session.solve(options: lpOptions)
            guard lp.status == .optimal else {
                if try backtrack() { continue }
                break
            }
            let current = model
            let open = uses.filter { current.variableLower[$0.index] < 0.5 && current.variableUpper[$0.index] > 0.5 }
            let fractional = open.filter { lp.value($0) > 1e-6 && lp.value($0) < 1 - 1e-6 }
            if let pick = fractional.max(by: { (lp.value($0), $1.index) < (lp.value($1), $0.index) }) {
                try fix(pick, lower: 1, upper: 1)
                choices.append((pick, true))
                continue
            }
            // Every indicator is whole: the chosen foods, each free again, and no other.
            var small = model
            for use in uses {
                small.setBounds(of: use, lower: 0, upper: lp.value(use) > 0.5 ? 1 : 0)
            }
            let options = planner.mipOptions(timeLimit: remaining, gap: budget.pricingGap, nodes: budget.diveNodes)
            let whole = try planner.solver.solve(small, options: options)
            if whole.status.hasSolution { return whole.values }
            lastChosen = small
            if try !backtrack() { break }
        }
        // Whole portions of the chosen foods made no day (a day at its energy limit, say), and
        // undoing the latest choices did not help: one meal at a time is opened to every food.
        guard let lastChosen, remaining > budget.dayMIPTimeFloor else { return nil }
        return try repairMeal(of: day, chosen: lastChosen)
    }
}

extension PatternGeneration {
    /// The dive's chosen foods as a MIP with one meal opened to every food of the day model,
    /// meal by meal in the day's order (``SearchBudget/diveRepairNodes``): the first whole day
    /// found, or nil.
    func repairMeal(of day: PlanModel, chosen: Model) throws -> [Double]? {
        guard budget.diveRepairNodes > 0 else { return nil }
        for slot in day.slots {
            guard remaining > budget.dayMIPTimeFloor else { return nil }
            var opened = chosen
            for (i, use) in day.mealUse.enumerated() where day.portions[i].slot == slot {
                guard let use else { continue }
                opened.setBounds(of: use, lower: day.model.variableLower[use.index], upper: day.model.variableUpper[use.index])
            }
            let options = planner.mipOptions(timeLimit: remaining, gap: budget.pricingGap, nodes: budget.diveRepairNodes)
            let solution = try planner.solver.solve(opened, options: options)
            log?("    dive: the chosen foods with \(slot) open: \(solution.status)")
            if solution.status.hasSolution { return solution.values }
        }
        return nil
    }

    /// The known pattern that is cheapest under a pricing day's adjustments, when every food
    /// it holds may be used that day: a feasible day for the pricing MIP to start from.
    func cheapestKnownPattern(_ options: PlanModelBuilder.Options) -> DayPattern? {
        func adjustedCost(_ pattern: DayPattern) -> Double? {
            var total = 0.0
            for portion in pattern.portions {
                guard let base = baseStepCost[portion.food], !options.forbiddenFoods.contains(portion.food) else { return nil }
                total += (base + (options.portionCostAdjustment?[portion.food] ?? 0)) * portion.steps
            }
            for food in pattern.foods { total += options.dayUseCostAdjustment?[food] ?? 0 }
            return total
        }
        var best: (pattern: DayPattern, cost: Double)?
        for pattern in pool {
            guard let cost = adjustedCost(pattern) else { continue }
            if best == nil || cost < best!.cost { best = (pattern, cost) }
        }
        return best?.pattern
    }

    /// A whole solution of a day model that holds a known pattern: its portions fixed, the
    /// indicators and the other columns completed by GLPK. Nil when the model cannot hold it.
    func solution(of pattern: DayPattern, in day: PlanModel) throws -> [Double]? {
        var steps: [Int: [MealSlot: Double]] = [:]
        for portion in pattern.portions { steps[portion.food, default: [:]][portion.slot] = portion.steps }
        return try planner.completedSolution(steps: steps, count: pattern.portions.count, in: day, timeLimit: remaining)
    }
}

extension WeeklyPlanner {
    /// A whole solution of a day model with these portion steps (by food and meal) fixed, the
    /// indicators and the other columns completed by GLPK. Nil when the model cannot hold them.
    func completedSolution(steps: [Int: [MealSlot: Double]], count: Int, in day: PlanModel, timeLimit: Double) throws -> [Double]? {
        var model = day.model
        var held = 0
        for portion in day.portions {
            let value = steps[portion.food]?[portion.slot] ?? 0
            if value > 0 { held += 1 }
            model.setBounds(of: portion.variable, lower: value, upper: value)
        }
        guard held == count else { return nil }
        let completed = try solver.solve(model, options: mipOptions(timeLimit: timeLimit, nodes: budget.diveNodes))
        return completed.status.hasSolution ? completed.values : nil
    }
}
