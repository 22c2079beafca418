import LinearProgramming

/// Servings of one food per day (`servings[food,d3]`) and per week (`week_servings[food]`).
/// The largest portion at one meal is a column bound (``ModelContext/maxStepsOfFood``).
enum PortionCapRules {
    static func addPerDay(_ c: ModelContext, to rows: inout ModelRows) {
        guard let perDay = c.request.maxServingsPerDay else { return }
        let id = rows.family(.servingsPerDay, "at most \(perDay.grouped) servings of a food per day", unit: "servings", lower: nil, upper: perDay,
                             subject: "servings of a food", per: "per day")
        let dayCap = (perDay / c.step + 1e-9).rounded(.down)
        for day in 0 ..< c.days {
            for (f, food) in c.foods.enumerated() {
                let cap = min(dayCap, c.options.dailyStepCap?[food] ?? dayCap)
                let indices = c.portions(food: f, day: day)
                // A row that cannot bind is left out.
                guard Double(indices.count) * c.maxStepsOfFood[f] > cap else { continue }
                rows.addRow(id, day: day, .atMost(cap), name: "servings[\(c.table.ids[food]),d\(day + 1)]") { row in
                    for index in indices { row.add(1, c.portions[index].variable) }
                }
            }
        }
    }

    static func addPerWeek(_ c: ModelContext, to rows: inout ModelRows) {
        guard let perWeek = c.request.maxServingsPerWeek else { return }
        let id = rows.family(.servingsPerWeek, "at most \(perWeek.grouped) servings of a food per week", unit: "servings", lower: nil, upper: perWeek,
                             subject: "servings of a food", per: "per week")
        for week in c.weeks {
            let cap = week.amount((perWeek / c.step + 1e-9).rounded(.down))
            for (f, food) in c.foods.enumerated() {
                let indices = c.portionIndex[f].filter { week.days.contains(c.portions[$0].day) }
                guard Double(indices.count) * c.maxStepsOfFood[f] > cap else { continue }
                rows.addRow(id, day: -1, .atMost(cap), name: "week_servings[\(c.table.ids[food])\(week.suffix)]") { row in
                    for index in indices { row.add(1, c.portions[index].variable) }
                }
            }
        }
    }
}

/// Foods each week must hold: `include[food]`.
enum IncludedFoodRules {
    static func add(_ c: ModelContext, to rows: inout ModelRows) {
        for foodID in c.request.includeFoods {
            let food = c.table.index(ofID: foodID)!
            guard let f = c.position[food] else { continue }
            let id = rows.family(.includeFood(foodID), "include \(c.table.names[food])", unit: "", lower: c.step, upper: nil)
            for week in c.weeks {
                rows.addRow(id, day: -1, .atLeast(week.days(1)), name: "include[\(foodID)\(week.suffix)]") { row in
                    for index in c.portionIndex[f] where week.days.contains(c.portions[index].day) { row.add(1, c.portions[index].variable) }
                }
            }
        }
    }
}
