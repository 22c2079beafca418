import LinearProgramming

extension PatternGeneration {
    /// A first solution of a structured day, by diving on its LP relaxation: the "used"
    /// indicator nearest to 1 is fixed at 1 (at 0 when that leaves no solution) and the LP
    /// solved again, until every indicator is whole; then the portions of the chosen foods
    /// are made whole by a small MIP. GLPK's branch and bound, which finds a first whole day
    /// of meals slowly, starts from it. Nil when the dive finds no day.
    func dive(_ day: PlanModel) throws -> [Double]? {
        var model = day.model
        let uses = day.mealUse.compactMap { $0 }
        guard !uses.isEmpty else { return nil }
        var lpOptions = planner.lpOptions()
        lpOptions.relaxIntegrality = true
        var lastFixed: VariableID?
        for _ in 0 ..< budget.diveSteps {
            guard remaining > budget.dayMIPTimeFloor else { return nil }
            let lp = try planner.solver.solve(model, options: lpOptions)
            guard lp.status == .optimal else {
                // The last indicator cannot be 1: it is 0, and the dive goes on.
                guard let variable = lastFixed else { return nil }
                model.setBounds(of: variable, lower: 0, upper: 0)
                lastFixed = nil
                continue
            }
            let open = uses.filter { model.variableLower[$0.index] < 0.5 && model.variableUpper[$0.index] > 0.5 }
            let fractional = open.filter { lp.value($0) > 1e-6 && lp.value($0) < 1 - 1e-6 }
            guard let pick = fractional.max(by: { (lp.value($0), $1.index) < (lp.value($1), $0.index) }) else {
                // Every indicator is whole: fix them, and make the portions whole.
                for use in uses {
                    let value = lp.value(use).rounded()
                    model.setBounds(of: use, lower: value, upper: value)
                }
                let options = planner.mipOptions(timeLimit: remaining, gap: budget.pricingGap, nodes: budget.diveNodes)
                let whole = try planner.solver.solve(model, options: options)
                return whole.status.hasSolution ? whole.values : nil
            }
            model.setBounds(of: pick, lower: 1, upper: 1)
            lastFixed = pick
        }
        return nil
    }
}
