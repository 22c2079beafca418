import Foundation
import GLPK
import Testing
@testable import MealPlanning

/// The weekly budget, most potassium within the minimum-cost plan's cost plus 25 %, and
/// favourites on at least their days: each checked from the plan's items and the table.
@Suite(.serialized) struct BudgetAndFavoriteTests {
    static let table = WeekAcceptanceTests.table

    static func request(days: Int = 7, _ change: (inout PlanRequest) -> Void = { _ in }) -> PlanRequest {
        var request = PlanRequest(profile: Profile(sex: .female))
        request.days = days
        // The node and round budgets end each phase, not the clock.
        request.timeLimit = 600
        change(&request)
        return request
    }

    static func plan(_ request: PlanRequest) throws -> Plan? {
        guard case .plan(let plan) = try PlanningSession(table: table, solver: GLPKSolver()).plan(request) else { return nil }
        return plan
    }

    static func cost(_ items: [PlanItem]) -> Double { items.reduce(0.0) { $0 + table.prices[$1.food] * $1.servings } }

    @Test func mostPotassiumWithinTheCheapestDayPlusAQuarter() throws {
        let cheapest = try #require(try Self.plan(Self.request(days: 1)))
        let plan = try #require(try Self.plan(Self.request(days: 1) { $0.objective = .potassium }))
        let weekly = Self.cost(cheapest.items) * 7
        let budget = try #require(plan.request.budget)
        #expect(budget == (weekly * 1.25 * 100).rounded(.up) / 100)
        #expect(Self.cost(plan.items) <= budget / 7 + 1e-9)
        guard case .text(let budgetNote)? = plan.notes.first else {
            Issue.record("the first note is not the budget's: \(plan.notes)")
            return
        }
        #expect(budgetNote.hasPrefix("Budget $\(budget.grouped) a week: the minimum-cost plan for the same rules costs $\(weekly.grouped) a week, plus 25 %."))
        let potassium = Self.table.nutrientIndex(.potassium)!
        let total = { (items: [PlanItem]) in items.reduce(0.0) { $0 + Self.table.nutrientValues[potassium][$1.food] * $1.servings } }
        // The cheapest day is within the budget, so the most potassium is at least its.
        #expect(total(plan.items) >= total(cheapest.items) - 1e-6)
        #expect(PlanValidator(table: Self.table, request: plan.request).violations(of: plan.items).isEmpty)
    }

    @Test func aBudgetBelowEveryDayIsNoPlan() throws {
        let outcome = try PlanningSession(table: Self.table, solver: GLPKSolver()).plan(Self.request(days: 1) { $0.budget = 7 })
        guard case .noPlan(let why) = outcome else {
            Issue.record("a day for $1 was planned: \(outcome)")
            return
        }
        #expect(why.conflict.contains { $0.contains("cost at most $7 a week") }, "\(why.conflict)")
    }

    @Test func aFavouriteOnItsDays() throws {
        let plan = try #require(try Self.plan(Self.request { $0.favoriteDays = ["sweet-potato-baked": 3] }))
        let food = Self.table.index(ofID: "sweet-potato-baked")!
        let days = Set(plan.items.filter { $0.food == food }.map(\.day))
        #expect(days.count >= 3, "sweet potato on days \(days.sorted())")
        #expect(PlanValidator(table: Self.table, request: plan.request).violations(of: plan.items).isEmpty)
    }

    @Test func theValidatorHoldsAPlanToItsBudgetAndFavourites() throws {
        let plan = try #require(try Self.plan(Self.request(days: 1)))
        let cost = Self.cost(plan.items)
        let inPlan = Set(plan.items.map(\.food))
        let absent = try #require((0 ..< Self.table.count).first { !inPlan.contains($0) })
        var request = plan.request
        request.budget = 7
        request.favoriteDays = [Self.table.ids[absent]: 1, Self.table.ids[plan.items[0].food]: 1]
        let violations = PlanValidator(table: Self.table, request: request).violations(of: plan.items).map(\.message)
        #expect(Set(violations) == [
            "the plan costs $\(cost.grouped), above its budget of $1 (7 a week for 1 day)",
            "favourite \(Self.table.ids[absent]) is on 0 days, below 1",
        ], "\(violations)")
    }

    @Test func requestFilesHoldBudgetsAndFavourites() throws {
        func decode(_ text: String) throws -> PlanRequest { try PlanRequestCoding.decode(Data(text.utf8), fileName: "r.json") }
        let listed = try decode(#"{"version": 1, "profile": {"sex": "female"}, "favoriteFoods": ["banana", "lentils"], "budget": 40}"#)
        #expect(listed.favoriteDays == ["banana": 2, "lentils": 2] && listed.budget == 40)
        let counted = try decode(#"{"version": 1, "profile": {"sex": "female"}, "favoriteFoods": {"banana": 3}}"#)
        #expect(counted.favoriteDays == ["banana": 3] && counted.budget == nil)
        #expect(throws: PlanRequestError.self) { try decode(#"{"version": 1, "profile": {"sex": "female"}, "favoriteFoods": {"banana": 0}}"#) }
        do {
            _ = try decode(#"{"version": 1, "profile": {"sex": "female"}, "favoriteFoods": {"banana": 0}}"#)
        } catch {
            #expect("\(error)" == "r.json: favoriteFoods.banana: expected a number of days from 1 to 28")
        }
        let back = try decode(String(decoding: PlanRequestCoding.encode(counted), as: UTF8.self))
        #expect(back.favoriteDays == counted.favoriteDays)
        var budgeted = counted
        budgeted.budget = 35.5
        #expect(try decode(String(decoding: PlanRequestCoding.encode(budgeted), as: UTF8.self)).budget == 35.5)
        var invalid = PlanRequest(profile: Profile(sex: .female))
        invalid.budget = 0
        let error = #expect(throws: PlanRequestError.outOfRange(quantity: "weekly budget", value: 0, range: 0.01 ... 1_000_000)) { try invalid.validate() }
        #expect(error?.description == "weekly budget 0 is not in 0.01...1000000")
    }
}
