import Foundation
import Testing
@testable import MealPlanning

/// The shipped table's food-pattern equivalents, roles and recipes, re-derived from the
/// committed extracts and recipe files rather than trusted.
@Suite struct FoodPatternDataTests {
    static let datasets = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Datasets")

    /// Rows of a small CSV file (RFC 4180 quoting) as dictionaries keyed by header.
    static func rows(_ name: String) throws -> [[String: String]] {
        let text = try String(contentsOf: datasets.appendingPathComponent(name), encoding: .utf8)
        let characters = Array(text)
        var records: [[String]] = [], record: [String] = [], field = "", quoted = false, index = 0
        while index < characters.count {
            let character = characters[index]
            index += 1
            if quoted {
                if character != "\"" { field.append(character) }
                else if index < characters.count && characters[index] == "\"" { field.append("\""); index += 1 }
                else { quoted = false }
                continue
            }
            switch character {
            case "\"": quoted = true
            case ",": record.append(field); field = ""
            case "\n": record.append(field); records.append(record); record = []; field = ""
            default: field.append(character)
            }
        }
        if !field.isEmpty || !record.isEmpty { record.append(field); records.append(record) }
        let header = records.removeFirst()
        return records.map { Dictionary(uniqueKeysWithValues: zip(header, $0)) }
    }

    /// `value` rounded half up to `places` decimals, as the build script writes numbers.
    static func rounded(_ value: Decimal, places: Int) -> Decimal {
        var input = value, result = Decimal()
        NSDecimalRound(&result, &input, places, .plain)
        return result
    }

    static let components: [(String, [String])] = [
        ("fruit_cup_eq", ["F_TOTAL"]), ("veg_cup_eq", ["V_TOTAL"]), ("veg_dark_green_cup_eq", ["V_DRKGR"]),
        ("veg_red_orange_cup_eq", ["V_REDOR_TOTAL"]), ("veg_starchy_cup_eq", ["V_STARCHY_TOTAL"]),
        ("veg_other_cup_eq", ["V_OTHER"]), ("veg_legumes_cup_eq", ["V_LEGUMES"]), ("grains_oz_eq", ["G_TOTAL"]),
        ("grains_whole_oz_eq", ["G_WHOLE"]), ("grains_refined_oz_eq", ["G_REFINED"]), ("protein_oz_eq", ["PF_TOTAL"]),
        ("protein_meat_poultry_eggs_oz_eq", ["PF_MEAT", "PF_CUREDMEAT", "PF_ORGAN", "PF_POULT", "PF_EGGS"]),
        ("protein_seafood_oz_eq", ["PF_SEAFD_HI", "PF_SEAFD_LOW"]), ("protein_nuts_seeds_soy_oz_eq", ["PF_NUTSDS", "PF_SOY"]),
        ("protein_legumes_oz_eq", ["PF_LEGUMES"]), ("dairy_cup_eq", ["D_TOTAL"]), ("oils_g", ["OILS"]),
        ("solid_fats_g", ["SOLID_FATS"]),
    ]

    @Test func everyEquivalentAndAddedSugarIsServingGramsTimesFPEDPer100Grams() throws {
        let foods = try Self.rows("foods.csv")
        let extract = Dictionary(uniqueKeysWithValues: try Self.rows("fped_extract.csv").map { ($0["id"]!, $0) })
        var checked = 0
        for food in foods {
            let id = food["id"]!
            let grams = try #require(Decimal(string: food["serving_g"]!))
            guard let fped = extract[id], !(fped["fndds_code"] ?? "").isEmpty else {
                // No FNDDS food: equivalents and added sugars are unknown, never zero.
                #expect(food["fndds_code"] == "", "\(id)")
                for (column, _) in Self.components { #expect(food[column] == "", "\(id) \(column)") }
                #expect(food["added_sugars_g"] == "", "\(id) added sugars")
                continue
            }
            #expect(food["fndds_code"] == fped["fndds_code"], "\(id)")
            for (column, parts) in Self.components {
                let per100 = parts.reduce(Decimal(0)) { $0 + Decimal(string: fped[$1]!)! }
                let expected = Self.rounded(per100 * grams / 100, places: 4)
                #expect(Decimal(string: food[column]!) == expected, "\(id) \(column): \(food[column]!) vs \(expected)")
                checked += 1
            }
            let addedSugars = Self.rounded(Decimal(string: fped["ADD_SUGARS"]!)! * Decimal(string: "4.2")! * grams / 100, places: 2)
            #expect(Decimal(string: food["added_sugars_g"]!) == addedSugars, "\(id) added sugars")
        }
        #expect(checked >= 360 * Self.components.count)
    }

    static func shippedTable(recipes: Bool) throws -> FoodTable {
        var table = try FoodTable.load(contentsOf: datasets.appendingPathComponent("foods.csv"))
        if recipes {
            try table.addRecipes(recipes: datasets.appendingPathComponent("recipes.csv"),
                                 ingredients: datasets.appendingPathComponent("recipe_ingredients.csv"))
        }
        return table
    }

    @Test func everyRecipeIsTheSumOfItsIngredients() throws {
        let table = try Self.shippedTable(recipes: true)
        let lines = try Self.rows("recipe_ingredients.csv")
        let recipes = try Self.rows("recipes.csv")
        #expect(recipes.count >= 40)
        #expect(table.recipes.count == recipes.count)
        for recipe in recipes {
            let id = recipe["id"]!
            let food = try #require(table.index(ofID: id))
            let servings = Double(recipe["servings"]!)!
            let ingredients = lines.filter { $0["recipe"] == id }
            #expect(table.recipes[food]?.ingredients.count == ingredients.count)
            var grams = 0.0
            for column in table.nutrients.indices {
                var total = 0.0
                for line in ingredients {
                    let ingredient = table.index(ofID: line["ingredient"]!)!
                    total += table.nutrientValues[column][ingredient] * Double(line["grams"]!)! / table.servingGrams[ingredient] / servings
                }
                let value = table.nutrientValues[column][food]
                if total.isNaN {
                    #expect(value.isNaN, "\(id) \(table.nutrients[column].key) should be unknown")
                } else {
                    #expect(abs(value - total) <= 1e-9 * max(1, abs(total)), "\(id) \(table.nutrients[column].key)")
                }
            }
            for line in ingredients { grams += Double(line["grams"]!)! / servings }
            #expect(abs(table.servingGrams[food] - grams) < 1e-9, "\(id) grams")
            // A recipe is vegan only when every ingredient is.
            let ingredientFoods = ingredients.map { table.index(ofID: $0["ingredient"]!)! }
            for diet in Diet.allCases {
                #expect(table.diets[food].contains(diet) == ingredientFoods.allSatisfy { table.diets[$0].contains(diet) }, "\(id) \(diet)")
            }
            #expect(table.usages[food].roles.members.allSatisfy { !$0.isAccompaniment }, "\(id)")
        }
    }

    /// The table's shape, role by role: a change of the data shows here.
    @Test func foodsPerRole() throws {
        let table = try Self.shippedTable(recipes: false)
        var counts: [FoodRole: Int] = [:]
        for food in 0 ..< table.count {
            let roles = table.usages[food].roles.members
            #expect(!roles.isEmpty, "\(table.ids[food]) has no role")
            for role in roles { counts[role, default: 0] += 1 }
            let usage = table.usages[food]
            if roles.contains(where: \.isAccompaniment) {
                #expect(!usage.pairsWith.isEmpty && !usage.maxPerCarrier.isNaN, "\(table.ids[food]) goes with nothing")
            }
            if !usage.minServings.isNaN, let maximum = table.maxServings(food: food) {
                #expect(usage.minServings <= maximum, "\(table.ids[food])")
            }
        }
        let listed = FoodRole.allCases.map { "\($0.rawValue) \(counts[$0, default: 0])" }
        #expect(listed == [
            "breakfast-main 35", "main 91", "starch-side 43", "vegetable-side 78", "salad 9", "fruit 38", "dairy 17",
            "drink 26", "snack 39", "dessert 8", "spread 9", "topping 40", "cooking-fat 4", "sweetener 4", "condiment 15",
        ])
    }

    @Test func accompanimentsPairWithRolesFamiliesOrFoodsOfTheTable() throws {
        let table = try Self.shippedTable(recipes: true)
        let roles = Set(FoodRole.allCases.map(\.rawValue))
        let families = Set((0 ..< table.count).map { table.family(food: $0) })
        let ids = Set(table.ids)
        for food in 0 ..< table.count {
            for token in table.usages[food].pairsWith {
                #expect(roles.contains(token) || families.contains(token) || ids.contains(token), "\(table.ids[food]) pairs with '\(token)'")
            }
        }
        // Oils, butter, mayonnaise, dressings, sugar, syrups and jams are never a menu item.
        for id in ["canola-oil", "olive-oil", "butter", "mayonnaise", "italian-dressing", "ranch-dressing", "sugar", "maple-syrup", "honey", "jam"] {
            let food = try #require(table.index(ofID: id))
            let onlyAccompaniment = table.usages[food].roles.members.allSatisfy(\.isAccompaniment)
            #expect(onlyAccompaniment, "\(id)")
        }
    }
}
