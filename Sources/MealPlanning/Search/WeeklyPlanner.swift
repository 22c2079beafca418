import Foundation
import LinearProgramming

/// Finds the weekly plan.
///
/// A weekly integer model is the wrong shape for branch and bound: days are interchangeable
/// and the rules that span days (a food on at most K days, weekly servings) tie them together.
/// So the planner decomposes by day (Dantzig-Wolfe):
/// 1. the LP relaxation of one day gives the explanation (duals) and a first bound;
/// 2. a greedy day-by-day plan (each day a small MIP, foods that reached their K days left out)
///    gives a first week at once;
/// 3. column generation over day patterns: a master LP chooses how many days use each pattern
///    under the weekly rules; its duals price foods in a one-day MIP that proposes a new pattern;
///    the pricing bound gives a Lagrangian lower bound on the whole week;
/// 4. the master as an integer program over the generated patterns gives the plan.
/// Every bound reported is a proven lower bound on the best week under all rules.
public struct WeeklyPlanner {
    public let table: FoodTable
    public let request: PlanRequest
    public let solver: any Solver
    /// Asked between steps and during branch and bound: true ends the search with the best
    /// plan found so far (Ctrl-C).
    public var shouldStop: @Sendable () -> Bool = { false }
    /// How the food table is searched; `.automatic` uses column generation above
    /// ``largeTable`` usable foods when the request allows it.
    public var strategy: Strategy = .automatic
    /// A multiple of the bound pass's node budget: the integer week of a large table spends
    /// more there, where its proven bound over the whole table comes from.
    var boundPassEffort = 1

    public enum Strategy: String, CaseIterable, Sendable {
        case automatic = "auto"
        /// Every usable food in the model (day patterns, or one weekly LP with --relax).
        case fullModel = "full"
        /// The week's LP by column generation over the whole table, then the integer week over
        /// the foods it selected.
        case columnGeneration = "columns"
    }

    public init(table: FoodTable, request: PlanRequest, solver: any Solver) {
        self.table = table
        self.request = request
        self.solver = solver
    }

    static let interruptedNote = "The search was interrupted: this is the best plan found so far."

    public enum Outcome: Sendable {
        case plan(Plan)
        case noPlan(Infeasibility)
    }

    public enum PlanningError: Error, CustomStringConvertible {
        case solverFailed(String)
        case timeLimitWithoutPlan(String)
        case interruptedWithoutPlan

        public var description: String {
            switch self {
            case .solverFailed(let text): return "the solver failed: \(text)"
            case .timeLimitWithoutPlan(let text): return text
            case .interruptedWithoutPlan: return "interrupted before a first plan was found"
            }
        }
    }

    /// A day of the week as portion steps per (food, slot).
    struct Pattern: Hashable {
        /// Sorted (food, slot, steps).
        var portions: [Portion]
        var cost: Double

        struct Portion: Hashable {
            var food: Int
            var slot: MealSlot
            var steps: Double
        }

        var foods: [Int] { Array(Set(portions.map(\.food))).sorted() }

        func steps(of food: Int) -> Double { portions.filter { $0.food == food }.reduce(0) { $0 + $1.steps } }
    }

    public func plan(log: ((String) -> Void)? = nil) throws -> Outcome {
        try request.validate()
        let clock = ContinuousClock()
        let start = clock.now
        func elapsed() -> Double { let d = clock.now - start; return Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18 }
        let builder = PlanModelBuilder(table: table, request: request)
        let days = request.days
        let usableFoods = try builder.selectFoods().usable.count
        switch strategy {
        case .automatic:
            if ColumnGenerationLP.applies(to: request), usableFoods > Self.largeTable {
                return try planLargeTable(log: log, start: start)
            }
        case .columnGeneration:
            guard ColumnGenerationLP.applies(to: request) else { throw PlanRequestError.invalid(ColumnGenerationLP.notApplicableText) }
            return try planLargeTable(log: log, start: start)
        case .fullModel:
            break
        }

        // 1. One day, relaxed: feasibility, duals and a first bound. A plan of one day is its
        //    own week: the weekly rules (included foods among them) belong to its model.
        let oneDay = days == 1
        var dayOptions = PlanModelBuilder.Options()
        dayOptions.days = 1
        dayOptions.weeklyRules = oneDay
        dayOptions.relax = true
        let dayLP = try builder.build(dayOptions)
        let dayLPSolution = try solver.solve(dayLP.model, options: lpOptions())
        log?("one-day LP relaxation: \(dayLPSolution.status), \(dayLPSolution.objectiveValue.map { String($0) } ?? "-")")
        switch dayLPSolution.status {
        case .optimal: break
        case .infeasible, .infeasibleOrUnbounded:
            return .noPlan(try InfeasibilityDiagnosis(table: table, request: request, solver: solver).diagnose(weekly: oneDay))
        default:
            throw PlanningError.solverFailed("one-day LP relaxation: \(dayLPSolution.message)")
        }
        let explanation = Explanation(planModel: dayLP, solution: dayLPSolution, table: table, days: days)
        var bound = dayLPSolution.objectiveValue! * Double(days)

        if request.relaxPortions {
            // The whole week as one LP (weekly rules included).
            var weekOptions = PlanModelBuilder.Options()
            weekOptions.relax = true
            let weekLP = try builder.build(weekOptions)
            let solution = try solver.solve(weekLP.model, options: lpOptions())
            guard solution.status == .optimal else {
                if solution.status == .infeasible || solution.status == .infeasibleOrUnbounded {
                    return .noPlan(try InfeasibilityDiagnosis(table: table, request: request, solver: solver).diagnose(weekly: true))
                }
                throw PlanningError.solverFailed("weekly LP: \(solution.message)")
            }
            let items = weekLP.portions.compactMap { portion -> PlanItem? in
                let steps = solution.value(portion.variable)
                guard steps > 1e-7 else { return nil }
                return PlanItem(food: portion.food, day: portion.day, slot: portion.slot, servings: steps * request.portionStep)
            }
            var plan = Plan(request: request, items: items, quality: .relaxed, objective: solution.objectiveValue!,
                            bound: solution.objectiveValue!, strategy: "weekly LP (continuous portions)", seconds: elapsed(),
                            excluded: weekLP.excluded)
            if let note = Self.relaxedCountingNote(request) { plan.notes.append(note) }
            explanation.apply(to: &plan)
            return .plan(plan)
        }

        let hasWeeklyRules = (request.maxDaysPerFood.map { $0 < days } ?? false) || request.maxServingsPerWeek != nil
            || !request.includeFoods.isEmpty || request.minFoodsPerWeek != nil
        if oneDay || !hasWeeklyRules {
            // Days are independent and alike: the best day, every day.
            var options = PlanModelBuilder.Options()
            options.days = 1
            options.weeklyRules = oneDay
            let dayModel = try builder.build(options)
            let solution = try solver.solve(
                dayModel.model, options: mipOptions(timeLimit: request.timeLimit - elapsed(), nodes: PatternGeneration.singleDayNodes * request.effort))
            guard solution.status.hasSolution, let objective = solution.objectiveValue else {
                if solution.status == .infeasible {
                    return .noPlan(try InfeasibilityDiagnosis(table: table, request: request, solver: solver).diagnose(weekly: oneDay, integerOnly: true))
                }
                if shouldStop() { throw PlanningError.interruptedWithoutPlan }
                throw PlanningError.timeLimitWithoutPlan(Self.noPlanFoundText(solution.status, request: request))
            }
            var items: [PlanItem] = []
            for day in 0 ..< days {
                for portion in dayModel.portions {
                    let steps = solution.value(portion.variable).rounded()
                    if steps > 0 { items.append(PlanItem(food: portion.food, day: day, slot: portion.slot, servings: steps * request.portionStep)) }
                }
            }
            let dayBound = max(solution.bestBound ?? dayLPSolution.objectiveValue!, dayLPSolution.objectiveValue!)
            var plan = Plan(request: request, items: items, quality: solution.status == .optimal ? .optimal : .feasible,
                            objective: objective * Double(days), bound: dayBound * Double(days),
                            strategy: oneDay ? "one-day MIP" : "one-day MIP repeated (no rule spans days)", seconds: elapsed(), excluded: dayModel.excluded)
            if case .timeLimit = solution.status { plan.notes.append(Self.timeLimitNote) }
            explanation.apply(to: &plan)
            return .plan(plan)
        }

        // The LP relaxation of the whole week: the weekly rules make it a stronger bound than
        // the best relaxed day repeated (a week of the cheapest day breaks them).
        var weeklyLPFeasible = false
        if usableFoods * days <= Self.weeklyLPFoodDays {
            var weekOptions = PlanModelBuilder.Options()
            weekOptions.relax = true
            let weekLP = try solver.solve(try builder.build(weekOptions).model, options: lpOptions())
            log?("weekly LP relaxation: \(weekLP.status), \(weekLP.objectiveValue.map { String($0) } ?? "-")")
            switch weekLP.status {
            case .optimal:
                bound = max(bound, weekLP.objectiveValue!)
                weeklyLPFeasible = true
            case .infeasible, .infeasibleOrUnbounded:
                return .noPlan(try InfeasibilityDiagnosis(table: table, request: request, solver: solver).diagnose(weekly: true))
            default: break
            }
        }

        // 2.-4. Day patterns.
        var generation = PatternGeneration(planner: self, builder: builder, deadline: request.timeLimit, clockStart: start, log: log)
        let result = try generation.run(initialBound: bound)
        guard let result else {
            if shouldStop() { throw PlanningError.interruptedWithoutPlan }
            return try planWithoutPatterns(builder: builder, bound: bound, weeklyLPFeasible: weeklyLPFeasible, explanation: explanation,
                                           excluded: dayLP.excluded, elapsed: elapsed, log: log)
        }
        bound = max(bound, result.bound)
        let excluded = dayLP.excluded
        let quality: PlanQuality = (result.cost - bound) <= 1e-6 * max(1, abs(result.cost)) ? .optimal : .feasible
        var plan = Plan(request: request, items: result.items, quality: quality, objective: result.cost,
                        bound: min(bound, result.cost), strategy: "day patterns (\(result.patternCount) generated, \(result.rounds) pricing rounds)",
                        seconds: elapsed(), excluded: excluded)
        if generation.hitTimeLimit { plan.notes.append(Self.timeLimitNote) }
        if generation.interrupted || shouldStop() { plan.notes.append(Self.interruptedNote) }
        explanation.apply(to: &plan)
        return .plan(plan)
    }

    /// The day patterns gave no week (no integer day within the pricing node budget, or no
    /// week of the patterns found meets the weekly rules). Settles it: the weekly LP (no plan at
    /// all), one integer day without weekly rules (no plan in whole portions), then the whole
    /// week as one integer program, which either finds a plan, proves there is none, or stops
    /// at its budget.
    /// `bound` already holds the weekly LP's optimum when `weeklyLPFeasible`.
    func planWithoutPatterns(builder: PlanModelBuilder, bound: Double, weeklyLPFeasible: Bool, explanation: Explanation,
                             excluded: [ExcludedFood], elapsed: () -> Double, log: ((String) -> Void)?) throws -> Outcome {
        let diagnosis = InfeasibilityDiagnosis(table: table, request: request, solver: solver)
        var bound = bound
        if !weeklyLPFeasible {
            var weekOptions = PlanModelBuilder.Options()
            weekOptions.relax = true
            let weekLP = try solver.solve(try builder.build(weekOptions).model, options: lpOptions())
            log?("weekly LP relaxation: \(weekLP.status)")
            if weekLP.status == .infeasible || weekLP.status == .infeasibleOrUnbounded {
                return .noPlan(try diagnosis.diagnose(weekly: true))
            }
            bound = max(bound, weekLP.objectiveValue ?? bound)
        }
        var dayOptions = PlanModelBuilder.Options()
        dayOptions.days = 1
        dayOptions.weeklyRules = false
        let nodes = PatternGeneration.singleDayNodes * request.effort
        let day = try solver.solve(try builder.build(dayOptions).model, options: mipOptions(timeLimit: request.timeLimit - elapsed(), nodes: nodes))
        log?("one integer day: \(day.status)")
        if day.status == .infeasible { return .noPlan(try diagnosis.diagnose(weekly: false, integerOnly: true)) }
        let week = try builder.build(PlanModelBuilder.Options())
        let solution = try solver.solve(week.model, options: mipOptions(timeLimit: request.timeLimit - elapsed(), nodes: nodes))
        log?("weekly MIP: \(solution.status)")
        if solution.status == .infeasible { return .noPlan(try diagnosis.diagnose(weekly: true, integerOnly: true)) }
        guard solution.status.hasSolution, let objective = solution.objectiveValue else {
            if shouldStop() { throw PlanningError.interruptedWithoutPlan }
            throw PlanningError.timeLimitWithoutPlan(Self.noPlanFoundText(solution.status, request: request))
        }
        let items = week.portions.compactMap { portion -> PlanItem? in
            let steps = solution.value(portion.variable).rounded()
            return steps > 0 ? PlanItem(food: portion.food, day: portion.day, slot: portion.slot, servings: steps * request.portionStep) : nil
        }
        let weekBound = max(bound, solution.bestBound ?? bound)
        let quality: PlanQuality = (objective - weekBound) <= 1e-6 * max(1, abs(objective)) ? .optimal : .feasible
        var plan = Plan(request: request, items: items, quality: quality, objective: objective, bound: min(weekBound, objective),
                        strategy: "weekly MIP (no week from day patterns)", seconds: elapsed(), excluded: excluded)
        if case .timeLimit = solution.status { plan.notes.append(Self.timeLimitNote) }
        if shouldStop() { plan.notes.append(Self.interruptedNote) }
        explanation.apply(to: &plan)
        return .plan(plan)
    }

    /// The LP relaxation counts a food as a fraction (of its largest portion, or of one step),
    /// so a relaxed plan meets the rules that count foods only in that sense.
    static func relaxedCountingNote(_ request: PlanRequest) -> String? {
        var rules: [String] = []
        if request.maxFoodsPerMeal != nil || request.minFoodsPerMeal != nil { rules.append("foods per meal") }
        if request.minFoodsPerDay != nil { rules.append("foods per day") }
        if request.maxDaysPerFood.map({ $0 < request.days }) ?? false { rules.append("days per food") }
        if request.minFoodsPerWeek != nil { rules.append("foods per week") }
        guard !rules.isEmpty else { return nil }
        return "Continuous portions: the rules that count foods (\(rules.joined(separator: ", "))) hold only with foods counted "
            + "in fractions of a portion, as in the LP relaxation."
    }

    /// Why a search ended without a plan: its time limit, or its deterministic node budget.
    static func noPlanFoundText(_ status: SolutionStatus, request: PlanRequest) -> String {
        if case .timeLimit = status {
            return "no plan found within the time limit of \(request.timeLimit.cleanText) s; try a longer --time-limit"
        }
        let more = request.effort < 1000 ? "--effort \(min(1000, request.effort * 4))" : "fewer variety rules"
        return "no plan found within the search budget of effort \(request.effort) (\(status)); try \(more)"
    }

    /// The weekly LP bound is computed up to this many usable foods times days (at most about
    /// 120,000 columns; a few hundredths of a second for the bundled table's week).
    static let weeklyLPFoodDays = 30_000

    /// Above this many usable foods, a request that column generation can price is planned
    /// over the foods its LP selects.
    public static let largeTable = 3_000

    /// A large table: the week's LP over all foods by column generation (an exact lower bound),
    /// then the integer week over the foods that LP brought into its model.
    func planLargeTable(log: ((String) -> Void)?, start: ContinuousClock.Instant) throws -> Outcome {
        func elapsed() -> Double { let d = ContinuousClock.now - start; return Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18 }
        let lp = try ColumnGenerationLP(table: table, request: request, solver: solver).solve(log: log)
        guard lp.feasible else {
            return .noPlan(Infeasibility(conflict: lp.violatedRules, changes: [], integerOnly: false, isMinimal: false))
        }
        let strategy = "column generation over \(Double(table.count).grouped) foods (\(lp.foodsInModel) in the model, \(lp.rounds) rounds)"
        if request.relaxPortions {
            var plan = Plan(request: request, items: lp.items, quality: .relaxed, objective: lp.objective, bound: lp.objective,
                            strategy: strategy, seconds: elapsed(), excluded: lp.excluded)
            Explanation(planModel: lp.model, solution: lp.solution, table: table, days: 1).apply(to: &plan)
            return .plan(plan)
        }
        // The integer week over the LP's foods, then over every food that could still improve it.
        let columnGeneration = ColumnGenerationLP(table: table, request: request, solver: solver)
        guard var best = try integerWeek(over: lp.foodsInModelList, log: log, start: start) else {
            throw PlanningError.timeLimitWithoutPlan(
                "no integer plan over the \(lp.foodsInModel) foods the LP selected; try --relax for the LP plan")
        }
        // Reduced-cost fixing: a plan that holds one step of a food costs at least the LP optimum
        // plus that food's reduced cost, so a plan cheaper than the best one so far can only use
        // foods whose reduced cost is below the gap. The integer week over those foods has a
        // proven bound that holds for the whole table.
        var bound = lp.objective
        var searched = "\(lp.foodsInModel) LP foods"
        if best.plan.objective > lp.objective + 1e-9 * max(1, abs(lp.objective)) {
            let reduced = columnGeneration.reducedCostsOutside(lp).sorted { ($0.reduced, $0.food) < ($1.reduced, $1.food) }
            var foods = lp.foodsInModelList
            let firstBound = best.bound
            // The only bound known for the whole table until the search covers every food that
            // could improve the plan.
            var candidateBound = lp.objective
            for _ in 0 ..< 3 {
                let gap = best.plan.objective - lp.objective
                guard gap > request.relativeGap * max(abs(best.plan.objective), 1e-9), remaining(start) > 1 else { break }
                let tolerance = 1e-9 * max(1, abs(best.plan.objective))
                let needed = reduced.prefix { $0.reduced < gap - tolerance }.map(\.food)
                let complete = lp.foodsInModel + needed.count <= Self.fixingCap
                let candidates = Array(Set(lp.foodsInModelList).union(needed.prefix(Self.fixingCap - lp.foodsInModel))).sorted()
                log?("reduced-cost fixing: \(needed.count) foods below the gap \(gap); integer week over \(candidates.count)")
                if complete && needed.isEmpty {
                    candidateBound = firstBound
                    searched = "the \(lp.foodsInModel) LP foods, the only ones that could improve the plan"
                    break
                }
                // A search of a small part of the foods that could improve the plan seldom does,
                // and proves nothing.
                guard candidates.count > foods.count, needed.count <= 4 * Self.fixingCap else { break }
                foods = candidates
                let found: (plan: Plan, bound: Double, foods: [Int])?
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
            bound = max(lp.objective, min(best.plan.objective, candidateBound))
        }
        let sub = best.plan
        let candidates = best.foods
        let items = sub.items.map { PlanItem(food: candidates[$0.food], day: $0.day, slot: $0.slot, servings: $0.servings) }
        let quality: PlanQuality = sub.objective - bound <= 1e-6 * max(1, abs(sub.objective)) ? .optimal : .feasible
        var plan = Plan(request: request, items: items, quality: quality, objective: sub.objective, bound: bound,
                        strategy: strategy + "; integer week over \(searched): " + sub.strategy, seconds: elapsed(), excluded: lp.excluded)
        plan.bindingRules = sub.bindingRules
        plan.marginalFoods = sub.marginalFoods.map { MarginalFood(food: candidates[$0.food], reducedCostPerServing: $0.reducedCostPerServing) }
        plan.notes = sub.notes
        return .plan(plan)
    }

    /// Most foods in the integer week of a large table.
    static let fixingCap = 8_000

    func remaining(_ start: ContinuousClock.Instant) -> Double {
        let d = ContinuousClock.now - start
        return request.timeLimit - (Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18)
    }

    /// The integer week over some foods of the table, with its proven bound over those foods.
    func integerWeek(over foods: [Int], log: ((String) -> Void)?, start: ContinuousClock.Instant) throws -> (plan: Plan, bound: Double, foods: [Int])? {
        var smaller = request
        smaller.timeLimit = max(0.5, remaining(start))
        var subPlanner = WeeklyPlanner(table: table.subset(foods), request: smaller, solver: solver)
        subPlanner.shouldStop = shouldStop
        subPlanner.strategy = .fullModel
        subPlanner.boundPassEffort = 8
        guard case .plan(let plan) = try subPlanner.plan(log: log) else { return nil }
        return (plan, plan.bound ?? -.infinity, foods)
    }

    static let timeLimitNote = "The search stopped at the time limit, so another run may give a different plan; raise --time-limit for a repeatable one."

    func lpOptions() -> SolveOptions {
        var options = SolveOptions()
        options.method = .dualSimplex
        options.presolve = false
        return options
    }

    /// MIP settings: cuts on (they close most of GLPK's gap on these models), a node limit
    /// for deterministic effort, and the time left as a safety limit.
    func mipOptions(timeLimit: Double, gap: Double? = nil, nodes: Int? = nil) -> SolveOptions {
        var options = lpOptions()
        options.timeLimit = max(0.05, timeLimit)
        options.relativeGap = gap ?? request.relativeGap
        options.nodeLimit = nodes
        options.cuts = true
        let stop = shouldStop
        options.progress = { _ in stop() ? .stop : .proceed }
        return options
    }
}

/// Column generation over day patterns and the final integer master.
struct PatternGeneration {
    let planner: WeeklyPlanner
    let builder: PlanModelBuilder
    let deadline: Double
    let clockStart: ContinuousClock.Instant
    let log: ((String) -> Void)?

    var request: PlanRequest { planner.request }
    var table: FoodTable { planner.table }

    /// Deterministic effort: nodes per day MIP and pricing rounds.
    static let greedyNodes = 300
    static let pricingNodes = 200
    static let maxRounds = 30
    /// Pricing needs a better day, not the best one: its MIPs stop within 1 % of their bound.
    static let pricingGap = 0.01
    static let masterNodes = 20_000
    static let boundNodes = 300
    static let singleDayNodes = 5_000
    /// Effort multiplies the rounds; the node budget of each day MIP grows with it only up to
    /// this multiple, so that a large effort under a time limit spends its time on more rounds.
    static let nodeEffortCap = 2
    var nodeEffort: Int { min(request.effort, Self.nodeEffortCap) }

    /// Pricing problems over all foods per unit of effort, when the nearest foods give no pattern.
    static let fullPricings = 2

    /// Set when a solve stopped at the time limit rather than at its node or round budget.
    var hitTimeLimit = false
    /// Set when ``WeeklyPlanner/shouldStop`` ended the search early.
    var interrupted = false

    struct Result {
        var items: [PlanItem]
        var cost: Double
        var bound: Double
        var patternCount: Int
        var rounds: Int
    }

    func elapsed() -> Double {
        let d = ContinuousClock.now - clockStart
        return Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
    }

    /// Time left in the current phase. The phases share the time limit so that a search with a
    /// large effort still ends with a plan: the greedy week takes at most 30 % of the time left
    /// when it starts (each day its share), pricing rounds run until 75 % of the limit, the bound
    /// pass until 85 %, and the integer master has the rest. Node budgets end every phase long before that at the default effort.
    var remaining: Double { min(deadline, phaseEnd) - elapsed() }
    var phaseEnd = Double.infinity

    /// A day pattern read from a one-day solution, costed with the plan objective alone
    /// (without the dual prices that steered the pricing model).
    func pattern(from solution: Solution, of dayModel: PlanModel) -> WeeklyPlanner.Pattern {
        var portions: [WeeklyPlanner.Pattern.Portion] = []
        var cost = 0.0
        for portion in dayModel.portions {
            let steps = solution.value(portion.variable).rounded()
            guard steps > 0 else { continue }
            portions.append(.init(food: portion.food, slot: portion.slot, steps: steps))
            cost += baseStepCost[portion.food, default: 0] * steps
        }
        portions.sort { ($0.food, $0.slot) < ($1.food, $1.slot) }
        return WeeklyPlanner.Pattern(portions: portions, cost: cost + energyDeviationCost(solution, dayModel))
    }

    /// Objective per portion step of each food without dual adjustments.
    var baseStepCost: [Int: Double] = [:]

    func energyDeviationCost(_ solution: Solution, _ dayModel: PlanModel) -> Double {
        // The energy objective's deviation variables are named; their cost is in the model.
        var total = 0.0
        let model = dayModel.model
        for j in 0 ..< model.variableCount where model.name(of: VariableID(index: j)).hasPrefix("energy_deviation") {
            total += model.objectiveCoefficients[j] * solution.values[j]
        }
        return total
    }

    /// One day's best pattern under dual prices: the LP relaxation of the day (a valid lower
    /// bound on the day problem over all foods), then the integer day over the foods the LP
    /// uses plus those closest to entering, widened when that restricted day has no solution.
    struct DayResult {
        var pattern: WeeklyPlanner.Pattern?
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
    mutating func solveDay(_ options: PlanModelBuilder.Options, nodes: Int, proving incumbent: Double? = nil) throws -> DayResult? {
        var relaxed = options
        relaxed.relax = true
        let lpModel = try builder.build(relaxed)
        let lp = try planner.solver.solve(lpModel.model, options: planner.lpOptions())
        guard lp.status == .optimal, let lpValue = lp.objectiveValue, let reduced = lp.reducedCosts else { return nil }
        // Foods in the LP solution, then the others by their smallest reduced cost.
        var support = Set<Int>()
        var closeness: [Int: Double] = [:]
        for portion in lpModel.portions where !options.forbiddenFoods.contains(portion.food) {
            if lp.value(portion.variable) > 1e-7 { support.insert(portion.food) }
            closeness[portion.food] = min(closeness[portion.food] ?? .infinity, reduced[portion.variable.index])
        }
        let others = closeness.filter { !support.contains($0.key) }.sorted { ($0.value, $0.key) < ($1.value, $1.key) }
        let tolerance = 1e-9 * max(1, abs(lpValue))
        /// How many of the other foods could appear in a day cheaper than `value`.
        func needed(below value: Double) -> Int { others.prefix { $0.value < value - lpValue + tolerance }.count }
        var result = DayResult(pattern: nil, adjustedValue: nil, bound: lpValue)
        let extras = incumbent.map { [needed(below: $0)] } ?? [24, 64, others.count]
        for extra in extras {
            guard remaining > 0.02 else { break }
            var restricted = options
            restricted.onlyFoods = support.union(others.prefix(extra).map(\.key))
            let model = try builder.build(restricted)
            let solution = try planner.solver.solve(model.model, options: planner.mipOptions(timeLimit: remaining, gap: incumbent == nil ? PatternGeneration.pricingGap : 1e-4, nodes: nodes))
            if case .timeLimit = solution.status { hitTimeLimit = true }
            log?("  day MIP over \(restricted.onlyFoods!.count) foods: \(solution.status) in \(solution.statistics.seconds) s, \(solution.statistics.branchAndBoundNodes) nodes (LP \(lp.statistics.seconds) s)")
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
            if extra >= others.count { break }
        }
        return result
    }

    mutating func run(initialBound: Double) throws -> Result? {
        let days = request.days
        var dayOptions = PlanModelBuilder.Options()
        dayOptions.days = 1
        dayOptions.weeklyRules = false
        let plain = try builder.build(dayOptions)
        let foods = plain.foods
        for portion in plain.portions where baseStepCost[portion.food] == nil {
            baseStepCost[portion.food] = plain.model.objectiveCoefficients[portion.variable.index]
        }
        let maxDays = request.maxDaysPerFood.map { min($0, days) } ?? days
        let weekCapSteps = request.maxServingsPerWeek.map { ($0 / request.portionStep + 1e-9).rounded(.down) }
        let needsDayUse = request.maxDaysPerFood != nil || request.minFoodsPerWeek != nil

        var pool: [WeeklyPlanner.Pattern] = []
        var seen = Set<WeeklyPlanner.Pattern>()
        func add(_ pattern: WeeklyPlanner.Pattern) -> Bool {
            guard !pattern.portions.isEmpty, seen.insert(pattern).inserted else { return false }
            pool.append(pattern)
            return true
        }

        // Greedy week: each day the best day that the weekly rules still allow.
        let greedyStart = elapsed()
        var daysUsed = [Int](repeating: 0, count: table.count)
        var stepsUsed = [Double](repeating: 0, count: table.count)
        for day in 0 ..< days {
            if planner.shouldStop() {
                interrupted = true
                break
            }
            var options = dayOptions
            options.forbiddenFoods = Set(foods.filter { food in
                daysUsed[food] >= maxDays || (weekCapSteps.map { stepsUsed[food] + 1 > $0 } ?? false)
            })
            if let weekCapSteps {
                options.dailyStepCap = (0 ..< table.count).map { max(0, weekCapSteps - stepsUsed[$0]) }
            }
            // Included foods not placed yet are made attractive.
            if !request.includeFoods.isEmpty {
                var adjustment = [Double](repeating: 0, count: table.count)
                for id in request.includeFoods {
                    if let food = table.index(ofID: id), stepsUsed[food] == 0 {
                        adjustment[food] = -10 * (abs(baseStepCost[food] ?? 1) + 1)
                    }
                }
                options.portionCostAdjustment = adjustment
            }
            phaseEnd = greedyStart + 0.3 * (deadline - greedyStart) * Double(day + 1) / Double(days)
            var result = try solveDay(options, nodes: PatternGeneration.greedyNodes * nodeEffort)
            if result?.pattern == nil, remaining > 0.1 {
                // A hard day (tight targets over few foods): a larger budget before giving up.
                result = try solveDay(options, nodes: PatternGeneration.singleDayNodes * nodeEffort)
            }
            guard let result, let pattern = result.pattern else {
                log?("greedy day \(day + 1): no day plan")
                break
            }
            for food in pattern.foods { daysUsed[food] += 1 }
            for portion in pattern.portions { stepsUsed[portion.food] += portion.steps }
            _ = add(pattern)
            log?("greedy day \(day + 1): cost \(pattern.cost) at \(elapsed()) s")
        }

        // Column generation.
        phaseEnd = deadline * 0.75
        var bound = initialBound
        var rounds = 0
        var lastPricing: (master: MasterSolution, options: PlanModelBuilder.Options, incumbent: Double?)?
        var fullPricings = 0
        var lastFullPricing = -1
        while rounds < PatternGeneration.maxRounds * request.effort {
            guard remaining > 0.1 else {
                hitTimeLimit = true
                break
            }
            if planner.shouldStop() {
                interrupted = true
                break
            }
            guard let master = try solveMaster(pool: pool, integer: false, foods: foods, maxDays: maxDays,
                                               weekCapSteps: weekCapSteps, needsDayUse: needsDayUse) else { break }
            var options = dayOptions
            var portionAdjustment = [Double](repeating: 0, count: table.count)
            var dayAdjustment = [Double](repeating: 0, count: table.count)
            for (food, dual) in master.weekServingDuals { portionAdjustment[food] -= dual }
            for (food, dual) in master.includeDuals { portionAdjustment[food] -= dual }
            for (food, dual) in master.daysDuals { dayAdjustment[food] -= dual }
            for (food, dual) in master.weekUseDuals { dayAdjustment[food] -= dual }
            options.portionCostAdjustment = portionAdjustment
            if needsDayUse { options.dayUseCostAdjustment = dayAdjustment }
            guard let day = try solveDay(options, nodes: PatternGeneration.pricingNodes * nodeEffort) else { break }
            lastPricing = (master, options, day.adjustedValue)
            rounds += 1
            // Lagrangian bound: master LP + days x (least reduced cost), valid with any lower
            // bound on the pricing optimum.
            if !master.usesSlack {
                bound = max(bound, master.objective + Double(days) * min(0, day.bound - master.convexityDual))
            }
            log?("round \(rounds): master \(master.objective), pricing \(day.adjustedValue ?? .nan) - \(master.convexityDual), bound \(bound) at \(elapsed()) s")
            let tolerance = 1e-6 * max(1, abs(master.objective))
            if let pattern = day.pattern, let value = day.adjustedValue, value - master.convexityDual < -tolerance, add(pattern) {
                if master.objective - bound <= request.relativeGap * max(abs(master.objective), 1e-9) { break }
                continue
            }
            // The day over the nearest foods has no better pattern: ask the whole pricing
            // problem, which either finds one or bounds the week (and ends the generation).
            guard !master.usesSlack, fullPricings < PatternGeneration.fullPricings * request.effort, remaining > 0.2 else { break }
            fullPricings += 1
            let full = try fullPricing(options, master: master, incumbent: day.adjustedValue, days: days, bound: &bound)
            lastFullPricing = rounds
            guard let pattern = full, add(pattern) else { break }
        }

        // A stronger bound: the last pricing problem over all foods as a MIP, whose proven
        // bound (after GLPK's cuts and some branching) beats its LP relaxation.
        phaseEnd = deadline * 0.85
        if let (master, options, incumbent) = lastPricing, lastFullPricing != rounds, !master.usesSlack, remaining > 0.2, !planner.shouldStop() {
            _ = try fullPricing(options, master: master, incumbent: incumbent, days: days, bound: &bound)
        }

        // Integer master over the pool.
        phaseEnd = .infinity
        guard let integer = try solveMaster(pool: pool, integer: true, foods: foods, maxDays: maxDays,
                                            weekCapSteps: weekCapSteps, needsDayUse: needsDayUse),
              !integer.usesSlack
        else { return nil }
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

    /// The pricing day over all foods as a MIP: its proven bound (after GLPK's cuts and some
    /// branching) gives the Lagrangian bound, and its plan a new pattern when it improves the master.
    mutating func fullPricing(_ options: PlanModelBuilder.Options, master: MasterSolution, incumbent: Double?, days: Int, bound: inout Double) throws -> WeeklyPlanner.Pattern? {
        guard let day = try solveDay(options, nodes: PatternGeneration.boundNodes * nodeEffort * planner.boundPassEffort,
                                     proving: incumbent ?? .infinity) else { return nil }
        bound = max(bound, master.objective + Double(days) * min(0, day.bound - master.convexityDual))
        log?("full pricing: \(day.adjustedValue ?? .nan) (bound \(day.bound)) - \(master.convexityDual), week bound \(bound) at \(elapsed()) s")
        guard let pattern = day.pattern, let value = day.adjustedValue,
              value - master.convexityDual < -1e-6 * max(1, abs(master.objective)) else { return nil }
        return pattern
    }

    /// Orders day patterns so that repeated ones do not sit on consecutive days where avoidable.
    func spread(_ patterns: [Int]) -> [Int] {
        var counts: [Int: Int] = [:]
        for p in patterns { counts[p, default: 0] += 1 }
        var result: [Int] = []
        while result.count < patterns.count {
            let candidates = counts.filter { $0.value > 0 }.sorted { ($1.value, $0.key) < ($0.value, $1.key) }
            let pick = candidates.first { $0.key != result.last } ?? candidates[0]
            result.append(pick.key)
            counts[pick.key]! -= 1
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
        var usesSlack: Bool
    }

    func solveMaster(pool: [WeeklyPlanner.Pattern], integer: Bool, foods: [Int], maxDays: Int,
                     weekCapSteps: Double?, needsDayUse: Bool) throws -> MasterSolution? {
        guard !pool.isEmpty else { return nil }
        let days = Double(request.days)
        var model = Model(sense: .minimize)
        let penalty = 1000 * (1 + pool.map { abs($0.cost) }.max()!)
        let lambdas = pool.indices.map { index in
            model.addVariable(lower: 0, upper: days, kind: integer ? .integer : .continuous, objective: pool[index].cost,
                              name: "pattern\(index + 1)")
        }
        var slacks: [VariableID] = []
        func slack() -> VariableID {
            let variable = model.addVariable(lower: 0, objective: penalty)
            slacks.append(variable)
            return variable
        }
        // Foods that appear in the pool, with each pattern's use of them.
        var poolFoods = Set<Int>()
        for pattern in pool { poolFoods.formUnion(pattern.foods) }
        let foodsInPool = poolFoods.sorted()

        let convexitySlack = slack()
        let convexity = model.addConstraint(.equalTo(days), name: "days") { row in
            for (index, lambda) in lambdas.enumerated() where !pool[index].portions.isEmpty { row.add(1, lambda) }
            row.add(1, convexitySlack)
        }
        var daysRows: [Int: ConstraintID] = [:], servingRows: [Int: ConstraintID] = [:]
        var includeRows: [Int: ConstraintID] = [:], weekUseRows: [Int: ConstraintID] = [:]
        for food in foodsInPool {
            if request.maxDaysPerFood != nil && maxDays < request.days {
                let s = slack()
                daysRows[food] = model.addConstraint(.atMost(Double(maxDays)), name: "days[\(table.ids[food])]") { row in
                    for (index, pattern) in pool.enumerated() where pattern.foods.contains(food) { row.add(1, lambdas[index]) }
                    row.add(-1, s)
                }
            }
            if let cap = weekCapSteps {
                let s = slack()
                servingRows[food] = model.addConstraint(.atMost(cap), name: "week_servings[\(table.ids[food])]") { row in
                    for (index, pattern) in pool.enumerated() {
                        let steps = pattern.steps(of: food)
                        if steps > 0 { row.add(steps, lambdas[index]) }
                    }
                    row.add(-1, s)
                }
            }
        }
        for id in request.includeFoods {
            guard let food = table.index(ofID: id) else { continue }
            let s = slack()
            includeRows[food] = model.addConstraint(.atLeast(1), name: "include[\(id)]") { row in
                for (index, pattern) in pool.enumerated() {
                    let steps = pattern.steps(of: food)
                    if steps > 0 { row.add(steps, lambdas[index]) }
                }
                row.add(1, s)
            }
        }
        if let minimum = request.minFoodsPerWeek {
            var used: [VariableID] = []
            for food in foodsInPool {
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
        var options = planner.lpOptions()
        if integer {
            options = planner.mipOptions(timeLimit: max(0.2, remaining), gap: 1e-6, nodes: PatternGeneration.masterNodes * request.effort)
            // The master is small and gives the plan: it runs even after an interruption.
            options.progress = nil
        }
        let solution = try planner.solver.solve(model, options: options)
        guard solution.status.hasSolution, let objective = solution.objectiveValue else { return nil }
        let usesSlack = slacks.contains { solution.value($0) > 1e-7 }
        let slackCost = slacks.reduce(0.0) { $0 + penalty * solution.value($1) }
        func duals(_ rows: [Int: ConstraintID]) -> [Int: Double] {
            guard let rowDuals = solution.rowDuals else { return [:] }
            return rows.mapValues { rowDuals[$0.index] }
        }
        return MasterSolution(
            objective: objective - slackCost,
            counts: lambdas.map { Int(solution.value($0).rounded()) },
            convexityDual: solution.rowDuals?[convexity.index] ?? 0,
            daysDuals: duals(daysRows), weekServingDuals: duals(servingRows), includeDuals: duals(includeRows),
            weekUseDuals: duals(weekUseRows), usesSlack: usesSlack)
    }
}
