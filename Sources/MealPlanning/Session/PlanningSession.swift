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
        let tableNotes = request.adapted(to: table).notes
        var planner = WeeklyPlanner(table: table, request: request, solver: solver)
        planner.strategy = strategy
        planner.shouldStop = shouldStop
        let outcome = try planner.plan(log: log)
        guard case .plan(var plan) = outcome else { return outcome }
        plan.notes += tableNotes
        let violations = PlanValidator(table: table, request: request).violations(of: plan.items, relaxed: plan.quality == .relaxed)
        guard violations.isEmpty else { throw RejectedPlan(violations: violations) }
        return .plan(plan)
    }
}
