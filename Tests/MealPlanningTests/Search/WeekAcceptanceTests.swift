import Foundation
import GLPK
import Testing
@testable import MealPlanning

/// The default week of each profile, read as the person who cooks it would: every property is
/// computed from the plan's items and the table, none is taken from the planner's report.
@Suite(.serialized) struct WeekAcceptanceTests {
    static let table = try! FoodPatternDataTests.shippedTable(recipes: true)

    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var request: PlanRequest
        var testDescription: String { name }
    }

    static let cases: [Case] = {
        func request(_ sex: Profile.Sex = .female, age: Int = 30, stage: Profile.LifeStage = .none, _ change: (inout PlanRequest) -> Void = { _ in }) -> PlanRequest {
            var request = PlanRequest(profile: Profile(sex: sex, age: age, lifeStage: stage))
            // A generous safety limit: the node and round budgets, not the clock, end each phase,
            // so that a loaded machine gives the plan an idle one gives.
            request.timeLimit = 600
            change(&request)
            return request
        }
        return [
            Case(name: "female", request: request()),
            Case(name: "male", request: request(.male)),
            Case(name: "vegan", request: request { $0.diets = [.vegan] }),
            Case(name: "vegetarian", request: request { $0.diets = [.vegetarian] }),
            Case(name: "pregnant, 25", request: request(age: 25, stage: .pregnant)),
            Case(name: "lactating, 30", request: request(stage: .lactating)),
            Case(name: "male, 70", request: request(.male, age: 70)),
            Case(name: "female, 16", request: request(age: 16)),
            Case(name: "objective sugar", request: request { $0.objective = .sugar }),
            Case(name: "objective potassium", request: request { $0.objective = .potassium }),
            Case(name: "one day", request: request { $0.days = 1 }),
            // The largest energy need (3,200 kcal) and the sodium objective at 3,000 kcal: days
            // of meals that cannot hold every weekly share, and greedy weeks that run out of days.
            Case(name: "male, 16, active", request: request(.male, age: 16) { $0.profile?.activity = .active }),
            Case(name: "male, 46, active, objective sodium", request: request(.male, age: 46) {
                $0.profile?.activity = .active
                $0.objective = .sodium
            }),
        ]
    }()

    /// Cup-equivalents of a food-group column over one day's items.
    static func amount(_ key: String, _ items: [PlanItem]) -> Double {
        guard let column = table.nutrients.firstIndex(where: { $0.key == key }) else { return .nan }
        return items.reduce(0) { total, item in
            let value = table.nutrientValues[column][item.food]
            return total + (value.isNaN ? 0 : value * item.servings)
        }
    }

    @Test(arguments: cases)
    func aWeekOfMeals(_ test: Case) throws {
        let request = test.request
        let outcome = try PlanningSession(table: Self.table, solver: GLPKSolver()).plan(request)
        guard case .plan(let plan) = outcome else {
            Issue.record("\(test.name): no plan: \(outcome)")
            return
        }
        let items = plan.items, days = request.days, table = Self.table
        // The plan's own request: the potassium objective's holds the budget it found.
        #expect(PlanValidator(table: table, request: plan.request).violations(of: items).isEmpty)
        if request.objective == .potassium, let budget = plan.request.budget {
            let cost = items.reduce(0.0) { $0 + table.prices[$1.food] * $1.servings }
            #expect(cost <= budget * Double(days) / 7 + 1e-6, "\(test.name): $\(cost) above the budget $\(budget)")
        } else if request.objective == .potassium {
            Issue.record("\(test.name): the potassium plan has no budget")
        }
        let grainColumn = table.nutrientIndex(.grains)!

        var fruit: [Double] = [], vegetables: [Double] = []
        for day in 0 ..< days {
            let dayItems = items.filter { $0.day == day }
            fruit.append(Self.amount(Nutrient.fruit.key, dayItems))
            vegetables.append(Self.amount(Nutrient.vegetablesWithLegumes.key, dayItems))
            let lunch = Set(dayItems.filter { $0.slot == .lunch }.map(\.food))
            let dinner = Set(dayItems.filter { $0.slot == .dinner }.map(\.food))
            #expect(lunch.intersection(dinner).count <= 1, "\(test.name) day \(day + 1): lunch and dinner share \(lunch.intersection(dinner).map { table.ids[$0] })")
            // One milk a day (the same one at several meals), and one grain dish at breakfast.
            let milks = Set(dayItems.filter { table.family(food: $0.food) == "milk" }.map(\.food))
            #expect(milks.count <= 1, "\(test.name) day \(day + 1): milks \(milks.map { table.ids[$0] })")
            let grains = dayItems.filter { $0.slot == .breakfast && table.nutrientValues[grainColumn][$0.food] >= 0.5 }
            #expect(grains.count <= 1, "\(test.name) day \(day + 1): breakfast grains \(grains.map { table.ids[$0.food] })")
            for item in dayItems where item.slot == .breakfast && table.recipes[item.food] == nil {
                #expect(table.groups[item.food] != "legume" && table.role(food: item.food, at: .breakfast) != .main,
                        "\(test.name) day \(day + 1): \(table.ids[item.food]) at breakfast")
            }
            for slot in request.meals.map(\.slot) {
                let meal = dayItems.filter { $0.slot == slot }
                for item in meal {
                    guard let role = table.role(food: item.food, at: slot), role.isAccompaniment else { continue }
                    #expect(meal.contains { request.carries(table, carrier: $0.food, accompaniment: item.food, at: slot) },
                            "\(test.name) day \(day + 1): \(table.ids[item.food]) alone at \(slot.rawValue)")
                }
                guard let pattern = request.pattern(for: slot) else { continue }
                for part in pattern.parts where part.min > 0 {
                    let count = meal.filter { table.role(food: $0.food, at: slot).map(part.roles.contains) ?? false }.count
                    #expect(count >= part.min, "\(test.name) day \(day + 1): \(slot.rawValue) lacks \(part.text)")
                }
            }
        }
        let pattern = FoodGroupPattern.nearest(kcal: request.resolvedEnergyTarget!)
        #expect(fruit.allSatisfy { $0 > 0 }, "\(test.name): a day without fruit \(fruit)")
        #expect(fruit.reduce(0, +) / Double(days) >= 1.5 - 1e-9, "\(test.name): fruit \(fruit)")
        #expect(vegetables.allSatisfy { $0 >= pattern.vegetables - 1e-6 }, "\(test.name): vegetables \(vegetables)")
        // The potassium foods people plan for, by name: at least 3 in a week, 1 in a day.
        let names = ["sweet potato", "dried apricots", "lentils", "avocado", "spinach", "banana", "yogurt"]
        let held = Set(items.compactMap { item in names.first { table.names[item.food].lowercased().contains($0) } })
        #expect(held.count >= (days == 1 ? 1 : 3), "\(test.name): potassium foods \(held.sorted())")
        let distinct = Set(items.map(\.food)).count
        #expect(distinct >= (days == 1 ? 8 : 20), "\(test.name): \(distinct) foods")
        // A week of days, not one day twice.
        let dayFoods = (0 ..< days).map { day in Set(items.filter { $0.day == day }.map(\.food)) }
        #expect(Set(dayFoods).count == days, "\(test.name): days with the same foods")
        print("\(test.name): $\(plan.objective) bound \(plan.bound.map { String($0) } ?? "-") foods \(distinct) fruit \(fruit) vegetables \(vegetables) \(plan.seconds) s")
    }
}
