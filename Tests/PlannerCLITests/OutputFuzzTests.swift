import Foundation
import MealPlanning
import PlanReports
import Testing
import TestSupport
@testable import PlannerCLI

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// Seeded fuzz tests of what leaves the planner and of the JSON that reaches it:
// - output targets: every command that writes, to stdout connected in every way (captured,
//   closed, /dev/full, /dev/null, a pipe without reader) and to `-o` targets of every kind
//   (new and existing files, read-only files and folders, links, chains of links, dangling
//   links, FIFOs with a reader, /dev/null, /dev/full, folders, sockets, missing folders, a file
//   size limit). Oracle: the exit code expected for the target, never 70 nor 128 or more; on
//   an error exactly one `Error: ` line on stderr, on success none; a target written is
//   complete (the bytes the command prints on stdout), a target not written keeps its bytes,
//   links stay links and no temporary file is left;
// - JSON faults: a trailing comma or a key given twice (written as is or with an escape)
//   inserted at a random place of request files, batch lines and saved plans, with LF, CR LF
//   or CR line ends. Oracle: the exact error, with the line and column of the fault (and of
//   the key's first occurrence), computed here independently of the planner's scanner;
// - batch line ends: random JSON Lines files written with LF, CR LF, CR or a mix, with blank
//   lines and with or without a final line end. Oracle: the same bytes out as with LF.

// MARK: - Output targets

enum TargetKind: CaseIterable {
    case newFile, existingFile, readOnlyFile, symlink, linkChain, danglingLink, danglingIntoMissingFolder
    case fifoWithReader, devNull, devFull, directory, readOnlyDirectory, missingFolder, procFolder, socket, fileSizeLimit
}

struct OutputCase {
    var arguments: [String]
    var stdout: StdoutKind
    var target: TargetKind?
    var label: String { "planner \(arguments.joined(separator: " ")) [\(stdout)\(target.map { ", -o \($0)" } ?? "")]" }
}

enum OutputFuzz {
    /// Commands that only print (every one writes something).
    static let printing = StdoutCommands.all

    /// Commands with an output file: the arguments with "FILE" where the path goes.
    static let writing: [[String]] = [
        ["--sex", "female", "--days", "1", "--foods", "small.csv", "--output", "FILE"],
        ["--sex", "male", "--days", "1", "--foods", "small.csv", "--format", "csv", "-o", "FILE"],
        ["batch", "requests.jsonl", "--foods", "small.csv", "--quiet", "-o", "FILE"],
        ["generate-foods", "--count", "12", "--seed", "5", "-o", "FILE"],
        ["generate-foods", "--count", "1", "-o", "FILE"],
        ["generate-requests", "--count", "30", "-o", "FILE"],
        ["export", "--sex", "female", "--days", "1", "--foods", "small.csv", "--lp", "FILE"],
        ["import-fdc", StdoutCommands.fdcFolder, "-o", "FILE"],
    ]

    static func makeCase(_ rng: inout SplitMix64) -> OutputCase {
        let stdouts: [StdoutKind] = [.captured, .captured, .closed, .full, .devNull, .noReader]
        if rng.chance(0.35) {
            return OutputCase(arguments: rng.pick(printing), stdout: rng.pick(stdouts), target: nil)
        }
        return OutputCase(arguments: rng.pick(writing), stdout: rng.pick(stdouts), target: rng.pick(TargetKind.allCases))
    }

    /// The bytes a command prints on stdout (the bytes of its output file).
    static func reference(_ arguments: [String], fixture: BinaryFixture, cache: inout [[String]: String]) throws -> String {
        var toStdout = arguments
        if let index = arguments.firstIndex(of: "FILE") {
            if arguments[index - 1] == "--lp" { toStdout[index] = "-" } else { toStdout.removeSubrange(index - 1 ... index) }
        }
        if let known = cache[toStdout] { return known }
        let run = try fixture.run(toStdout, stdout: .captured)
        #expect(run.status == 0, "reference \(toStdout): \(run.stderr)")
        cache[toStdout] = run.stdout
        return run.stdout
    }
}

// MARK: - JSON faults

/// Where faults can go in a JSON text: the members of its objects and the closing brackets of
/// its non-empty containers, found by a small recursive reader of valid JSON.
struct JSONLandmarks {
    struct Member {
        var keyStart: Int
        var keyText: String
        var key: String
        var valueText: String
        /// The index in `containers` of the object it belongs to.
        var container: Int
    }

    struct Container {
        var path: String
        var close: Int
        var isObject: Bool
        var isEmpty: Bool
    }

    let bytes: [UInt8]
    var members: [Member] = []
    var containers: [Container] = []
    private var index = 0

    /// Whether an object already holds a key twice (such a text is no base for a fault).
    var hasDuplicateKeys: Bool {
        Set(members.map { "\($0.container) \($0.key)" }).count != members.count
    }

    init(_ text: String) {
        bytes = Array(text.utf8)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { index = 3 }
        value(path: "")
    }

    private mutating func skip() {
        while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
    }

    private mutating func stringEnd() -> Int {
        var position = index + 1
        while bytes[position] != UInt8(ascii: "\"") { position += bytes[position] == UInt8(ascii: "\\") ? 2 : 1 }
        return position + 1
    }

    private mutating func value(path: String) {
        skip()
        switch bytes[index] {
        case UInt8(ascii: "{"):
            index += 1
            let container = containers.count
            containers.append(Container(path: path, close: 0, isObject: true, isEmpty: true))
            skip()
            while bytes[index] != UInt8(ascii: "}") {
                if bytes[index] == UInt8(ascii: ",") { index += 1; skip() }
                let keyStart = index
                index = stringEnd()
                let keyText = String(decoding: bytes[keyStart ..< index], as: UTF8.self)
                let key = (try? JSONSerialization.jsonObject(with: Data(keyText.utf8), options: .fragmentsAllowed) as? String) ?? ""
                skip()
                index += 1  // the colon
                skip()
                let valueStart = index
                let childPath = path.isEmpty ? key : "\(path).\(key)"
                value(path: childPath)
                members.append(Member(keyStart: keyStart, keyText: keyText, key: childPath,
                                      valueText: String(decoding: bytes[valueStart ..< index], as: UTF8.self), container: container))
                containers[container].isEmpty = false
                skip()
            }
            containers[container].close = index
            index += 1
        case UInt8(ascii: "["):
            index += 1
            let container = containers.count
            containers.append(Container(path: path, close: 0, isObject: false, isEmpty: true))
            skip()
            var element = 0
            while bytes[index] != UInt8(ascii: "]") {
                if bytes[index] == UInt8(ascii: ",") { index += 1; skip() }
                value(path: "\(path)[\(element)]")
                element += 1
                containers[container].isEmpty = false
                skip()
            }
            containers[container].close = index
            index += 1
        case UInt8(ascii: "\""):
            index = stringEnd()
        default:
            while index < bytes.count, !([0x2C, 0x5D, 0x7D, 0x20, 0x09, 0x0A, 0x0D] as [UInt8]).contains(bytes[index]) { index += 1 }
        }
    }

    /// The line and column of a byte offset, counted as the planner documents: LF, CR LF and
    /// CR end a line, columns are Unicode scalars, a byte order mark is not a column.
    static func place(_ bytes: [UInt8], _ offset: Int) -> (Int, Int) {
        let text = String(decoding: bytes[0 ..< offset], as: UTF8.self)
        var line = 1, column = 1
        var previous: Unicode.Scalar?
        for scalar in text.unicodeScalars {
            defer { previous = scalar }
            if scalar == "\u{FEFF}" && previous == nil { continue }
            if scalar == "\n" && previous == "\r" { continue }
            if scalar == "\n" || scalar == "\r" {
                line += 1
                column = 1
            } else {
                column += 1
            }
        }
        return (line, column)
    }
}

enum JSONFaultFuzz {
    static let whitespace = ["", " ", "  ", "\n", "\t", "\n  "]

    /// A JSON text with one fault: the text and the error message it must give, without the
    /// file name (`LINE:COLUMN: message`), the lines counted from `firstLine`.
    static func inject(_ text: String, _ rng: inout SplitMix64, singleLine: Bool, firstLine: Int = 1) -> (String, String)? {
        let marks = JSONLandmarks(text)
        guard !marks.hasDuplicateKeys else { return nil }
        var bytes = marks.bytes
        let space = { (rng: inout SplitMix64) in singleLine ? rng.pick([" ", "", "\t"]) : rng.pick(whitespace) }
        if rng.chance(0.5), !marks.members.isEmpty {
            let member = rng.pick(marks.members)
            let container = marks.containers[member.container]
            var keyText = member.keyText
            // The same key with an escape is the same key.
            if rng.chance(0.3), let first = member.keyText.unicodeScalars.dropFirst().first, first.isASCII, first != "\\", first != "\"" {
                keyText = "\"\\u" + String(format: "%04x", first.value) + String(member.keyText.dropFirst(2))
            }
            let value = rng.chance(0.5) ? member.valueText : rng.pick(["1", "null", "\"x\"", "[]", "{}", "[1, 2]"])
            let before = "," + space(&rng)
            let insertion = before + keyText + space(&rng) + ":" + space(&rng) + value + space(&rng)
            bytes.insert(contentsOf: Array(insertion.utf8), at: container.close)
            let (line, column) = JSONLandmarks.place(bytes, container.close + before.utf8.count)
            let (firstLineOfKey, firstColumn) = JSONLandmarks.place(bytes, member.keyStart)
            return (String(decoding: bytes, as: UTF8.self),
                    "\(line + firstLine - 1):\(column): duplicate key '\(member.key)' (first at \(firstLineOfKey + firstLine - 1):\(firstColumn))")
        }
        let candidates = marks.containers.filter { !$0.isEmpty }
        guard !candidates.isEmpty else { return nil }
        let container = rng.pick(candidates)
        let before = space(&rng)
        bytes.insert(contentsOf: Array((before + "," + space(&rng)).utf8), at: container.close)
        let (line, column) = JSONLandmarks.place(bytes, container.close + before.utf8.count)
        let bracket = container.isObject ? "}" : "]"
        return (String(decoding: bytes, as: UTF8.self),
                "\(line + firstLine - 1):\(column): trailing comma before '\(bracket)'" + (container.path.isEmpty ? "" : " in \(container.path)"))
    }

    /// Request texts: the example files, the README's example and generated requests.
    static func requestTexts(_ rng: inout SplitMix64) throws -> [String] {
        var texts: [String] = []
        let folder = packageRoot.appendingPathComponent("Datasets/requests")
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() where name.hasSuffix(".json") {
            texts.append(try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8))
        }
        texts.append(RequestFuzz.fullExample)
        for _ in 0 ..< 40 { texts.append(RequestFuzz.plausible(&rng).text(spaced: rng.chance(0.5))) }
        return texts
    }

    static func withLineEnds(_ text: String, _ rng: inout SplitMix64) -> String {
        switch rng.below(4) {
        case 0: return text.replacingOccurrences(of: "\n", with: "\r\n")
        case 1: return text.replacingOccurrences(of: "\n", with: "\r")
        case 2: return String(text.map { $0 == "\n" ? Character(rng.pick(["\n", "\r\n", "\r"])) : $0 })
        default: return text
        }
    }
}

// MARK: - Batch line ends

enum BatchLineFuzz {
    static let pool = [
        #"{"household": "r", "profile": {"sex": "robot"}}"#,
        #"{"profile": {"sex": "female"}, "days": 0}"#,
        #"{"household": "t", "days": 1,}"#,
        #"{"household": "d", "days": 1, "days": 2}"#,
        #"{"household": "u", "colour": "blue"}"#,
        "not json",
        #"{"household": "q""#,
        "[1, 2]",
        "",
        "   ",
        "\t",
    ]
    static let planned = #"{"household": "p", "profile": {"sex": "male"}, "days": 1, "relativeGap": 0.05}"#
}

// MARK: - Tests

@Suite("output fuzz")
struct OutputFuzzTests {
    @Test func outputTargetsFailCleanlyOrWriteCompleteFiles() throws {
        let fixture = try BinaryFixture()
        try fixture.addPlanAndRequests()
        var references: [[String]: String] = [:]
        var rng = SplitMix64(seed: 31)
        let cases = 220
        var byStatus: [Int32: Int] = [:]
        var byTarget: [String: Int] = [:]
        for number in 0 ..< cases {
            let testCase = OutputFuzz.makeCase(&rng)
            let name = "case \(number): \(testCase.label)"
            let expected = try OutputFuzz.reference(testCase.arguments, fixture: fixture, cache: &references)
            let folder = try TemporaryFolder("output-fuzz")
            var arguments = testCase.arguments
            var expectedStatus: Int32 = [.captured, .devNull].contains(testCase.stdout) ? 0 : 74
            // What must hold after the run: the file written (or not), links kept.
            var written: String?
            var keeps: (path: String, text: String)?
            var links: [String] = []
            var reader: FIFOReader?
            var socket: BoundSocket?
            var shellPrefix: String?
            if let target = testCase.target {
                let previous = "previous contents \(number)\n"
                var path = folder.path("out.txt")
                // Only import-fdc prints beside its file; the others leave stdout alone.
                expectedStatus = arguments[0] == "import-fdc" ? expectedStatus : 0
                var failure: Int32?
                switch target {
                case .newFile:
                    written = path
                case .existingFile:
                    try folder.write("out.txt", previous)
                    written = path
                case .readOnlyFile:
                    try folder.write("out.txt", previous)
                    chmod(path, 0o444)
                    if runningAsRoot { written = path } else { keeps = (path, previous); failure = 73 }
                case .symlink:
                    try folder.write("real.txt", previous)
                    try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: "real.txt")
                    written = folder.path("real.txt")
                    links = [path]
                case .linkChain:
                    try FileManager.default.createDirectory(atPath: folder.path("sub"), withIntermediateDirectories: false)
                    try folder.write("sub/real.txt", previous)
                    try FileManager.default.createSymbolicLink(atPath: folder.path("sub/middle"), withDestinationPath: "real.txt")
                    try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: "sub/middle")
                    written = folder.path("sub/real.txt")
                    links = [path, folder.path("sub/middle")]
                case .danglingLink:
                    try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: "made.txt")
                    written = folder.path("made.txt")
                    links = [path]
                case .danglingIntoMissingFolder:
                    try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: "missing/made.txt")
                    links = [path]
                    failure = 73
                case .fifoWithReader:
                    path = folder.path("fifo")
                    #expect(mkfifo(path, 0o600) == 0)
                    reader = FIFOReader(path: path)
                case .devNull:
                    path = "/dev/null"
                case .devFull:
                    path = "/dev/full"
                    failure = 74
                case .directory:
                    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
                    failure = 73
                case .readOnlyDirectory:
                    try FileManager.default.createDirectory(atPath: folder.path("locked"), withIntermediateDirectories: false)
                    path = folder.path("locked/out.txt")
                    try folder.write("locked/out.txt", previous)
                    chmod(folder.path("locked"), 0o555)
                    if runningAsRoot { written = path } else { keeps = (path, previous); failure = 73 }
                case .missingFolder:
                    path = folder.path("missing/out.txt")
                    failure = 73
                case .procFolder:
                    path = "/proc/planner-fuzz-\(number).txt"
                    failure = 73
                case .socket:
                    path = folder.path("s")
                    socket = try BoundSocket(path: path)
                    failure = 73
                case .fileSizeLimit:
                    try folder.write("out.txt", previous)
                    shellPrefix = "ulimit -f 1"
                    if expected.utf8.count > fileSizeLimit { keeps = (path, previous); failure = 74 } else { written = path }
                }
                if let failure { expectedStatus = failure }
                arguments[arguments.firstIndex(of: "FILE")!] = path
                byTarget["\(target)", default: 0] += 1
            } else {
                byTarget["stdout", default: 0] += 1
            }
            let run = try fixture.run(arguments, stdout: testCase.stdout, shellPrefix: shellPrefix)
            chmod(folder.path("locked"), 0o755)
            byStatus[run.status, default: 0] += 1

            #expect(run.status == expectedStatus, "\(name): \(run.stderr)")
            #expect(run.status != 70 && run.status < 128, "\(name)")
            if run.status == 0 {
                #expect(run.stderr.isEmpty, "\(name): \(run.stderr)")
            } else {
                #expect(lineCount(run.stderr) == 1 && run.stderr.hasPrefix("Error: "), "\(name): \(run.stderr.debugDescription)")
            }
            if testCase.stdout == .captured && (testCase.target == nil || arguments[0] == "import-fdc") && run.status == 0 {
                if testCase.target == nil { #expect(run.stdout == expected, "\(name)") } else { #expect(run.stdout.hasPrefix("Wrote "), "\(name)") }
            }
            let text = { (path: String) in (try? Data(contentsOf: URL(fileURLWithPath: path))).map { String(decoding: $0, as: UTF8.self) } }
            if let written, run.status == 0 || (arguments[0] == "import-fdc" && testCase.stdout != .captured && testCase.stdout != .devNull) {
                #expect(text(written) == expected, "\(name): \(written) is not the complete output")
            }
            if let keeps { #expect(text(keeps.path) == keeps.text, "\(name): \(keeps.path) changed") }
            if let reader {
                #expect(reader.text() == expected, "\(name): the FIFO's reader got other bytes")
                #expect(isFIFO(folder.path("fifo")), "\(name)")
            }
            for link in links { #expect(isSymbolicLink(link), "\(name): \(link) is no longer a link") }
            for sub in ["", "sub", "locked"] {
                #expect(temporaryFiles(in: sub.isEmpty ? folder.url.path : folder.path(sub)).isEmpty, "\(name): a temporary file was left")
            }
            withExtendedLifetime(socket) {}
        }
        print("output fuzz: \(cases) runs of the executable; exit codes " + byStatus.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: ", "))
        print("output fuzz: targets " + byTarget.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
        #expect(byStatus[0, default: 0] >= 40 && byStatus[74, default: 0] >= 30 && byStatus[73, default: 0] >= 20)
    }

    @Test func jsonFaultsAreErrorsAtTheirPlace() throws {
        var rng = SplitMix64(seed: 41)
        let texts = try JSONFaultFuzz.requestTexts(&rng)
        var requestCases = 0, batchCases = 0, planCases = 0
        // Request files.
        for number in 0 ..< 1_500 {
            let base = JSONFaultFuzz.withLineEnds(rng.pick(texts), &rng)
            guard let fault = JSONFaultFuzz.inject(base, &rng, singleLine: false) else { continue }
            let (text, message) = fault
            requestCases += 1
            let error = #expect(throws: PlanRequestError.self, "request case \(number): \(text.prefix(200).debugDescription)") {
                try PlanRequestCoding.decode(Data(text.utf8), fileName: "week.json")
            }
            #expect(error?.description == "week.json:" + message, "request case \(number): \(text.prefix(200).debugDescription)")
        }
        // Batch lines: one line each, at any line of the file.
        let runner = BatchRunner(table: SmallTable.table, fileName: "h.jsonl")
        for number in 0 ..< 600 {
            let base = rng.pick(texts).replacingOccurrences(of: "\n", with: " ")
            let line = rng.int(1 ... 100_000)
            guard let fault = JSONFaultFuzz.inject(base, &rng, singleLine: true, firstLine: line) else { continue }
            let (text, message) = fault
            batchCases += 1
            let record = try #require(try JSONSerialization.jsonObject(with: Data(runner.result(line: line, text: text).utf8)) as? [String: Any])
            #expect(record["error"] as? String == "h.jsonl:" + message, "batch case \(number): \(text.prefix(200))")
            #expect(record["code"] as? Int == 65 && record["line"] as? Int == line, "batch case \(number)")
        }
        // Saved plans.
        let fixture = try BinaryFixture()
        try fixture.addPlanAndRequests()
        let saved = try String(contentsOfFile: fixture.path("plan.json"), encoding: .utf8)
        for number in 0 ..< 400 {
            let base = JSONFaultFuzz.withLineEnds(saved, &rng)
            guard let fault = JSONFaultFuzz.inject(base, &rng, singleLine: false) else { continue }
            let (text, message) = fault
            planCases += 1
            #expect(throws: SavedPlanError("plan.json:" + message), "saved plan case \(number)") {
                try SavedPlan.read(Data(text.utf8), fileName: "plan.json")
            }
        }
        print("JSON fault fuzz: \(requestCases + batchCases + planCases) texts with a trailing comma or a duplicate key: \(requestCases) request files, \(batchCases) batch lines, \(planCases) saved plans")
        #expect(requestCases >= 1_300 && batchCases >= 500 && planCases >= 390)
    }

    @Test func batchFilesGiveTheSameLinesWithAnyLineEnd() throws {
        let fixture = try BinaryFixture()
        var rng = SplitMix64(seed: 51)
        let cases = 30
        var runs = 0
        func output(_ text: String, numbered: Bool) throws -> String {
            try fixture.folder.write("in.jsonl", text)
            var arguments = ["batch", "in.jsonl", "--foods", "small.csv", "--quiet", "--jobs", "2"]
            if numbered { arguments += ["--numbered", "--input-name", "all.jsonl"] }
            let run = try fixture.run(arguments, stdout: .captured)
            runs += 1
            #expect(run.status == 0 && run.stderr.isEmpty, "\(run.stderr)")
            return run.stdout
        }
        for number in 0 ..< cases {
            var lines = (0 ..< rng.int(1 ... 12)).map { _ in rng.pick(BatchLineFuzz.pool) }
            if rng.chance(0.15) { lines.insert(BatchLineFuzz.planned, at: rng.below(lines.count + 1)) }
            let numbered = rng.chance(0.3)
            if numbered {
                lines = lines.enumerated().map { $0.element.trimmingCharacters(in: .whitespaces).isEmpty ? $0.element : "\($0.offset + 1)\t\($0.element)" }
            }
            let reference = try output(lines.joined(separator: "\n") + "\n", numbered: numbered)
            #expect(reference.split(separator: "\n").count == lines.filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }.count, "case \(number)")
            for _ in 0 ..< 2 {
                let ends = (0 ..< lines.count).map { _ in rng.pick(["\n", "\r\n", "\r"]) }
                let uniform = rng.chance(0.5) ? rng.pick(["\r\n", "\r"]) : nil
                var text = ""
                for (index, line) in lines.enumerated() {
                    text += line
                    if index < lines.count - 1 || rng.chance(0.5) { text += uniform ?? ends[index] }
                }
                #expect(try output(text, numbered: numbered) == reference, "case \(number): \(text.debugDescription)")
            }
        }
        print("batch line-end fuzz: \(cases) files, \(runs) runs of the executable, the same bytes out for LF, CR LF, CR and mixed")
    }
}
