import LinearProgramming

/// The budget: what the plan's foods cost, at most the request's weekly budget scaled to the
/// plan's days (`budget_week`). A model without the rules that span days (a day of the
/// day-pattern search) may hold a day's part of it instead (``PlanModelBuilder/Options/weeklyCaps``
/// under ``PlanRequest/budgetKey``): `budget_share[d1]`.
enum BudgetRule {
    static func add(_ c: ModelContext, to rows: inout ModelRows) {
        guard let rule = c.request.budgetRule else { return }
        let id = rows.family(.budget, "cost at most $\(rule.maximum!.grouped) a week", unit: "$", lower: nil, upper: rule.maximum,
                             subject: "the budget", per: "per week")
        let source = RowSource.price(factor: c.step)
        guard c.weekly else {
            guard let cap = c.options.weeklyCaps[PlanRequest.budgetKey] else { return }
            for day in 0 ..< c.days {
                rows.addRow(id, day: day, source: source, .atMost(cap), name: "budget_share[d\(day + 1)]") { row in
                    for portion in c.portions where portion.day == day { addPrice(c, portion, to: &row) }
                }
            }
            return
        }
        let most = rule.planBounds(days: c.weekDays).maximum! * c.weekShare
        rows.addRow(id, day: -1, source: source, .atMost(most), name: "budget_week") { row in
            for portion in c.portions { addPrice(c, portion, to: &row) }
        }
    }

    static func addPrice(_ c: ModelContext, _ portion: PortionVariable, to row: inout Model.RowWriter) {
        let price = c.table.prices[portion.food] * c.step
        if price != 0 { row.add(price, portion.variable) }
    }
}
