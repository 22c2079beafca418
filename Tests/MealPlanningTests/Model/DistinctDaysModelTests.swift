import GLPK
import LinearProgramming
import Testing
@testable import MealPlanning

/// No two days of a week with the same foods, in the whole week's model (the one `export`
/// writes) and in the planner's weeks.
@Suite struct DistinctDaysModelTests {
    /// One lunch a day of a main and a vegetable side. The cheapest day is beans and carrot in
    /// half servings ($0.50 + $0.25); the next cheapest, beans and kale ($0.50 + $0.40), then
    /// lentils and carrot ($1.00 + $0.25), then lentils and kale ($1.40).
    static let table = try! FoodTable.parse(text: """
        id,name,serving_g,kcal,price_usd,meals,roles,family
        beans,Beans,180,230,1.00,lunch,main,beans
        lentils,Lentils,198,230,2.00,lunch,main,lentils
        carrot,Carrot,61,25,0.50,lunch,vegetable-side,carrot
        kale,Kale,16,8,0.80,lunch,vegetable-side,kale

        """, fileName: "t.csv")

    static func request(days: Int) -> PlanRequest {
        patternOnlyRequest(days: days, [MealPattern(slot: .lunch, parts: [.init([.main], 1, 1), .init([.vegetableSide], 1, 1)])])
    }

    /// The week's model solved as a whole: its cost and each day's foods by id.
    func solveWholeModel(_ request: PlanRequest) throws -> (cost: Double, days: [Set<String>]) {
        let plan = try PlanModelBuilder(table: Self.table, request: request).build()
        let solution = try GLPKSolver().solve(plan.model, options: SolveOptions())
        let cost = try #require(solution.objectiveValue)
        var days = [Set<String>](repeating: [], count: request.days)
        for portion in plan.portions where solution.value(portion.variable) > 0.5 {
            days[portion.day].insert(Self.table.ids[portion.food])
        }
        return (cost, days)
    }

    @Test func theWholeWeeksModelHoldsNoDayTwice() throws {
        // Three days: the three cheapest days of meals, each once.
        let (cost, days) = try solveWholeModel(Self.request(days: 3))
        #expect(abs(cost - (0.75 + 0.90 + 1.25)) < 1e-9)
        #expect(Set(days) == [["beans", "carrot"], ["beans", "kale"], ["lentils", "carrot"]])

        // With repeats allowed, the cheapest day three times.
        var repeating = Self.request(days: 3)
        repeating.distinctDays = false
        let (cheapest, same) = try solveWholeModel(repeating)
        #expect(abs(cheapest - 3 * 0.75) < 1e-9)
        #expect(Set(same) == [["beans", "carrot"]])

        // Five days from four possible days of meals: no such week.
        let plan = try PlanModelBuilder(table: Self.table, request: Self.request(days: 5)).build()
        #expect(try GLPKSolver().solve(plan.model, options: SolveOptions()).status == .infeasible)
    }

    @Test func thePlannersWeekHasNoDayTwice() throws {
        let request = Self.request(days: 4)
        let plan = try #require(planOf(try WeeklyPlanner(table: Self.table, request: request, solver: GLPKSolver()).plan()))
        let days = (0 ..< 4).map { day in Set(plan.items.filter { $0.day == day }.map { Self.table.ids[$0.food] }) }
        #expect(Set(days).count == 4)
        #expect(abs(plan.objective - (0.75 + 0.90 + 1.25 + 1.40)) < 1e-9)
        #expect(PlanValidator(table: Self.table, request: request).violations(of: plan.items).isEmpty)
    }
}
