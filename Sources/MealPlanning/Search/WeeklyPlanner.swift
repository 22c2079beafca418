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
///
/// The phases live in their own files: ``WeekSearch`` (the relaxed day, the single-day plan, the
/// weekly LP and MIP), ``PatternGeneration`` (greedy week, pricing, bound pass, integer master)
/// and the large-table search (``ColumnGenerationLP`` then the integer week).
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
    /// Every node, round and time budget of the search.
    public var budget = SearchBudget.standard
    /// A plan of the same rules whose days the day-pattern search starts from (instead of a
    /// greedy week), so that it has a week from the start. Its objective has no energy term.
    public var seedWeek: [PlanItem] = []
    /// A multiple of the bound pass's node budget: the integer week of a large table spends
    /// more there, where its proven bound over the whole table comes from.
    var boundPassEffort = 1
    /// When the time limit ends (set by ``plan(log:)``): every LP of the search stops there too.
    var deadline: ContinuousClock.Instant?

    public enum Strategy: String, CaseIterable, Sendable {
        case automatic = "auto"
        /// Every usable food in the model (day patterns, or one weekly LP with continuous portions).
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

    static let interruptedNote = PlanNote.text("The search was interrupted: this is the best plan found so far.")

    public enum Outcome: Sendable {
        case plan(Plan)
        case noPlan(Infeasibility)
    }

    public enum PlanningError: Error, CustomStringConvertible {
        /// The phase of the search and the solver's own sentence.
        case solverFailed(String)
        /// No plan within the request's time limit (``PlanRequest/timeLimit``).
        case noPlanWithinTimeLimit(seconds: Double)
        /// No plan within the deterministic node budget of the request's effort.
        case noPlanWithinEffort(effort: Int, status: SolutionStatus)
        /// A large table: no integer week over the foods of the week's LP.
        case noIntegerPlanOverLPFoods(count: Int)
        case interruptedWithoutPlan

        public var description: String {
            switch self {
            case .solverFailed(let text): return "the solver failed: \(text)"
            case .noPlanWithinTimeLimit(let seconds):
                return "no plan found within the time limit of \(seconds.cleanText) s; try a longer time limit"
            case .noPlanWithinEffort(let effort, let status):
                return "no plan found within the search budget of effort \(effort) (\(status)); try "
                    + (effort < 1000 ? "an effort of \(min(1000, effort * 4))" : "fewer variety rules")
            case .noIntegerPlanOverLPFoods(let count):
                return "no integer plan over the \(count) foods the LP selected; plan with continuous portions for the LP plan"
            case .interruptedWithoutPlan: return "interrupted before a first plan was found"
            }
        }

        /// The search ended without a plan within its time or its effort (not a failure, not an interruption).
        public var isNoPlanFound: Bool {
            switch self {
            case .noPlanWithinTimeLimit, .noPlanWithinEffort, .noIntegerPlanOverLPFoods: return true
            case .solverFailed, .interruptedWithoutPlan: return false
            }
        }
    }

    /// Runs the search of a part of a request (a week of a longer plan, the cheapest plan
    /// before the most potassium) with its own share of the time limit: no plan within that
    /// share is said with the request's own time limit.
    static func namingTimeLimit<T>(of request: PlanRequest, part: PlanRequest, _ search: () throws -> T) throws -> T {
        do {
            return try search()
        } catch PlanningError.noPlanWithinTimeLimit(let seconds) where seconds == part.timeLimit {
            throw PlanningError.noPlanWithinTimeLimit(seconds: request.timeLimit)
        }
    }

    public func plan(log: ((String) -> Void)? = nil) throws -> Outcome {
        try request.validate()
        let start = ContinuousClock.now
        var planner = self
        planner.deadline = start + .milliseconds(Int64((request.timeLimit * 1000).rounded(.up)))
        return try planner.search(start: start, log: log)
    }

    private func search(start: ContinuousClock.Instant, log: ((String) -> Void)?) throws -> Outcome {
        let builder = PlanModelBuilder(table: table, request: request)
        let usableFoods = try builder.selectFoods().usable.count
        switch strategy {
        case .automatic:
            if ColumnGenerationLP.applies(to: request, table: table), usableFoods > budget.largeTable {
                return try planLargeTable(log: log, start: start)
            }
        case .columnGeneration:
            guard ColumnGenerationLP.applies(to: request, table: table) else { throw PlanRequestError.columnGenerationNotApplicable }
            return try planLargeTable(log: log, start: start)
        case .fullModel:
            break
        }
        if request.weeks.count > 1 {
            return try WeekByWeek(planner: self, start: start, log: log).run()
        }
        var search = WeekSearch(planner: self, builder: builder, start: start, log: log)
        return try search.run(usableFoods: usableFoods)
    }

    /// Seconds since `start`.
    static func seconds(since start: ContinuousClock.Instant) -> Double {
        let d = ContinuousClock.now - start
        return Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
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
    static func noPlanFound(_ status: SolutionStatus, request: PlanRequest) -> PlanningError {
        if case .timeLimit = status { return .noPlanWithinTimeLimit(seconds: request.timeLimit) }
        return .noPlanWithinEffort(effort: request.effort, status: status)
    }

    func lpOptions() -> SolveOptions {
        var options = SolveOptions()
        options.method = .dualSimplex
        options.presolve = false
        if let deadline { options.timeLimit = max(budget.solveTimeFloor, -Self.seconds(since: deadline)) }
        return options
    }

    /// MIP settings: cuts on (they close most of GLPK's gap on these models), a node limit
    /// for deterministic effort, and the time left as a safety limit.
    func mipOptions(timeLimit: Double, gap: Double? = nil, nodes: Int? = nil) -> SolveOptions {
        var options = lpOptions()
        options.timeLimit = max(budget.solveTimeFloor, timeLimit)
        options.relativeGap = gap ?? request.relativeGap
        options.nodeLimit = nodes
        options.cuts = true
        let stop = shouldStop
        options.progress = { _ in stop() ? .stop : .proceed }
        return options
    }

    /// Whether a plan's cost equals its bound within the search's tolerance.
    func isOptimal(cost: Double, bound: Double) -> Bool {
        cost - bound <= budget.optimalityTolerance * max(1, abs(cost))
    }
}
