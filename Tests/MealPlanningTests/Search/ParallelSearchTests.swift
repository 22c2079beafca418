import Foundation
import GLPK
import LinearProgramming
import Testing
@testable import MealPlanning

/// The second core: two greedy weeks at once. The plan must never depend on which thread ends
/// first, and the second week must only ever add days the master may choose.
@Suite(.serialized) struct ParallelSearchTests {
    static let table = WeekAcceptanceTests.table

    static func request(_ sex: Profile.Sex) -> PlanRequest {
        var request = PlanRequest(profile: Profile(sex: sex))
        // The node and round budgets end the search, not the clock.
        request.timeLimit = 600
        return request
    }

    static func plan(_ request: PlanRequest, secondWeek: Int? = SearchBudget.standard.secondGreedyWeekExtras) throws -> Plan {
        var planner = WeeklyPlanner(table: table, request: request, solver: GLPKSolver())
        planner.budget.secondGreedyWeekExtras = secondWeek
        guard case .plan(let plan) = try planner.plan() else { throw Failure() }
        return plan
    }

    struct Failure: Error {}

    @Test func bothPartsRunAndTheirErrorsAreThrownOnceBothEnd() throws {
        let threads = SearchThreads()
        for round in 0 ..< 50 {
            let (a, b) = try threads.both({ round * 2 }, { "\(round)" })
            #expect(a == round * 2 && b == "\(round)")
        }
        // One kept thread served every round.
        #expect(threads.made == 1)
        struct Boom: Error, Equatable { var side: String }
        let ended = SearchThreads.Box<Bool>()
        #expect(throws: Boom(side: "second")) {
            _ = try threads.both({ 1 }, { () throws -> Int in
                Thread.sleep(forTimeInterval: 0.05)
                ended.value = true
                throw Boom(side: "second")
            })
        }
        #expect(ended.value == true)
        #expect(throws: Boom(side: "first")) { _ = try threads.both({ () throws -> Int in throw Boom(side: "first") }, { () throws -> Int in throw Boom(side: "second") }) }
        #expect(threads.made == 1)
    }

    @Test func theSecondWeekNeverMakesThePlanDearer() throws {
        for sex in [Profile.Sex.female, .male] {
            let both = try Self.plan(Self.request(sex))
            let first = try Self.plan(Self.request(sex), secondWeek: nil)
            #expect(both.objective <= first.objective + 1e-9, "\(sex): \(both.objective) against \(first.objective)")
            #expect(both.strategy.hasPrefix("day patterns"))
        }
    }

    /// Three plans at once keep both cores and the kept threads busy, so that each search's
    /// second week waits or runs alongside the others: every plan equals the one planned alone.
    @Test func plansDoNotDependOnThreadTiming() throws {
        let request = Self.request(.female)
        let alone = try Self.plan(request)
        let results = SearchThreads.Box<[Int: [PlanItem]]>()
        results.value = [:]
        let lock = NSLock()
        let group = DispatchGroup()
        for index in 0 ..< 3 {
            group.enter()
            let thread = Thread {
                let items = try? Self.plan(request).items
                lock.withLock { results.value![index] = items }
                group.leave()
            }
            thread.stackSize = 8 << 20
            thread.start()
        }
        group.wait()
        for index in 0 ..< 3 { #expect(results.value![index] == alone.items, "plan \(index)") }
    }
}
