import Foundation
import Testing
@testable import PlannerCLI

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Output files (`-o`): links, special files, folders, permissions, failures (in this process).
@Suite("output files", .serialized)
struct OutputFileTests {
    static let text = "the new output\n"

    func write(_ path: String, _ text: String = Self.text) throws {
        try AtomicFile.write(text, to: URL(fileURLWithPath: path))
    }

    func contents(_ path: String) -> String? {
        (try? Data(contentsOf: URL(fileURLWithPath: path))).map { String(decoding: $0, as: UTF8.self) }
    }

    func writeError(_ path: String) -> AtomicFile.WriteError? {
        do {
            try write(path)
            return nil
        } catch {
            return error as? AtomicFile.WriteError
        }
    }

    @Test func aNewFileGetsThePermissionsTheUmaskLeaves() throws {
        let folder = try TemporaryFolder()
        let mask = umask(0o027)
        defer { umask(mask) }
        try write(folder.path("new.txt"))
        #expect(contents(folder.path("new.txt")) == Self.text)
        #expect(permissions(folder.path("new.txt")) == 0o640)
        #expect(folder.fileNames() == ["new.txt"])
    }

    @Test func aReplacedFileKeepsItsPermissions() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("plan.txt", "old\n")
        chmod(path, 0o604)
        try write(path)
        #expect(contents(path) == Self.text)
        #expect(permissions(path) == 0o604)
        #expect(folder.fileNames() == ["plan.txt"])
    }

    /// The temporary file is the owner's alone while it is written; the rename gives the final
    /// permissions.
    @Test func theTemporaryFileIsPrivateUntilTheRename() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("plan.txt", "old\n")
        chmod(path, 0o644)
        let writer = try AtomicFile.open(URL(fileURLWithPath: path))
        try writer.write("part")
        let temporary = try #require(writer.temporary)
        #expect((temporary as NSString).deletingLastPathComponent == folder.url.path)
        #expect(permissions(temporary) == 0o600)
        #expect(contents(path) == "old\n")
        try writer.commit()
        #expect(permissions(path) == 0o644)
        #expect(contents(path) == "part")
        #expect(folder.fileNames() == ["plan.txt"])
    }

    @Test func aDiscardedWriteLeavesThePreviousFile() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("plan.txt", "old\n")
        do {
            let writer = try AtomicFile.open(URL(fileURLWithPath: path))
            try writer.write("half of it")
            writer.discard()
        }
        do {
            // A writer that goes away without a commit is discarded too.
            let writer = try AtomicFile.open(URL(fileURLWithPath: path))
            try writer.write("half of it")
        }
        #expect(contents(path) == "old\n")
        #expect(folder.fileNames() == ["plan.txt"])
    }

    @Test func aSymbolicLinkIsFollowedAndKept() throws {
        let folder = try TemporaryFolder()
        let target = try folder.write("real.txt", "old\n")
        chmod(target, 0o640)
        let link = folder.path("link.txt")
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "real.txt")
        try write(link)
        #expect(isSymbolicLink(link))
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == "real.txt")
        #expect(contents(target) == Self.text)
        #expect(permissions(target) == 0o640)
        #expect(folder.fileNames() == ["link.txt", "real.txt"])
    }

    /// The temporary file is made in the target's folder (a rename works within one file
    /// system), through a chain of links with relative targets.
    @Test func aChainOfLinksIntoAnotherFolderReplacesTheLastTarget() throws {
        let folder = try TemporaryFolder()
        try FileManager.default.createDirectory(atPath: folder.path("a"), withIntermediateDirectories: false)
        try FileManager.default.createDirectory(atPath: folder.path("b"), withIntermediateDirectories: false)
        let target = try folder.write("b/real.txt", "old\n")
        try FileManager.default.createSymbolicLink(atPath: folder.path("b/middle"), withDestinationPath: "real.txt")
        try FileManager.default.createSymbolicLink(atPath: folder.path("a/link"), withDestinationPath: "../b/middle")
        let writer = try AtomicFile.open(URL(fileURLWithPath: folder.path("a/link")))
        try writer.write(Self.text)
        #expect((try #require(writer.temporary) as NSString).deletingLastPathComponent == folder.path("a/../b"))
        try writer.commit()
        #expect(contents(target) == Self.text)
        #expect(isSymbolicLink(folder.path("a/link")) && isSymbolicLink(folder.path("b/middle")))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path("a")) == ["link"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path("b")).sorted() == ["middle", "real.txt"])
    }

    /// A dangling link creates its target, as a shell's `>` does.
    @Test func aDanglingLinkCreatesItsTarget() throws {
        let folder = try TemporaryFolder()
        let link = folder.path("link.txt")
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "made.txt")
        try write(link)
        #expect(isSymbolicLink(link))
        #expect(contents(folder.path("made.txt")) == Self.text)
        #expect(folder.fileNames() == ["link.txt", "made.txt"])
    }

    @Test func aDanglingLinkIntoAMissingFolderCannotBeCreated() throws {
        let folder = try TemporaryFolder()
        let link = folder.path("link.txt")
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "missing/made.txt")
        let error = try #require(writeError(link))
        #expect(error.description == "\(link): cannot create the output file")
        #expect(error.code == 73)
        #expect(folder.fileNames() == ["link.txt"])
    }

    @Test func aLoopOfLinksIsAnError() throws {
        let folder = try TemporaryFolder()
        try FileManager.default.createSymbolicLink(atPath: folder.path("one"), withDestinationPath: "two")
        try FileManager.default.createSymbolicLink(atPath: folder.path("two"), withDestinationPath: "one")
        let error = try #require(writeError(folder.path("one")))
        #expect(error.description == "\(folder.path("one")): cannot create the output file (Too many levels of symbolic links)")
        #expect(error.code == 73)
    }

    @Test func aFolderIsNotReplaced() throws {
        let folder = try TemporaryFolder()
        try FileManager.default.createDirectory(atPath: folder.path("week"), withIntermediateDirectories: false)
        let error = try #require(writeError(folder.path("week")))
        #expect(error.description == "\(folder.path("week")): cannot replace the output file (Is a directory)")
        #expect(error.code == 73)
        #expect(folder.fileNames() == ["week"])
        // Through a link too.
        try FileManager.default.createSymbolicLink(atPath: folder.path("link"), withDestinationPath: "week")
        #expect(try #require(writeError(folder.path("link"))).description == "\(folder.path("link")): cannot replace the output file (Is a directory)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path("week")).isEmpty)
    }

    @Test func aFIFOIsWrittenDirectly() throws {
        let folder = try TemporaryFolder()
        let path = folder.path("fifo")
        #expect(mkfifo(path, 0o600) == 0)
        let reader = FIFOReader(path: path)
        try write(path)
        #expect(reader.text() == Self.text)
        #expect(isFIFO(path))
        #expect(folder.fileNames() == ["fifo"])
    }

    @Test func characterDevicesAreWrittenDirectly() throws {
        try write("/dev/null")
        var info = stat()
        #expect(stat("/dev/null", &info) == 0 && info.st_mode & S_IFMT == S_IFCHR)
        let full = try #require(writeError("/dev/full"))
        #expect(full.description == "/dev/full: cannot write the output file (No space left on device)")
        #expect(full.code == 74)
    }

    @Test func aSocketCannotBeOpened() throws {
        let folder = try TemporaryFolder("sock")
        let path = folder.path("s")
        let socket = try BoundSocket(path: path)
        let error = try #require(writeError(path))
        #expect(error.description == "\(path): cannot open the output file (No such device or address)")
        #expect(error.code == 73)
        withExtendedLifetime(socket) {}
    }

    /// A folder where no file can be made, even by root.
    @Test func aFolderWithoutFilesCannotBeWritten() throws {
        let error = try #require(writeError("/proc/plan.txt"))
        #expect(error.description == "/proc/plan.txt: cannot create the output file")
        #expect(error.code == 73)
    }

    /// A read-only folder: no temporary file, so no output (root may write anyway).
    @Test func aReadOnlyFolder() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("plan.txt", "old\n")
        chmod(folder.url.path, 0o555)
        defer { chmod(folder.url.path, 0o755) }
        if runningAsRoot {
            try write(path)
            #expect(contents(path) == Self.text)
        } else {
            let error = try #require(writeError(path))
            #expect(error.description == "\(path): cannot create the output file")
            #expect(error.code == 73)
            #expect(contents(path) == "old\n")
        }
        #expect(folder.fileNames() == ["plan.txt"])
    }

    /// A file without write permission is not replaced, as a shell's `>` would not (root's
    /// `>` would, and so does this).
    @Test func aReadOnlyFile() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("plan.txt", "old\n")
        chmod(path, 0o444)
        if runningAsRoot {
            try write(path)
            #expect(contents(path) == Self.text)
            #expect(permissions(path) == 0o444)
        } else {
            let error = try #require(writeError(path))
            #expect(error.description == "\(path): cannot replace the output file (Permission denied)")
            #expect(contents(path) == "old\n")
        }
        #expect(folder.fileNames() == ["plan.txt"])
    }
}

/// Every command's stdout and `-o` file, through the executable: a write that fails is one line
/// on stderr and exit code 74.
@Suite("output errors")
struct OutputErrorTests {
    /// One folder for every test: the small table, a saved plan and batch lines.
    static let shared = Result<BinaryFixture, Error> {
        let fixture = try BinaryFixture()
        try fixture.addPlanAndRequests()
        return fixture
    }
    static var fixture: BinaryFixture { get throws { try shared.get() } }

    static let expectedStderr: [StdoutKind: String] = [
        .closed: "Error: cannot write to stdout (it is closed)\n",
        .full: "Error: cannot write to stdout (No space left on device)\n",
        .noReader: "Error: cannot write to stdout (Broken pipe)\n",
        .fileSizeLimit: "Error: cannot write to stdout (File too large)\n",
    ]

    @Test(arguments: StdoutCommands.all)
    func aFailedWriteToStdoutIsOneLineAndExit74(arguments: [String]) throws {
        let fixture = try Self.fixture
        let reference = try fixture.run(arguments, stdout: .captured)
        #expect(reference.status == 0, "\(reference.stderr)")
        #expect(!reference.stdout.isEmpty)
        for kind in [StdoutKind.closed, .full, .noReader] {
            let run = try fixture.run(arguments, stdout: kind)
            #expect(run.status == 74, "\(arguments) \(kind): \(run.stderr)")
            #expect(run.stderr == Self.expectedStderr[kind], "\(arguments) \(kind)")
        }
        let devNull = try fixture.run(arguments, stdout: .devNull)
        #expect(devNull.status == 0 && devNull.stderr.isEmpty, "\(arguments): \(devNull.stderr)")
        if reference.stdout.utf8.count > fileSizeLimit {
            let limited = try fixture.run(arguments, stdout: .fileSizeLimit)
            #expect(limited.status == 74, "\(arguments): \(limited.stderr)")
            #expect(limited.stderr == Self.expectedStderr[.fileSizeLimit], "\(arguments)")
            #expect(reference.stdout.hasPrefix(limited.stdout))
        }
    }

    /// A reader that goes away in the middle: the rest cannot be written.
    @Test func aPipeClosedInTheMiddle() throws {
        let run = try Self.fixture.run(StdoutCommands.large, stdout: .readerLeavesEarly)
        #expect(try Self.fixture.run(StdoutCommands.large, stdout: .captured).stdout.utf8.count > 200_000)
        #expect(run.status == 74)
        #expect(run.stderr == "Error: cannot write to stdout (Broken pipe)\n")
    }

    /// A batch whose stdout fails stops planning: a long batch ends at once.
    @Test func aBatchStopsWhenItsOutputFails() throws {
        let lines = (1 ... 40).map { _ in #"{"profile": {"sex": "female"}, "days": 7}"# }.joined(separator: "\n")
        let clock = ContinuousClock()
        let start = clock.now
        let run = try Self.fixture.run(["batch", "-", "--foods", "small.csv", "--quiet", "--jobs", "1"], stdout: .full, input: lines)
        #expect(run.status == 74)
        #expect(run.stderr == "Error: cannot write to stdout (No space left on device)\n")
        // Forty weeks take minutes; one (and at most one more that had started) seconds.
        #expect(clock.now - start < .seconds(30))
    }

    /// Nothing written to a closed stdout is no error: the output went to the file.
    @Test func aClosedStdoutIsFineWhenTheOutputGoesToAFile() throws {
        let fixture = try Self.fixture
        let run = try fixture.run(["generate-foods", "--count", "3", "-o", "closed.csv"], stdout: .closed)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.isEmpty)
        let reference = try fixture.run(["generate-foods", "--count", "3"], stdout: .captured)
        #expect(try String(contentsOfFile: fixture.path("closed.csv"), encoding: .utf8) == reference.stdout)
    }

    /// Every command with an output file, to every kind of target.
    static let fileCommands: [(arguments: [String], optionAt: Int)] = [
        (["--sex", "female", "--days", "1", "--foods", "small.csv", "--output", "FILE"], 7),
        (["batch", "requests.jsonl", "--foods", "small.csv", "--quiet", "-o", "FILE"], 6),
        (["generate-foods", "--count", "20", "-o", "FILE"], 4),
        (["generate-requests", "--count", "20", "-o", "FILE"], 4),
        (["export", "--sex", "female", "--days", "1", "--foods", "small.csv", "--mps", "FILE"], 8),
        (["import-fdc", StdoutCommands.fdcFolder, "-o", "FILE"], 3),
    ]

    static func reference(_ arguments: [String], optionAt index: Int) throws -> String {
        var toStdout = arguments
        if arguments[index - 1] == "--mps" {
            toStdout[index] = "-"
        } else {
            toStdout.removeSubrange(index - 1 ... index)
        }
        let run = try fixture.run(toStdout, stdout: .captured)
        #expect(run.status == 0, "\(toStdout): \(run.stderr)")
        return run.stdout
    }

    @Test(arguments: 0 ..< 6)
    func everyOutputFileTarget(command: Int) throws {
        let (template, index) = Self.fileCommands[command]
        let expected = try Self.reference(template, optionAt: index)
        let folder = try TemporaryFolder("targets")
        func run(_ target: String, stdout: StdoutKind = .devNull) throws -> PlannerRun {
            var arguments = template
            arguments[index] = target
            return try Self.fixture.run(arguments, stdout: stdout)
        }
        func text(_ path: String) -> String? { (try? Data(contentsOf: URL(fileURLWithPath: path))).map { String(decoding: $0, as: UTF8.self) } }

        // A regular file, replaced; a link, followed and kept; a dangling link, its target made.
        let regular = try folder.write("regular.txt", "old\n")
        #expect(try run(regular).status == 0)
        #expect(text(regular) == expected)
        let real = try folder.write("real.txt", "old\n")
        try FileManager.default.createSymbolicLink(atPath: folder.path("link.txt"), withDestinationPath: "real.txt")
        #expect(try run(folder.path("link.txt")).status == 0)
        #expect(isSymbolicLink(folder.path("link.txt")) && text(real) == expected)
        try FileManager.default.createSymbolicLink(atPath: folder.path("dangling.txt"), withDestinationPath: "made.txt")
        #expect(try run(folder.path("dangling.txt")).status == 0)
        #expect(text(folder.path("made.txt")) == expected)

        // Special files, written directly.
        #expect(mkfifo(folder.path("fifo"), 0o600) == 0)
        let reader = FIFOReader(path: folder.path("fifo"))
        #expect(try run(folder.path("fifo")).status == 0)
        #expect(reader.text() == expected)
        #expect(isFIFO(folder.path("fifo")))
        let null = try run("/dev/null")
        #expect(null.status == 0 && null.stderr.isEmpty)

        // Errors: one line, the previous file (if any) untouched, no temporary file left.
        let failures: [(String, Int32, String)] = [
            ("/dev/full", 74, "Error: /dev/full: cannot write the output file (No space left on device)\n"),
            (folder.path("folder"), 73, "Error: \(folder.path("folder")): cannot replace the output file (Is a directory)\n"),
            (folder.path("missing/x.txt"), 73, "Error: \(folder.path("missing/x.txt")): cannot create the output file\n"),
            ("/proc/x.txt", 73, "Error: /proc/x.txt: cannot create the output file\n"),
        ]
        try FileManager.default.createDirectory(atPath: folder.path("folder"), withIntermediateDirectories: false)
        for (target, status, message) in failures {
            let failed = try run(target)
            #expect(failed.status == status, "\(template) -o \(target): \(failed.stderr)")
            #expect(failed.stderr == message, "\(template) -o \(target)")
        }
        // A file under `ulimit -f 1`: the write fails, the previous file stays.
        if expected.utf8.count > fileSizeLimit {
            try Data("previous\n".utf8).write(to: URL(fileURLWithPath: regular))
            let limited = try Self.fixture.run(template.enumerated().map { $0.offset == index ? regular : $0.element }, stdout: .devNull, shellPrefix: "ulimit -f 1")
            #expect(limited.status == 74, "\(limited.stderr)")
            #expect(limited.stderr == "Error: \(regular): cannot write the output file (File too large)\n")
            #expect(text(regular) == "previous\n")
        }
        #expect(folder.fileNames() == ["dangling.txt", "fifo", "folder", "link.txt", "made.txt", "real.txt", "regular.txt"])
        #expect(temporaryFiles(in: folder.url.path).isEmpty)
    }
}
