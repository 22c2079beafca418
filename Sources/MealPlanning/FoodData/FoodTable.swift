/// The foods a plan may use, stored by columns so that a million-row table stays compact and
/// fast to scan. Missing numbers are stored as NaN and read back as `nil`.
public struct FoodTable: Sendable {
    public private(set) var ids: [String] = []
    public private(set) var names: [String] = []
    public private(set) var sourceIDs: [String] = []
    public private(set) var servingQuantities: [Double] = []
    public private(set) var servingUnits: [String] = []
    public private(set) var servingGrams: [Double] = []
    /// The nutrient columns, standard ones first in table order, then custom ones.
    public private(set) var nutrients: [Nutrient]
    /// `nutrientValues[n][f]`: nutrient `nutrients[n]` of food `f` per serving, NaN when missing.
    public private(set) var nutrientValues: [[Double]]
    public private(set) var prices: [Double] = []
    public private(set) var meals: [MealSlots] = []
    public private(set) var groups: [String] = []
    public private(set) var diets: [TagSet<Diet>] = []
    public private(set) var allergens: [TagSet<Allergen>] = []
    /// NaN when the table sets no maximum.
    public private(set) var maxServingsPerMeal: [Double] = []
    /// How each food is eaten (roles, family, pairing, minimum portion); ``FoodUsage/none`` when the table says nothing.
    public private(set) var usages: [FoodUsage] = []
    /// The FNDDS food code of the same food as eaten (USDA food-pattern equivalents come from it); empty when none.
    public private(set) var fnddsCodes: [String] = []
    /// The recipes among the foods, by food index.
    public private(set) var recipes: [Int: Recipe] = [:]
    /// True when the table has a `roles` column (meal patterns and pairing can apply).
    public var hasRoles = false
    private var indexByID: [String: Int] = [:]

    public init(nutrients: [Nutrient]) {
        self.nutrients = nutrients
        self.nutrientValues = Array(repeating: [], count: nutrients.count)
    }

    public var count: Int { ids.count }
    public var isEmpty: Bool { ids.isEmpty }

    public func index(ofID id: String) -> Int? { indexByID[id] }

    public func nutrientIndex(_ nutrient: Nutrient) -> Int? { nutrients.firstIndex(of: nutrient) }

    public func hasColumn(_ nutrient: Nutrient) -> Bool { nutrientIndex(nutrient) != nil }

    /// A nutrient of one food per serving; nil when the table has no value.
    public func value(_ nutrient: Nutrient, food: Int) -> Double? {
        guard let column = nutrientIndex(nutrient) else { return nil }
        let value = nutrientValues[column][food]
        return value.isNaN ? nil : value
    }

    public func price(food: Int) -> Double? { prices[food].isNaN ? nil : prices[food] }

    public func grams(food: Int) -> Double? { servingGrams[food].isNaN ? nil : servingGrams[food] }

    public func maxServings(food: Int) -> Double? {
        maxServingsPerMeal[food].isNaN ? nil : maxServingsPerMeal[food]
    }

    public enum AppendError: Error, Equatable, Sendable {
        case duplicateID(String, firstIndex: Int)
        case wrongNutrientCount(expected: Int, got: Int)
    }

    /// Appends one food. `nutrientValues` follow ``nutrients``; NaN means missing.
    public mutating func append(
        id: String, name: String, sourceID: String = "",
        servingQuantity: Double = 1, servingUnit: String = "serving", servingGrams: Double = .nan,
        nutrientValues values: [Double], price: Double = .nan, meals: MealSlots,
        group: String = "", diets: TagSet<Diet> = TagSet(), allergens: TagSet<Allergen> = TagSet(),
        maxServingsPerMeal: Double = .nan, usage: FoodUsage = .none, fnddsCode: String = ""
    ) throws(AppendError) {
        guard values.count == nutrients.count else {
            throw .wrongNutrientCount(expected: nutrients.count, got: values.count)
        }
        // One hash lookup: insert, and put the first index back on a duplicate.
        if let first = indexByID.updateValue(ids.count, forKey: id) {
            indexByID[id] = first
            throw .duplicateID(id, firstIndex: first)
        }
        ids.append(id)
        names.append(name)
        sourceIDs.append(sourceID)
        servingQuantities.append(servingQuantity)
        servingUnits.append(servingUnit)
        self.servingGrams.append(servingGrams)
        for (column, value) in values.enumerated() { nutrientValues[column].append(value) }
        prices.append(price)
        self.meals.append(meals)
        groups.append(group)
        self.diets.append(diets)
        self.allergens.append(allergens)
        self.maxServingsPerMeal.append(maxServingsPerMeal)
        usages.append(usage)
        fnddsCodes.append(fnddsCode)
    }

    /// Adds the derived food-pattern totals (vegetables with beans, protein foods with beans)
    /// when the table has their parts and not the totals themselves.
    public mutating func addFoodPatternTotals() {
        let sums: [(Nutrient, Nutrient, Nutrient)] = [
            (.vegetablesWithLegumes, .vegetables, .legumeVegetables), (.proteinWithLegumes, .proteinFoods, .legumeProtein),
        ]
        for (total, first, second) in sums where !hasColumn(total) {
            guard let a = nutrientIndex(first), let b = nutrientIndex(second) else { continue }
            let values = zip(nutrientValues[a], nutrientValues[b]).map { $0 + $1 }
            nutrients.append(total)
            nutrientValues.append(values)
        }
    }

    /// Marks a food as a recipe with these ingredients.
    mutating func setRecipe(_ recipe: Recipe, food: Int) { recipes[food] = recipe }

    /// The role a food plays at a meal (the first of its roles, in ``FoodRole/precedence``, that
    /// suits the meal), or nil when it has none that does.
    public func role(food: Int, at slot: MealSlot) -> FoodRole? {
        FoodRole.role(among: usages[food].roles, at: slot)
    }

    /// A food's family: its own id when the table gives none.
    public func family(food: Int) -> String {
        usages[food].family.isEmpty ? ids[food] : usages[food].family
    }

    public mutating func reserveCapacity(_ capacity: Int) {
        ids.reserveCapacity(capacity)
        names.reserveCapacity(capacity)
        sourceIDs.reserveCapacity(capacity)
        servingQuantities.reserveCapacity(capacity)
        servingUnits.reserveCapacity(capacity)
        servingGrams.reserveCapacity(capacity)
        for column in nutrientValues.indices { nutrientValues[column].reserveCapacity(capacity) }
        prices.reserveCapacity(capacity)
        meals.reserveCapacity(capacity)
        groups.reserveCapacity(capacity)
        diets.reserveCapacity(capacity)
        allergens.reserveCapacity(capacity)
        maxServingsPerMeal.reserveCapacity(capacity)
        usages.reserveCapacity(capacity)
        fnddsCodes.reserveCapacity(capacity)
        indexByID.reserveCapacity(capacity)
    }

    /// Replaces prices from a map of food id to price per serving; returns ids not in the table.
    public mutating func overridePrices(_ newPrices: [String: Double]) -> [String] {
        var unknown: [String] = []
        for (id, price) in newPrices.sorted(by: { $0.key < $1.key }) {
            if let index = indexByID[id] { prices[index] = price } else { unknown.append(id) }
        }
        return unknown
    }

    /// One food as a value.
    public func food(at index: Int) -> Food {
        var values: [Nutrient: Double?] = [:]
        for (column, nutrient) in nutrients.enumerated() {
            let value = nutrientValues[column][index]
            values[nutrient] = value.isNaN ? nil : value
        }
        return Food(
            id: ids[index], name: names[index], sourceID: sourceIDs[index],
            servingQuantity: servingQuantities[index], servingUnit: servingUnits[index],
            servingGrams: grams(food: index), nutrients: values, price: price(food: index),
            meals: meals[index], group: groups[index], diets: diets[index], allergens: allergens[index],
            maxServingsPerMeal: maxServings(food: index), usage: usages[index], fnddsCode: fnddsCodes[index],
            recipe: recipes[index])
    }

    /// The table of these rows only (in this order), e.g. the candidate foods of a large table.
    public func subset(_ rows: [Int]) -> FoodTable {
        var result = FoodTable(nutrients: nutrients)
        result.hasRoles = hasRoles
        result.reserveCapacity(rows.count)
        var newIndex: [Int: Int] = [:]
        for row in rows {
            // Rows of a valid table have unique ids, so appending cannot fail.
            try! result.append(
                id: ids[row], name: names[row], sourceID: sourceIDs[row], servingQuantity: servingQuantities[row],
                servingUnit: servingUnits[row], servingGrams: servingGrams[row],
                nutrientValues: nutrientValues.map { $0[row] }, price: prices[row], meals: meals[row], group: groups[row],
                diets: diets[row], allergens: allergens[row], maxServingsPerMeal: maxServingsPerMeal[row],
                usage: usages[row], fnddsCode: fnddsCodes[row])
            newIndex[row] = result.count - 1
        }
        // A recipe keeps its ingredients when they are in the subset too.
        for row in rows {
            guard let recipe = recipes[row], let index = newIndex[row] else { continue }
            let ingredients = recipe.ingredients.compactMap { item in newIndex[item.food].map { RecipeIngredient(food: $0, grams: item.grams) } }
            if ingredients.count == recipe.ingredients.count {
                result.recipes[index] = Recipe(servings: recipe.servings, ingredients: ingredients, method: recipe.method)
            }
        }
        return result
    }
}
