import Foundation
import MealPlanning
import PlanReports
import Testing
@testable import PlannerCLI

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The built `planner` executable. `swift build` (and `swift test`, which builds every product
/// first) puts it next to the test bundle; the fallback is the package's `.build/debug`.
enum PlannerBinary {
    static let url: URL? = {
        var candidates: [URL] = []
        let starts = [
            Bundle.main.bundleURL,
            URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent(),
        ]
        for start in starts {
            var folder = start
            for _ in 0 ..< 4 {
                candidates.append(folder.appendingPathComponent("planner"))
                folder = folder.deletingLastPathComponent()
            }
        }
        let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        candidates.append(packageRoot.appendingPathComponent(".build/debug/planner"))
        return candidates.first { url in
            var isFolder: ObjCBool = false
            return FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder) && !isFolder.boolValue
                && FileManager.default.isExecutableFile(atPath: url.path)
        }
    }()

    /// Why the executable cannot be trusted to be this source's: missing, or older than the
    /// libraries it is linked from (`swift test` builds the libraries but not the executable).
    static let problem: String? = {
        guard let url else {
            return "the planner executable was not found next to the test bundle or in .build/debug; run `swift build` first"
        }
        let manager = FileManager.default
        func modified(_ path: String) -> Date? { (try? manager.attributesOfItem(atPath: path))?[.modificationDate] as? Date }
        guard let built = modified(url.path) else { return nil }
        let folder = url.deletingLastPathComponent()
        for library in ["PlannerCLI", "MealPlanning", "PlanReports"] {
            let objects = folder.appendingPathComponent("\(library).build")
            for name in (try? manager.contentsOfDirectory(atPath: objects.path)) ?? [] where name.hasSuffix(".o") {
                if let date = modified(objects.appendingPathComponent(name).path), date > built {
                    return "\(url.path) is older than \(library)/\(name); run `swift build` before `swift test`"
                }
            }
        }
        return nil
    }()

    static func require() throws -> URL {
        if let problem {
            Issue.record(Comment(rawValue: problem))
            throw CancellationError()
        }
        return url!
    }
}

/// What one run of the executable gave.
struct PlannerRun {
    var status: Int32
    var stdout: String
    var stderr: String
}

/// A folder with the small food table, where the executable runs.
final class BinaryFixture: @unchecked Sendable {
    let folder: TemporaryFolder

    init() throws {
        folder = try TemporaryFolder("planner-binary")
        try folder.write("small.csv", SmallTable.csv)
    }

    func path(_ name: String) -> String { folder.path(name) }

    /// The planner binary with these arguments, run in the folder, with `NO_COLOR` unset unless
    /// `environment` sets it.
    private func plannerProcess(_ arguments: [String], environment: [String: String]) throws -> Process {
        let process = Process()
        process.executableURL = try PlannerBinary.require()
        process.arguments = arguments
        var variables = ProcessInfo.processInfo.environment
        variables["NO_COLOR"] = nil
        variables.merge(environment) { $1 }
        process.environment = variables
        process.currentDirectoryURL = folder.url
        return process
    }

    /// Runs `planner ARGUMENTS` in the folder, stdin empty, stdout and stderr captured (so
    /// neither is a terminal), with `NO_COLOR` unset unless `environment` sets it.
    func run(_ arguments: [String], environment: [String: String] = [:]) throws -> PlannerRun {
        let process = try plannerProcess(arguments, environment: environment)
        let capture = try TemporaryFolder("planner-output")
        _ = FileManager.default.createFile(atPath: capture.path("out"), contents: nil)
        _ = FileManager.default.createFile(atPath: capture.path("err"), contents: nil)
        let out = try FileHandle(forWritingTo: capture.url.appendingPathComponent("out"))
        let err = try FileHandle(forWritingTo: capture.url.appendingPathComponent("err"))
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = out
        process.standardError = err
        try process.run()
        process.waitUntilExit()
        try out.close()
        try err.close()
        return PlannerRun(
            status: process.terminationStatus,
            stdout: try String(contentsOf: capture.url.appendingPathComponent("out"), encoding: .utf8),
            stderr: try String(contentsOf: capture.url.appendingPathComponent("err"), encoding: .utf8))
    }

    /// Runs with stdout on a pseudo-terminal (stderr captured apart); returns the terminal's text.
    func runOnTerminal(_ arguments: [String], environment: [String: String] = [:]) throws -> (status: Int32, stdout: String) {
        let (master, slave) = try PseudoTerminal.open()
        let process = try plannerProcess(arguments, environment: environment)
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle(fileDescriptor: slave, closeOnDealloc: false)
        process.standardError = FileHandle.nullDevice
        // Read the terminal while the process writes, so that it never blocks on a full buffer.
        let reader = TerminalReader(master: master)
        let thread = Thread { reader.readUntilClosed() }
        thread.start()
        try process.run()
        close(slave)
        process.waitUntilExit()
        reader.processEnded()
        let text = reader.waitForText()
        close(master)
        return (process.terminationStatus, text)
    }
}

/// A pseudo-terminal pair. The C functions are looked up at run time: Glibc's module map
/// leaves out `posix_openpt` and its friends (they need `_XOPEN_SOURCE`).
enum PseudoTerminal {
    private static func function<Function>(_ name: String, _: Function.Type) -> Function? {
        guard let handle = dlopen(nil, RTLD_NOW), let symbol = dlsym(handle, name) else { return nil }
        return unsafeBitCast(symbol, to: Function.self)
    }

    /// The (master, slave) file descriptors.
    static func open() throws -> (Int32, Int32) {
        typealias Call = @convention(c) (Int32) -> Int32
        typealias Name = @convention(c) (Int32) -> UnsafeMutablePointer<CChar>?
        guard let openMaster = function("posix_openpt", Call.self), let grant = function("grantpt", Call.self),
              let unlock = function("unlockpt", Call.self), let name = function("ptsname", Name.self)
        else { throw CocoaError(.featureUnsupported) }
        let master = openMaster(O_RDWR | O_NOCTTY)
        guard master >= 0, grant(master) == 0, unlock(master) == 0, let path = name(master) else {
            throw CocoaError(.featureUnsupported)
        }
        #if canImport(Glibc)
        let slave = Glibc.open(String(cString: path), O_RDWR | O_NOCTTY)
        #else
        let slave = Darwin.open(String(cString: path), O_RDWR | O_NOCTTY)
        #endif
        guard slave >= 0 else { throw CocoaError(.featureUnsupported) }
        return (master, slave)
    }
}

/// Collects what a pseudo-terminal's other end writes.
final class TerminalReader: @unchecked Sendable {
    private let master: Int32
    private let lock = NSCondition()
    private var bytes: [UInt8] = []
    private var ended = false
    private var finished = false

    init(master: Int32) { self.master = master }

    func processEnded() {
        lock.lock()
        ended = true
        lock.unlock()
    }

    func readUntilClosed() {
        var buffer = [UInt8](repeating: 0, count: 4096)
        var quietPolls = 0
        while true {
            var descriptor = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
            let ready = poll(&descriptor, 1, 50)
            if ready > 0 && descriptor.revents & Int16(POLLIN) != 0 {
                let count = read(master, &buffer, buffer.count)
                if count <= 0 { break }
                lock.lock()
                bytes += buffer[0 ..< count]
                lock.unlock()
                quietPolls = 0
                continue
            }
            if ready > 0 { break }  // hang-up: every writer has closed the terminal
            lock.lock()
            let done = ended
            lock.unlock()
            if done {
                quietPolls += 1
                if quietPolls >= 4 { break }
            }
        }
        lock.lock()
        finished = true
        lock.broadcast()
        lock.unlock()
    }

    func waitForText() -> String {
        lock.lock()
        while !finished { lock.wait() }
        let text = String(decoding: bytes, as: UTF8.self)
        lock.unlock()
        return text
    }
}

@Suite("planner executable")
struct BinaryTests {
    /// A usage error is one line that ends by naming the help to read.
    static let planHelp = " (see 'planner plan --help')\n"

    @Test func unknownFlagIsAUsageError() throws {
        let run = try BinaryFixture().run(["--sex", "female", "--bogus"])
        #expect(run.status == 64)
        #expect(run.stderr == "Error: Unknown option '--bogus'. Did you mean '--foods'?" + Self.planHelp)
        #expect(run.stdout.isEmpty)
    }

    @Test func missingSexIsAUsageError() throws {
        let run = try BinaryFixture().run(["--days", "1"])
        #expect(run.status == 64)
        #expect(run.stderr == "Error: Missing expected argument '--sex <female|male>' (or give --request FILE)." + Self.planHelp)
        #expect(run.stdout.isEmpty)
    }

    /// README: 64 is "a usage error: an unknown flag or a value out of range".
    @Test(arguments: [
        (["--days", "0"], "days 0 is not in 1...28"),
        (["--age", "5"], "age 5 is outside the 14-120 years the reference intakes here cover"),
        (["--pregnant", "--lactating"], "--pregnant and --lactating cannot both be given."),
        (["--nutrient", "bad"], "--nutrient 'bad': expected COLUMN:MIN:MAX or COLUMN:MIN:MAX:MEAL"),
    ])
    func flagValuesOutOfRangeAreUsageErrors(arguments: [String], message: String) throws {
        let fixture = try BinaryFixture()
        let run = try fixture.run(["--sex", "female", "--foods", "small.csv"] + arguments)
        #expect(run.status == 64)
        // Found by parsing or, after it, by `run()`: either way the help named is the command's.
        #expect(run.stderr == "Error: \(message)" + Self.planHelp)
        #expect(run.stdout.isEmpty)
    }

    @Test func aMalformedFoodTableNamesLineAndColumn() throws {
        let fixture = try BinaryFixture()
        try fixture.folder.write("bad.csv", "id,name,meals\na,Apple,L\nb,B,brunch\n")
        let run = try fixture.run(["--sex", "female", "--days", "1", "--foods", "bad.csv"])
        #expect(run.status == 65)
        #expect(run.stderr == "Error: bad.csv:3:5: meals: unknown meal slot 'brunch' (expected breakfast, lunch, dinner, snack)\n")
        #expect(run.stdout.isEmpty)
    }

    @Test func aMalformedRequestFileIsBadData() throws {
        let fixture = try BinaryFixture()
        try fixture.folder.write("week.json", #"{"days": 1, "profile": {"sex": "female"}, "dayz": 2}"#)
        let run = try fixture.run(["--request", "week.json", "--foods", "small.csv"])
        #expect(run.status == 65)
        #expect(run.stderr.hasPrefix("Error: week.json: dayz: unknown key (expected one of "))
        #expect(run.stderr.hasSuffix(")\n") && run.stderr.filter { $0 == "\n" }.count == 1)
        #expect(run.stdout.isEmpty)
    }

    @Test func missingFilesCannotBeRead() throws {
        let fixture = try BinaryFixture()
        let foods = try fixture.run(["--sex", "female", "--foods", "missing.csv"])
        #expect(foods.status == 66)
        #expect(foods.stderr == "Error: missing.csv: no such file (\(fixture.path("missing.csv")))\n")
        #expect(foods.stdout.isEmpty)

        let request = try fixture.run(["--request", "missing.json", "--foods", "small.csv"])
        #expect(request.status == 66)
        #expect(request.stderr == "Error: \(fixture.path("missing.json")): cannot read the request file\n")

        let check = try fixture.run(["check", "missing.json", "--foods", "small.csv"])
        #expect(check.status == 66)
        #expect(check.stderr == "Error: missing.json: cannot read the file\n")

        let export = try fixture.run(["export", "--sex", "female", "--foods", "missing.csv", "--lp", "-"])
        #expect(export.status == 66)
        #expect(export.stderr == "Error: missing.csv: no such file (\(fixture.path("missing.csv")))\n")
        #expect(export.stdout.isEmpty)

        let listing = try fixture.run(["foods", "--foods", "missing.csv"])
        #expect(listing.status == 66)
        #expect(listing.stderr == "Error: missing.csv: no such file (\(fixture.path("missing.csv")))\n")
    }

    @Test func anImpossibleRequestHasNoPlan() throws {
        let fixture = try BinaryFixture()
        let run = try fixture.run(["--sex", "female", "--days", "1", "--foods", "small.csv", "--potassium-min", "20000"])
        #expect(run.status == 10)
        #expect(run.stderr.hasPrefix("No plan reaches potassium"))
        #expect(run.stderr.hasSuffix(".\n"))
        #expect(run.stderr.filter { $0 == "\n" }.count == 1, "\(run.stderr)")
        #expect(run.stdout.isEmpty)
    }

    @Test func checkAcceptsASavedPlanAndRejectsATamperedOne() throws {
        let fixture = try BinaryFixture()
        let planned = try fixture.run(["--sex", "male", "--days", "1", "--foods", "small.csv", "--format", "json", "-o", "plan.json"])
        #expect(planned.status == 0, "\(planned.stderr)")
        #expect(planned.stdout.isEmpty && planned.stderr.isEmpty)
        let saved = try Data(contentsOf: URL(fileURLWithPath: fixture.path("plan.json")))
        var document = try #require(try JSONSerialization.jsonObject(with: saved) as? [String: Any])
        var items = try #require(document["items"] as? [[String: Any]])
        try #require(!items.isEmpty)

        let check = try fixture.run(["check", "plan.json", "--foods", "small.csv"])
        #expect(check.status == 0)
        #expect(check.stdout == "plan.json: the plan holds: \(items.count) portions over 1 day(s), every rule met, every number as its items give it.\n")
        #expect(check.stderr.isEmpty)

        // Seven servings of one food at one meal: above every per-meal limit.
        items[0]["servings"] = 7
        document["items"] = items
        let tampered = try JSONSerialization.data(withJSONObject: document, options: [.prettyPrinted, .sortedKeys])
        try tampered.write(to: URL(fileURLWithPath: fixture.path("tampered.json")))
        let rejected = try fixture.run(["check", "tampered.json", "--foods", "small.csv"])
        #expect(rejected.status == 12)
        // The same verdict, line by line, as the validator gives in this process; then the
        // numbers the file states for the old servings.
        let plan = try SavedPlan.read(tampered, fileName: "tampered.json")
        let violations = PlanValidator(table: SmallTable.table, request: plan.request)
            .violations(of: try plan.items(in: SmallTable.table), relaxed: plan.request.relaxPortions)
        try #require(!violations.isEmpty)
        #expect(violations.contains { $0.description.contains("7 servings at") })
        let audit = try SavedPlanCheck(tampered, fileName: "tampered.json", table: SmallTable.table)
        #expect(audit.violations == violations)
        try #require(!audit.mismatches.isEmpty)
        #expect(rejected.stdout == (violations + audit.mismatches).map { "tampered.json: \($0)\n" }.joined())
        #expect(rejected.stderr == "Error: tampered.json breaks \(violations.count) rule(s) and makes \(audit.mismatches.count) statement(s) that its items do not bear out\n")
    }

    @Test func anUnwritableOutputLeavesNoFile() throws {
        let fixture = try BinaryFixture()
        let target = fixture.path("no-such-folder/plan.txt")
        let run = try fixture.run(["--sex", "female", "--days", "1", "--foods", "small.csv", "--output", target])
        #expect(run.status == 73)
        #expect(run.stderr == "Error: \(target): cannot create the output file\n")
        #expect(run.stdout.isEmpty)
        #expect(fixture.folder.fileNames() == ["small.csv"])

        let generated = try fixture.run(["generate-foods", "--count", "3", "-o", target])
        #expect(generated.status == 73)
        #expect(generated.stderr == "Error: \(target): cannot create the output file\n")
        #expect(fixture.folder.fileNames() == ["small.csv"])
    }

    @Test func anOutputThatIsAFolderIsNotReplaced() throws {
        let fixture = try BinaryFixture()
        try FileManager.default.createDirectory(atPath: fixture.path("week"), withIntermediateDirectories: false)
        let run = try fixture.run(["--sex", "female", "--days", "1", "--foods", "small.csv", "-o", "week"])
        #expect(run.status == 73)
        #expect(run.stderr == "Error: \(fixture.path("week")): cannot replace the output file (Is a directory)\n")
        #expect(fixture.folder.fileNames() == ["small.csv", "week"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: fixture.path("week")).isEmpty)
    }

    /// A one-day plan holds an included food like a longer one does.
    @Test func aOneDayPlanHoldsAnIncludedFood() throws {
        let fixture = try BinaryFixture()
        let run = try fixture.run(["--sex", "female", "--days", "1", "--foods", "small.csv", "--include-food", "lentils", "--format", "csv"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.split(separator: "\n").contains { $0.contains(",lentils,") }, "\(run.stdout)")
    }

    @Test func aFailedRunKeepsTheOutputFile() throws {
        let fixture = try BinaryFixture()
        let previous = "the previous plan\n"
        let output = try fixture.folder.write("plan.txt", previous)
        let failures: [[String]] = [
            ["--sex", "female", "--days", "1", "--foods", "small.csv", "--potassium-min", "20000"],  // no plan
            ["--sex", "female", "--days", "0", "--foods", "small.csv"],  // usage
            ["--sex", "female", "--days", "1", "--foods", "missing.csv"],  // cannot read
        ]
        for (arguments, status) in zip(failures, [Int32(10), 64, 66]) {
            let run = try fixture.run(arguments + ["--output", "plan.txt"])
            #expect(run.status == status, "\(arguments): \(run.stderr)")
            #expect(try String(contentsOfFile: output, encoding: .utf8) == previous, "\(arguments)")
            #expect(fixture.folder.fileNames() == ["plan.txt", "small.csv"], "\(arguments)")
        }
        // A run that succeeds replaces the file, and leaves no temporary file behind.
        let run = try fixture.run(["--sex", "female", "--days", "1", "--foods", "small.csv", "--output", "plan.txt"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.isEmpty && run.stderr.isEmpty)
        #expect(try String(contentsOfFile: output, encoding: .utf8).hasPrefix("Meal plan: 1 day, minimum cost\n"))
        #expect(fixture.folder.fileNames() == ["plan.txt", "small.csv"])
    }

    @Test func noColourUnlessStdoutIsATerminal() throws {
        let fixture = try BinaryFixture()
        let arguments = ["--sex", "female", "--days", "1", "--foods", "small.csv"]
        for environment in [[:], ["NO_COLOR": "1"]] {
            let run = try fixture.run(arguments, environment: environment)
            #expect(run.status == 0, "\(run.stderr)")
            #expect(run.stdout.hasPrefix("Meal plan: 1 day"))
            #expect(!run.stdout.contains("\u{1B}") && !run.stderr.contains("\u{1B}"), "\(environment)")
        }
        // On a terminal: colour, unless NO_COLOR is set to something (https://no-color.org).
        let coloured = try fixture.runOnTerminal(arguments)
        #expect(coloured.status == 0)
        #expect(coloured.stdout.contains("\u{1B}["))
        let plain = try fixture.runOnTerminal(arguments, environment: ["NO_COLOR": "1"])
        #expect(plain.status == 0)
        #expect(plain.stdout.contains("Meal plan: 1 day") && !plain.stdout.contains("\u{1B}"))
        let empty = try fixture.runOnTerminal(arguments, environment: ["NO_COLOR": ""])
        #expect(empty.stdout.contains("\u{1B}["))
    }
}
