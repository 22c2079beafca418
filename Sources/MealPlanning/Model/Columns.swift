import LinearProgramming

/// The model's columns: portions `x[food,day,meal]`, then the indicators the rules need
/// (`used[...]` at a meal, `day[...]` on a day) and the energy deviations of the
/// "closest to target" objective. Rules add their rows over these handles.
extension ModelContext {
    mutating func addColumns(to rows: inout ModelRows) {
        addPortions(to: &rows)
        useVariable = Array(repeating: nil, count: portions.count)
        if needsUse {
            for (index, portion) in portions.enumerated() {
                useVariable[index] = rows.plan.model.addVariable(lower: 0, upper: 1, kind: binaryKind, name: "used[\(tag(portion))]")
            }
        }
        rows.plan.mealUse = useVariable
        if needsDayUse {
            dayUse = foods.map { food in
                (0 ..< days).map { day in
                    rows.plan.model.addVariable(
                        lower: 0, upper: 1, kind: binaryKind, objective: options.dayUseCostAdjustment?[food] ?? 0,
                        name: "day[\(table.ids[food]),d\(day + 1)]")
                }
            }
            rows.plan.dayUse = dayUse
        }
        let energyWeight = request.objective.terms.filter { $0.kind == .energy }.reduce(0) { $0 + $1.weight }
        if energyWeight != 0, request.resolvedEnergyTarget != nil {
            deviation = (0 ..< days).map { day in
                rows.plan.model.addVariable(lower: 0, objective: energyWeight, name: "energy_deviation[d\(day + 1)]")
            }
            rows.plan.energyDeviation = deviation
        }
    }

    /// Portion variables, day by day and meal by meal, foods in table order.
    private mutating func addPortions(to rows: inout ModelRows) {
        portionIndex = Array(repeating: [], count: foods.count)
        for day in 0 ..< days {
            for slot in slots {
                for (position, food) in foods.enumerated() {
                    // A food is served at a meal it suits, in a role the meal's pattern holds.
                    let served = request.servedRole(table, food: food, at: slot)
                    guard served.allowed else { continue }
                    let forbidden = filtered.contains(food) || options.forbiddenFoods.contains(food)
                    let variable = rows.plan.model.addVariable(
                        lower: 0, upper: forbidden ? 0 : maxStepsOfFood[position], kind: integerKind, objective: stepCost[position],
                        name: "x[\(table.ids[food]),d\(day + 1),\(slot.rawValue)]")
                    if filtered.contains(food) { rows.plan.filteredPortions.append(variable) }
                    portionIndex[position].append(portions.count)
                    portions.append(PortionVariable(food: food, day: day, slot: slot, variable: variable))
                    roles.append(served.role)
                }
            }
        }
        rows.plan.portions = portions
        portionsBySlot = Array(repeating: [], count: days * slots.count)
        for (index, portion) in portions.enumerated() {
            portionsBySlot[portion.day * slots.count + slotIndex[portion.slot]!].append(index)
        }
    }
}
