/// What one meal is made of: for each part, which roles fill it and how many items of them
/// the meal holds. A role no part names cannot be served at that meal; accompaniments
/// (spreads, toppings, fats, sweeteners, condiments) are not parts: they go with a carrier
/// (see the pairing rule), at most ``maxAccompaniments`` of them per meal.
public struct MealPattern: Hashable, Sendable, Codable {
    public struct Part: Hashable, Sendable, Codable {
        public var roles: [FoodRole]
        public var min: Int
        public var max: Int

        public init(_ roles: [FoodRole], _ min: Int, _ max: Int) {
            self.roles = roles
            self.min = min
            self.max = max
        }

        /// `a main`, `1-2 vegetable sides or salads`, `up to 1 fruit or dessert`.
        public var text: String {
            let names = roles.map { $0.rawValue.replacingOccurrences(of: "-", with: " ") }
            let what = names.count > 1 ? names.dropLast().joined(separator: ", ") + " or " + names.last! : names[0]
            switch (min, max) {
            case (let low, let high) where low == high: return "\(low) \(what)"
            case (0, let high): return "up to \(high) \(what)"
            default: return "\(min)-\(max) \(what)"
            }
        }
    }

    public var slot: MealSlot
    public var parts: [Part]
    public var maxAccompaniments: Int

    public init(slot: MealSlot, parts: [Part], maxAccompaniments: Int = 3) {
        self.slot = slot
        self.parts = parts
        self.maxAccompaniments = maxAccompaniments
    }

    /// The part a menu role fills at this meal, if any.
    public func part(for role: FoodRole) -> Int? { parts.firstIndex { $0.roles.contains(role) } }

    /// Whether a food playing `role` may be served at this meal.
    public func admits(_ role: FoodRole) -> Bool { role.isAccompaniment || part(for: role) != nil }

    /// Breakfast: a breakfast main and a fruit, perhaps a dairy food, a drink and a starch side
    /// (toast with eggs). Lunch: a main, one or two vegetable sides or salads, perhaps a starch,
    /// a fruit and a drink or dairy food. Dinner: a main, one or two vegetable sides or salads,
    /// perhaps a starch, a fruit or dessert and a drink or dairy food. Snack: one or two of
    /// fruit, a snack, a dairy food or a raw vegetable, perhaps a drink.
    public static let defaults: [MealPattern] = [
        MealPattern(slot: .breakfast, parts: [
            Part([.breakfastMain], 1, 1), Part([.fruit], 1, 1), Part([.dairy], 0, 1), Part([.drink], 0, 1), Part([.starchSide], 0, 1),
        ]),
        MealPattern(slot: .lunch, parts: [
            Part([.main], 1, 1), Part([.vegetableSide, .salad], 1, 2), Part([.starchSide], 0, 1), Part([.fruit], 0, 1),
            Part([.dairy, .drink], 0, 1),
        ]),
        MealPattern(slot: .dinner, parts: [
            Part([.main], 1, 1), Part([.vegetableSide, .salad], 1, 2), Part([.starchSide], 0, 1), Part([.fruit, .dessert], 0, 1),
            Part([.dairy, .drink], 0, 1),
        ]),
        MealPattern(slot: .snack, parts: [
            Part([.fruit, .snack, .dairy, .vegetableSide], 1, 2), Part([.drink], 0, 1),
        ], maxAccompaniments: 1),
    ]

    /// One line per meal: `breakfast: 1 breakfast main, 1 fruit, up to 1 dairy, ...`.
    public var text: String { "\(slot.rawValue): " + parts.map(\.text).joined(separator: ", ") }
}

extension PlanRequest {
    /// The pattern of a meal, when patterns are on and the meal has one.
    public func pattern(for slot: MealSlot) -> MealPattern? { mealPatterns.first { $0.slot == slot } }

    /// The role a food plays at a meal under this request: its role there (see
    /// ``FoodTable/role(food:at:)``), and only when the meal's pattern admits it. Without
    /// patterns (or a table without roles) every food the meal suits may be served, role or not.
    public func servedRole(_ table: FoodTable, food: Int, at slot: MealSlot) -> (allowed: Bool, role: FoodRole?) {
        guard table.meals[food].contains(slot) else { return (false, nil) }
        guard usesMealStructure(table), let pattern = pattern(for: slot) else { return (true, table.role(food: food, at: slot)) }
        guard let role = table.role(food: food, at: slot) else { return (false, nil) }
        return (pattern.admits(role), role)
    }

    /// Meal patterns and pairing apply: the request asks for them and the table has roles.
    public func usesMealStructure(_ table: FoodTable) -> Bool { !mealPatterns.isEmpty && table.hasRoles }

    /// The foods that can carry accompaniment `food` at a meal: those whose role there, family
    /// or id is one the accompaniment pairs with.
    public func carries(_ table: FoodTable, carrier: Int, accompaniment food: Int, at slot: MealSlot) -> Bool {
        guard carrier != food, let role = servedRole(table, food: carrier, at: slot).role, !role.isAccompaniment else { return false }
        let id = table.ids[carrier], family = table.family(food: carrier)
        return table.usages[food].pairsWith.contains { $0 == id || $0 == role.rawValue || $0 == family }
    }
}

extension PlanRequest {
    /// Whether a food counts as a main dish for ``maxDaysPerMain``: a recipe, or a food that is
    /// a main or a breakfast main at one of the planned meals.
    public func isMainDish(_ table: FoodTable, food: Int) -> Bool {
        if table.recipes[food] != nil { return true }
        guard table.hasRoles else { return false }
        return meals.contains { meal in
            let role = table.role(food: food, at: meal.slot)
            return role == .main || role == .breakfastMain
        }
    }

    /// Whether a food is itself a grain dish (a cereal, oatmeal, toast, a muffin): at least half
    /// an ounce-equivalent of grains a serving when the table has food-pattern amounts, its
    /// group otherwise. A breakfast of one takes no starch side; toast goes with eggs.
    public func isGrainDish(_ table: FoodTable, food: Int) -> Bool {
        if let grains = table.value(.grains, food: food) { return grains >= 0.5 }
        return table.groups[food] == "grain"
    }

    /// Whether a meal's starch sides need a breakfast main that is not a grain dish: the meal's
    /// pattern holds both breakfast mains and starch sides (breakfast).
    public func starchNeedsNonGrainMain(at slot: MealSlot) -> Bool {
        guard let pattern = pattern(for: slot) else { return false }
        return pattern.part(for: .breakfastMain) != nil && pattern.part(for: .starchSide) != nil
    }

    /// The days a favourite food is in the plan at least: its own number, at most the plan's days.
    public func favoriteDays(_ table: FoodTable, food: Int) -> Int? {
        favoriteDays[table.ids[food]].map { min($0, days) }
    }

    /// The mains rule can bind: it is shorter than the plan and the table knows main dishes.
    public func limitsMainDays(_ table: FoodTable) -> Bool {
        (maxDaysPerMain.map { $0 < days } ?? false) && (table.hasRoles || !table.recipes.isEmpty)
    }

    /// The most days of the plan a food may be on: the days-per-food rule and, for a main dish
    /// (``isMainDish(_:food:)``), the mains rule; nil when neither applies.
    public func maxDays(_ table: FoodTable, food: Int) -> Int? {
        var cap = maxDaysPerFood
        if let mains = maxDaysPerMain, isMainDish(table, food: food) { cap = min(cap ?? mains, mains) }
        return cap
    }
}
