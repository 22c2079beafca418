import Foundation
import Testing
@testable import MealPlanning

/// The meal-structure and food-group rules in request files and saved plans.
@Suite struct MealRuleCodingTests {
    static func decode(_ text: String) throws -> PlanRequest {
        try PlanRequestCoding.decode(Data(text.utf8), fileName: "r.json")
    }

    @Test func theDefaultsHoldEveryRule() throws {
        let request = try Self.decode(#"{"version": 1, "profile": {"sex": "female"}}"#)
        #expect(request.mealPatterns == MealPattern.defaults)
        #expect(request.foodGroups == FoodGroupOptions() && request.familyOncePerDay && request.pairing)
        #expect(request.maxSharedLunchDinner == 1 && request.maxDaysPerMain == 2 && request.maxFoodsPerMeal == 5)
        #expect(request.distinctDays)
    }

    @Test func eachRuleTurnsOff() throws {
        let request = try Self.decode("""
            {"version": 1, "profile": {"sex": "female"}, "variety": {"mealPatterns": false, "foodGroups": null,
             "familyOncePerDay": false, "maxSharedLunchDinner": null, "maxDaysPerMain": null, "pairing": false,
             "distinctDays": false}}
            """)
        #expect(request.mealPatterns.isEmpty && request.foodGroups == nil && !request.familyOncePerDay && !request.pairing)
        #expect(request.maxSharedLunchDinner == nil && request.maxDaysPerMain == nil && !request.distinctDays)
        #expect(!request.resolvedNutrientRules.contains { $0.nutrient == Nutrient.fruit.key })
    }

    @Test func partOfTheFoodGroups() throws {
        let request = try Self.decode("""
            {"version": 1, "profile": {"sex": "female"}, "variety": {"foodGroups": {"weekly": false, "omitted": ["dairy"]}}}
            """)
        let keys = request.resolvedNutrientRules.map(\.nutrient)
        #expect(keys.contains(Nutrient.fruit.key) && !keys.contains(Nutrient.dairy.key) && !keys.contains(Nutrient.seafood.key))
    }

    @Test func aSavedRequestReadsBackTheSame() throws {
        var request = PlanRequest(profile: Profile(sex: .male))
        request.mealPatterns = []
        request.foodGroups = FoodGroupOptions(daily: true, weekly: false, omitted: ["grains"])
        request.familyOncePerDay = false
        request.maxSharedLunchDinner = 2
        request.maxDaysPerMain = nil
        request.distinctDays = false
        let again = try PlanRequestCoding.decode(PlanRequestCoding.encode(request), fileName: "saved.json")
        #expect(again == request)
    }

    @Test func badValuesNameTheirKey() throws {
        #expect(throws: PlanRequestError.self) {
            try Self.decode(#"{"version": 1, "variety": {"foodGroups": {"omitted": ["candy"]}}}"#)
        }
        do {
            _ = try Self.decode(#"{"version": 1, "variety": {"mealPatterns": 3}}"#)
            Issue.record("a number for mealPatterns was accepted")
        } catch {
            #expect("\(error)".contains("variety.mealPatterns"), "\(error)")
        }
    }
}
