import LinearProgramming

/// Meal composition from food groups: `group_vegetable_lunch[d3]`, a vegetable at lunch.
enum MealCompositionRules {
    static func add(_ c: ModelContext, to rows: inout ModelRows) {
        for rule in c.request.mealGroupRules where rule.minServings > 0 || rule.maxServings != nil {
            let groups = Set(rule.groups)
            let meals = rule.meals.filter { c.slotIndex[$0] != nil }
            guard !meals.isEmpty else { continue }
            let lower = rule.minServings > 0 ? rule.minServings : nil
            let id = rows.family(.mealGroup(rule.name), rule.text, unit: "servings", lower: lower, upper: rule.maxServings,
                                 subject: "servings of \(rule.name)", per: "per meal")
            let rowBounds = bounds(lower.map { $0 / c.step }, rule.maxServings.map { ($0 / c.step + 1e-9).rounded(.down) })
            let name = rule.name.replacingOccurrences(of: " ", with: "_")
            for day in 0 ..< c.days {
                for slot in meals {
                    rows.addRow(id, day: day, slot: slot, source: .groups(groups, factor: 1), rowBounds,
                                name: "group_\(name)_\(slot.rawValue)[d\(day + 1)]") { row in
                        for index in c.portions(day: day, slot: c.slotIndex[slot]!)
                        where groups.contains(c.table.groups[c.portions[index].food]) && !c.isAccompaniment(index) {
                            row.add(1, c.portions[index].variable)
                        }
                    }
                }
            }
        }
    }
}
