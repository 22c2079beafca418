import ArgumentParser
import BundledData
import Foundation
import MealPlanning

/// The options that choose the food table: `--foods FILE` and `--prices FILE`.
public struct FoodTableOptions: ParsableArguments {
    @Option(
        name: .customLong("foods"),
        help: ArgumentHelp("The food table, a CSV file (default: the bundled USDA-derived table).", valueName: "file"))
    public var foodsPath: String?

    @Option(
        name: .customLong("prices"),
        help: ArgumentHelp(
            "A price list, a CSV file with the columns id and price_usd, that replaces the table's prices.",
            valueName: "file"))
    public var pricesPath: String?

    @Option(
        name: .customLong("recipes"),
        help: ArgumentHelp(
            "Recipes, a CSV file (id,name,servings,serving_qty,serving_unit,meals,roles,group,family,method), added to the table as foods (default: the bundled recipes with the bundled table).",
            valueName: "file"))
    public var recipesPath: String?

    @Option(
        name: .customLong("recipe-ingredients"),
        help: ArgumentHelp("The recipes' ingredients, a CSV file (recipe,ingredient,grams); needed with --recipes.", valueName: "file"))
    public var recipeIngredientsPath: String?

    @Flag(name: .customLong("no-recipes"), help: "Plan with the table's foods only, without recipes.")
    public var noRecipes = false

    public init() {}

    public mutating func validate() throws {
        if (recipesPath == nil) != (recipeIngredientsPath == nil) {
            throw ValidationError("--recipes and --recipe-ingredients go together")
        }
        if noRecipes && recipesPath != nil { throw ValidationError("--no-recipes and --recipes contradict each other") }
    }

    /// The table is missing: no `--foods` and no bundled table.
    public struct MissingTableError: Error, CustomStringConvertible {
        public var description: String { "no food table: the bundled foods.csv is missing; pass --foods FILE" }
    }

    /// The food table file to read.
    public func foodsURL() throws -> URL {
        if let foodsPath { return URL(fileURLWithPath: foodsPath) }
        guard let bundled = BundledData.foodsCSV else { throw MissingTableError() }
        return bundled
    }

    /// Loads the food table and applies the price list, if any. Errors are ``FoodTableError``s
    /// (one line: `FILE:LINE:COLUMN: message`) or ``MissingTableError``.
    public func load() throws -> FoodTable {
        var table = try FoodTable.load(contentsOf: foodsURL())
        // Prices first: a recipe's price is the sum of its ingredients' prices.
        if let pricesPath {
            try table.applyPriceOverrides(contentsOf: URL(fileURLWithPath: pricesPath))
        }
        if let recipesPath, let recipeIngredientsPath {
            try table.addRecipes(recipes: URL(fileURLWithPath: recipesPath), ingredients: URL(fileURLWithPath: recipeIngredientsPath))
        } else if foodsPath == nil, !noRecipes, let recipes = BundledData.recipesCSV, let ingredients = BundledData.recipeIngredientsCSV {
            try table.addRecipes(recipes: recipes, ingredients: ingredients)
        }
        return table
    }
}
