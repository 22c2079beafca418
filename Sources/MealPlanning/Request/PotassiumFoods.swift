/// The potassium foods people who plan for potassium look for (sweet potato, dried apricots,
/// lentils, avocado, spinach, banana, yogurt): a week holds at least ``atLeast`` of them, each
/// kind counted once. A kind is a food id or a food family of the table.
public struct PotassiumFoods: Hashable, Sendable, Codable {
    public var kinds: [String]
    public var atLeast: Int

    public static let defaultKinds = ["sweet-potato", "dried-apricots", "lentils", "avocado", "spinach", "banana", "yogurt"]

    public init(kinds: [String] = Self.defaultKinds, atLeast: Int = 3) {
        self.kinds = kinds
        self.atLeast = atLeast
    }

    /// The kind a food is of (its id first, then its family), if it is one.
    public func kind(of food: Int, in table: FoodTable) -> Int? {
        kinds.firstIndex(of: table.ids[food]) ?? kinds.firstIndex(of: table.family(food: food))
    }

    /// How many kinds a plan of `days` days over `foods` must hold: ``atLeast`` in a week, its
    /// share of a shorter plan (at least one), or fewer when fewer kinds have a food there (a
    /// diet or an exclusion leaves some out).
    public func needed(among foods: [Int], in table: FoodTable, days: Int) -> Int {
        let share = Int((Double(atLeast) * Double(min(days, 7)) / 7).rounded(.up))
        return min(share, Set(foods.compactMap { kind(of: $0, in: table) }).count)
    }

    /// `at least 3 of sweet potato, dried apricots, lentils, avocado, spinach, banana and yogurt`.
    public var text: String {
        let names = kinds.map { $0.replacingOccurrences(of: "-", with: " ") }
        let list = names.count > 1 ? names.dropLast().joined(separator: ", ") + " and " + names.last! : names.joined()
        return "at least \(atLeast) of \(list) in the week"
    }
}

extension PlanRequest {
    /// The request sets a potassium maximum of its own (as for kidney disease).
    public var limitsPotassium: Bool { nutrientRules.contains { $0.nutrient == Nutrient.potassium.key && $0.maximum != nil } }

    /// How many kinds of the potassium foods a plan over `foods` must hold (0: the rule is off,
    /// has nothing to hold, as in a table without those foods, or the request limits potassium,
    /// as for kidney disease, where asking for potassium-rich foods is the opposite of the aim).
    public func potassiumKindsNeeded(_ table: FoodTable, among foods: [Int]) -> Int {
        guard let potassiumFoods, !limitsPotassium else { return 0 }
        return potassiumFoods.needed(among: foods, in: table, days: days)
    }
}
