import LinearProgramming

/// Portion indicators and the number of foods per meal. "Used" needs a real portion only when
/// a minimum count of foods or a minimum portion above one step asks for it; a single food per
/// meal is asked of the portions directly.
enum FoodsPerMealRules {
    static func add(_ c: ModelContext, to rows: inout ModelRows) {
        guard c.needsUse || c.request.minFoodsPerMeal == 1 else { return }
        let structure = rows.structure()
        let minimumSteps = max(1, ((c.request.minServingsPerUse ?? 0) / c.step - 1e-9).rounded(.up))
        // A meal pattern counts items, so its indicators must be real portions too.
        let useMustBeReal = (c.request.minFoodsPerMeal ?? 0) > 1 || minimumSteps > 1 || c.structured
        if c.needsUse { addUseLinks(c, to: &rows, family: structure, useMustBeReal: useMustBeReal) }
        addCounts(c, to: &rows, useMustBeReal: useMustBeReal)
    }

    /// `use_hi`: no portion without its indicator; `use_lo`: an indicator only with a real portion.
    static func addUseLinks(_ c: ModelContext, to rows: inout ModelRows, family structure: Int, useMustBeReal: Bool) {
        for (index, portion) in c.portions.enumerated() {
            let use = c.useVariable[index]!
            let maxSteps = c.maxStepsOfFood[c.position[portion.food]!]
            let tag = c.tag(portion)
            rows.addRow(structure, day: portion.day, .atMost(0), name: "use_hi[\(tag)]") { row in
                row.add(1, portion.variable)
                row.add(-maxSteps, use)
            }
            if useMustBeReal {
                let minimumSteps = c.minimumSteps(food: portion.food)
                rows.addRow(structure, day: portion.day, .atLeast(0), name: "use_lo[\(tag)]") { row in
                    row.add(1, portion.variable)
                    row.add(-min(minimumSteps, max(maxSteps, 1)), use)
                }
            }
        }
    }

    /// `foods_dinner[d3]` counts the indicators; `some_food_dinner[d3]` asks for any portion.
    static func addCounts(_ c: ModelContext, to rows: inout ModelRows, useMustBeReal: Bool) {
        let lower = c.request.minFoodsPerMeal.flatMap { $0 > 0 ? Double($0) : nil }
        let upper = c.request.maxFoodsPerMeal.map(Double.init)
        let text = [lower.map { "at least \($0.grouped)" }, upper.map { "at most \($0.grouped)" }]
            .compactMap { $0 }.joined(separator: " and ") + " food\(lower == 1 && upper == nil ? "" : "s") per meal"
        let id = rows.family(.foodsPerMeal, text, unit: "foods", lower: lower, upper: upper, subject: "foods", per: "per meal")
        for day in 0 ..< c.days {
            for (s, slot) in c.slots.enumerated() {
                // Accompaniments of a structured meal are not foods of the meal.
                let indices = c.portions(day: day, slot: s).filter { !c.isAccompaniment($0) }
                if c.needsUse && (upper != nil || useMustBeReal) {
                    rows.addRow(id, day: day, slot: slot, bounds(useMustBeReal ? lower : nil, upper), name: "foods_\(slot.rawValue)[d\(day + 1)]") { row in
                        for index in indices { row.add(1, c.useVariable[index]!) }
                    }
                }
                if lower == 1 && !useMustBeReal {
                    rows.addRow(id, day: day, slot: slot, source: .portions(factor: 1), .atLeast(1), name: "some_food_\(slot.rawValue)[d\(day + 1)]") { row in
                        for index in indices { row.add(1, c.portions[index].variable) }
                    }
                }
            }
        }
    }
}
