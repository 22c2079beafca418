import ArgumentParser
import Foundation
import MealPlanning
import Testing
@testable import PlannerCLI

/// Usage errors are one line on stderr with exit code 64; negative numbers are values;
/// special input files read like files.
@Suite("usage messages")
struct UsageMessageTests {
    @Test(arguments: [
        (["--sex", "female", "--bogus"], "Unknown option '--bogus'. Did you mean '--foods'? (see 'planner plan --help')"),
        (["plan", "--days", "1"], "Missing expected argument '--sex <female|male>' (or give --request FILE). (see 'planner plan --help')"),
        (["foods", "--limit", "-3"], "--limit must be 0 (all) or more, not -3 (see 'planner foods --help')"),
        (["foods", "--meal", "brunch"], "unknown meal 'brunch' (expected breakfast, lunch, dinner, snack) (see 'planner foods --help')"),
        (["check"], "Missing expected argument '<plan.json>' (see 'planner check --help')"),
        (["compare", "a.json"], "Missing expected argument '<b.json>' (see 'planner compare --help')"),
        (["export", "--sex", "female"], "Give --mps FILE or --lp FILE (or both). (see 'planner export --help')"),
        (["batch"], "Missing expected argument '<requests.jsonl>' (see 'planner batch --help')"),
        (["batch", "x.jsonl", "--jobs", "-2"], "--jobs -2 is not in 1...256 (see 'planner batch --help')"),
        (["generate-foods", "--count", "-5"], "--count -5 is not in 1...10000000 (see 'planner generate-foods --help')"),
        (["generate-requests", "--count", "3", "--gap", "-0.5"], "--gap -0.5 is not in [0, 1) (see 'planner generate-requests --help')"),
        (["import-fdc"], "Missing expected argument '<dir>' (see 'planner import-fdc --help')"),
        (["no-such-command", "--sex", "female"], "Unexpected argument 'no-such-command' (see 'planner plan --help')"),
        // Negative numbers reach the checks of their values.
        (["--sex", "female", "--foods", "small.csv", "--gap", "-1"], "relative gap -1 is not in 0...1 (see 'planner plan --help')"),
        (["--sex", "female", "--foods", "small.csv", "--sodium-max", "-1"], "sodium_mg per day maximum -1 is not in 0...1000000000 (see 'planner plan --help')"),
        (["--sex", "female", "--foods", "small.csv", "--days", "-3"], "days -3 is not in 1...28 (see 'planner plan --help')"),
        (["--sex", "female", "--foods", "small.csv", "--kcal", "-1e3"], "energy target -1000 is not in 500...10000 (see 'planner plan --help')"),
        (["--sex", "female", "--foods", "small.csv", "--width", "-40"], "--width -40 is not in 40...1000 (see 'planner plan --help')"),
        (["--sex", "female", "--foods", "small.csv", "--time-limit", "-.5"], "time limit -0.5 is not in 0.1...86400 (see 'planner plan --help')"),
        (["--sex", "female", "--age", "-30"], "age -30 is outside the 14-120 years the reference intakes here cover (see 'planner plan --help')"),
        (["--sex", "female", "--foods", "small.csv", "--gap=-1"], "relative gap -1 is not in 0...1 (see 'planner plan --help')"),
        (["generate-foods", "--count", "3", "--seed", "-1"], "The value '-1' is invalid for '--seed <seed>' (see 'planner generate-foods --help')"),
    ])
    func usageErrorsAreOneLine(arguments: [String], message: String) throws {
        let run = try BinaryFixture().run(arguments)
        #expect(run.status == 64, "\(run.stderr)")
        #expect(run.stderr == "Error: \(message)\n")
        #expect(run.stdout.isEmpty)
    }

    @Test func negativeNumbersAreAttachedToTheirOption() {
        #expect(PlannerMain.attachingNegativeNumbers(["--gap", "-1", "--kcal", "-1.5e3", "--x", "-inf", "-o", "-1", "--days", "-", "--", "--gap", "-1"])
            == ["--gap=-1", "--kcal=-1.5e3", "--x=-inf", "-o", "-1", "--days", "-", "--", "--gap", "-1"])
        #expect(PlannerMain.attachingNegativeNumbers(["--sex", "female", "--nutrient", "-x"]) == ["--sex", "female", "--nutrient", "-x"])
        for text in ["-1", "-0", "-0.5", "-.5", "-5.", "-1e9", "-2E-3", "-NaN", "-Infinity"] { #expect(PlannerMain.isNegativeNumber(text), "\(text)") }
        for text in ["-", "--", "-v", "-1x", "--1", "-e5", "1", "-1e"] { #expect(!PlannerMain.isNegativeNumber(text), "\(text)") }
    }

    @Test func negativeNumbersParseInProcess() throws {
        let command = try #require(try PlannerMain.parse(["--sex", "female", "--potassium-min", "-5"]) as? PlanCommand)
        #expect(command.requestOptions.potassiumMin == -5)
        #expect(throws: ValidationError.self) { try command.requestOptions.makeRequest() }
    }

    @Test func helpGoesToStdout() throws {
        let fixture = try BinaryFixture()
        for arguments in [["--help"], ["help", "batch"], ["batch", "--help"]] {
            let run = try fixture.run(arguments)
            #expect(run.status == 0)
            #expect(run.stderr.isEmpty)
            #expect(run.stdout.hasPrefix("OVERVIEW: "), "\(arguments)")
            #expect(run.stdout.hasSuffix("\n") && !run.stdout.hasSuffix("\n\n\n"))
        }
        #expect(try fixture.run(["help", "batch"]).stdout == fixture.run(["batch", "--help"]).stdout)
    }

    /// An empty special file reads as an empty file: its error, not "cannot be read".
    @Test func devNullReadsAsAnEmptyFile() throws {
        let fixture = try BinaryFixture()
        _ = FileManager.default.createFile(atPath: fixture.path("empty"), contents: Data())
        let pairs: [([String], [String])] = [
            (["foods", "--foods", "/dev/null"], ["foods", "--foods", "empty"]),
            (["--request", "/dev/null", "--foods", "small.csv"], ["--request", "empty", "--foods", "small.csv"]),
            (["check", "/dev/null", "--foods", "small.csv"], ["check", "empty", "--foods", "small.csv"]),
            (["batch", "/dev/null", "--foods", "small.csv", "--quiet"], ["batch", "empty", "--foods", "small.csv", "--quiet"]),
            (["foods", "--foods", "small.csv", "--prices", "/dev/null"], ["foods", "--foods", "small.csv", "--prices", "empty"]),
        ]
        for (special, regular) in pairs {
            let a = try fixture.run(special)
            let b = try fixture.run(regular)
            #expect(a.status == b.status, "\(special): \(a.stderr)")
            #expect(a.stderr.replacingOccurrences(of: "null", with: "empty") == b.stderr, "\(special)")
            #expect(!a.stderr.contains("cannot"), "\(special): \(a.stderr)")
        }
        #expect(try fixture.run(["foods", "--foods", "/dev/null"]).stderr == "Error: null:1:1: the file is empty\n")
        #expect(try fixture.run(["--request", "/dev/null", "--foods", "small.csv"]).stderr
                == "Error: null: not valid JSON (Unexpected end of file during JSON parse.)\n")
        // An empty batch is no error: no lines, no output.
        let batch = try fixture.run(["batch", "/dev/null", "--foods", "small.csv", "--quiet"])
        #expect(batch.status == 0 && batch.stdout.isEmpty)
    }

    /// A FIFO as the food table (a process substitution `<(...)`) is opened once and read to
    /// its end, as is a request file.
    @Test func aFIFOFoodTableIsRead() throws {
        let fixture = try BinaryFixture()
        let path = fixture.path("table.fifo")
        #expect(mkfifo(path, 0o600) == 0)
        Thread {
            if let handle = FileHandle(forWritingAtPath: path) {
                try? handle.write(contentsOf: Data(SmallTable.csv.utf8))
                try? handle.close()
            }
        }.start()
        let run = try fixture.run(["foods", "--foods", "table.fifo", "--limit", "0"], stdout: .captured, timeout: 60)
        let reference = try fixture.run(["foods", "--foods", "small.csv", "--limit", "0"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout == reference.stdout)

        let request = fixture.path("request.fifo")
        #expect(mkfifo(request, 0o600) == 0)
        Thread {
            if let handle = FileHandle(forWritingAtPath: request) {
                try? handle.write(contentsOf: Data(#"{"days": 1, "days": 2}"#.utf8))
                try? handle.close()
            }
        }.start()
        let planned = try fixture.run(["--request", "request.fifo", "--foods", "small.csv"], stdout: .captured, timeout: 60)
        #expect(planned.status == 65)
        #expect(planned.stderr == "Error: request.fifo:1:13: duplicate key 'days' (first at 1:2)\n")
    }
}
