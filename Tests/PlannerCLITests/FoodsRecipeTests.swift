import Testing
@testable import PlannerCLI

/// `planner foods` over the bundled table and recipes: recipes, roles, one food in full.
@Suite struct FoodsRecipeTests {
    func output(_ arguments: [String]) throws -> String {
        try FoodsCommand.parse(arguments).render()
    }

    @Test func listsRecipesOnlyAndByRole() throws {
        let text = try output(["--only-recipes", "--role", "breakfast-main", "--limit", "0"])
        let lines = text.split(separator: "\n")
        #expect(lines.last?.hasSuffix(" recipes") == true)
        let count = try #require(Int(lines.last!.split(separator: " ")[0]))
        #expect(count >= 6)
        #expect(lines.count == count + 3, "header, units, one line per recipe, count")
        #expect(text.contains("oatmeal-banana"))
        #expect(!text.contains("lentil-vegetable-soup"))
    }

    @Test func showsOneRecipeInFull() throws {
        let text = try output(["--show", "oatmeal-banana"])
        #expect(text.hasPrefix("Oatmeal with banana (oatmeal-banana), a recipe\n"))
        #expect(text.contains("Roles           breakfast-main"))
        #expect(text.contains("Food-pattern equivalents per serving (USDA FPED)"))
        #expect(text.contains("Ingredients for "))
        #expect(text.contains("Banana (banana)"))
    }

    @Test func anUnknownIdSuggestsTheNearest() {
        #expect(throws: FoodsCommand.UnknownFoodError(id: "lentls", suggestion: " (did you mean 'lentils'?)")) {
            _ = try output(["--show", "lentls"])
        }
        let error = FoodsCommand.UnknownFoodError(id: "lentls", suggestion: " (did you mean 'lentils'?)")
        #expect(error.description == "no food or recipe 'lentls' in the table (did you mean 'lentils'?)")
        #expect(describe(error) == ("no food or recipe 'lentls' in the table (did you mean 'lentils'?)", PlannerExit.usage))
        let sortKey = FoodsCommand.UnknownSortKeyError(key: "taste", nutrientKeys: ["kcal"])
        #expect(describe(sortKey).1 == PlannerExit.usage)
    }
}
