import Foundation

/// A plan summed over its days per food, with a quantity one can buy.
///
/// Foods served in whole items (`medium`, `slice`, `large egg`, `container`, ...) are bought as
/// whole items, rounded up: 4 1/2 servings of `1 medium` are `5 medium`. Everything else is
/// bought by weight, rounded up to the next 50 g (`about 750 g`, `about 1.25 kg`); a food
/// without a serving weight keeps its household amount.
public struct ShoppingList: Hashable, Sendable {
    public struct Line: Hashable, Sendable {
        /// Index into the food table.
        public var food: Int
        /// Servings over all the plan's days.
        public var servings: Double
        /// nil when the table gives no serving weight.
        public var grams: Double?
        /// The amount in household measures, e.g. `3 1/2 cups`.
        public var household: String
        /// What to buy, e.g. `5 medium`, `about 750 g`.
        public var purchase: String
        /// nil when the table gives no price.
        public var cost: Double?

        public init(food: Int, servings: Double, grams: Double?, household: String, purchase: String, cost: Double?) {
            self.food = food
            self.servings = servings
            self.grams = grams
            self.household = household
            self.purchase = purchase
            self.cost = cost
        }
    }

    /// One line per food, sorted by food group, then name, then id.
    public var lines: [Line]
    /// The sum of the lines' known costs.
    public var totalCost: Double

    /// Recipes are bought as their ingredients: a serving of a recipe that makes 4 servings
    /// buys a quarter of each ingredient (recipes within recipes too).
    public init(plan: Plan, table: FoodTable) {
        var servings: [Int: Double] = [:]
        func add(_ food: Int, _ amount: Double, depth: Int) {
            guard let recipe = table.recipes[food], depth < 32 else {
                servings[food, default: 0] += amount
                return
            }
            for ingredient in recipe.ingredients {
                guard let grams = table.grams(food: ingredient.food), grams > 0 else { continue }
                add(ingredient.food, amount * ingredient.grams / Double(recipe.servings) / grams, depth: depth + 1)
            }
        }
        for item in plan.items { add(item.food, item.servings, depth: 0) }
        let foods = servings.keys.sorted {
            (table.groups[$0], table.names[$0], table.ids[$0]) < (table.groups[$1], table.names[$1], table.ids[$1])
        }
        lines = foods.map { food in
            let total = servings[food]!
            let quantity = table.servingQuantities[food]
            let unit = table.servingUnits[food]
            let grams = table.grams(food: food).map { $0 * total }
            return Line(
                food: food, servings: total, grams: grams,
                household: HouseholdAmount.text(servings: total, quantity: quantity, unit: unit),
                purchase: Self.purchase(servings: total, quantity: quantity, unit: unit, grams: grams),
                cost: table.price(food: food).map { $0 * total })
        }
        totalCost = lines.reduce(0) { $0 + ($1.cost ?? 0) }
    }

    /// What to buy for `servings` of a food whose serving is `quantity` `unit`, weighing `grams` in all.
    public static func purchase(servings: Double, quantity: Double, unit: String, grams: Double?) -> String {
        let amount = servings * quantity
        if let words = countableWords(unit) {
            let count = max(1, Int((amount - 1e-9).rounded(.up)))
            return "\(count) \(itemUnit(words, count: count))"
        }
        if let grams, grams > 0 { return "about " + weightText(grams: grams) }
        return HouseholdAmount.text(servings: servings, quantity: quantity, unit: unit)
    }

    /// True when the unit names whole items (`medium`, `slice`, `large egg`), not a measure.
    public static func isCountable(unit: String) -> Bool { countableWords(unit) != nil }

    /// Grams rounded up to the next 50 g: `750 g`, from 1,000 g on in kg (`1.25 kg`).
    public static func weightText(grams: Double) -> String {
        let steps = max(1, Int((grams / 50 - 1e-9).rounded(.up)))
        if steps < 20 { return "\(steps * 50) g" }
        let hundredths = steps * 5
        let whole = hundredths / 100
        let rest = hundredths % 100
        if rest == 0 { return "\(whole) kg" }
        if rest % 10 == 0 { return "\(whole).\(rest / 10) kg" }
        return "\(whole).\(rest < 10 ? "0" : "")\(rest) kg"
    }

    /// Words that only size an item: the count applies to the food itself (`5 medium`).
    static let sizeWords: Set<String> = ["medium", "large", "small", "each", "whole", "jumbo", "extra large"]

    /// Item nouns, singular to plural.
    static let itemNouns: [String: String] = [
        "apple": "apples", "apricot": "apricots", "avocado": "avocados", "bagel": "bagels", "banana": "bananas",
        "bar": "bars", "biscuit": "biscuits", "bottle": "bottles", "breast": "breasts", "bun": "buns",
        "burrito": "burritos", "cake": "cakes", "can": "cans", "carrot": "carrots", "chop": "chops",
        "clementine": "clementines", "clove": "cloves", "container": "containers", "cookie": "cookies",
        "cracker": "crackers", "date": "dates", "drumstick": "drumsticks", "ear": "ears", "egg": "eggs",
        "fig": "figs", "fillet": "fillets", "frankfurter": "frankfurters", "item": "items", "jar": "jars",
        "kiwifruit": "kiwifruit", "leaf": "leaves", "lemon": "lemons", "lime": "limes", "link": "links",
        "muffin": "muffins", "onion": "onions", "orange": "oranges", "packet": "packets", "pancake": "pancakes",
        "patty": "patties", "peach": "peaches", "pear": "pears", "pepper": "peppers", "pie": "pies",
        "piece": "pieces", "pita": "pitas", "plum": "plums", "potato": "potatoes", "pouch": "pouches",
        "prune": "prunes", "roll": "rolls", "sandwich": "sandwiches", "sausage": "sausages", "slice": "slices",
        "spear": "spears", "stalk": "stalks", "steak": "steaks", "strip": "strips", "taco": "tacos",
        "thigh": "thighs", "tomato": "tomatoes", "tortilla": "tortillas", "waffle": "waffles",
        "wedge": "wedges", "white": "whites", "wing": "wings",
    ]

    static let singularOf: [String: String] = Dictionary(uniqueKeysWithValues: itemNouns.map { ($1, $0) })

    /// The unit's words when it names whole items, else nil.
    static func countableWords(_ unit: String) -> [String]? {
        let lowered = unit.lowercased().trimmingCharacters(in: .whitespaces)
        if sizeWords.contains(lowered) { return [lowered] }
        let words = lowered.split(separator: " ").map(String.init)
        guard let last = words.last else { return nil }
        guard itemNouns[last] != nil || singularOf[last] != nil else { return nil }
        return words
    }

    /// The unit for `count` items: `large egg` / `large eggs`, `stalk` / `stalks`, `medium`.
    static func itemUnit(_ words: [String], count: Int) -> String {
        guard words.count > 0, !sizeWords.contains(words.joined(separator: " ")) else { return words.joined(separator: " ") }
        let last = words.last!
        let singular = singularOf[last] ?? last
        let noun = count == 1 ? singular : (itemNouns[singular] ?? last)
        return (words.dropLast() + [noun]).joined(separator: " ")
    }
}
