import Foundation
import Testing

@testable import PlannerCLI

/// `planner batch` on several threads gives exactly the lines of planning one request at a time.
@Suite("batch")
struct BatchTests {
    static let requests = [
        #"{"profile": {"sex": "female", "age": 35}, "days": 2}"#,
        #"{"profile": {"sex": "male", "age": 60}, "days": 1, "objective": "sugar"}"#,
        #"{"profile": {"sex": "female"}, "days": 1, "nutrients": [{"nutrient": "potassium_mg", "min": 30000}]}"#,
        #"{"profile": {"sex": "female"}, "days": 1, "diets": ["vegan"]}"#,
        #"{"profile": {"sex": "male"}, "days": 2, "excludeFoods": ["lentils"]}"#,
        #"{"profile": {"sex": "robot"}}"#,
        #"{"profile": {"sex": "female", "age": 70}, "days": 1, "objective": "sodium"}"#,
    ]

    @Test func parallelEqualsSequential() throws {
        let runner = BatchRunner(table: SmallTable.table, fileName: "r.jsonl")
        let work = Self.requests.enumerated().map { ($0.offset + 1, $0.element) }
        let sequential = work.map { runner.result(line: $0.0, text: $0.1) }
        let lock = NSLock()
        nonisolated(unsafe) var emitted: [String] = []
        let parallel = runner.run(work, jobs: 3, emit: { line in lock.withLock { emitted.append(line) } })
        #expect(parallel == sequential)
        // Streamed in input order too.
        #expect(emitted == sequential)
        #expect(runner.run(work, jobs: 1) == sequential)
        // The lines say what happened to each request, with its line number.
        let objects = try sequential.map { try #require(JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]) }
        #expect(objects.map { $0["line"] as? Int } == Array(1 ... Self.requests.count))
        for index in [0, 1, 3, 4, 6] {
            #expect(["optimal", "feasible"].contains(objects[index]["status"] as? String), "\(sequential[index].prefix(120))")
        }
        #expect(objects[2]["status"] as? String == "no plan")
        #expect(objects[5]["status"] as? String == "error")
        #expect(objects[5]["code"] as? Int == 65)
        #expect(!sequential.contains { $0.contains("\n") })
    }
}
