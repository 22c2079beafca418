import Foundation
import LinearProgramming

extension PatternGeneration {
    /// One day's best pattern under dual prices: the LP relaxation of the day (a valid lower
    /// bound on the day problem over all foods), then the integer day over the foods the LP
    /// uses plus those closest to entering, widened when that restricted day has no solution.
    struct DayResult {
        var pattern: DayPattern?
        /// The restricted MIP's objective (with the dual adjustments), when a pattern was found.
        var adjustedValue: Double?
        /// Lower bound on the adjusted day objective over all foods.
        var bound: Double
    }

    /// The day's best pattern: first over the foods nearest to the LP's (``extras``), or, given
    /// the value of a known pattern (`proving`), over every food that could beat it.
    ///
    /// Reduced-cost fixing makes the restricted bound hold for all foods: a day that holds a
    /// step of a food costs at least the LP optimum plus that food's reduced cost, so when every
    /// food left out has a reduced cost above (pattern value - LP optimum), no day over all
    /// foods beats min(pattern value, restricted bound).
    /// `nodesFromStart`: the branch and bound of a structured day after its dive's day (by
    /// default ``SearchBudget/nodesFromStart``; 0 takes the dive's day as the answer).
    /// `searchPastStart`: a structured day whose branch and bound does not beat its dive's day
    /// in those nodes gets the whole node budget once.
    /// `apartFrom`: the foods of days the answer should not repeat (``PlanRequest/distinctDays``).
    /// A day with the same foods as one of them is planned again without the food that adds
    /// most to its objective, at most ``SearchBudget/distinctDayTries`` times. (A "differs"
    /// row in the day model would leave its LP close to the repeated day, and its dive seldom
    /// finds a whole day.) When no such day is found, the repeat is the answer: the integer
    /// master never puts it in a week beside the day it repeats.
    mutating func solveDay(_ options: PlanModelBuilder.Options, nodes: Int, proving incumbent: Double? = nil,
                           nodesFromStart: Int? = nil, searchPastStart: Bool = true, apartFrom: [Set<Int>] = []) throws -> DayResult? {
        var result = try solveDayOnce(options, nodes: nodes, proving: incumbent, nodesFromStart: nodesFromStart, searchPastStart: searchPastStart)
        var options = options
        for _ in 0 ..< budget.distinctDayTries {
            guard let pattern = result?.pattern, apartFrom.contains(Set(pattern.foods)) else { break }
            var objective: [Int: Double] = [:]
            for portion in pattern.portions { objective[portion.food, default: 0] += baseStepCost[portion.food, default: 0] * portion.steps }
            guard let costliest = objective.max(by: { ($0.value, $1.key) < ($1.value, $0.key) })?.key else { break }
            options.forbiddenFoods.insert(costliest)
            log?("  the day repeats another: again without \(table.ids[costliest])")
            guard let again = try solveDayOnce(options, nodes: nodes, proving: incumbent, nodesFromStart: nodesFromStart,
                                               searchPastStart: searchPastStart), again.pattern != nil else { break }
            result = again
        }
        return result
    }

    mutating func solveDayOnce(_ options: PlanModelBuilder.Options, nodes: Int, proving incumbent: Double?,
                               nodesFromStart: Int?, searchPastStart: Bool) throws -> DayResult? {
        guard let (lpValue, nearest, closeness) = try relaxedDay(options) else { return nil }
        var support = nearest
        // The cheapest known pattern a structured day can hold (a feasible day) is its answer
        // when branch and bound finds none, so its foods are in every restricted day.
        let known = structured ? cheapestKnownPattern(options) : nil
        if let known { support.formUnion(known.foods) }
        let others = closeness.filter { !support.contains($0.key) }.sorted { ($0.value, $0.key) < ($1.value, $1.key) }
        let tolerance = 1e-9 * max(1, abs(lpValue))
        /// How many of the other foods could appear in a day cheaper than `value`.
        func needed(below value: Double) -> Int { others.prefix { $0.value < value - lpValue + tolerance }.count }
        var result = DayResult(pattern: nil, adjustedValue: nil, bound: lpValue)
        let extras = incumbent.map { [needed(below: $0)] } ?? (widensDays ? budget.restrictedDayExtras + [others.count] : [budget.restrictedDayExtras[0]])
        for extra in extras {
            guard remaining > budget.dayMIPTimeFloor else { break }
            var restricted = options
            restricted.onlyFoods = support.union(others.prefix(extra).map(\.key))
            let model = try builder.build(restricted)
            var mipOptions = planner.mipOptions(timeLimit: remaining, gap: incumbent == nil ? budget.pricingGap : budget.provingGap, nodes: nodes)
            var startValue: Double?
            if structured {
                startValue = try startFromDive(model, options: &mipOptions, nodesFromStart: nodesFromStart)
                if let start = mipOptions.mipStart, let startValue, mipOptions.nodeLimit == 0 {
                    result.pattern = pattern(from: Solution(status: .nodeLimit(hasSolution: true), objectiveValue: startValue, values: start), of: model)
                    result.adjustedValue = startValue
                    return result
                }
                // No dive's day and nothing known to fall back on: branch and bound without a
                // start seldom finds a day of meals, so a wider day comes first.
                if mipOptions.mipStart == nil, known == nil, incumbent == nil, extra < others.count { continue }
            }
            var solution = try planner.solver.solve(model.model, options: mipOptions)
            // No better than its start: the whole node budget, once.
            if searchPastStart, let startValue, let value = solution.objectiveValue, mipOptions.nodeLimit != nodes,
               value >= startValue - budget.optimalityTolerance * max(1, abs(startValue)), remaining > budget.dayMIPTimeFloor {
                (mipOptions.nodeLimit, mipOptions.timeLimit) = (nodes, max(budget.solveTimeFloor, remaining))
                solution = try planner.solver.solve(model.model, options: mipOptions)
            }
            if case .timeLimit = solution.status { hitTimeLimit = true }
            log?("  day MIP over \(model.foods.count) foods: \(solution.status), \(solution.objectiveValue.map { String($0) } ?? "-") in \(solution.statistics.seconds) s, \(solution.statistics.branchAndBoundNodes) nodes (LP \(lpValue))")
            let best = [solution.objectiveValue, incumbent].compactMap { $0 }.min()
            if let best, let restrictedBound = solution.bestBound ?? (solution.status == .infeasible ? .infinity : nil),
               needed(below: best) <= extra {
                result.bound = max(result.bound, min(best, restrictedBound))
            }
            if solution.status.hasSolution, let value = solution.objectiveValue {
                result.pattern = pattern(from: solution, of: model)
                result.adjustedValue = value
                return result
            }
            if let known, let values = try self.solution(of: known, in: model) {
                result.pattern = known
                result.adjustedValue = model.model.objectiveValue(at: values)
                return result
            }
            if extra >= others.count { break }
        }
        return result
    }

    /// GLPK's branch and bound starts from the dive's day (a known pattern as its start stalls
    /// GLPK's own heuristics: it is the answer only when nothing else is), and from a good start
    /// it seldom improves much after a few nodes. Returns the start's objective.
    func startFromDive(_ model: PlanModel, options: inout SolveOptions, nodesFromStart: Int?) throws -> Double? {
        options.mipStart = try dive(model)
        let value = options.mipStart.map { model.model.objectiveValue(at: $0) }
        log?("  start over \(model.foods.count) foods: \(value.map(\.description) ?? "no day") at \(elapsed()) s")
        guard value != nil, let limit = options.nodeLimit else { return nil }
        options.nodeLimit = min(limit, nodesFromStart ?? budget.nodesFromStart * nodeEffort)
        return value
    }

    /// The foods a restricted day starts from: those in the day's LP solution, and with meal
    /// patterns the nearest of each role (so that a restricted day can fill its meals); and
    /// every food's smallest reduced cost (its closeness to entering). Nil when the LP has no
    /// optimum.
    func relaxedDay(_ options: PlanModelBuilder.Options) throws -> (lpValue: Double, support: Set<Int>, closeness: [Int: Double])? {
        var relaxed = options
        relaxed.relax = true
        let lpModel = try builder.build(relaxed)
        let lp = try planner.solver.solve(lpModel.model, options: planner.lpOptions())
        guard lp.status == .optimal, let lpValue = lp.objectiveValue, let reduced = lp.reducedCosts else { return nil }
        var support = Set<Int>()
        var closeness: [Int: Double] = [:]
        for portion in lpModel.portions where !options.forbiddenFoods.contains(portion.food) {
            if lp.value(portion.variable) > 1e-7 { support.insert(portion.food) }
            closeness[portion.food] = min(closeness[portion.food] ?? .infinity, reduced[portion.variable.index])
        }
        if request.usesMealStructure(table) {
            var byRole: [FoodRole: [(food: Int, closeness: Double)]] = [:]
            for portion in lpModel.portions where !options.forbiddenFoods.contains(portion.food) {
                for role in table.usages[portion.food].roles.members { byRole[role, default: []].append((portion.food, closeness[portion.food]!)) }
            }
            for (_, candidates) in byRole.sorted(by: { $0.key < $1.key }) {
                let nearest = candidates.sorted { ($0.closeness, $0.food) < ($1.closeness, $1.food) }
                var seen = Set<Int>()
                for candidate in nearest where seen.insert(candidate.food).inserted {
                    support.insert(candidate.food)
                    if seen.count >= budget.foodsPerRole { break }
                }
            }
        }
        return (lpValue, support, closeness)
    }
}
