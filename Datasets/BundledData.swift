import Foundation

/// The data files shipped with the planner: the food table and example request files.
public enum BundledData {
    /// `foods.csv`, the USDA-derived food table (see Datasets/README.md).
    public static var foodsCSV: URL? {
        Bundle.module.url(forResource: "foods", withExtension: "csv")
    }

    /// `recipes.csv` and `recipe_ingredients.csv`, the dishes made of the bundled table's foods.
    public static var recipesCSV: URL? {
        Bundle.module.url(forResource: "recipes", withExtension: "csv")
    }

    public static var recipeIngredientsCSV: URL? {
        Bundle.module.url(forResource: "recipe_ingredients", withExtension: "csv")
    }

    /// The folder of example request files (`requests/*.json`).
    public static var requestsFolder: URL? {
        Bundle.module.url(forResource: "requests", withExtension: nil)
    }
}
