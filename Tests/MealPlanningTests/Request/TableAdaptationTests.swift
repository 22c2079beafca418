import Testing
@testable import MealPlanning

@Suite struct TableAdaptationTests {
    static let table = try! FoodTable.parse(text: """
        id,name,serving_g,kcal,sugars_g,added_sugars_g,potassium_mg,meals
        a,A,100,200,5,,300,breakfast;lunch;dinner;snack

        """, fileName: "t.csv")

    @Test func aProfileRuleWithoutValuesIsLeftOutWithANote() {
        let request = PlanRequest(profile: Profile(sex: .female, age: 30))
        let (adapted, notes) = request.adapted(to: Self.table)
        let keys = adapted.resolvedNutrientRules.map(\.nutrient)
        #expect(keys == ["kcal", "potassium_mg", "sugars_g"])
        #expect(adapted.skippedProfileNutrients == ["sodium_mg", "added_sugars_g", "fiber_g", "protein_g", "calcium_mg", "magnesium_mg"])
        #expect(notes[1] == "The food table has no added sugars values, so the added sugars limit of the profile is not applied.")
        #expect(notes.count == 7)
        #expect(notes.last == "The food table has no food-pattern equivalents, so the Dietary Guidelines' food-group amounts are not applied.")
        // Adapting twice changes nothing more.
        #expect(adapted.adapted(to: Self.table).request == adapted)
    }

    @Test func aRuleTheRequestStatesStays() {
        var request = PlanRequest(profile: Profile(sex: .female, age: 30))
        request.nutrientRules = [NutrientRule(nutrient: "added_sugars_g", maximum: 20)]
        let adapted = request.adapted(to: Self.table).request
        #expect(adapted.resolvedNutrientRules.contains { $0.nutrient == "added_sugars_g" && $0.maximum == 20 })
    }

    @Test func theProfileLimitsSugarsTwice() {
        let rules = NutrientTargets.dailyRules(for: Profile(sex: .female, age: 30))
        // 2,000 kcal: added sugars under 10 % of energy (50 g), total sugars at the EU reference intake (90 g).
        #expect(rules.first { $0.nutrient == "added_sugars_g" }?.maximum == 50)
        #expect(rules.first { $0.nutrient == "sugars_g" }?.maximum == 90)
    }
}
