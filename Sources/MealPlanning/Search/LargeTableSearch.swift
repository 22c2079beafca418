import Foundation
import LinearProgramming

/// A large table: the week's LP over all foods by column generation (an exact lower bound),
/// then the integer week over the foods that LP brought into its model, then over every food
/// whose reduced cost says it could still improve the plan.
extension WeeklyPlanner {
    func planLargeTable(log: ((String) -> Void)?, start: ContinuousClock.Instant) throws -> Outcome {
        let lp = try ColumnGenerationLP(table: table, request: request, solver: solver).solve(log: log)
        guard lp.feasible else {
            return .noPlan(Infeasibility(conflict: lp.violatedRules, changes: [], integerOnly: false, isMinimal: false))
        }
        let strategy = "column generation over \(Double(table.count).grouped) foods (\(lp.foodsInModel) in the model, \(lp.rounds) rounds)"
        if request.relaxPortions {
            var plan = Plan(request: request, items: lp.items, quality: .relaxed, objective: lp.objective, bound: lp.objective,
                            strategy: strategy, seconds: Self.seconds(since: start), excluded: lp.excluded)
            Explanation(planModel: lp.model, solution: lp.solution, table: table, days: 1).apply(to: &plan)
            return .plan(plan)
        }
        guard let first = try integerWeek(over: lp.foodsInModelList, log: log, start: start) else {
            throw PlanningError.noIntegerPlanOverLPFoods(count: lp.foodsInModel)
        }
        let (best, bound, searched) = try reducedCostFixing(lp, best: first, log: log, start: start)
        let sub = best.plan
        let candidates = best.foods
        let items = sub.items.map { PlanItem(food: candidates[$0.food], day: $0.day, slot: $0.slot, servings: $0.servings) }
        let quality: PlanQuality = isOptimal(cost: sub.objective, bound: bound) ? .optimal : .feasible
        var plan = Plan(request: request, items: items, quality: quality, objective: sub.objective, bound: bound,
                        strategy: strategy + "; integer week over \(searched): " + sub.strategy, seconds: Self.seconds(since: start),
                        excluded: lp.excluded)
        plan.bindingRules = sub.bindingRules
        plan.marginalFoods = sub.marginalFoods.map { MarginalFood(food: candidates[$0.food], reducedCostPerServing: $0.reducedCostPerServing) }
        plan.notes = sub.notes
        return .plan(plan)
    }

    typealias SubWeek = (plan: Plan, bound: Double, foods: [Int])

    /// Reduced-cost fixing: a plan that holds one step of a food costs at least the LP optimum
    /// plus that food's reduced cost, so a plan cheaper than the best one so far can only use
    /// foods whose reduced cost is below the gap. The integer week over those foods has a
    /// proven bound that holds for the whole table. Returns the best week, the bound and what
    /// was searched.
    func reducedCostFixing(_ lp: ColumnGenerationLP.Result, best first: SubWeek, log: ((String) -> Void)?,
                           start: ContinuousClock.Instant) throws -> (SubWeek, Double, String) {
        var best = first
        var searched = "\(lp.foodsInModel) LP foods"
        guard best.plan.objective > lp.objective + 1e-9 * max(1, abs(lp.objective)) else { return (best, lp.objective, searched) }
        let reduced = ColumnGenerationLP(table: table, request: request, solver: solver).reducedCostsOutside(lp)
            .sorted { ($0.reduced, $0.food) < ($1.reduced, $1.food) }
        var foods = lp.foodsInModelList
        let firstBound = best.bound
        // The only bound known for the whole table until the search covers every food that
        // could improve the plan.
        var candidateBound = lp.objective
        let cap = budget.fixingCap
        for _ in 0 ..< budget.fixingRounds {
            let gap = best.plan.objective - lp.objective
            guard gap > request.relativeGap * max(abs(best.plan.objective), 1e-9), remaining(start) > budget.fixingTimeFloor else { break }
            let tolerance = 1e-9 * max(1, abs(best.plan.objective))
            let needed = reduced.prefix { $0.reduced < gap - tolerance }.map(\.food)
            let complete = lp.foodsInModel + needed.count <= cap
            let candidates = Array(Set(lp.foodsInModelList).union(needed.prefix(cap - lp.foodsInModel))).sorted()
            log?("reduced-cost fixing: \(needed.count) foods below the gap \(gap); integer week over \(candidates.count)")
            if complete && needed.isEmpty {
                candidateBound = firstBound
                searched = "the \(lp.foodsInModel) LP foods, the only ones that could improve the plan"
                break
            }
            // A search of a small part of the foods that could improve the plan seldom does,
            // and proves nothing.
            guard candidates.count > foods.count, needed.count <= budget.fixingSpread * cap else { break }
            foods = candidates
            let found: SubWeek?
            do { found = try integerWeek(over: candidates, log: log, start: start) } catch is PlanningError { found = nil }
            guard let week = found else { break }
            if complete {
                candidateBound = week.bound
                searched = "the \(candidates.count) foods that could improve the plan"
            }
            if week.plan.objective < best.plan.objective - tolerance { best = week }
            if complete { break }
        }
        // Every plan better than the best one uses only the searched foods, over which no
        // plan beats candidateBound.
        return (best, max(lp.objective, min(best.plan.objective, candidateBound)), searched)
    }

    func remaining(_ start: ContinuousClock.Instant) -> Double {
        request.timeLimit - Self.seconds(since: start)
    }

    /// The integer week over some foods of the table, with its proven bound over those foods.
    func integerWeek(over foods: [Int], log: ((String) -> Void)?, start: ContinuousClock.Instant) throws -> SubWeek? {
        var smaller = request
        smaller.timeLimit = max(budget.subPlanTimeFloor, remaining(start))
        var subPlanner = WeeklyPlanner(table: table.subset(foods), request: smaller, solver: solver)
        subPlanner.shouldStop = shouldStop
        subPlanner.strategy = .fullModel
        subPlanner.budget = budget
        subPlanner.boundPassEffort = budget.largeTableBoundPassEffort
        guard case .plan(let plan) = try subPlanner.plan(log: log) else { return nil }
        return (plan, plan.bound ?? -.infinity, foods)
    }
}
