import Foundation
import Testing
@testable import MealPlanning

@Suite struct FoodGroupPatternTests {
    /// The Swift table of the Healthy U.S.-Style Pattern equals Datasets/food_patterns.csv.
    @Test func theSwiftTableIsTheDataFile() throws {
        let rows = try FoodPatternDataTests.rows("food_patterns.csv").filter { $0["pattern"] == "us-style" && Int($0["kcal"]!)! >= 1600 }
        #expect(rows.count == FoodGroupPattern.usStyle.count)
        for (row, level) in zip(rows, FoodGroupPattern.usStyle) {
            func value(_ key: String) -> Double? { Double(row[key]!) }
            #expect(Int(row["kcal"]!) == level.kcal)
            #expect(value("fruit_cup_eq_day") == level.fruit)
            #expect(value("veg_cup_eq_day") == level.vegetables)
            #expect(value("veg_dark_green_cup_eq_week") == level.darkGreenWeekly)
            #expect(value("veg_red_orange_cup_eq_week") == level.redOrangeWeekly)
            #expect(value("veg_legumes_cup_eq_week") == level.legumesWeekly)
            #expect(value("veg_starchy_cup_eq_week") == level.starchyWeekly)
            #expect(value("veg_other_cup_eq_week") == level.otherVegetablesWeekly)
            #expect(value("grains_oz_eq_day") == level.grains)
            #expect(value("grains_whole_oz_eq_day") == level.wholeGrains)
            #expect(value("dairy_cup_eq_day") == level.dairy)
            #expect(value("protein_oz_eq_day") == level.proteinFoods)
            #expect(value("protein_seafood_oz_eq_week") == level.seafoodWeekly)
            #expect(value("protein_meat_poultry_eggs_oz_eq_week") == level.meatPoultryEggsWeekly)
            #expect(value("protein_nuts_seeds_soy_oz_eq_week") == level.nutsSeedsSoyWeekly)
        }
    }

    @Test func theNearestLevelAndTheDietsSubgroups() {
        #expect(FoodGroupPattern.nearest(kcal: 2000).kcal == 2000)
        #expect(FoodGroupPattern.nearest(kcal: 2100).kcal == 2000, "a tie goes to the lower level")
        #expect(FoodGroupPattern.nearest(kcal: 1200).kcal == 1600, "adults use 1,600 kcal and up")
        let omnivore = NutrientTargets.foodGroupRules(kcal: 2000, diets: [], options: FoodGroupOptions())
        #expect(omnivore.map(\.nutrient).contains(Nutrient.meatPoultryEggs.key))
        #expect(omnivore.first { $0.nutrient == Nutrient.fruit.key }?.minimum == 2)
        #expect(omnivore.first { $0.nutrient == Nutrient.seafood.key }?.scope == .week)
        let vegan = NutrientTargets.foodGroupRules(kcal: 2000, diets: [.vegan], options: FoodGroupOptions())
        #expect(!vegan.map(\.nutrient).contains(Nutrient.seafood.key))
        #expect(vegan.contains { $0.nutrient == Nutrient.proteinWithLegumes.key && $0.minimum == 5.5 })
        // Meat, poultry and eggs are an upper amount, starchy vegetables are not asked for, and
        // a diet without milk has no dairy group (calcium's target stands).
        let meat = omnivore.first { $0.nutrient == Nutrient.meatPoultryEggs.key }
        #expect(meat?.maximum == 26 && meat?.minimum == nil)
        #expect(!omnivore.map(\.nutrient).contains(Nutrient.starchyVegetables.key))
        #expect(!vegan.map(\.nutrient).contains(Nutrient.dairy.key))
        var noMilk = PlanRequest(profile: Profile(sex: .female))
        noMilk.excludeAllergens = [.milk]
        #expect(!noMilk.resolvedNutrientRules.map(\.nutrient).contains(Nutrient.dairy.key))
        #expect(PlanRequest(profile: Profile(sex: .female)).resolvedNutrientRules.map(\.nutrient).contains(Nutrient.dairy.key))
        let fruitOff = NutrientTargets.foodGroupRules(kcal: 2000, diets: [], options: FoodGroupOptions(weekly: false, omitted: ["fruit"]))
        #expect(fruitOff.map(\.nutrient) == [Nutrient.vegetablesWithLegumes, .grains, .wholeGrains, .dairy, .proteinFoods].map(\.key))
    }
}
