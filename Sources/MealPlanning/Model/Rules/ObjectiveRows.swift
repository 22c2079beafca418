import LinearProgramming

/// The rows of the "closest to the energy target" objective: `dev >= |kcal - target|` per day,
/// as `energy_dev_hi[d]` and `energy_dev_lo[d]`. The other objectives are column costs
/// (``PlanModelBuilder/objectivePerStep(food:)``).
enum EnergyDeviationRows {
    static func add(_ c: ModelContext, to rows: inout ModelRows) {
        guard !c.deviation.isEmpty, let target = c.request.resolvedEnergyTarget, let energyColumn = c.table.nutrientIndex(.energy) else { return }
        let energy = c.table.nutrientValues[energyColumn]
        let id = rows.family(.structure, "energy deviation", unit: "", lower: nil, upper: nil)
        for day in 0 ..< c.days {
            for sign in [1.0, -1.0] {
                rows.addRow(id, day: day, source: .nutrient(column: energyColumn, factor: sign * c.step), .atLeast(sign * target),
                            name: "energy_dev_\(sign > 0 ? "hi" : "lo")[d\(day + 1)]") { row in
                    row.add(1, c.deviation[day])
                    for s in c.slots.indices {
                        for index in c.portions(day: day, slot: s) {
                            let portion = c.portions[index]
                            row.add(sign * energy[portion.food] * c.step, portion.variable)
                        }
                    }
                }
            }
        }
    }
}
