import Foundation
import LinearProgramming

extension PatternGeneration {
    /// The master as an integer program over the pool: how many days use each pattern under
    /// the weekly rules. Nil when no week of the patterns meets them.
    mutating func integerMaster(bound: Double, rounds: Int) throws -> Result? {
        phaseEnd = .infinity
        guard let integer = try solveMaster(integer: true), !integer.usesSlack else { return nil }
        // Days in a stable order: patterns by pool position, repeats spread over the week.
        var dayPatterns: [Int] = []
        for (index, count) in integer.counts.enumerated() where count > 0 {
            dayPatterns.append(contentsOf: repeatElement(index, count: count))
        }
        dayPatterns = spread(dayPatterns)
        var items: [PlanItem] = []
        for (day, index) in dayPatterns.enumerated() {
            for portion in pool[index].portions {
                items.append(PlanItem(food: portion.food, day: day, slot: portion.slot, servings: portion.steps * request.portionStep))
            }
        }
        return Result(items: items, cost: integer.objective, bound: bound, patternCount: pool.count, rounds: rounds)
    }

    /// Orders day patterns so that consecutive days have as little in common as they can:
    /// each next day is the one that shares the fewest meal items (a food at a meal) with the
    /// day before, the pattern with the most days left first among equals, then pool order.
    /// A repeated pattern shares everything, so repeats sit apart where avoidable.
    func spread(_ patterns: [Int]) -> [Int] {
        var counts: [Int: Int] = [:]
        for p in patterns { counts[p, default: 0] += 1 }
        let items = Dictionary(uniqueKeysWithValues: counts.keys.map { ($0, Set(pool[$0].portions.map { "\($0.food),\($0.slot.rawValue)" })) })
        var result: [Int] = []
        while result.count < patterns.count {
            let shared = { (p: Int) in result.last.map { items[p]!.intersection(items[$0]!).count } ?? 0 }
            let pick = counts.filter { $0.value > 0 }.map(\.key).min { (shared($0), -counts[$0]!, $0) < (shared($1), -counts[$1]!, $1) }!
            result.append(pick)
            counts[pick]! -= 1
        }
        return result
    }

    struct MasterSolution {
        var objective: Double
        var counts: [Int]
        var convexityDual: Double
        var daysDuals: [Int: Double]
        var weekServingDuals: [Int: Double]
        var includeDuals: [Int: Double]
        var weekUseDuals: [Int: Double]
        /// Duals of the potassium foods' kinds, by kind.
        var kindDuals: [Int: Double]
        /// Duals of the weekly amounts, by nutrient column.
        var amountDuals: [Int: Double]
        var usesSlack: Bool
    }

    /// The master over the pool, as an LP (its duals price the next pattern) or an integer
    /// program (the plan). Every row has a costly slack, so that a pool that cannot form a
    /// week still gives duals.
    func solveMaster(integer: Bool) throws -> MasterSolution? {
        guard !pool.isEmpty else { return nil }
        var master = MasterModel(pool: pool, integer: integer, days: Double(request.days),
                                 penalty: budget.masterSlackPenalty * (1 + pool.map { abs($0.cost) }.max()!))
        master.addWeeklyRows(request: request, table: table, dayCap: dayCap, weekCapSteps: weekCapSteps)
        master.addWeeklyAmounts(weeklyRules, request: request)
        if keepsDaysDistinct { master.addDistinctDays() }
        if let wanted = request.potassiumFoods { master.addPotassiumFoods(wanted, needed: request.potassiumKindsNeeded(table, among: foods), table: table, foods: foods) }
        var options = planner.lpOptions()
        if integer {
            options = planner.mipOptions(timeLimit: max(budget.masterTimeFloor, remaining), gap: budget.masterGap,
                                         nodes: budget.masterNodes * request.effort)
            // The master is small and gives the plan: it runs even after an interruption.
            options.progress = nil
        }
        let solution = try planner.solver.solve(master.model, options: options)
        guard solution.status.hasSolution, let objective = solution.objectiveValue else { return nil }
        let usesSlack = master.slacks.contains { solution.value($0) > 1e-7 }
        if usesSlack, let log { log("  master slack on: " + master.slackRows.enumerated().filter { solution.value(master.slacks[$0.offset]) > 1e-7 }.map { "\($0.element) \(solution.value(master.slacks[$0.offset]))" }.joined(separator: ", ")) }
        let slackCost = master.slacks.reduce(0.0) { $0 + master.penalty * solution.value($1) }
        func duals(_ rows: [Int: ConstraintID]) -> [Int: Double] {
            guard let rowDuals = solution.rowDuals else { return [:] }
            return rows.mapValues { rowDuals[$0.index] }
        }
        return MasterSolution(
            objective: objective - slackCost,
            counts: master.lambdas.map { Int(solution.value($0).rounded()) },
            convexityDual: solution.rowDuals?[master.convexity.index] ?? 0,
            daysDuals: duals(master.daysRows), weekServingDuals: duals(master.servingRows), includeDuals: duals(master.includeRows),
            weekUseDuals: duals(master.weekUseRows), kindDuals: duals(master.kindRows), amountDuals: duals(master.amountRows), usesSlack: usesSlack)
    }
}

/// The master model: one variable per pattern (days that use it), seven days in all, and the
/// weekly rules over the patterns' foods.
struct MasterModel {
    var model = Model(sense: .minimize)
    let pool: [DayPattern]
    let integer: Bool
    let penalty: Double
    var lambdas: [VariableID] = []
    var slacks: [VariableID] = []
    var convexity = ConstraintID(index: 0)
    var daysRows: [Int: ConstraintID] = [:], servingRows: [Int: ConstraintID] = [:]
    var includeRows: [Int: ConstraintID] = [:], weekUseRows: [Int: ConstraintID] = [:], kindRows: [Int: ConstraintID] = [:]
    /// Weekly amount rows by nutrient column.
    var amountRows: [Int: ConstraintID] = [:]

    init(pool: [DayPattern], integer: Bool, days: Double, penalty: Double) {
        self.pool = pool
        self.integer = integer
        self.penalty = penalty
        lambdas = pool.indices.map { index in
            model.addVariable(lower: 0, upper: days, kind: integer ? .integer : .continuous, objective: pool[index].cost,
                              name: "pattern\(index + 1)")
        }
        let convexitySlack = slack()
        let lambdas = lambdas
        convexity = model.addConstraint(.equalTo(days), name: "days") { row in
            for (index, lambda) in lambdas.enumerated() where !pool[index].portions.isEmpty { row.add(1, lambda) }
            row.add(1, convexitySlack)
        }
    }

    /// The row each slack belongs to (for the log).
    var slackRows: [String] = []

    mutating func slack(_ row: String = "") -> VariableID {
        slackRows.append(row)
        let variable = model.addVariable(lower: 0, objective: penalty)
        slacks.append(variable)
        return variable
    }

    /// Σ steps of a food over the patterns that hold it.
    static func addSteps(of food: Int, pool: [DayPattern], lambdas: [VariableID], to row: inout Model.RowWriter) {
        for (index, pattern) in pool.enumerated() {
            let steps = pattern.steps(of: food)
            if steps > 0 { row.add(steps, lambdas[index]) }
        }
    }

    mutating func addWeeklyRows(request: PlanRequest, table: FoodTable, dayCap: [Int], weekCapSteps: Double?) {
        let pool = pool, lambdas = lambdas
        var poolFoods = Set<Int>()
        for pattern in pool { poolFoods.formUnion(pattern.foods) }
        let foodsInPool = poolFoods.sorted()
        // Favourites need their row even when no pattern holds them yet: its slack's price
        // draws them into the next pricing day.
        let favorites = (0 ..< table.count).filter { request.favoriteDays(table, food: $0) != nil }
        for food in Set(foodsInPool).union(favorites).sorted() {
            let least = request.favoriteDays(table, food: food).map(Double.init)
            let most = dayCap[food] < request.days ? Double(dayCap[food]) : nil
            if least != nil || most != nil {
                let under = least.map { _ in slack("favorite[\(table.ids[food])]") }, over = most.map { _ in slack("days[\(table.ids[food])]") }
                daysRows[food] = model.addConstraint(bounds(least, most), name: "days[\(table.ids[food])]") { row in
                    for (index, pattern) in pool.enumerated() where pattern.foods.contains(food) { row.add(1, lambdas[index]) }
                    if let under { row.add(1, under) }
                    if let over { row.add(-1, over) }
                }
            }
            if let cap = weekCapSteps {
                let s = slack()
                servingRows[food] = model.addConstraint(.atMost(cap), name: "week_servings[\(table.ids[food])]") { row in
                    Self.addSteps(of: food, pool: pool, lambdas: lambdas, to: &row)
                    row.add(-1, s)
                }
            }
        }
        for id in request.includeFoods {
            guard let food = table.index(ofID: id) else { continue }
            let s = slack()
            includeRows[food] = model.addConstraint(.atLeast(1), name: "include[\(id)]") { row in
                Self.addSteps(of: food, pool: pool, lambdas: lambdas, to: &row)
                row.add(1, s)
            }
        }
        if let minimum = request.minFoodsPerWeek { addFoodsPerWeek(minimum, foods: foodsInPool, table: table) }
    }

    /// No two days of the week with the same foods: the patterns of one set of foods (which
    /// differ in portions only) on at most one day together.
    mutating func addDistinctDays() {
        var groups: [[Int]: [Int]] = [:]
        for (index, pattern) in pool.enumerated() where !pattern.portions.isEmpty { groups[pattern.foods, default: []].append(index) }
        for members in groups.values.sorted(by: { $0[0] < $1[0] }) {
            guard members.count > 1 else {
                model.setBounds(of: lambdas[members[0]], lower: 0, upper: 1)
                continue
            }
            let lambdas = lambdas
            model.addConstraint(.atMost(1), name: "distinct_days[pattern\(members[0] + 1)]") { row in
                for index in members { row.add(1, lambdas[index]) }
            }
        }
    }

    /// The weekly amounts (vegetable and protein subgroups) over the patterns' totals, each
    /// side with its slack.
    mutating func addWeeklyAmounts(_ rules: [WeeklyAmount], request: PlanRequest) {
        let pool = pool, lambdas = lambdas
        for (r, amount) in rules.enumerated() {
            let rule = amount.rule
            let totals = pool.map { pattern in
                pattern.total(of: amount.values, step: request.portionStep)
            }
            let (low, high) = rule.planBounds(days: request.days)
            let under = low.map { _ in slack(rule.nutrient) }, over = high.map { _ in slack(rule.nutrient) }
            amountRows[r] = model.addConstraint(bounds(low, high), name: "\(rule.nutrient)_week") { row in
                for (index, total) in totals.enumerated() where total != 0 { row.add(total, lambdas[index]) }
                if let under { row.add(1, under) }
                if let over { row.add(-1, over) }
            }
        }
    }

    /// At least a few kinds of the potassium foods over the patterns: `kind[lentils]` is 1 only
    /// when a pattern of the week holds a food of the kind (``PotassiumFoods``).
    mutating func addPotassiumFoods(_ wanted: PotassiumFoods, needed: Int, table: FoodTable, foods: [Int]) {
        guard needed > 0 else { return }
        let pool = pool, lambdas = lambdas
        var kinds: [VariableID] = []
        for k in wanted.kinds.indices where foods.contains(where: { wanted.kind(of: $0, in: table) == k }) {
            let held = model.addVariable(lower: 0, upper: 1, kind: integer ? .binary : .continuous, name: "kind[\(wanted.kinds[k])]")
            kinds.append(held)
            kindRows[k] = model.addConstraint(.atLeast(0), name: "kind_real[\(wanted.kinds[k])]") { row in
                for (index, pattern) in pool.enumerated() where pattern.foods.contains(where: { wanted.kind(of: $0, in: table) == k }) {
                    row.add(1, lambdas[index])
                }
                row.add(-1, held)
            }
        }
        let s = slack("potassium_foods")
        model.addConstraint(.atLeast(Double(needed)), name: "potassium_foods") { row in
            for held in kinds { row.add(1, held) }
            row.add(1, s)
        }
    }

    mutating func addFoodsPerWeek(_ minimum: Int, foods: [Int], table: FoodTable) {
        let pool = pool, lambdas = lambdas
        var used: [VariableID] = []
        for food in foods {
            let v = model.addVariable(lower: 0, upper: 1, kind: integer ? .binary : .continuous, name: "week[\(table.ids[food])]")
            used.append(v)
            weekUseRows[food] = model.addConstraint(.atLeast(0), name: "week_real[\(table.ids[food])]") { row in
                for (index, pattern) in pool.enumerated() where pattern.foods.contains(food) { row.add(1, lambdas[index]) }
                row.add(-1, v)
            }
        }
        let s = slack()
        model.addConstraint(.atLeast(Double(minimum)), name: "foods_per_week") { row in
            for v in used { row.add(1, v) }
            row.add(1, s)
        }
    }
}
