/// The part a food plays in a meal. A small closed set: a meal pattern says how many items of
/// each role a meal holds, and the last five roles are accompaniments, never a menu item on
/// their own (they go with a carrier in the same meal, see ``FoodUsage``).
public enum FoodRole: String, CaseIterable, Sendable, Hashable, Codable, Comparable {
    /// The centre of a breakfast: cereal, eggs, pancakes, a breakfast dish.
    case breakfastMain = "breakfast-main"
    /// The centre of a lunch or dinner: meat, fish, tofu, a bean dish, a sandwich, a hearty soup.
    case main
    /// Rice, potatoes, bread, pasta, tortillas, a grain.
    case starchSide = "starch-side"
    case vegetableSide = "vegetable-side"
    /// A leafy salad.
    case salad
    case fruit
    /// Milk, yogurt, cheese as an item, fortified soy beverage.
    case dairy
    /// Coffee, tea, juice, soft drinks.
    case drink
    /// Nuts, crackers, popcorn, bars.
    case snack
    case dessert
    case spread
    case topping
    case cookingFat = "cooking-fat"
    case sweetener
    case condiment

    /// True for the roles that only go with another food (spread, topping, fat, sweetener, condiment).
    public var isAccompaniment: Bool {
        switch self {
        case .spread, .topping, .cookingFat, .sweetener, .condiment: true
        default: false
        }
    }

    /// The meals the role suits (a food's own meals narrow it further).
    public var meals: MealSlots {
        switch self {
        case .breakfastMain: MealSlots([.breakfast])
        case .main, .salad: MealSlots([.lunch, .dinner])
        case .starchSide: MealSlots([.breakfast, .lunch, .dinner])
        case .vegetableSide: MealSlots([.lunch, .dinner, .snack])
        case .snack: MealSlots([.snack])
        case .dessert: MealSlots([.lunch, .dinner, .snack])
        case .fruit, .dairy, .drink, .spread, .topping, .cookingFat, .sweetener, .condiment: MealSlots(MealSlot.allCases)
        }
    }

    /// When a food has several roles, the one it plays at a meal is the first of this order that
    /// suits the meal: a bread is a starch side at breakfast (with eggs) rather than the
    /// breakfast itself, and almonds are a snack at snack time and a topping elsewhere.
    public static let precedence: [FoodRole] = [
        .main, .starchSide, .vegetableSide, .salad, .breakfastMain, .fruit, .dairy, .drink, .snack, .dessert,
        .spread, .topping, .cookingFat, .sweetener, .condiment,
    ]

    public static func < (lhs: FoodRole, rhs: FoodRole) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }

    /// The role a food with these roles plays at a meal it suits, or nil when none of its roles suits the meal.
    public static func role(among roles: TagSet<FoodRole>, at slot: MealSlot) -> FoodRole? {
        precedence.first { roles.contains($0) && $0.meals.contains(slot) }
    }
}

/// How a food is eaten, beyond its nutrients: its roles, the family of its variants, what it
/// goes with when it is an accompaniment, and the smallest portion that is a real serving.
public struct FoodUsage: Hashable, Sendable {
    public var roles: TagSet<FoodRole>
    /// Variants of one food share a family (`milk`, `beans`, `rice`); empty: the food is its own.
    public var family: String
    /// For an accompaniment: the roles, families or food ids it goes with.
    public var pairsWith: [String]
    /// For an accompaniment: the most servings of it per serving of its carriers; NaN when not set.
    public var maxPerCarrier: Double
    /// The smallest sensible portion in servings; NaN when the planner's portion step is enough.
    public var minServings: Double

    public init(roles: TagSet<FoodRole> = TagSet(), family: String = "", pairsWith: [String] = [],
                maxPerCarrier: Double = .nan, minServings: Double = .nan) {
        self.roles = roles
        self.family = family
        self.pairsWith = pairsWith
        self.maxPerCarrier = maxPerCarrier
        self.minServings = minServings
    }

    public static let none = FoodUsage()

    public static func == (lhs: FoodUsage, rhs: FoodUsage) -> Bool {
        lhs.roles == rhs.roles && lhs.family == rhs.family && lhs.pairsWith == rhs.pairsWith
            && lhs.maxPerCarrier.bitPattern == rhs.maxPerCarrier.bitPattern
            && lhs.minServings.bitPattern == rhs.minServings.bitPattern
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(roles)
        hasher.combine(family)
        hasher.combine(pairsWith)
        hasher.combine(maxPerCarrier.bitPattern)
        hasher.combine(minServings.bitPattern)
    }
}

/// One ingredient of a recipe: a food of the table (by index) and its grams in the whole recipe.
public struct RecipeIngredient: Hashable, Sendable {
    public var food: Int
    public var grams: Double

    public init(food: Int, grams: Double) {
        self.food = food
        self.grams = grams
    }
}
