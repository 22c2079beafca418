import ArgumentParser
import MealPlanning
import Testing
@testable import PlannerCLI

/// `--favorite ID[:N]` and `--budget USD` on the command line.
@Suite struct BudgetFavoriteFlagTests {
    @Test func favouritesTakeTheirDays() throws {
        let parsed = try request(["--sex", "female", "--favorite", "banana,lentils:3", "--favorite", "sweet-potato-baked:1", "--budget", "42.5"])
        #expect(parsed.favoriteDays == ["banana": 2, "lentils": 3, "sweet-potato-baked": 1])
        #expect(parsed.budget == 42.5)
    }

    @Test(arguments: ["banana:0", "banana:29", "banana:x", ":3", "banana:2.5"])
    func aFavouriteNeedsWholeDays(_ value: String) throws {
        do {
            _ = try request(["--sex", "female", "--favorite", value])
            Issue.record("--favorite \(value) was accepted")
        } catch let error as ValidationError {
            #expect(error.message == "--favorite '\(value)': expected ID or ID:DAYS with DAYS a whole number from 1 to 28")
        }
    }

    @Test func aBudgetIsAPositiveAmount() throws {
        do {
            _ = try request(["--sex", "female", "--budget", "0"])
            Issue.record("--budget 0 was accepted")
        } catch {
            #expect("\(error)".contains("weekly budget 0 is not in 0.01...1000000"), "\(error)")
        }
    }
}
