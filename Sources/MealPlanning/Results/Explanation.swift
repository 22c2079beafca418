import LinearProgramming

/// The "why" of a plan, from the duals of the one-day LP relaxation: which rules bind and what
/// relaxing each would change in the weekly objective, and which foods are near the margin.
/// Duals are local: they hold for small changes of one rule at a time. They describe the LP,
/// not the printed plan: the plan records which LP (``Plan/explanationBasis``), and a food the
/// printed plan holds is never offered as one close to entering it.
struct Explanation {
    var binding: [BindingRule] = []
    /// Every food the LP does not use with a positive reduced cost, smallest first.
    var marginal: [MarginalFood] = []
    /// The LP the statements are about.
    var basis = Plan.oneDayRelaxation
    /// How many foods near the margin a plan lists.
    static let marginalCount = 3

    init(planModel: PlanModel, solution: Solution, table: FoodTable, days: Int) {
        basis = planModel.dayCount == 1 ? Plan.oneDayRelaxation : Plan.planRelaxation
        guard let duals = solution.rowDuals, let reducedCosts = solution.reducedCosts else { return }
        var familyDual = [Double](repeating: 0, count: planModel.families.count)
        for (row, family) in planModel.rowFamily.enumerated() { familyDual[family] += duals[row] }
        let step = planModel.step
        for (index, family) in planModel.families.enumerated() where family.isRelaxable {
            let dual = familyDual[index]
            guard abs(dual) > 1e-9 else { continue }
            // Rows count portion steps for serving rules, so one serving is 1 / step row units.
            let amount: Double
            let rowUnitsPerAmount: Double
            switch family.unit {
            case "mg": amount = 100; rowUnitsPerAmount = 100
            case "g": amount = family.kind == .dailyMass ? 100 : 5; rowUnitsPerAmount = amount
            case "kcal": amount = 100; rowUnitsPerAmount = 100
            case "servings": amount = 1; rowUnitsPerAmount = 1 / step
            default: amount = 1; rowUnitsPerAmount = 1
            }
            // Minimization: a >= row has dual >= 0 (lowering it saves), a <= row dual <= 0 (raising it saves).
            let change = -abs(dual) * rowUnitsPerAmount * Double(days)
            guard abs(change) >= 0.005 else { continue }
            let direction: String
            if family.lower != nil && family.upper != nil { direction = dual > 0 ? "lowering the minimum of" : "raising the maximum of" }
            else if family.lower != nil { direction = "lowering" }
            else { direction = "raising" }
            binding.append(BindingRule(rule: family.text, amount: amount, unit: family.unit, objectiveChange: change, direction: direction))
        }
        binding.sort { ($0.objectiveChange, $0.rule) < ($1.objectiveChange, $1.rule) }

        // Unused foods whose reduced cost is smallest.
        var used = Set<Int>()
        var best: [Int: Double] = [:]
        for portion in planModel.portions {
            if solution.value(portion.variable) > 1e-7 { used.insert(portion.food); continue }
            let reduced = reducedCosts[portion.variable.index] / step
            if reduced > 1e-9 { best[portion.food] = min(best[portion.food] ?? .infinity, reduced) }
        }
        marginal = best.filter { !used.contains($0.key) }
            .sorted { ($0.value, table.ids[$0.key]) < ($1.value, table.ids[$1.key]) }
            .map { MarginalFood(food: $0.key, reducedCostPerServing: $0.value) }
    }

    /// The binding rules, and the foods nearest the margin that the printed plan does not hold.
    func apply(to plan: inout Plan) {
        plan.bindingRules = binding
        let planned = Set(plan.items.map(\.food))
        plan.marginalFoods = Array(marginal.filter { !planned.contains($0.food) }.prefix(Self.marginalCount))
        plan.explanationBasis = basis
    }
}
