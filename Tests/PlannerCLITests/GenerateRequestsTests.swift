import Foundation
import MealPlanning
import Testing

@testable import PlannerCLI

/// `planner generate-requests`: a deterministic, plausible mix of household requests.
@Suite("generate-requests")
struct GenerateRequestsTests {
    static func objects(_ lines: [String]) throws -> [[String: Any]] {
        try lines.map { try #require(JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]) }
    }

    @Test func theSameSeedGivesTheSameBytes() {
        let first = Array(HouseholdRequests.lines(count: 300, seed: 4))
        #expect(first == Array(HouseholdRequests.lines(count: 300, seed: 4)))
        #expect(first != Array(HouseholdRequests.lines(count: 300, seed: 5)))
        // A household does not depend on the count: a longer file starts with the shorter one.
        #expect(Array(HouseholdRequests.lines(count: 500, seed: 4).prefix(300)) == first)
        #expect(first.allSatisfy { $0.hasSuffix("}\n") && $0.filter { $0 == "\n" }.count == 1 })
    }

    @Test func everyLineIsAValidRequestWithAStableId() throws {
        let lines = Array(HouseholdRequests.lines(count: 2000, seed: 1))
        for (index, line) in lines.enumerated() {
            let request = try PlanRequestCoding.decode(Data(line.utf8), fileName: "line \(index + 1)")
            #expect(request.profile != nil)
        }
        let ids = try Self.objects(lines).map { $0["household"] as? String }
        #expect(ids.first == "h0000001")
        #expect(ids.last == "h0002000")
        #expect(Set(ids).count == 2000)
    }

    @Test func theMixIsPlausible() throws {
        let lines = Array(HouseholdRequests.lines(count: 4000, seed: 2))
        let requests = try lines.map { try PlanRequestCoding.decode(Data($0.utf8), fileName: "r") }
        let profiles = requests.compactMap(\.profile)
        func share(_ predicate: (PlanRequest) -> Bool) -> Double { Double(requests.filter(predicate).count) / Double(requests.count) }
        #expect((0.45 ... 0.55).contains(share { $0.profile?.sex == .female }))
        #expect(profiles.allSatisfy { (14 ... 85).contains($0.age) })
        #expect(Set(profiles.map(\.age)).count > 60)
        #expect(profiles.allSatisfy { $0.lifeStage == .none || ($0.sex == .female && (18 ... 45).contains($0.age)) })
        #expect(profiles.contains { $0.lifeStage == .pregnant } && profiles.contains { $0.lifeStage == .lactating })
        #expect(Set(profiles.map(\.activity)) == Set(Profile.Activity.allCases))
        #expect((0.80 ... 0.90).contains(share { $0.days == 7 }))
        #expect(requests.allSatisfy { (1 ... 7).contains($0.days) })
        for diet in [Diet.vegan, .vegetarian, .pescatarian] {
            #expect(share { $0.diets.contains(diet) } > 0.02, "\(diet)")
        }
        #expect((0.05 ... 0.30).contains(share { !$0.excludeAllergens.isEmpty }))
        #expect(!requests.contains { $0.diets.contains(.vegan) && $0.excludeAllergens.contains(.milk) })
    }

    @Test func daysAndGapOverrideTheMix() throws {
        let objects = try Self.objects(Array(HouseholdRequests.lines(count: 50, seed: 3, days: 1, gap: 0.05, prefix: "t-")))
        #expect(objects.allSatisfy { $0["days"] as? Int == 1 && $0["relativeGap"] as? Double == 0.05 })
        #expect(objects[0]["household"] as? String == "t-0000001")
    }

    @Test func theCommandParses() throws {
        let command = try #require(PlannerCommand.parseAsRoot(["generate-requests", "--count", "10", "--seed", "7", "--days", "2"]) as? GenerateRequestsCommand)
        #expect(command.count == 10 && command.seed == 7 && command.days == 2)
        #expect(throws: (any Error).self) { try PlannerCommand.parseAsRoot(["generate-requests", "--count", "0"]) }
        #expect(throws: (any Error).self) { try PlannerCommand.parseAsRoot(["generate-requests", "--count", "5", "--prefix", "a b"]) }
    }

    @Test func theBinaryWritesTheLines() throws {
        let fixture = try BinaryFixture()
        let run = try fixture.run(["generate-requests", "--count", "25", "--seed", "9"])
        #expect(run.status == 0)
        #expect(run.stdout == HouseholdRequests.lines(count: 25, seed: 9).joined())
    }
}
