import LinearProgramming

/// One portion variable: half servings (or the request's step) of a food at a meal.
public struct PortionVariable: Hashable, Sendable {
    public var food: Int
    public var day: Int
    public var slot: MealSlot
    public var variable: VariableID
}

/// A plan request turned into an optimization model, with the maps that decode its solution
/// and name its rows. Portion variables count portion steps (half servings by default).
///
/// The search reads its variables through the typed handles below (`portions`, `mealUse`,
/// `dayUse`, `energyDeviation`, `weekUse`), never by looking up a column's name.
public struct PlanModel: Sendable {
    public var model: Model
    public let request: PlanRequest
    public let dayCount: Int
    public let slots: [MealSlot]
    public let step: Double
    /// Table indices of the foods the model may use, in table order.
    public let foods: [Int]
    /// Foods left out, with why (missing values, diet, exclusions).
    public let excluded: [ExcludedFood]
    public var portions: [PortionVariable] = []
    /// `mealUse[i]`: the "food used at this meal" indicator of `portions[i]`, when the rules need one.
    public var mealUse: [VariableID?] = []
    /// `dayUse[f][d]`: the "food used on day d" indicator of `foods[f]`, when the rules need one.
    public var dayUse: [[VariableID]] = []
    /// `energyDeviation[d]`: how far day d's energy is from the target, for the "closest to the
    /// energy target" objective (empty without that objective).
    public var energyDeviation: [VariableID] = []
    /// `weekUse[f]`: the "food used in the week" indicator of `foods[f]`, with a minimum of
    /// different foods per week.
    public var weekUse: [VariableID] = []
    public var families: [RuleFamily] = []
    /// The family of each constraint row.
    public var rowFamily: [Int] = []
    /// Day (0-based) of each row, or -1 for weekly rows.
    public var rowDay: [Int] = []
    /// Meal of each row that belongs to one meal.
    public var rowSlot: [MealSlot?] = []
    /// What each row's coefficient of a portion variable is made of, so that a food outside a
    /// restricted model can be priced against the rows' duals (column generation).
    public var rowSource: [RowSource] = []
    /// Elastic variables per family (lower side, upper side) when built for diagnosis.
    public var elastic: [Int: (lower: VariableID?, upper: VariableID?)] = [:]
    /// Portion variables of foods that only the food filter keeps out (diagnosis builds).
    public var filteredPortions: [VariableID] = []
}
