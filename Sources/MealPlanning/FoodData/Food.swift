import Foundation

/// A nutrient column of the food table, per serving, with its unit.
///
/// The standard nutrients have fixed CSV column names; any other numeric column of a food
/// table becomes a custom nutrient named by its header (unit taken from a `_g`, `_mg`, `_ug`
/// or `_kcal` suffix), which request rules can still name.
public struct Nutrient: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The CSV column name, e.g. `potassium_mg`.
    public let key: String
    /// A readable name, e.g. `potassium`.
    public let displayName: String
    /// `mg`, `g`, `kcal`, `ug` or `""`.
    public let unit: String

    public init(key: String, displayName: String, unit: String) {
        self.key = key
        self.displayName = displayName
        self.unit = unit
    }

    public static let energy = Nutrient(key: "kcal", displayName: "energy", unit: "kcal")
    public static let protein = Nutrient(key: "protein_g", displayName: "protein", unit: "g")
    public static let fat = Nutrient(key: "fat_g", displayName: "fat", unit: "g")
    public static let carbohydrate = Nutrient(key: "carbs_g", displayName: "carbohydrate", unit: "g")
    public static let fiber = Nutrient(key: "fiber_g", displayName: "fiber", unit: "g")
    public static let sugars = Nutrient(key: "sugars_g", displayName: "total sugars", unit: "g")
    public static let addedSugars = Nutrient(key: "added_sugars_g", displayName: "added sugars", unit: "g")
    public static let potassium = Nutrient(key: "potassium_mg", displayName: "potassium", unit: "mg")
    public static let sodium = Nutrient(key: "sodium_mg", displayName: "sodium", unit: "mg")
    public static let calcium = Nutrient(key: "calcium_mg", displayName: "calcium", unit: "mg")
    public static let magnesium = Nutrient(key: "magnesium_mg", displayName: "magnesium", unit: "mg")

    /// The standard nutrients, in the order of the shipped table's columns.
    public static let standard: [Nutrient] = [
        .energy, .protein, .fat, .carbohydrate, .fiber, .sugars, .addedSugars,
        .potassium, .sodium, .calcium, .magnesium,
    ]

    // USDA food-pattern equivalents (FPED) per serving: the Dietary Guidelines' food groups.
    public static let fruit = Nutrient(key: "fruit_cup_eq", displayName: "fruit", unit: "cup-eq")
    public static let vegetables = Nutrient(key: "veg_cup_eq", displayName: "vegetables without beans", unit: "cup-eq")
    public static let darkGreenVegetables = Nutrient(key: "veg_dark_green_cup_eq", displayName: "dark-green vegetables", unit: "cup-eq")
    public static let redOrangeVegetables = Nutrient(key: "veg_red_orange_cup_eq", displayName: "red and orange vegetables", unit: "cup-eq")
    public static let starchyVegetables = Nutrient(key: "veg_starchy_cup_eq", displayName: "starchy vegetables", unit: "cup-eq")
    public static let otherVegetables = Nutrient(key: "veg_other_cup_eq", displayName: "other vegetables", unit: "cup-eq")
    public static let legumeVegetables = Nutrient(key: "veg_legumes_cup_eq", displayName: "beans, peas, lentils", unit: "cup-eq")
    public static let grains = Nutrient(key: "grains_oz_eq", displayName: "grains", unit: "oz-eq")
    public static let wholeGrains = Nutrient(key: "grains_whole_oz_eq", displayName: "whole grains", unit: "oz-eq")
    public static let refinedGrains = Nutrient(key: "grains_refined_oz_eq", displayName: "refined grains", unit: "oz-eq")
    public static let proteinFoods = Nutrient(key: "protein_oz_eq", displayName: "protein foods", unit: "oz-eq")
    public static let meatPoultryEggs = Nutrient(key: "protein_meat_poultry_eggs_oz_eq", displayName: "meat, poultry, eggs", unit: "oz-eq")
    public static let seafood = Nutrient(key: "protein_seafood_oz_eq", displayName: "seafood", unit: "oz-eq")
    public static let nutsSeedsSoy = Nutrient(key: "protein_nuts_seeds_soy_oz_eq", displayName: "nuts, seeds, soy", unit: "oz-eq")
    public static let legumeProtein = Nutrient(key: "protein_legumes_oz_eq", displayName: "beans, peas, lentils (protein)", unit: "oz-eq")
    public static let dairy = Nutrient(key: "dairy_cup_eq", displayName: "dairy", unit: "cup-eq")
    public static let oils = Nutrient(key: "oils_g", displayName: "oils", unit: "g")
    public static let solidFats = Nutrient(key: "solid_fats_g", displayName: "solid fats", unit: "g")

    /// Derived when a table has the parts (``FoodTable/addFoodPatternTotals()``): the Dietary
    /// Guidelines' total vegetables include beans, peas and lentils, which FPED's V_TOTAL leaves out;
    /// the vegetarian pattern counts them as protein foods too.
    public static let vegetablesWithLegumes = Nutrient(key: "veg_with_legumes_cup_eq", displayName: "vegetables", unit: "cup-eq")
    public static let proteinWithLegumes = Nutrient(key: "protein_with_legumes_oz_eq", displayName: "protein foods with beans", unit: "oz-eq")

    /// The food-pattern components, in the order of the shipped table's columns.
    public static let foodPattern: [Nutrient] = [
        .fruit, .vegetables, .darkGreenVegetables, .redOrangeVegetables, .starchyVegetables, .otherVegetables,
        .legumeVegetables, .grains, .wholeGrains, .refinedGrains, .proteinFoods, .meatPoultryEggs, .seafood,
        .nutsSeedsSoy, .legumeProtein, .dairy, .oils, .solidFats, .vegetablesWithLegumes, .proteinWithLegumes,
    ]

    /// True for the standard nutrients and the food-pattern components (never negative).
    public var isKnown: Bool { Nutrient.standard.contains(self) || Nutrient.foodPattern.contains(self) }

    /// The standard nutrient for a column name, or a custom one.
    public static func forColumn(_ key: String) -> Nutrient {
        if let known = standard.first(where: { $0.key == key }) { return known }
        if let known = foodPattern.first(where: { $0.key == key }) { return known }
        let units = [("_kcal", "kcal"), ("_mg", "mg"), ("_ug", "ug"), ("_mcg", "ug"), ("_g", "g")]
        for (suffix, unit) in units where key.hasSuffix(suffix) && key.count > suffix.count {
            let base = String(key.dropLast(suffix.count)).replacingOccurrences(of: "_", with: " ")
            return Nutrient(key: key, displayName: base, unit: unit)
        }
        return Nutrient(key: key, displayName: key.replacingOccurrences(of: "_", with: " "), unit: "")
    }

    /// Finds a nutrient by column name or readable name ("potassium", "potassium_mg", "sugar").
    public static func named(_ text: String, among nutrients: [Nutrient]) -> Nutrient? {
        let wanted = text.lowercased()
        if let exact = nutrients.first(where: { $0.key == wanted || $0.displayName == wanted }) { return exact }
        let aliases: [String: String] = [
            "energy": "kcal", "calories": "kcal", "sugar": "sugars_g", "sugars": "sugars_g",
            "added-sugar": "added_sugars_g", "added-sugars": "added_sugars_g", "added_sugars": "added_sugars_g",
            "added sugar": "added_sugars_g", "carbs": "carbs_g", "carbohydrates": "carbs_g",
        ]
        if let key = aliases[wanted] { return nutrients.first { $0.key == key } }
        return nutrients.first { $0.key.hasPrefix(wanted + "_") }
    }

    public static func < (lhs: Nutrient, rhs: Nutrient) -> Bool { lhs.key < rhs.key }
    public var description: String { displayName }
}

/// A meal of the day. Raw values are the CSV tokens.
public enum MealSlot: String, CaseIterable, Sendable, Hashable, Comparable, Codable {
    case breakfast, lunch, dinner, snack

    public var bit: UInt8 { 1 << UInt8(MealSlot.allCases.firstIndex(of: self)!) }
    public var title: String { rawValue.prefix(1).uppercased() + rawValue.dropFirst() }

    public static func < (lhs: MealSlot, rhs: MealSlot) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }

    /// Accepts the full name or its one-letter abbreviation (B, L, D, S), any case.
    public init?(token: some StringProtocol) {
        switch token.lowercased() {
        case "breakfast", "b": self = .breakfast
        case "lunch", "l": self = .lunch
        case "dinner", "d": self = .dinner
        case "snack", "s": self = .snack
        default: return nil
        }
    }
}

/// The set of meals a food suits, one bit per ``MealSlot``.
public struct MealSlots: OptionSet, Hashable, Sendable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }
    public init(_ slots: [MealSlot]) { self.rawValue = slots.reduce(0) { $0 | $1.bit } }
    public func contains(_ slot: MealSlot) -> Bool { rawValue & slot.bit != 0 }
    public var slots: [MealSlot] { MealSlot.allCases.filter { contains($0) } }
}

/// Diets a food is suitable for.
public enum Diet: String, CaseIterable, Sendable, Hashable, Codable {
    case vegetarian, vegan, pescatarian
    case glutenFree = "gluten-free"
    case dairyFree = "dairy-free"
}

/// The allergens of the major-allergen lists (U.S. FALCPA + sesame).
public enum Allergen: String, CaseIterable, Sendable, Hashable, Codable {
    case milk, egg, fish, shellfish
    case treeNuts = "tree-nuts"
    case peanuts, wheat, soy, sesame

    public init?(token: String) {
        let lowered = token.lowercased()
        switch lowered {
        case "tree-nut", "tree nuts", "treenuts", "nuts": self = .treeNuts
        case "peanut": self = .peanuts
        case "eggs": self = .egg
        case "dairy": self = .milk
        default: self.init(rawValue: lowered)
        }
    }
}

/// A small set of enum cases stored as bits, so that a million-row table stays compact.
public struct TagSet<Tag: CaseIterable & Hashable & RawRepresentable & Sendable>: Hashable, Sendable
where Tag.AllCases: RandomAccessCollection, Tag.RawValue == String {
    public private(set) var rawValue: UInt16

    public init() { rawValue = 0 }

    public init(_ tags: some Sequence<Tag>) {
        rawValue = 0
        for tag in tags { insert(tag) }
    }

    private static func bit(_ tag: Tag) -> UInt16 {
        1 << UInt16(Tag.allCases.distance(from: Tag.allCases.startIndex, to: Tag.allCases.firstIndex(of: tag)!))
    }

    public mutating func insert(_ tag: Tag) { rawValue |= Self.bit(tag) }
    public func contains(_ tag: Tag) -> Bool { rawValue & Self.bit(tag) != 0 }
    public var isEmpty: Bool { rawValue == 0 }
    public var members: [Tag] { Tag.allCases.filter { contains($0) } }
    public var text: String { members.map(\.rawValue).joined(separator: ";") }
}

/// One food, as a value (the table itself stores columns).
public struct Food: Hashable, Sendable {
    public var id: String
    public var name: String
    /// USDA SR NDB number or FoodData Central id; empty when unknown.
    public var sourceID: String
    /// The household serving: `servingQuantity` `servingUnit` weighing `servingGrams`.
    public var servingQuantity: Double
    public var servingUnit: String
    /// nil when the table gives no weight.
    public var servingGrams: Double?
    /// Per serving; nil means "no value", never zero.
    public var nutrients: [Nutrient: Double?]
    public var price: Double?
    public var meals: MealSlots
    public var group: String
    public var diets: TagSet<Diet>
    public var allergens: TagSet<Allergen>
    /// Largest sensible portion per meal, in servings.
    public var maxServingsPerMeal: Double?
    /// Roles, family, pairing and minimum portion.
    public var usage: FoodUsage = .none
    /// The FNDDS food code of the same food as eaten; empty when none.
    public var fnddsCode: String = ""
    /// Its ingredients, when the food is a recipe.
    public var recipe: Recipe?

    public func value(_ nutrient: Nutrient) -> Double? { nutrients[nutrient] ?? nil }
}
