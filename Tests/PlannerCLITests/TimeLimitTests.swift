import Foundation
import Testing

/// Every run ends within its time limit and a small margin, and a feasible request up to the
/// documented limits (28 days) gets a plan. The cases are the ones that ran past their limit or
/// found no plan: a month with one day per food, continuous portions over two weeks (one LP
/// that had no time limit), the longest plan at the default limit, and the shortest limits.
@Suite(.serialized) struct TimeLimitTests {
    /// Seconds a run may take past its time limit: the integer master's floor, the validator,
    /// the report, and a shared machine.
    static let margin = 5.0

    struct Case: CustomStringConvertible, Sendable {
        var arguments: [String]
        var limit: Double
        /// Exit codes a run may end with: a plan (0), no plan (10), none within the limit (11).
        var allowed: Set<Int32>
        var description: String { arguments.joined(separator: " ") }
    }

    static let cases: [Case] = [
        Case(arguments: ["--sex", "female", "--days", "28"], limit: 30, allowed: [0]),
        Case(arguments: ["--sex", "female", "--days", "28", "--max-days-per-food", "1", "--time-limit", "5"], limit: 5, allowed: [0, 10, 11]),
        Case(arguments: ["--sex", "male", "--days", "14", "--relax", "--time-limit", "5"], limit: 5, allowed: [0, 11]),
        Case(arguments: ["--sex", "female", "--time-limit", "1"], limit: 1, allowed: [0, 11]),
        Case(arguments: ["--sex", "female", "--days", "10", "--objective", "potassium", "--time-limit", "4"], limit: 4, allowed: [0, 11]),
        Case(arguments: ["--sex", "female", "--days", "28", "--max-days-per-main", "1", "--time-limit", "3"], limit: 3, allowed: [0, 10, 11]),
    ]

    @Test(arguments: cases)
    func endsWithinItsTimeLimit(_ testCase: Case) throws {
        let folder = try TemporaryFolder("time-limit")
        let run = try runPlanner(testCase.arguments, in: folder, deadline: testCase.limit + 60)
        #expect(!run.signaled, "\(testCase): killed by a signal")
        #expect(run.seconds <= testCase.limit + Self.margin, "\(testCase): \(run.seconds) s")
        #expect(testCase.allowed.contains(run.status), "\(testCase): exit \(run.status): \(run.stderr)")
        if run.status == 0 {
            #expect(run.stdout.contains("Daily totals") || run.stdout.contains("Day 1"), "\(testCase): \(run.stdout.prefix(400))")
        } else {
            // One line naming the request's own limit, never a week's share of it.
            let lines = run.stderr.split(separator: "\n")
            #expect(lines.count == 1, "\(testCase): \(run.stderr)")
            if run.status == 11 {
                #expect(run.stderr == "Error: no plan found within the time limit of \(Int(testCase.limit)) s; try a longer --time-limit\n")
            }
        }
    }

    /// The longest plan: four weeks, each holding the rules of a week; no food on more than
    /// three days of any week, and the plan says it was planned week by week.
    @Test func aMonthIsPlannedWeekByWeek() throws {
        let folder = try TemporaryFolder("month")
        let run = try runPlanner(["--sex", "female", "--days", "28", "--format", "json"], in: folder, deadline: 120)
        #expect(run.status == 0, "\(run.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let items = try #require(json["items"] as? [[String: Any]])
        var daysOfFood: [String: Set<Int>] = [:]
        for item in items {
            let food = try #require(item["foodId"] as? String), day = try #require(item["day"] as? Int)
            daysOfFood[food, default: []].insert(day)
        }
        #expect(Set(daysOfFood.values.flatMap { $0 }) == Set(1 ... 28))
        for (food, days) in daysOfFood {
            for week in 0 ..< 4 {
                let inWeek = days.filter { (week * 7 + 1 ... week * 7 + 7).contains($0) }
                #expect(inWeek.count <= 3, "\(food) on days \(inWeek.sorted()) of week \(week + 1)")
            }
        }
        let notes = try #require(json["notes"] as? [String])
        #expect(notes.contains { $0.hasPrefix("Planned week by week: every rule of a week holds in each of the 4 weeks") }, "\(notes)")
    }
}
