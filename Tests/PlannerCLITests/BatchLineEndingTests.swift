import Foundation
import Testing
@testable import PlannerCLI

/// JSON Lines with LF, CR LF or CR line ends, blank lines and no final line end all give the
/// lines of the same file with LF.
@Suite("batch line ends")
struct BatchLineEndingTests {
    @Test(arguments: [
        ("a\nb\n", ["a", "b"]),
        ("a\r\nb\r\n", ["a", "b"]),
        ("a\rb\r", ["a", "b"]),
        ("a\r\nb", ["a", "b"]),
        ("a\n\r\n\rb", ["a", "", "", "b"]),
        ("a\r\r\nb", ["a", "", "b"]),
        ("\n", [""]),
        ("", []),
        ("a", ["a"]),
        ("a\n\n", ["a", ""]),
        ("é\r\n😀", ["é", "😀"]),
    ] as [(String, [String])])
    func linesEndAtLFCRLFOrCR(text: String, lines: [String]) {
        #expect(BatchRunner.lines(of: Data(text.utf8)) == lines.map { Substring($0) })
    }

    /// Blank lines (spaces and tabs too) are skipped and keep their numbers.
    @Test func blankLinesAreSkippedAndCounted() {
        let lines = BatchRunner.lines(of: Data("{}\r\n  \r\n\t\r\n{}\r\n".utf8))
        #expect(BatchRunner.workItems(lines, numbered: false).map(\.0) == [1, 4])
        let numbered = BatchRunner.lines(of: Data("5\t{}\r\n\r\n9\t{}".utf8))
        #expect(BatchRunner.workItems(numbered, numbered: true).map(\.0) == [5, 9])
        #expect(BatchRunner.workItems(numbered, numbered: true).map(\.1) == ["{}", "{}"])
    }

    /// The executable's output is the same bytes whatever the line ends, from a file or stdin,
    /// numbered or not.
    @Test func everyLineEndGivesTheSameOutput() throws {
        let fixture = try BinaryFixture()
        let lines = [
            #"{"household": "a", "profile": {"sex": "female"}, "days": 1}"#,
            "",
            #"{"household": "b", "profile": {"sex": "robot"}}"#,
            "   ",
            #"{"household": "c", "days": 1,}"#,
            "not json",
            #"{"household": "d", "days": 1, "days": 2}"#,
        ]
        func output(_ text: String, numbered: Bool = false, stdin: Bool = false) throws -> String {
            var arguments = ["batch", stdin ? "-" : "requests.jsonl", "--foods", "small.csv", "--quiet", "--input-name", "r.jsonl"]
            if numbered { arguments.append("--numbered") }
            if !stdin { try fixture.folder.write("requests.jsonl", text) }
            let run = try fixture.run(arguments, stdout: .captured, input: stdin ? text : nil)
            #expect(run.status == 0, "\(run.stderr)")
            #expect(run.stderr.isEmpty)
            return run.stdout
        }
        let reference = try output(lines.joined(separator: "\n") + "\n")
        #expect(reference.split(separator: "\n").count == 5)
        #expect(reference.contains(#""error":"r.jsonl:5:29: trailing comma before '}'""#))
        #expect(reference.contains(#""error":"r.jsonl:7:31: duplicate key 'days' (first at 7:20)""#))
        for end in ["\r\n", "\r"] {
            for final in ["", end] {
                let text = lines.joined(separator: end) + final
                #expect(try output(text) == reference, "\(end.debugDescription) \(final.debugDescription)")
                #expect(try output(text, stdin: true) == reference, "stdin \(end.debugDescription) \(final.debugDescription)")
            }
        }
        let numbered = lines.enumerated().map { $0.element.trimmingCharacters(in: .whitespaces).isEmpty ? $0.element : "\($0.offset + 1)\t\($0.element)" }
        #expect(try output(numbered.reversed().joined(separator: "\r\n"), numbered: true).split(separator: "\n").sorted() == reference.split(separator: "\n").sorted())
    }
}
