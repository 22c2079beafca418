import Testing

@testable import MealPlanning

@Suite("Shopping list")
struct ShoppingListTests {
    static let table: FoodTable = {
        var table = FoodTable(nutrients: [.energy, .potassium])
        func add(_ id: String, _ name: String, _ quantity: Double, _ unit: String, grams: Double = .nan, price: Double = .nan,
                 group: String) {
            try! table.append(id: id, name: name, servingQuantity: quantity, servingUnit: unit, servingGrams: grams,
                              nutrientValues: [100, 300], price: price, meals: MealSlots(MealSlot.allCases), group: group)
        }
        add("potato", "Baked potato, with skin", 1, "medium", grams: 173, price: 0.40, group: "starchy-vegetable")
        add("spinach", "Spinach, cooked", 0.5, "cup", grams: 90, price: 0.50, group: "vegetable")
        add("egg", "Hard-boiled egg", 1, "large egg", grams: 50, price: 0.25, group: "egg")
        add("bread", "Whole-wheat bread", 1, "slice", grams: 32, price: 0.15, group: "grain")
        add("oatmeal", "Oatmeal, cooked", 1, "cup", grams: 234, price: 0.25, group: "grain")
        add("celery", "Celery", 2, "stalks", grams: 80, price: 0.20, group: "vegetable")
        add("avocado", "Avocado", 0.5, "avocado", grams: 100.5, price: 0.90, group: "fruit")
        add("olive-oil", "Olive oil", 1, "tbsp", group: "fat-condiment")
        add("salmon", "Salmon, baked", 3, "oz", grams: 85, price: 2.10, group: "fish")
        return table
    }()

    static func food(_ id: String) -> Int { table.index(ofID: id)! }

    static func plan(_ portions: [(String, Int, MealSlot, Double)]) -> Plan {
        Plan(request: PlanRequest(profile: nil),
             items: portions.map { PlanItem(food: food($0.0), day: $0.1, slot: $0.2, servings: $0.3) },
             quality: .optimal, objective: 0, bound: nil, strategy: "test", seconds: 0, excluded: [])
    }

    struct Row: Equatable, CustomStringConvertible {
        var id: String
        var servings: Double
        var grams: Double?
        var household: String
        var purchase: String
        var cost: Double?
        var description: String { "\(id) \(servings) \(grams.map { "\($0)" } ?? "nil") '\(household)' '\(purchase)' \(cost.map { "\($0)" } ?? "nil")" }
    }

    static func rows(_ list: ShoppingList) -> [Row] {
        list.lines.map {
            Row(id: table.ids[$0.food], servings: $0.servings, grams: $0.grams.map { ($0 * 1000).rounded() / 1000 },
                household: $0.household, purchase: $0.purchase, cost: $0.cost.map { ($0 * 10000).rounded() / 10000 })
        }
    }

    @Test("the week summed per food, sorted by group then name")
    func lines() {
        var portions: [(String, Int, MealSlot, Double)] = []
        for day in 0 ..< 7 {
            portions.append(("potato", day, .dinner, day < 3 ? 1.5 : 0.5))
            portions.append(("spinach", day, .lunch, 1))
            portions.append(("oatmeal", day, .breakfast, 1))
        }
        portions += [
            ("egg", 0, .breakfast, 2), ("egg", 1, .breakfast, 1.5),
            ("bread", 2, .lunch, 2), ("bread", 3, .lunch, 1.5),
            ("celery", 4, .snack, 1.5), ("avocado", 5, .lunch, 1.5),
            ("olive-oil", 0, .dinner, 1.5), ("olive-oil", 1, .dinner, 1),
            ("salmon", 2, .dinner, 1), ("salmon", 5, .dinner, 2),
        ]
        let list = ShoppingList(plan: Self.plan(portions), table: Self.table)
        #expect(Self.rows(list) == [
            Row(id: "egg", servings: 3.5, grams: 175, household: "3 1/2 large eggs", purchase: "4 large eggs", cost: 0.875),
            Row(id: "olive-oil", servings: 2.5, grams: nil, household: "2 1/2 tbsp", purchase: "2 1/2 tbsp", cost: nil),
            Row(id: "salmon", servings: 3, grams: 255, household: "9 oz", purchase: "about 300 g", cost: 6.3),
            Row(id: "avocado", servings: 1.5, grams: 150.75, household: "3/4 avocado", purchase: "1 avocado", cost: 1.35),
            Row(id: "oatmeal", servings: 7, grams: 1638, household: "7 cups", purchase: "about 1.65 kg", cost: 1.75),
            Row(id: "bread", servings: 3.5, grams: 112, household: "3 1/2 slices", purchase: "4 slices", cost: 0.525),
            Row(id: "potato", servings: 6.5, grams: 1124.5, household: "6 1/2 medium", purchase: "7 medium", cost: 2.6),
            Row(id: "celery", servings: 1.5, grams: 120, household: "3 stalks", purchase: "3 stalks", cost: 0.3),
            Row(id: "spinach", servings: 7, grams: 630, household: "3 1/2 cups", purchase: "about 650 g", cost: 3.5),
        ])
        #expect(abs(list.totalCost - 17.2) < 1e-9)
    }

    @Test("an empty plan has an empty list")
    func empty() {
        let list = ShoppingList(plan: Self.plan([]), table: Self.table)
        #expect(list.lines.isEmpty)
        #expect(list.totalCost == 0)
    }

    @Test("purchasable quantities", arguments: [
        (4.5, 1.0, "medium", 778.5, "5 medium"),
        (1.0, 1.0, "medium", 173.0, "1 medium"),
        (0.5, 1.0, "medium", 86.5, "1 medium"),
        (2.0, 1.0, "large egg", 100.0, "2 large eggs"),
        (1.0, 1.0, "large egg", 50.0, "1 large egg"),
        (1.0, 2.0, "stalks", 80.0, "2 stalks"),
        (0.5, 2.0, "stalks", 40.0, "1 stalk"),
        (3.0, 1.0, "container", 510.0, "3 containers"),
        (2.5, 1.0, "tortilla", 120.0, "3 tortillas"),
        (1.5, 3.0, "patties", 76.5, "5 patties"),
        (1.0, 1.0, "medium ear", 103.0, "1 medium ear"),
        (3.0, 1.0, "medium ear", 309.0, "3 medium ears"),
        (2.0, 1.0, "sandwich", 252.0, "2 sandwiches"),
        (1.0, 1.0, "cup", 1.0, "about 50 g"),
        (1.0, 1.0, "cup", 50.0, "about 50 g"),
        (1.0, 1.0, "cup", 50.01, "about 100 g"),
        (3.0, 1.0, "cup", 702.0, "about 750 g"),
        (4.0, 1.0, "cup", 960.0, "about 1 kg"),
        (5.0, 1.0, "cup", 1001.0, "about 1.05 kg"),
        (5.0, 1.0, "cup", 1210.0, "about 1.25 kg"),
        (5.0, 1.0, "cup", 1260.0, "about 1.3 kg"),
        (10.0, 1.0, "cup", 2000.0, "about 2 kg"),
        (7.0, 3.0, "oz", 595.0, "about 600 g"),
        (10.0, 1.0, "fries", 760.0, "about 800 g"),
        (2.0, 6.0, "inch sub", 368.0, "about 400 g"),
    ])
    func purchase(servings: Double, quantity: Double, unit: String, grams: Double, expected: String) {
        #expect(ShoppingList.purchase(servings: servings, quantity: quantity, unit: unit, grams: grams) == expected)
    }

    @Test("a measure without a weight keeps its household amount")
    func noWeight() {
        #expect(ShoppingList.purchase(servings: 1.5, quantity: 1, unit: "cup", grams: nil) == "1 1/2 cups")
        #expect(ShoppingList.purchase(servings: 1.5, quantity: 1, unit: "slice", grams: nil) == "2 slices")
    }

    @Test("whole items and measures", arguments: [
        ("medium", true), ("large", true), ("small", true), ("each", true), ("slice", true), ("tortilla", true),
        ("large egg", true), ("large egg white", true), ("stalks", true), ("container", true), ("can", true),
        ("cup", false), ("cups", false), ("oz", false), ("fl oz", false), ("tbsp", false), ("tsp", false), ("g", false),
        ("fries", false), ("inch sub", false),
    ])
    func countable(unit: String, expected: Bool) {
        #expect(ShoppingList.isCountable(unit: unit) == expected)
    }
}
