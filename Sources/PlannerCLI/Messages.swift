import MealPlanning

// The domain's messages with the command line's names: where a message says what to change,
// it names the flag that changes it.

/// A search that ended without a plan, with the flag that gives it more room.
func message(for error: WeeklyPlanner.PlanningError) -> String {
    switch error {
    case .noPlanWithinTimeLimit(let seconds):
        return "no plan found within the time limit of \(seconds.cleanText) s; try a longer --time-limit"
    case .noPlanWithinEffort(let effort, let status):
        let more = effort < 1000 ? "--effort \(min(1000, effort * 4))" : "fewer variety rules"
        return "no plan found within the search budget of effort \(effort) (\(status)); try \(more)"
    case .noIntegerPlanOverLPFoods(let count):
        return "no integer plan over the \(count) foods the LP selected; try --relax for the LP plan"
    case .solverFailed, .interruptedWithoutPlan:
        return error.description
    }
}

/// Why no plan exists, naming `--portion-step` where a finer step may allow one.
func sentence(for infeasibility: Infeasibility) -> String {
    infeasibility.sentence(portionStep: "--portion-step")
}
