import Foundation
import MealPlanning
import PlanReports
import Testing
@testable import PlannerCLI

/// Request files, batch lines and saved plans: a trailing comma or a key given twice is an
/// error at its place (Foundation's parser accepts both).
@Suite("strict JSON")
struct StrictJSONTests {
    func decodeError(_ json: String, fileName: String = "r.json", line: Int? = nil) -> String? {
        do {
            _ = try PlanRequestCoding.decode(Data(json.utf8), fileName: fileName, line: line)
            return nil
        } catch {
            return "\(error)"
        }
    }

    @Test(arguments: [
        (#"{"days":1,}"#, "r.json:1:10: trailing comma before '}'"),
        (#"{"days": 1, "days": 2}"#, "r.json:1:13: duplicate key 'days' (first at 1:2)"),
        (#"{"diets": ["vegan",]}"#, "r.json:1:19: trailing comma before ']' in diets"),
        (#"{"profile": {"sex": "female", "sex": "male"}}"#, "r.json:1:31: duplicate key 'profile.sex' (first at 1:14)"),
        (#"{"profile": {"sex": "female",}}"#, "r.json:1:29: trailing comma before '}' in profile"),
        (#"{"meals": [{"slot": "lunch"}, {"slot": "dinner", "slot": "snack"}]}"#, "r.json:1:50: duplicate key 'meals[1].slot' (first at 1:32)"),
        (#"{"meals": [{"slot": "lunch"},]}"#, "r.json:1:29: trailing comma before ']' in meals"),
        (#"{"objective": {"weights": {"cost": 1, "cost": 2}}}"#, "r.json:1:39: duplicate key 'objective.weights.cost' (first at 1:28)"),
        // The same key written another way is the same key.
        (#"{"days": 1, "d\u0061ys": 2}"#, "r.json:1:13: duplicate key 'days' (first at 1:2)"),
        // Keys that only look alike are two keys: the second is unknown.
        ("{\"days\": 1, \"Days\": 2}", nil),
        // The first problem in the text is the one reported.
        (#"{"days": 1, "days": 2, "x": [1,]}"#, "r.json:1:13: duplicate key 'days' (first at 1:2)"),
        (#"{"x": [1,], "days": 1, "days": 2}"#, "r.json:1:9: trailing comma before ']' in x"),
    ] as [(String, String?)])
    func trailingCommasAndDuplicateKeysAreErrorsAtTheirPlace(json: String, message: String?) {
        let error = decodeError(json)
        if let message {
            #expect(error == message)
        } else {
            #expect(error?.hasPrefix("r.json: Days: unknown key") == true, "\(error ?? "no error")")
        }
    }

    /// Lines and columns over line breaks of every kind, a byte order mark and multibyte text.
    @Test(arguments: [
        ("{\n  \"days\": 1,\n  \"days\": 2\n}", "r.json:3:3: duplicate key 'days' (first at 2:3)"),
        ("{\r\n  \"days\": 1,\r\n  \"days\": 2\r\n}", "r.json:3:3: duplicate key 'days' (first at 2:3)"),
        ("{\r  \"days\": 1,\r  \"days\": 2\r}", "r.json:3:3: duplicate key 'days' (first at 2:3)"),
        ("{\n  \"excludeFoods\": [\"é😀\",\n  ],\n}", "r.json:2:24: trailing comma before ']' in excludeFoods"),
        ("\u{FEFF}{\"days\": 1,}", "r.json:1:11: trailing comma before '}'"),
        ("{\"days\": 1,\n\n\n}", "r.json:1:11: trailing comma before '}'"),
    ])
    func placesCountLinesAndCharacters(json: String, message: String) {
        #expect(decodeError(json) == message)
    }

    /// Text that Foundation rejects keeps its message; what it accepts stays accepted.
    @Test func otherJSONErrorsKeepTheirMessages() {
        #expect(decodeError(#"{"days": 1}garbage"#) == "r.json: not valid JSON (Invalid value around character 11.)")
        #expect(decodeError(#"{"days": 01}"#) == "r.json: not valid JSON (Number with leading zero around character 10.)")
        #expect(decodeError("") == "r.json: not valid JSON (Unexpected end of file during JSON parse.)")
        #expect(decodeError("[1,]") == "r.json:1:3: trailing comma before ']'")
        #expect(decodeError("[1]") == "r.json: the request must be a JSON object")
        #expect(decodeError(#"{"days": 2, "profile": {"sex": "male"}}"#) == nil)
        #expect(decodeError("\u{FEFF}{\"days\": 2, \"profile\": {\"sex\": \"male\"}}") == nil)
        // UTF-16 with a byte order mark, as Foundation reads it.
        let utf16 = Data([0xFF, 0xFE] + Array("{\"days\": 2, \"days\": 3}".utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
        let error = #expect(throws: PlanRequestError.self) { try PlanRequestCoding.decode(utf16, fileName: "r.json") }
        #expect(error?.description == "r.json:1:13: duplicate key 'days' (first at 1:2)")
    }

    @Test func theScannerReportsEveryKindOfSyntaxError() {
        let cases: [(String, StrictJSON.Problem?)] = [
            (#"{"a": [1, {"b": null}], "c": "x\"y", "d": -0.5e+3}"#, nil),
            (" [ ] ", nil),
            ("[1] x", .init(line: 1, column: 5, reason: "unexpected 'x' after the JSON value", isLenient: false)),
            ("{\"a\" 1}", .init(line: 1, column: 6, reason: "expected ':' after a key, found '1'", isLenient: false)),
            ("{1: 2}", .init(line: 1, column: 2, reason: "expected a key in quotes, found '1'", isLenient: false)),
            ("[1 2]", .init(line: 1, column: 4, reason: "expected ',' or ']', found '2'", isLenient: false)),
            ("[01]", .init(line: 1, column: 2, reason: "a number does not start with 0 (leading zeros are not JSON)", isLenient: false)),
            ("[\"a\tb\"]", .init(line: 1, column: 4, reason: "a control character (byte 0x9) inside a string", isLenient: false)),
            ("[\"\\x\"]", .init(line: 1, column: 3, reason: "invalid escape '\\x' in a string", isLenient: false)),
            ("[\"abc", .init(line: 1, column: 2, reason: "unterminated string", isLenient: false)),
            ("[nul]", .init(line: 1, column: 2, reason: "expected a value, found 'n'", isLenient: false)),
            ("[,1]", .init(line: 1, column: 2, reason: "expected a value, found ','", isLenient: false)),
            ("{\"a\": 1,,}", .init(line: 1, column: 9, reason: "expected a key in quotes, found ','", isLenient: false)),
            ("[[[[", .init(line: 1, column: 5, reason: "expected a value, found the end of the text", isLenient: false)),
            ("{\"k\": {\"k\": 1}, \"k\": 2}", .init(line: 1, column: 17, reason: "duplicate key 'k'", firstLine: 1, firstColumn: 2, isLenient: true)),
        ]
        for (json, expected) in cases {
            #expect(StrictJSON.firstProblem(in: Data(json.utf8)) == expected, "\(json)")
        }
    }

    /// Deep nesting is read with a stack of its own (Foundation's limit still applies after it).
    @Test func deepNestingDoesNotOverflowTheStack() {
        let depth = 200_000
        let deep = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
        #expect(StrictJSON.firstProblem(in: Data(deep.utf8)) == nil)
        let comma = String(repeating: "[", count: depth) + "1," + String(repeating: "]", count: depth)
        #expect(StrictJSON.firstProblem(in: Data(comma.utf8))?.column == depth + 2)
        // A request of a megabyte of brackets: read in linear time and memory, then Foundation's error.
        let clock = ContinuousClock()
        let start = clock.now
        let megabyte = String(repeating: "[", count: 500_000) + String(repeating: "]", count: 500_000)
        #expect(decodeError(megabyte)?.hasPrefix("r.json: not valid JSON (") == true)
        #expect(clock.now - start < .seconds(20))
    }

    /// A batch line's places are in the whole file: its line, the column in it.
    @Test func batchLinesNameTheirLineInTheFile() throws {
        let runner = BatchRunner(table: SmallTable.table, fileName: "h.jsonl")
        func error(_ line: Int, _ text: String) throws -> String? {
            try #require(JSONSerialization.jsonObject(with: Data(runner.result(line: line, text: text).utf8)) as? [String: Any])["error"] as? String
        }
        #expect(try error(7, #"{"household": "h", "days": 1, "days": 2}"#) == "h.jsonl:7:31: duplicate key 'days' (first at 7:20)")
        #expect(try error(12, #"{"days": 1,}"#) == "h.jsonl:12:11: trailing comma before '}'")
        // Other messages are as they were.
        #expect(try error(3, #"{"days": 0}"#) == "h.jsonl:3: days 0 is not in 1...28")
        #expect(try error(4, "not json")?.hasPrefix("h.jsonl:4: not valid JSON") == true)
        // The household is still copied to the error line.
        let record = try #require(JSONSerialization.jsonObject(with: Data(runner.result(line: 2, text: #"{"household": "h9", "x": [1,]}"#).utf8)) as? [String: Any])
        #expect(record["household"] as? String == "h9")
        #expect(record["error"] as? String == "h.jsonl:2:28: trailing comma before ']' in x")
        #expect(record["code"] as? Int == 65)
    }

    /// `planner check` and `compare` read saved plans strictly too.
    @Test func savedPlansAreReadStrictly() throws {
        let fixture = try BinaryFixture()
        try fixture.addPlanAndRequests()
        let saved = try String(contentsOfFile: fixture.path("plan.json"), encoding: .utf8)
        #expect(try SavedPlan.read(Data(saved.utf8), fileName: "plan.json").items.count > 0)

        // A second "schema" key just before the first, and a comma before the last brace.
        let twice = saved.replacingOccurrences(of: "\n  \"schema\"", with: "\n  \"schema\": \"x\",\n  \"schema\"")
        try #require(twice != saved)
        let line = twice.components(separatedBy: "\n").firstIndex { $0.hasPrefix("  \"schema\": \"potassium") }! + 1
        #expect(throws: SavedPlanError("plan.json:\(line):3: duplicate key 'schema' (first at \(line - 1):3)")) {
            try SavedPlan.read(Data(twice.utf8), fileName: "plan.json")
        }
        var trailing = saved.trimmingCharacters(in: .whitespacesAndNewlines)
        trailing.insert(",", at: trailing.index(before: trailing.endIndex))
        // The last line is now ",}".
        let lines = trailing.components(separatedBy: "\n")
        #expect(lines.last == ",}")
        #expect(throws: SavedPlanError("plan.json:\(lines.count):1: trailing comma before '}'")) {
            try SavedPlan.read(Data(trailing.utf8), fileName: "plan.json")
        }

        try fixture.folder.write("twice.json", twice)
        let check = try fixture.run(["check", "twice.json", "--foods", "small.csv"])
        #expect(check.status == 65)
        #expect(check.stderr == "Error: twice.json:\(line):3: duplicate key 'schema' (first at \(line - 1):3)\n")
        #expect(check.stdout.isEmpty)
        let compare = try fixture.run(["compare", "plan.json", "twice.json", "--foods", "small.csv"])
        #expect(compare.status == 65)
        #expect(compare.stderr == check.stderr)
    }

    @Test func requestFilesAreReadStrictlyByTheExecutable() throws {
        let fixture = try BinaryFixture()
        try fixture.folder.write("week.json", "{\n  \"profile\": {\"sex\": \"female\"},\n  \"days\": 1,\n  \"days\": 2\n}\n")
        let run = try fixture.run(["--request", "week.json", "--foods", "small.csv"])
        #expect(run.status == 65)
        #expect(run.stderr == "Error: week.json:4:3: duplicate key 'days' (first at 3:3)\n")
        try fixture.folder.write("comma.json", "{\"profile\": {\"sex\": \"female\"}, \"days\": 1,}")
        let export = try fixture.run(["export", "--request", "comma.json", "--foods", "small.csv", "--lp", "-"])
        #expect(export.status == 65)
        #expect(export.stderr == "Error: comma.json:1:41: trailing comma before '}'\n")
        #expect(export.stdout.isEmpty)
    }
}
