import Foundation
import Testing
@testable import MealPlanning

/// The potassium foods rule: which foods are of a kind, how many kinds a plan needs, and the
/// rule in request files.
@Suite struct PotassiumFoodsTests {
    static let table = WeekAcceptanceTests.table

    @Test func kindsAreIdsOrFamilies() throws {
        let wanted = PotassiumFoods()
        let kind = { (id: String) in wanted.kind(of: Self.table.index(ofID: id)!, in: Self.table).map { wanted.kinds[$0] } }
        #expect(kind("dried-apricots") == "dried-apricots")
        #expect(kind("apricots") == nil)
        #expect(kind("spinach-raw") == "spinach" && kind("spinach-frozen-cooked") == "spinach")
        #expect(kind("greek-yogurt-plain") == "yogurt" && kind("frozen-yogurt") == nil)
        #expect(kind("lentils") == "lentils" && kind("lentil-soup") == nil)
    }

    @Test func aPlanNeedsItsShareOfTheKindsItsFoodsCanHold() throws {
        let wanted = PotassiumFoods()
        let all = Array(0 ..< Self.table.count)
        #expect(wanted.needed(among: all, in: Self.table, days: 7) == 3)
        #expect(wanted.needed(among: all, in: Self.table, days: 14) == 3)
        #expect(wanted.needed(among: all, in: Self.table, days: 3) == 2)
        #expect(wanted.needed(among: all, in: Self.table, days: 1) == 1)
        let two = all.filter { ["banana", "lentils"].contains(Self.table.ids[$0]) }
        #expect(wanted.needed(among: two, in: Self.table, days: 7) == 2)
        #expect(wanted.needed(among: [], in: Self.table, days: 7) == 0)
        #expect(wanted.text == "at least 3 of sweet potato, dried apricots, lentils, avocado, spinach, banana and yogurt in the week")
    }

    @Test func requestFilesSetOrTurnOffTheRule() throws {
        func decode(_ text: String) throws -> PlanRequest { try PlanRequestCoding.decode(Data(text.utf8), fileName: "r.json") }
        #expect(try decode(#"{"version": 1, "profile": {"sex": "female"}}"#).potassiumFoods == PotassiumFoods())
        #expect(try decode(#"{"version": 1, "profile": {"sex": "female"}, "variety": {"potassiumFoods": null}}"#).potassiumFoods == nil)
        let set = try decode(#"{"version": 1, "profile": {"sex": "female"}, "variety": {"potassiumFoods": {"kinds": ["banana", "lentils"], "atLeast": 2}}}"#)
        #expect(set.potassiumFoods == PotassiumFoods(kinds: ["banana", "lentils"], atLeast: 2))
        let back = try decode(String(decoding: PlanRequestCoding.encode(set), as: UTF8.self))
        #expect(back.potassiumFoods == set.potassiumFoods)
        do {
            _ = try decode(#"{"version": 1, "profile": {"sex": "female"}, "variety": {"potassiumFoods": {"atLeast": -1}}}"#)
            Issue.record("a negative number of kinds was accepted")
        } catch {
            #expect("\(error)" == "r.json: variety.potassiumFoods.atLeast: expected a whole number from 0 to 100")
        }
    }

    @Test func theValidatorCountsTheKinds() throws {
        var request = PlanRequest(profile: Profile(sex: .female))
        request.days = 7
        let banana = Self.table.index(ofID: "banana")!
        let items = [PlanItem(food: banana, day: 0, slot: .breakfast, servings: 1)]
        let messages = PlanValidator(table: Self.table, request: request).violations(of: items).map(\.message)
        #expect(messages.contains("the plan holds 1 of the potassium foods (banana), below 3"))
    }
}
