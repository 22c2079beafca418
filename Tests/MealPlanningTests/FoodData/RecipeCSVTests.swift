import Testing
@testable import MealPlanning

/// Recipes from text: their sums, and one exact error per kind of bad file.
@Suite struct RecipeCSVTests {
    static let foods = """
        id,name,serving_qty,serving_unit,serving_g,kcal,potassium_mg,sugars_g,price_usd,meals,diets,allergens,roles
        rice,Rice,1,cup,200,240,70,0,0.2,lunch;dinner,vegan;vegetarian,,starch-side
        beans,Beans,1,cup,180,230,600,,0.4,lunch;dinner,vegan;vegetarian,,main
        cheese,Cheese,1,oz,28,110,20,0.1,0.3,lunch;dinner,vegetarian,milk,dairy

        """
    static let header = "id,name,servings,serving_qty,serving_unit,meals,roles,group,family,method\n"
    static let ingredientHeader = "recipe,ingredient,grams\n"

    func table(_ recipes: String, _ ingredients: String) throws(FoodTableError) -> FoodTable {
        var table = try FoodTable.parse(text: Self.foods, fileName: "foods.csv")
        try table.addRecipes(recipes: Array((Self.header + recipes).utf8), recipesFileName: "recipes.csv",
                             ingredients: Array((Self.ingredientHeader + ingredients).utf8), ingredientsFileName: "ingredients.csv")
        return table
    }

    func error(_ recipes: String, _ ingredients: String) -> String? {
        do {
            _ = try table(recipes, ingredients)
            return nil
        } catch {
            return error.description
        }
    }

    @Test func aRecipeIsTheSumOfItsIngredientsPerServing() throws {
        let table = try table(
            "rice-beans,Rice and beans,2,1,bowl,lunch;dinner,main,mixed-dish,rice-beans,Mix.\n",
            "rice-beans,rice,300\nrice-beans,beans,360\nrice-beans,cheese,56\n")
        let food = try #require(table.index(ofID: "rice-beans"))
        #expect(table.servingGrams[food] == (300 + 360 + 56) / 2.0)
        let energy: Double = (240 * 1.5 + 230 * 2 + 110 * 2) / 2
        let potassium: Double = (70 * 1.5 + 600 * 2 + 20 * 2) / 2
        #expect(table.value(.energy, food: food) == energy)
        #expect(table.value(.potassium, food: food) == potassium)
        #expect(table.value(.sugars, food: food) == nil, "beans have no sugars value, so neither has the dish")
        let price: Double = (0.2 * 1.5 + 0.4 * 2 + 0.3 * 2) / 2
        #expect(abs(table.price(food: food)! - price) < 1e-12)
        #expect(table.diets[food].members == [.vegetarian], "cheese makes it vegetarian, not vegan")
        #expect(table.allergens[food].members == [.milk])
        #expect(table.recipes[food]?.ingredients == [
            RecipeIngredient(food: 0, grams: 300), RecipeIngredient(food: 1, grams: 360), RecipeIngredient(food: 2, grams: 56),
        ])
        #expect(table.role(food: food, at: .dinner) == .main)
        #expect(table.role(food: food, at: .breakfast) == nil)
    }

    @Test func aRecipeMayUseAnotherRecipeWrittenLater() throws {
        let table = try table(
            "bowl,Bowl,1,1,bowl,lunch,main,,,\nbase,Base,2,1,cup,lunch,starch-side,,,\n",
            "bowl,base,250\nbowl,cheese,28\nbase,rice,400\n")
        let bowl = try #require(table.index(ofID: "bowl"))
        // 250 g of a base that is 200 g of rice per serving: 1.25 servings of 240 kcal + 1 oz cheese.
        let energy: Double = 240 * 1.25 + 110
        #expect(table.value(.energy, food: bowl) == energy)
    }

    @Test func badFilesSayWhereAndWhat() {
        let recipe = "dish,Dish,2,1,bowl,lunch,main,,,\n"
        #expect(error(recipe, "dish,riec,100\n") == "ingredients.csv:2:6: ingredient: 'riec' is not a food of the table or a recipe (did you mean 'rice'?)")
        #expect(error(recipe, "dish,rice,-5\n") == "ingredients.csv:2:11: grams: -5 is not positive")
        #expect(error(recipe, "dish,rice,\n") == "ingredients.csv:2:11: grams: missing amount")
        #expect(error(recipe, "dish,dish,100\n") == "ingredients.csv:2:6: ingredient: recipe 'dish' uses itself")
        #expect(error(recipe + "side,Side,1,1,cup,lunch,main,,,\n", "dish,side,100\nside,dish,100\n")
            == "ingredients.csv:3:6: ingredient: recipe 'dish' uses 'side' in turn")
        #expect(error(recipe, "soup,rice,100\n") == "ingredients.csv:2:1: recipe: 'soup' is not a recipe of the recipe file")
        #expect(error(recipe, "") == "ingredients.csv: recipe 'dish' has no ingredients")
        #expect(error("rice,Rice again,1,1,cup,lunch,main,,,\n", "") == "recipes.csv:2:1: id: 'rice' is already a food of the table")
        #expect(error(recipe + recipe, "dish,rice,1\n") == "recipes.csv:3:1: duplicate recipe 'dish' (first on line 2)")
        #expect(error("dish,Dish,0,1,bowl,lunch,main,,,\n", "") == "recipes.csv:2:11: servings: '0' is not a whole number in 1...1000")
        #expect(error("dish,Dish,2,1,bowl,lunch,spread,,,\n", "") == "recipes.csv:2:26: roles: a recipe is a dish, not a spread")
        #expect(error("dish,Dish,2,1,bowl,lunch,entree,,,\n", "").map { $0.hasPrefix("recipes.csv:2:26: roles: unknown role 'entree' (expected breakfast-main, main,") } == true)
        #expect(error("dish,Dish,2,1,bowl,lunch,main,,\n", "") == "recipes.csv:2:1: expected 10 fields, found 9")
    }
}
