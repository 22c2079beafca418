import Foundation
import MealPlanning
import Testing

@testable import PlannerCLI

/// `planner batch` for jobs that split a file: household ids on every result line, numbered
/// lines in any order, and a bad line as an error record.
@Suite("batch households")
struct HouseholdBatchTests {
    static let lines = [
        #"{"household": "h1", "profile": {"sex": "female", "age": 35}, "days": 1}"#,
        #"{"household": "h2", "profile": {"sex": "male", "age": 60}, "days": 1, "objective": "sugar"}"#,
        #"{"household": "h3", "profile": {"sex": "female"}, "days": 1, "nutrients": [{"nutrient": "potassium_mg", "min": 30000}]}"#,
        #"{"household": "h4", "profile": {"sex": "robot"}}"#,
        #"{"household": "h5", "profile": {"sex": "female"}, "colour": "blue"}"#,
        #"{"household": 6, "profile": {"sex": "female"}, "days": 1}"#,
        #"{"household": "h7", "profile": {"sex": "female"}"#,
        "not json",
        "",
        #"{"profile": {"sex": "female", "age": 70}, "days": 1}"#,
    ]

    static func object(_ line: String) throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
    }

    @Test func everyResultLineCarriesItsHousehold() throws {
        let runner = BatchRunner(table: SmallTable.table, fileName: "households.jsonl")
        let work = BatchRunner.workItems(Self.lines.map { Substring($0) }, numbered: false)
        #expect(work.map(\.0) == [1, 2, 3, 4, 5, 6, 7, 8, 10])
        let results = try runner.run(work, jobs: 2).map(Self.object)
        #expect(results.map { $0["line"] as? Int } == [1, 2, 3, 4, 5, 6, 7, 8, 10])
        #expect(results.map { $0["household"] as? String } == ["h1", "h2", "h3", "h4", "h5", nil, nil, nil, nil])
        #expect(["optimal", "feasible"].contains(results[0]["status"] as? String))
        #expect(["optimal", "feasible"].contains(results[1]["status"] as? String))
        #expect(results[2]["status"] as? String == "no plan")
        for index in 3 ... 7 {
            #expect(results[index]["status"] as? String == "error")
            #expect(results[index]["code"] as? Int == 65)
        }
        #expect((results[3]["error"] as? String)?.hasPrefix("households.jsonl:4: profile.sex:") == true)
        #expect((results[4]["error"] as? String)?.hasPrefix("households.jsonl:5: colour: unknown key") == true)
        #expect(results[5]["error"] as? String == "households.jsonl:6: household: expected a string")
        #expect((results[7]["error"] as? String)?.hasPrefix("households.jsonl:8: not valid JSON") == true)
        #expect(["optimal", "feasible"].contains(results[8]["status"] as? String))
    }

    @Test func numberedLinesInAnyOrderGiveTheLinesOfTheWholeFile() throws {
        let runner = BatchRunner(table: SmallTable.table, fileName: "households.jsonl")
        let whole = runner.run(BatchRunner.workItems(Self.lines.map { Substring($0) }, numbered: false), jobs: 2)
        // Two pieces, each in its own order, as a job that splits the file sends them.
        let numbered = Self.lines.enumerated().map { "\($0.offset + 1)\t\($0.element)" }
        let pieces = [[9, 2, 7, 0, 5], [4, 8, 1, 6, 3]].map { $0.map { Substring(numbered[$0]) } }
        let results = pieces.flatMap { runner.run(BatchRunner.workItems($0, numbered: true), jobs: 2) }
        func line(_ text: String) throws -> Int { try #require(Self.object(text)["line"] as? Int) }
        let byLine = try Dictionary(uniqueKeysWithValues: results.map { (try line($0), $0) })
        #expect(byLine.count == whole.count)
        for text in whole {
            #expect(byLine[try line(text)] == text)
        }
    }

    @Test func aNumberedLineWithoutItsNumberIsAnErrorRecord() throws {
        let work = BatchRunner.workItems(["3\t{\"profile\": {\"sex\": \"robot\"}}", "{\"household\": \"h1\"}", "x\t{}", "12\t  ", "   "], numbered: true)
        #expect(work.map(\.0) == [3, 2, 3])
        #expect(work[1].1 == nil && work[2].1 == nil)
        let runner = BatchRunner(table: SmallTable.table, fileName: "-")
        let record = try Self.object(runner.result(line: 2, text: nil))
        #expect(record["status"] as? String == "error")
        #expect(record["error"] as? String == "-:2: expected LINE<TAB>request (--numbered)")
        #expect(record["household"] == nil)
    }

    @Test func theHouseholdKeyIsPartOfTheRequestFormat() throws {
        let request = try PlanRequestCoding.decode(Data(#"{"household": "h1", "profile": {"sex": "male"}, "days": 2}"#.utf8), fileName: "r.json")
        #expect(request.days == 2)
        #expect(throws: PlanRequestError.self) {
            try PlanRequestCoding.decode(Data(#"{"household": ["h1"], "profile": {"sex": "male"}}"#.utf8), fileName: "r.json")
        }
        #expect(BatchRunner.household(in: #"{"household": "h-9", "days": "x"}"#) == "h-9")
        #expect(BatchRunner.household(in: #"{"household": 9}"#) == nil)
        #expect(BatchRunner.household(in: "[1]") == nil)
    }

    @Test func theBinaryReadsCRLFLinesAndNumberedStdin() throws {
        let fixture = try BinaryFixture()
        try fixture.folder.write("crlf.jsonl", "{\"household\": \"a\", \"profile\": {\"sex\": \"robot\"}}\r\n\r\n{\"household\": \"b\", \"profile\": {\"sex\": \"robot\"}}\r\n")
        let run = try fixture.run(["batch", "crlf.jsonl", "--foods", "small.csv", "--quiet"])
        #expect(run.status == 0)
        let records = try run.stdout.split(separator: "\n").map { try Self.object(String($0)) }
        #expect(records.map { $0["household"] as? String } == ["a", "b"])
        #expect(records.map { $0["line"] as? Int } == [1, 3])
        #expect(records.allSatisfy { ($0["error"] as? String)?.contains("profile.sex") == true })

        try fixture.folder.write("numbered.txt", "7\t{\"household\": \"c\", \"profile\": {\"sex\": \"robot\"}}\n")
        let numbered = try fixture.run(["batch", "numbered.txt", "--numbered", "--input-name", "all.jsonl", "--foods", "small.csv", "--quiet"])
        #expect(numbered.status == 0)
        #expect(numbered.stdout == #"{"code":65,"error":"all.jsonl:7: profile.sex: 'robot' is not one of female, male","household":"c","line":7,"status":"error"}"# + "\n")
    }
}
