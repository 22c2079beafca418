@testable import MealPlanning

/// A small food table and a hand-made week, with every number chosen so that totals can be
/// checked by hand.
enum ReportFixtures {
    static let vitaminC = Nutrient.forColumn("vitamin_c_mg")
    static let nutrients: [Nutrient] = [.energy, .protein, .fiber, .sugars, .potassium, .sodium, vitaminC]

    static let longName = "Salmon, Atlantic, farmed, baked with lemon, dill, olive oil and a description that goes on for a very long time"

    /// Columns: kcal, protein_g, fiber_g, sugars_g, potassium_mg, sodium_mg, vitamin_c_mg.
    static let table: FoodTable = {
        var table = FoodTable(nutrients: nutrients)
        func add(_ id: String, _ name: String, _ quantity: Double, _ unit: String, _ grams: Double, _ values: [Double],
                 price: Double, meals: [MealSlot], group: String) {
            try! table.append(id: id, name: name, servingQuantity: quantity, servingUnit: unit, servingGrams: grams,
                              nutrientValues: values, price: price, meals: MealSlots(meals), group: group)
        }
        add("oatmeal", "Oatmeal, cooked", 1, "cup", 234, [166, 6, 4, 0.5, 164, 9, 0], price: 0.25, meals: [.breakfast], group: "grain")
        add("banana", "Banana", 1, "medium", 118, [105, 1.5, 3, 14, 422, 1, 10], price: 0.30, meals: [.breakfast, .snack], group: "fruit")
        add("potato-baked", "Baked potato, with skin", 1, "medium", 173, [161, 4.5, 4, 2, 926, 17, 16], price: 0.40,
            meals: [.lunch, .dinner], group: "starchy-vegetable")
        add("lentils", "Lentils, boiled", 1, "cup", 198, [230, 18, 15.5, 3.5, 731, 4, 3], price: 0.45, meals: [.lunch, .dinner], group: "legume")
        add("spinach", "Spinach, cooked", 0.5, "cup", 90, [21, 2.5, 2, 0.5, 419, 63, 9], price: 0.50, meals: [.lunch, .dinner], group: "vegetable")
        add("yogurt", "Plain yogurt, lowfat", 1, "container", 170, [107, 9, 0, 12, 398, 119, 1.5], price: 0.80,
            meals: [.breakfast, .snack], group: "dairy")
        add("salmon", longName, 3, "oz", 85, [175, 19, 0, 0, 534, 52, 3], price: 2.10, meals: [.dinner], group: "fish")
        add("egg-boiled", "Hard-boiled egg", 1, "large egg", 50, [78, 6.5, 0, 0.5, 63, 62, .nan], price: 0.25, meals: [.breakfast], group: "egg")
        add("chickpeas", "Chickpeas, boiled", 1, "cup", 164, [269, 14.5, 12.5, 4.5, 477, 11, 2], price: 0.40, meals: [.lunch, .dinner], group: "legume")
        add("kale", "Kale, cooked", 1, "cup", 118, [43, 3.5, 4.5, 1, 170, 30, 21], price: 1.00, meals: [.lunch, .dinner], group: "vegetable")
        add("fish-chips", "Fish & <chips> \"special\" | extra", 1, "piece", 200, [400, 20, 3, 1, 600, 700, 5], price: 3,
            meals: [.dinner], group: "fish")
        add("mystery-bar", "Mystery bar", 1, "bar", .nan, [200, 5, 2, 20, 100, 150, 0], price: .nan, meals: [.snack], group: "sweet")
        return table
    }()

    static func food(_ id: String) -> Int { table.index(ofID: id)! }

    static var request: PlanRequest {
        var request = PlanRequest(profile: Profile(sex: .female, age: 30))
        request.nutrientRules = [NutrientRule(nutrient: "vitamin_c_mg", minimum: 75, source: "request")]
        return request
    }

    /// The same day every day, except that odd days (day 2, 4, 6) have chickpeas instead of lentils.
    static func items(days: Int = 7, lunchLegume: (Int) -> String = { $0 % 2 == 0 ? "lentils" : "chickpeas" }) -> [PlanItem] {
        var items: [PlanItem] = []
        for day in 0 ..< days {
            func add(_ id: String, _ slot: MealSlot, _ servings: Double) {
                items.append(PlanItem(food: food(id), day: day, slot: slot, servings: servings))
            }
            add("oatmeal", .breakfast, 1)
            add("banana", .breakfast, 1)
            add("egg-boiled", .breakfast, 2)
            add(lunchLegume(day), .lunch, 1)
            add("spinach", .lunch, 1)
            add("potato-baked", .lunch, 1)
            add("salmon", .dinner, 1)
            add("potato-baked", .dinner, 1.5)
            add("spinach", .dinner, 2)
            add("yogurt", .snack, 1)
            add("banana", .snack, 0.5)
        }
        return items
    }

    static func plan(items: [PlanItem] = items(), request: PlanRequest = request) -> Plan {
        var plan = Plan(request: request, items: items, quality: .feasible, objective: 0, bound: nil,
                        strategy: "week model", seconds: 2.345,
                        excluded: [ExcludedFood(food: food("mystery-bar"), reason: "no price")])
        plan.objective = PlanTotals(plan: plan, table: table).weeklyCost
        plan.bound = plan.objective * 0.99
        plan.bindingRules = [
            BindingRule(rule: "potassium ≥ 2,600 mg per day", amount: 100, unit: "mg", objectiveChange: -0.42, direction: "lowering"),
            BindingRule(rule: "energy 1,900-2,100 kcal per day", amount: 100, unit: "kcal", objectiveChange: -0.1,
                        direction: "raising the maximum of"),
        ]
        plan.marginalFoods = [MarginalFood(food: food("kale"), reducedCostPerServing: 0.03)]
        plan.notes = [.text("Portions are multiples of 0.5 servings.")]
        return plan
    }
}
