import LinearProgramming

/// Nutrient rules per day and per meal: `potassium_mg[d3]`, `sodium_mg_dinner[d3]`.
enum NutrientRules {
    static func add(_ c: ModelContext, to rows: inout ModelRows) {
        for rule in c.request.resolvedNutrientRules {
            let nutrient = c.table.nutrients.first { $0.key == rule.nutrient }!
            let column = c.table.nutrientIndex(nutrient)!
            let values = c.table.nutrientValues[column]
            let id = rows.family(.nutrient(key: rule.nutrient, scope: rule.scope), text(of: rule, nutrient), unit: nutrient.unit,
                                 lower: rule.minimum, upper: rule.maximum, subject: nutrient.displayName, per: "per \(rule.scope.text)")
            let suffix = rule.scope == .day ? "" : "_\(rule.scope.text)"
            if rule.scope == .week {
                addWeekly(rule, column: column, family: id, c, to: &rows)
                continue
            }
            for day in 0 ..< c.days {
                let slotRange: [Int]
                var rowSlot: MealSlot?
                switch rule.scope {
                case .day, .week: slotRange = Array(c.slots.indices)
                case .meal(let slot):
                    guard let index = c.slotIndex[slot] else { continue }
                    slotRange = [index]
                    rowSlot = slot
                }
                rows.addRow(id, day: day, slot: rowSlot, source: .nutrient(column: column, factor: c.step), bounds(rule.minimum, rule.maximum),
                            name: "\(rule.nutrient)\(suffix)[d\(day + 1)]") { row in
                    for s in slotRange {
                        for index in c.portions(day: day, slot: s) {
                            let portion = c.portions[index]
                            let value = values[portion.food] * c.step
                            if value != 0 { row.add(value, portion.variable) }
                        }
                    }
                }
            }
        }
    }

    /// A rule over the whole plan (`veg_dark_green_cup_eq_week`), its amounts scaled to the
    /// plan's days; only in a model that holds the rules spanning days.
    /// A model without them may ask each day for a share of the amount
    /// (``PlanModelBuilder/Options/weeklyShares``): `veg_dark_green_cup_eq_share[d1]`.
    static func addWeekly(_ rule: NutrientRule, column: Int, family id: Int, _ c: ModelContext, to rows: inout ModelRows) {
        let values = c.table.nutrientValues[column]
        guard c.weekly else {
            let share = c.options.weeklyShares[rule.nutrient].flatMap { $0 > 0 ? $0 : nil }, cap = c.options.weeklyCaps[rule.nutrient]
            guard share != nil || cap != nil else { return }
            let penalty = share == nil ? nil : c.options.weeklySharePenalty[rule.nutrient]
            for day in 0 ..< c.days {
                func amount(_ row: inout Model.RowWriter) {
                    for index in c.portions.indices where c.portions[index].day == day {
                        let value = values[c.portions[index].food] * c.step
                        if value != 0 { row.add(value, c.portions[index].variable) }
                    }
                }
                guard let penalty, let share else {
                    rows.addRow(id, day: day, source: .nutrient(column: column, factor: c.step), bounds(share, cap), name: "\(rule.nutrient)_share[d\(day + 1)]", amount)
                    continue
                }
                // A soft share: what the day's foods do not hold of it, at a cost.
                let short = rows.plan.model.addVariable(lower: 0, upper: share, objective: penalty, name: "\(rule.nutrient)_short[d\(day + 1)]")
                rows.addRow(id, day: day, source: .nutrient(column: column, factor: c.step), .atLeast(share), name: "\(rule.nutrient)_share[d\(day + 1)]") { row in
                    amount(&row)
                    row.add(1, short)
                }
                if let cap {
                    rows.addRow(id, day: day, source: .nutrient(column: column, factor: c.step), .atMost(cap), name: "\(rule.nutrient)_cap[d\(day + 1)]", amount)
                }
            }
            return
        }
        let (total, most) = rule.planBounds(days: c.weekDays)
        let low = total.map { $0 * c.weekShare }, high = most.map { $0 * c.weekShare }
        rows.addRow(id, day: -1, source: .nutrient(column: column, factor: c.step), bounds(low, high), name: "\(rule.nutrient)_week") { row in
            for portion in c.portions {
                let value = values[portion.food] * c.step
                if value != 0 { row.add(value, portion.variable) }
            }
        }
    }

    /// `potassium ≥ 2,600 mg per day`, `energy 1,900-2,100 kcal per day`.
    static func text(of rule: NutrientRule, _ nutrient: Nutrient) -> String {
        if let minimum = rule.minimum, let maximum = rule.maximum {
            return "\(nutrient.displayName) \(minimum.grouped)-\(maximum.grouped) \(nutrient.unit) per \(rule.scope.text)"
        }
        let sides = [rule.minimum.map { "≥ \($0.grouped) \(nutrient.unit)" }, rule.maximum.map { "≤ \($0.grouped) \(nutrient.unit)" }]
            .compactMap { $0 }.joined(separator: " and ")
        return "\(nutrient.displayName) \(sides) per \(rule.scope.text)"
    }
}

/// Meal energy shares: `energy_dinner[d3]`, dinner between 30 and 40 % of the reference energy.
enum MealEnergyRules {
    static func add(_ c: ModelContext, to rows: inout ModelRows) {
        guard let reference = c.request.resolvedMealShareReference, let energyColumn = c.table.nutrientIndex(.energy) else { return }
        let energy = c.table.nutrientValues[energyColumn]
        for share in c.request.meals where share.minShare != nil || share.maxShare != nil {
            let lower = share.minShare.map { $0 * reference }, upper = share.maxShare.map { $0 * reference }
            let percent = [share.minShare, share.maxShare].compactMap { $0.map { ($0 * 100).grouped } }.joined(separator: "-")
            let id = rows.family(.mealEnergy(share.slot), "\(share.slot.rawValue) energy \(percent) % of \(reference.grouped) kcal",
                                 unit: "kcal", lower: lower, upper: upper, subject: "\(share.slot.rawValue) energy", per: "per day")
            let s = c.slotIndex[share.slot]!
            for day in 0 ..< c.days {
                rows.addRow(id, day: day, slot: share.slot, source: .nutrient(column: energyColumn, factor: c.step), bounds(lower, upper),
                            name: "energy_\(share.slot.rawValue)[d\(day + 1)]") { row in
                    for index in c.portions(day: day, slot: s) {
                        let portion = c.portions[index]
                        let value = energy[portion.food] * c.step
                        if value != 0 { row.add(value, portion.variable) }
                    }
                }
            }
        }
    }
}
