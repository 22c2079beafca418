import LinearProgramming

/// The week's LP relaxation over a large food table by column generation: a restricted model
/// over a few foods is solved, every food of the table is priced with the rows' duals, the foods
/// with the most negative reduced cost join the model, and so on until no food improves it.
/// Pricing is exact, so the result is the LP optimum of the full model, which never has to
/// exist in memory (a million foods would make 14 million columns).
///
/// Every relaxable rule family carries an elastic variable with a large penalty, so the
/// restricted model is always feasible and its duals steer pricing towards foods that repair
/// it (a big-M phase one). A final model that still needs an elastic variable proves that the
/// full LP is infeasible.
///
/// It applies when every row can be priced food by food: requests without "food used"
/// indicators (no foods-per-meal maximum, no days-per-food rule, no minimum counts of foods).
public struct ColumnGenerationLP {
    public let table: FoodTable
    public let request: PlanRequest
    public let solver: any Solver

    public init(table: FoodTable, request: PlanRequest, solver: any Solver) {
        self.table = table
        self.request = request
        self.solver = solver
    }

    public struct Result: Sendable {
        public var items: [PlanItem]
        public var objective: Double
        public var feasible: Bool
        /// Families whose elastic variable the final model still needs (when infeasible).
        public var violatedRules: [String]
        public var rounds: Int
        public var foodsInModel: Int
        /// The foods of the final restricted model, in table order.
        public var foodsInModelList: [Int]
        public var excluded: [ExcludedFood]
        /// The final restricted model and its solution (its duals are valid for the full LP).
        public var model: PlanModel
        public var solution: Solution
        /// The usable foods and the objective per portion step of each food of the table, for
        /// pricing foods after the solve.
        var usableFoods: [Int]
        var stepCosts: [Double]
    }

    /// Penalty per unit of relative violation of a rule.
    static let penalty = 1e5
    /// Foods added per round at most.
    static let foodsPerRound = 100

    /// Whether column generation can price the request's model food by food: no rule counts
    /// foods or ties them to meals (meal patterns, mains per week with main dishes in the table).
    public static func applies(to request: PlanRequest, table: FoodTable) -> Bool {
        !request.usesMealStructure(table)
            && !request.limitsMainDays(table)
            && request.maxFoodsPerMeal == nil && (request.minFoodsPerMeal ?? 0) <= 1
            && (request.minServingsPerUse ?? 0) <= request.portionStep + 1e-9
            && (request.maxDaysPerFood.map { $0 >= request.days } ?? true)
            && request.minFoodsPerDay == nil && request.minFoodsPerWeek == nil && request.favoriteDays.isEmpty
            && request.potassiumKindsNeeded(table, among: Array(0 ..< table.count)) == 0
    }

    public func solve(log: ((String) -> Void)? = nil) throws -> Result {
        let builder = PlanModelBuilder(table: table, request: request)
        let selection = try builder.selectFoods()
        let foods = selection.usable
        let slots = request.meals.map(\.slot)
        let step = request.portionStep
        // Objective per step of every usable food, computed once.
        var cost = [Double](repeating: 0, count: table.count)
        for food in foods { cost[food] = builder.objectivePerStep(food: food) }

        var inModel = Set(request.includeFoods.compactMap { table.index(ofID: $0) })
        var options = PlanModelBuilder.Options()
        options.relax = true
        options.elastic = true
        options.elasticPenalty = Self.penalty
        options.selection = selection
        var rounds = 0
        while true {
            rounds += 1
            options.onlyFoods = inModel
            let plan = try builder.build(options)
            if plan.rowSource.contains(.structure) {
                preconditionFailure("column generation needs a request without indicator rows (see applies(to:table:))")
            }
            let solution = try solver.solve(plan.model, options: lpOptions)
            guard solution.status == .optimal, let duals = solution.rowDuals, let objective = solution.objectiveValue else {
                throw WeeklyPlanner.PlanningError.solverFailed("column generation master: \(solution.message)")
            }
            let entering = price(plan: plan, duals: duals, foods: foods, inModel: inModel, cost: cost, slots: slots)
            log?("column generation round \(rounds): \(inModel.count) foods, objective \(objective), \(entering.count) entering")
            if entering.isEmpty {
                var violated: [String] = []
                for (family, pair) in plan.elastic.sorted(by: { $0.key < $1.key }) {
                    let amount = (pair.lower.map { solution.value($0) } ?? 0) + (pair.upper.map { solution.value($0) } ?? 0)
                    if amount > 1e-7 { violated.append(plan.families[family].text) }
                }
                let items = plan.portions.compactMap { portion -> PlanItem? in
                    let steps = solution.value(portion.variable)
                    return steps > 1e-9 ? PlanItem(food: portion.food, day: portion.day, slot: portion.slot, servings: steps * step) : nil
                }
                // The objective without penalties.
                let penaltyCost = plan.elastic.values.reduce(0.0) { total, pair in
                    total + [pair.lower, pair.upper].compactMap { $0 }.reduce(0.0) { $0 + plan.model.objectiveCoefficients[$1.index] * solution.value($1) }
                }
                return Result(items: items, objective: objective - penaltyCost, feasible: violated.isEmpty, violatedRules: violated,
                              rounds: rounds, foodsInModel: inModel.count, foodsInModelList: inModel.sorted(),
                              excluded: selection.excluded, model: plan, solution: solution, usableFoods: foods, stepCosts: cost)
            }
            inModel.formUnion(entering)
        }
    }

    var lpOptions: SolveOptions {
        var options = SolveOptions()
        options.method = .dualSimplex
        return options
    }

    /// The foods outside the model whose best portion variable has a negative reduced cost,
    /// most negative first (ties by table order), at most ``foodsPerRound``.
    func price(plan: PlanModel, duals: [Double], foods: [Int], inModel: Set<Int>, cost: [Double], slots: [MealSlot]) -> [Int] {
        let tolerance = 1e-9 * max(1, abs(cost.max() ?? 1))
        var candidates = reducedCosts(plan: plan, duals: duals, foods: foods, inModel: inModel, cost: cost, slots: slots)
            .filter { $0.reduced < -tolerance }
        candidates.sort { ($0.reduced, $0.food) < ($1.reduced, $1.food) }
        return candidates.prefix(Self.foodsPerRound).map(\.food)
    }

    /// The smallest reduced cost of a portion step of each food outside the model, with the
    /// final model's duals (an optimal dual solution of the full LP). Any plan that holds a
    /// step of a food costs at least the LP optimum plus that reduced cost.
    public func reducedCostsOutside(_ result: Result) -> [(reduced: Double, food: Int)] {
        guard let duals = result.solution.rowDuals else { return [] }
        return reducedCosts(plan: result.model, duals: duals, foods: result.usableFoods, inModel: Set(result.foodsInModelList),
                            cost: result.stepCosts, slots: request.meals.map(\.slot))
    }

    func reducedCosts(plan: PlanModel, duals: [Double], foods: [Int], inModel: Set<Int>, cost: [Double], slots: [MealSlot]) -> [(reduced: Double, food: Int)] {
        let days = plan.dayCount
        let columns = table.nutrients.count
        let slotIndex = Dictionary(uniqueKeysWithValues: slots.enumerated().map { ($1, $0) })
        // Dual weights per (day, slot): per nutrient column, per gram, per group, per portion.
        let cells = days * slots.count
        var nutrientWeight = [Double](repeating: 0, count: cells * columns)
        var gramWeight = [Double](repeating: 0, count: cells)
        var priceWeight = [Double](repeating: 0, count: cells)
        var portionWeight = [Double](repeating: 0, count: cells)
        var groupWeight: [[String: Double]] = Array(repeating: [:], count: cells)
        for row in 0 ..< duals.count {
            let dual = duals[row]
            guard dual != 0 else { continue }
            let day = plan.rowDay[row]
            // A row of the whole plan (day -1) prices a food's portion on every day alike.
            let cellsOfRow = day < 0 ? Array(0 ..< cells)
                : plan.rowSlot[row].map { [day * slots.count + slotIndex[$0]!] } ?? (0 ..< slots.count).map { day * slots.count + $0 }
            for cell in cellsOfRow {
                switch plan.rowSource[row] {
                case .nutrient(let column, let factor): nutrientWeight[cell * columns + column] += factor * dual
                case .grams(let factor): gramWeight[cell] += factor * dual
                case .price(let factor): priceWeight[cell] += factor * dual
                case .portions(let factor): portionWeight[cell] += factor * dual
                case .groups(let groups, let factor):
                    for group in groups { groupWeight[cell][group, default: 0] += factor * dual }
                case .foodSpecific, .structure: break
                }
            }
        }
        let usedColumns = (0 ..< columns).filter { column in (0 ..< cells).contains { nutrientWeight[$0 * columns + column] != 0 } }
        var candidates: [(reduced: Double, food: Int)] = []
        candidates.reserveCapacity(foods.count)
        for food in foods where !inModel.contains(food) {
            let meals = table.meals[food]
            var best = Double.infinity
            for cell in 0 ..< cells where meals.contains(slots[cell % slots.count]) {
                var reduced = cost[food] - portionWeight[cell]
                for column in usedColumns { reduced -= table.nutrientValues[column][food] * nutrientWeight[cell * columns + column] }
                if gramWeight[cell] != 0 { reduced -= table.servingGrams[food] * gramWeight[cell] }
                if priceWeight[cell] != 0 { reduced -= table.prices[food] * priceWeight[cell] }
                if !groupWeight[cell].isEmpty { reduced -= groupWeight[cell][table.groups[food]] ?? 0 }
                best = min(best, reduced)
            }
            if best.isFinite { candidates.append((best, food)) }
        }
        return candidates
    }
}
