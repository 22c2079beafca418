/// The weeks of a plan. A plan of more than seven days is a run of weeks (days 1-7, 8-14, ...;
/// the last may be shorter), and every rule of a week holds in each of them: days per food and
/// per main dish, favourites, included foods, servings and foods per week, potassium foods.
/// The weekly amounts (food-group subgroups, nutrient rules of the week, the budget) are
/// rules of the whole plan, scaled to its days.
extension PlanRequest {
    /// Days in a week of the plan.
    public static let daysPerWeek = 7

    /// The days of each week of the plan, in order.
    public var weeks: [Range<Int>] {
        stride(from: 0, to: max(days, 1), by: Self.daysPerWeek).map { $0 ..< min($0 + Self.daysPerWeek, max(days, 1)) }
    }

    /// The same request for one week of the plan of `days` days: the rules of a week as they
    /// are, the weekly amounts and the budget scaled to the week's days.
    public func week(ofDays days: Int) -> PlanRequest {
        var week = self
        week.isWeekOfLongerPlan = self.days > Self.daysPerWeek || isWeekOfLongerPlan
        week.days = days
        return week
    }

    /// The days of the plan over all its weeks that a per-week number allows (a food on at
    /// most 3 days of each week: 3 + 3 + 3 + 3 over 28 days; at most each week's own days).
    public func overWeeks(_ perWeek: Int) -> Int {
        weeks.reduce(0) { $0 + Swift.min(perWeek, $1.count) }
    }
}
