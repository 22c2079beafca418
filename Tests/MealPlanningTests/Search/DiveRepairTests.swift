import Foundation
import GLPK
import LinearProgramming
import Testing
@testable import MealPlanning

/// A dive's last chosen foods that make no whole day: one meal at a time is opened to every food
/// of the day model, the others keep their chosen foods.
@Suite struct DiveRepairTests {
    /// Breakfast of one breakfast main, lunch of one main. Beans are the cheaper lunch; the
    /// chosen foods below hold lentils at lunch and no breakfast main at all.
    static let table = try! FoodTable.parse(text: """
        id,name,serving_g,kcal,price_usd,meals,roles,family
        toast,Toast,30,80,0.20,breakfast,breakfast-main,toast
        oats,Oats,234,160,0.60,breakfast,breakfast-main,oats
        beans,Beans,180,230,1.00,lunch,main,beans
        lentils,Lentils,198,230,2.00,lunch,main,lentils

        """, fileName: "t.csv")

    static var request: PlanRequest {
        patternOnlyRequest(days: 1, [MealPattern(slot: .breakfast, parts: [.init([.breakfastMain], 1, 1)]),
                                     MealPattern(slot: .lunch, parts: [.init([.main], 1, 1)])])
    }

    /// The day model, and a copy whose "used" indicators allow only `chosen` (food ids by meal).
    static func models(chosen: [MealSlot: Set<String>]) throws -> (day: PlanModel, chosen: Model) {
        var options = PlanModelBuilder.Options()
        options.days = 1
        options.weeklyRules = false
        let day = try PlanModelBuilder(table: table, request: request).build(options)
        var model = day.model
        for (i, portion) in day.portions.enumerated() {
            let use = try #require(day.mealUse[i])
            let allowed = chosen[portion.slot, default: []].contains(table.ids[portion.food])
            model.setBounds(of: use, lower: 0, upper: allowed ? 1 : 0)
        }
        return (day, model)
    }

    static func generation(repairNodes: Int) -> PatternGeneration {
        var planner = WeeklyPlanner(table: table, request: request, solver: GLPKSolver())
        planner.budget.diveRepairNodes = repairNodes
        return PatternGeneration(planner: planner, builder: PlanModelBuilder(table: table, request: request),
                                 deadline: request.timeLimit, clockStart: .now, log: nil)
    }

    /// The foods a solution holds, by meal.
    static func foods(_ values: [Double], of day: PlanModel) -> [MealSlot: Set<String>] {
        var foods: [MealSlot: Set<String>] = [:]
        for portion in day.portions where values[portion.variable.index] > 0.5 {
            foods[portion.slot, default: []].insert(table.ids[portion.food])
        }
        return foods
    }

    @Test func theFirstMealThatMendsTheDayIsOpenedAndTheOthersKeepTheirFoods() throws {
        let (day, chosen) = try Self.models(chosen: [.lunch: ["lentils"]])
        // The chosen foods alone make no day: breakfast has no main.
        let alone = try GLPKSolver().solve(chosen, options: SolveOptions())
        #expect(alone.status == .infeasible)
        let values = try #require(try Self.generation(repairNodes: 60).repairMeal(of: day, chosen: chosen))
        // Breakfast opened: its cheapest main. Lunch keeps lentils, though beans cost less.
        #expect(Self.foods(values, of: day) == [.breakfast: ["toast"], .lunch: ["lentils"]])
    }

    @Test func aLaterMealIsOpenedWhenAnEarlierOneCannotMendTheDay() throws {
        let (day, chosen) = try Self.models(chosen: [.breakfast: ["oats"]])
        let values = try #require(try Self.generation(repairNodes: 60).repairMeal(of: day, chosen: chosen))
        #expect(Self.foods(values, of: day) == [.breakfast: ["oats"], .lunch: ["beans"]])
    }

    @Test func noRepairWithoutNodes() throws {
        let (day, chosen) = try Self.models(chosen: [.lunch: ["lentils"]])
        #expect(try Self.generation(repairNodes: 0).repairMeal(of: day, chosen: chosen) == nil)
    }

    @Test func noRepairWhenNoMealAloneCanMendIt() throws {
        // Neither meal has a main: opening one leaves the other without.
        let (day, chosen) = try Self.models(chosen: [:])
        #expect(try Self.generation(repairNodes: 60).repairMeal(of: day, chosen: chosen) == nil)
    }
}
