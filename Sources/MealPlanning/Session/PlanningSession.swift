import LinearProgramming

/// Plans a request against a food table and checks the plan: the search, then the independent
/// validator, so that no caller can print a plan it rejects. Used by `planner plan` and by every
/// line of `planner batch`.
public struct PlanningSession: Sendable {
    public let table: FoodTable
    public let solver: any Solver
    /// How the food table is searched.
    public var strategy: WeeklyPlanner.Strategy = .automatic
    /// Asked during the search: true ends it with the best plan found so far (Ctrl-C).
    public var shouldStop: @Sendable () -> Bool = { false }

    public init(table: FoodTable, solver: any Solver) {
        self.table = table
        self.solver = solver
    }

    /// A plan that the independent validator rejected (a bug in the model or the search).
    public struct RejectedPlan: Error, Sendable {
        public var violations: [PlanViolation]
    }

    /// The validated plan, or why no plan exists. Throws ``RejectedPlan`` rather than return a
    /// plan that breaks a rule of the request.
    /// A profile rule the table has no values for is left out (``PlanRequest/adapted(to:)``,
    /// as the builder and the validator take the request); the plan says so in a note.
    public func plan(_ request: PlanRequest, log: ((String) -> Void)? = nil) throws -> WeeklyPlanner.Outcome {
        guard request.needsDefaultBudget(table) else { return try search(request, log: log) }
        return try planWithinDefaultBudget(request, log: log)
    }

    /// Most potassium without a budget: the minimum-cost plan of the same request first, in
    /// half the time limit, then the most potassium for at most its cost plus
    /// ``PlanRequest/defaultBudgetMargin``, in the time left. The plan says so in a note.
    func planWithinDefaultBudget(_ request: PlanRequest, log: ((String) -> Void)?) throws -> WeeklyPlanner.Outcome {
        let start = ContinuousClock.now
        var cheapest = request
        cheapest.objective = .cost
        cheapest.timeLimit = max(PlanRequest.timeLimitRange.lowerBound, request.timeLimit / 2)
        log?("the minimum-cost plan first, for the budget")
        let first = try WeeklyPlanner.namingTimeLimit(of: request, part: cheapest) { try search(cheapest, log: log) }
        // No plan at minimum cost: the same rules with another objective have none either.
        guard case .plan(let cheapestPlan) = first else { return first }
        let cost = PlanTotals(plan: cheapestPlan, table: table).weeklyCost
        let weekly = cost * 7 / Double(request.days)
        var budgeted = request
        budgeted.budget = (weekly * (1 + PlanRequest.defaultBudgetMargin) * 100).rounded(.up) / 100
        budgeted.timeLimit = max(PlanRequest.timeLimitRange.lowerBound, request.timeLimit - WeeklyPlanner.seconds(since: start))
        let outcome = try WeeklyPlanner.namingTimeLimit(of: request, part: budgeted) { try search(budgeted, seed: cheapestPlan.items, log: log) }
        guard case .plan(var plan) = outcome else { return outcome }
        let margin = Int((PlanRequest.defaultBudgetMargin * 100).rounded())
        plan.notes.insert(.text("Budget $\(budgeted.budget!.grouped) a week: the minimum-cost plan for the same rules costs "
            + "$\(weekly.grouped) a week, plus \(margin) %. Set a budget to trade cost for potassium another way."), at: 0)
        return .plan(plan)
    }

    /// Searches and validates one request.
    func search(_ request: PlanRequest, seed: [PlanItem] = [], log: ((String) -> Void)?) throws -> WeeklyPlanner.Outcome {
        let tableNotes = request.adapted(to: table).notes
        var planner = WeeklyPlanner(table: table, request: request, solver: solver)
        planner.seedWeek = seed
        planner.strategy = strategy
        planner.shouldStop = shouldStop
        let outcome = try planner.plan(log: log)
        guard case .plan(var plan) = outcome else { return outcome }
        plan.notes += tableNotes.map(PlanNote.text)
        let violations = PlanValidator(table: table, request: request).violations(of: plan.items, relaxed: plan.quality == .relaxed)
        guard violations.isEmpty else { throw RejectedPlan(violations: violations) }
        return .plan(plan)
    }
}
