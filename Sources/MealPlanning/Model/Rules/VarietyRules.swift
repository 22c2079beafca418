import LinearProgramming

/// Counting foods over days: the day indicators' links, foods per day (`foods_per_day[d3]`),
/// days per food (`days[food]`) and foods per week (`foods_per_week`).
enum VarietyRules {
    /// Day indicators: `w >= u` (or `w >= x / max` without meal indicators), and a day counts
    /// as used only when the food is eaten that day; then the foods-per-day minimum.
    static func addDayLinks(_ c: ModelContext, to rows: inout ModelRows) {
        guard c.needsDayUse else { return }
        let structure = rows.structure()
        for (f, food) in c.foods.enumerated() {
            for index in c.portionIndex[f] {
                let portion = c.portions[index]
                let dayVariable = c.dayUse[f][portion.day]
                rows.addRow(structure, day: portion.day, .atMost(0), name: "day_link[\(c.tag(portion))]") { row in
                    if let use = c.useVariable[index] {
                        row.add(1, use)
                        row.add(-1, dayVariable)
                    } else {
                        row.add(1, portion.variable)
                        row.add(-c.maxStepsOfFood[f], dayVariable)
                    }
                }
            }
            for day in 0 ..< c.days {
                let indices = c.portions(food: f, day: day)
                rows.addRow(structure, day: day, .atLeast(0), name: "day_real[\(c.table.ids[food]),d\(day + 1)]") { row in
                    for index in indices { row.add(1, c.portions[index].variable) }
                    row.add(-1, c.dayUse[f][day])
                }
            }
        }
        guard let minimum = c.request.minFoodsPerDay else { return }
        let id = rows.family(.foodsPerDay, "at least \(minimum) different foods per day", unit: "foods", lower: Double(minimum), upper: nil,
                             subject: "different foods", per: "per day")
        for day in 0 ..< c.days {
            rows.addRow(id, day: day, .atLeast(Double(minimum)), name: "foods_per_day[d\(day + 1)]") { row in
                for f in c.foods.indices { row.add(1, c.dayUse[f][day]) }
            }
        }
    }

    /// `days[food]`: a food on at most its days of the week (``PlanRequest/maxDays(_:food:)``),
    /// in each week of the plan (`days[food,w2]`).
    static func addDaysPerFood(_ c: ModelContext, to rows: inout ModelRows) {
        guard c.needsDayUse, c.request.maxDaysPerFood != nil || c.request.maxDaysPerMain != nil else { return }
        let weeks = c.weeks
        let caps = c.foods.map { c.request.maxDays(c.table, food: $0) }
        guard caps.contains(where: { cap in cap.map { cap in weeks.contains { $0.binds(days: cap) } } ?? false }) else { return }
        var text = c.request.maxDaysPerFood.map { "each food on at most \($0) days of the week" } ?? ""
        if let mains = c.request.maxDaysPerMain, c.request.limitsMainDays(c.table) {
            text += (text.isEmpty ? "" : ", ") + "each main dish on at most \(mains) day\(mains == 1 ? "" : "s")"
        }
        let id = rows.family(.daysPerFood, text, unit: "days", lower: nil, upper: c.request.maxDaysPerFood.map(Double.init),
                             subject: "days per food", per: "per week")
        for week in weeks {
            for (f, food) in c.foods.enumerated() {
                guard let cap = caps[f], week.binds(days: cap) else { continue }
                rows.addRow(id, day: -1, .atMost(week.days(cap)), name: "days[\(c.table.ids[food])\(week.suffix)]") { row in
                    for day in week.days { row.add(1, c.dayUse[f][day]) }
                }
            }
        }
    }

    /// `favorite[banana]`: a favourite food on at least its days of the week (at most the
    /// week's), in each week of the plan.
    static func addFavorites(_ c: ModelContext, to rows: inout ModelRows) {
        guard c.needsDayUse, !c.request.favoriteDays.isEmpty else { return }
        let id = rows.family(.weekVariety, "each favourite on at least its days of the week", unit: "days", lower: nil, upper: nil,
                             subject: "days of a favourite", per: "per week")
        for week in c.weeks {
            for (f, food) in c.foods.enumerated() {
                guard let days = c.request.favoriteDays[c.table.ids[food]] else { continue }
                rows.addRow(id, day: -1, .atLeast(week.days(days)), name: "favorite[\(c.table.ids[food])\(week.suffix)]") { row in
                    for day in week.days { row.add(1, c.dayUse[f][day]) }
                }
            }
        }
    }

    /// `potassium_foods`: each week holds at least a few kinds of the potassium foods
    /// (``PotassiumFoods``); `kind[lentils]` is 1 only when some day of the week holds a food of
    /// the kind. Not in the average day's LP, whose days are one (a relaxation, as foods per week).
    static func addPotassiumFoods(_ c: ModelContext, to rows: inout ModelRows) {
        guard let wanted = c.request.potassiumFoods, c.needsDayUse, c.options.averageOfDays == nil else { return }
        for week in c.weeks {
            let needed = week.request.potassiumKindsNeeded(c.table, among: c.foods)
            guard needed > 0 else { continue }
            var text = wanted
            text.atLeast = needed
            let id = rows.family(.potassiumFoods, text.text, unit: "kinds", lower: Double(needed), upper: nil,
                                 subject: "potassium foods", per: "per week")
            let structure = rows.structure()
            var kinds: [VariableID] = []
            for (k, name) in wanted.kinds.enumerated() {
                let members = c.foods.indices.filter { wanted.kind(of: c.foods[$0], in: c.table) == k }
                guard !members.isEmpty else { continue }
                let held = rows.plan.model.addVariable(lower: 0, upper: 1, kind: c.binaryKind, name: "kind[\(name)\(week.suffix)]")
                kinds.append(held)
                rows.addRow(structure, day: -1, .atLeast(0), name: "kind_real[\(name)\(week.suffix)]") { row in
                    for f in members {
                        for day in week.days { row.add(1, c.dayUse[f][day]) }
                    }
                    row.add(-1, held)
                }
            }
            rows.addRow(id, day: -1, .atLeast(Double(needed)), name: week.suffix.isEmpty ? "potassium_foods" : "potassium_foods[\(week.suffix.dropFirst())]") { row in
                for held in kinds { row.add(1, held) }
            }
        }
    }

    /// A week indicator per food (`week[food]`, real only when some day of the week uses the
    /// food) and their sum, in each week of the plan.
    static func addFoodsPerWeek(_ c: ModelContext, to rows: inout ModelRows) {
        guard let minimum = c.request.minFoodsPerWeek, c.needsDayUse, c.options.averageOfDays == nil else { return }
        let id = rows.family(.foodsPerWeek, "at least \(minimum) different foods per week", unit: "foods", lower: Double(minimum), upper: nil,
                             subject: "different foods", per: "per week")
        let structure = rows.structure()
        for week in c.weeks {
            var weekUse: [VariableID] = []
            for (f, food) in c.foods.enumerated() {
                let used = rows.plan.model.addVariable(lower: 0, upper: 1, kind: c.binaryKind, name: "week[\(c.table.ids[food])\(week.suffix)]")
                weekUse.append(used)
                rows.addRow(structure, day: -1, .atLeast(0), name: "week_real[\(c.table.ids[food])\(week.suffix)]") { row in
                    for day in week.days { row.add(1, c.dayUse[f][day]) }
                    row.add(-1, used)
                }
            }
            if rows.plan.weekUse.isEmpty { rows.plan.weekUse = weekUse }
            rows.addRow(id, day: -1, .atLeast(Double(minimum)), name: week.suffix.isEmpty ? "foods_per_week" : "foods_per_week[\(week.suffix.dropFirst())]") { row in
                for used in weekUse { row.add(1, used) }
            }
        }
    }

    /// `distinct_days[d1,d2]`: no two days of a week hold the same foods. `differ[food,d1,d2]`
    /// may be 1 only when the food is on exactly one of the two days (below both days' sum and
    /// below two less it), and each pair of days has at least one such food.
    static func addDistinctDays(_ c: ModelContext, to rows: inout ModelRows) {
        guard c.keepsDaysDistinct else { return }
        let id = rows.family(.distinctDays, "no two days of a week hold the same foods", unit: "foods", lower: 1, upper: nil,
                             subject: "foods that set a day apart", per: "per pair of days")
        let structure = rows.structure()
        for week in c.weeks {
            let days = Array(week.days)
            for (i, first) in days.enumerated() {
                for second in days[(i + 1)...] {
                    let pair = "d\(first + 1),d\(second + 1)"
                    var differs: [VariableID] = []
                    for (f, food) in c.foods.enumerated() {
                        let a = c.dayUse[f][first], b = c.dayUse[f][second]
                        let differ = rows.plan.model.addVariable(lower: 0, upper: 1, name: "differ[\(c.table.ids[food]),\(pair)]")
                        differs.append(differ)
                        rows.addRow(structure, day: -1, .atMost(0), name: "differ_either[\(c.table.ids[food]),\(pair)]") { row in
                            row.add(1, differ)
                            row.add(-1, a)
                            row.add(-1, b)
                        }
                        rows.addRow(structure, day: -1, .atMost(2), name: "differ_one[\(c.table.ids[food]),\(pair)]") { row in
                            row.add(1, differ)
                            row.add(1, a)
                            row.add(1, b)
                        }
                    }
                    rows.addRow(id, day: -1, .atLeast(1), name: "distinct_days[\(pair)]") { row in
                        for differ in differs { row.add(1, differ) }
                    }
                }
            }
        }
    }
}
