import MealPlanning

/// How a plan reaches its potassium, in plain words: each day's three largest sources, the
/// week's main carriers, swaps that add more, and a word on dried fruit's sugar when the plan
/// holds some. Computed from the items and the table alone.
struct PotassiumSummary {
    struct Source {
        var name: String
        var milligrams: Double
    }

    /// `days[d]`: the day's three largest potassium sources.
    let days: [[Source]]
    /// The plain-words lines (empty when the table has no potassium column).
    let lines: [String]

    init(plan: Plan, table: FoodTable) {
        guard let column = table.nutrientIndex(.potassium) else {
            days = []
            lines = []
            return
        }
        let values = table.nutrientValues[column]
        func potassium(_ item: PlanItem) -> Double { values[item.food].isNaN ? 0 : values[item.food] * item.servings }
        var perDay: [[Source]] = []
        var byFood: [Int: Double] = [:]
        for day in 0 ..< plan.request.days {
            var foods: [Int: Double] = [:]
            for item in plan.items where item.day == day { foods[item.food, default: 0] += potassium(item) }
            for (food, mg) in foods { byFood[food, default: 0] += mg }
            let top = foods.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.prefix(3)
            perDay.append(top.map { Source(name: table.names[$0.key], milligrams: $0.value) })
        }
        days = perDay
        let total = byFood.values.reduce(0, +)
        guard total > 0 else {
            lines = []
            return
        }
        var lines: [String] = []
        let carriers = byFood.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.prefix(4)
        let carried = carriers.map { "\(table.names[$0.key].lowercased()) (\(NumberText.fixed(100 * $0.value / total, 0)) %)" }
        lines.append("The week's potassium comes mostly from \(Self.list(carried)); "
            + "\(NumberText.fixed(total / Double(max(plan.request.days, 1)), 0)) mg a day on average.")
        // Swaps: dense sources the plan does not use, that the request allows, by milligrams a serving.
        let used = Set(plan.items.map(\.food))
        let request = plan.request
        let swapRoles: Set<FoodRole> = [.vegetableSide, .fruit, .starchSide]
        let candidates = (0 ..< table.count).filter { food in
            !used.contains(food) && !values[food].isNaN && values[food] >= 400
                && table.usages[food].roles.members.contains(where: swapRoles.contains)
                && request.diets.allSatisfy { table.diets[food].contains($0) }
                && !request.excludeAllergens.contains { table.allergens[food].contains($0) }
                && !request.excludeFoods.contains(table.ids[food]) && !request.excludeGroups.contains(table.groups[food])
        }.sorted { (values[$1], table.ids[$0]) < (values[$0], table.ids[$1]) }.prefix(3)
        if !candidates.isEmpty {
            let swaps = candidates.map {
                "\(table.names[$0].lowercased()) (\(NumberText.fixed(values[$0], 0)) mg a \(table.servingUnits[$0]))"
            }
            lines.append("Swaps that add more: \(Self.list(Array(swaps))) in place of a side or fruit with less.")
        }
        let dried = used.filter { Self.isDriedFruit(table.names[$0]) }.sorted()
        if !dried.isEmpty {
            let sugars = table.nutrientIndex(.sugars).map { table.nutrientValues[$0] }
            let named = dried.map { food -> String in
                let name = table.names[food].lowercased()
                guard let sugar = sugars?[food], !sugar.isNaN else { return name }
                return "\(name), \(NumberText.fixed(sugar, 0)) g of sugars a \(table.servingUnits[food])"
            }
            lines.append("Dried fruit (\(Self.list(named))) is rich in potassium and in sugar: its sugars count in full in the day's total sugars.")
        }
        self.lines = lines
    }

    static func isDriedFruit(_ name: String) -> Bool {
        let lower = name.lowercased()
        return lower.contains("dried") || lower.contains("raisin") || lower.contains("prune") || lower.hasPrefix("dates")
    }

    /// `a`, `a and b`, `a, b and c`.
    static func list(_ items: [String]) -> String {
        guard items.count > 1 else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + " and " + items.last!
    }
}
