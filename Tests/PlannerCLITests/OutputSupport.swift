import Dispatch
import Foundation
import Testing
@testable import PlannerCLI

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How stdout is connected for one run of the executable.
enum StdoutKind: CustomStringConvertible, CaseIterable {
    /// A file, read back after the run.
    case captured
    /// Closed (`>&-`).
    case closed
    /// `/dev/full`: every write fails with ENOSPC.
    case full
    /// `/dev/null`.
    case devNull
    /// A pipe whose reader is gone before the first write (EPIPE).
    case noReader
    /// A pipe whose reader reads 4 KiB, then closes it.
    case readerLeavesEarly
    /// A file under `ulimit -f 1` (``fileSizeLimit`` bytes): a longer write fails with EFBIG.
    case fileSizeLimit

    var description: String {
        switch self {
        case .captured: return "stdout captured"
        case .closed: return "stdout closed"
        case .full: return "stdout /dev/full"
        case .devNull: return "stdout /dev/null"
        case .noReader: return "stdout a pipe without reader"
        case .readerLeavesEarly: return "stdout a pipe closed after 4 KiB"
        case .fileSizeLimit: return "stdout a file under ulimit -f 1"
        }
    }
}

extension BinaryFixture {
    /// Runs `planner ARGUMENTS` in the folder with stdout connected as `stdout`, stdin from
    /// `input` (empty without it), stderr captured; a run that takes over `timeout` is killed
    /// (and then fails the oracle: its status is 128 + 9). A process ended by a signal has
    /// status 128 + the signal.
    func run(_ arguments: [String], stdout kind: StdoutKind, input: String? = nil, shellPrefix: String? = nil,
             timeout: Double = 120) throws -> PlannerRun {
        let binary = try PlannerBinary.require()
        let capture = try TemporaryFolder("planner-output")
        let process = Process()
        var prefix = shellPrefix
        if kind == .closed { prefix = (prefix.map { $0 + "; " } ?? "") + "exec >&-" }
        if kind == .fileSizeLimit { prefix = (prefix.map { $0 + "; " } ?? "") + "ulimit -f 1" }
        if let prefix {
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
            process.arguments = ["-c", "\(prefix); exec \"$0\" \"$@\"", binary.path] + arguments
        } else {
            process.executableURL = binary
            process.arguments = arguments
        }
        var variables = ProcessInfo.processInfo.environment
        variables["NO_COLOR"] = nil
        process.environment = variables
        process.currentDirectoryURL = folder.url

        if let input {
            try Data(input.utf8).write(to: capture.url.appendingPathComponent("in"))
            process.standardInput = try FileHandle(forReadingFrom: capture.url.appendingPathComponent("in"))
        } else {
            process.standardInput = FileHandle.nullDevice
        }
        _ = FileManager.default.createFile(atPath: capture.path("err"), contents: nil)
        let err = try FileHandle(forWritingTo: capture.url.appendingPathComponent("err"))
        process.standardError = err

        var pipeEnds: (read: Int32, write: Int32)?
        var reader: Thread?
        switch kind {
        case .captured, .fileSizeLimit:
            _ = FileManager.default.createFile(atPath: capture.path("out"), contents: nil)
            process.standardOutput = try FileHandle(forWritingTo: capture.url.appendingPathComponent("out"))
        case .closed, .devNull:
            process.standardOutput = FileHandle.nullDevice
        case .full:
            process.standardOutput = try #require(FileHandle(forWritingAtPath: "/dev/full"))
        case .noReader, .readerLeavesEarly:
            var ends: [Int32] = [0, 0]
            guard pipe(&ends) == 0 else { throw CocoaError(.fileWriteUnknown) }
            // Neither end leaks into the child but as its stdout.
            _ = fcntl(ends[0], F_SETFD, FD_CLOEXEC)
            _ = fcntl(ends[1], F_SETFD, FD_CLOEXEC)
            pipeEnds = (ends[0], ends[1])
            process.standardOutput = FileHandle(fileDescriptor: ends[1], closeOnDealloc: false)
            if kind == .noReader {
                close(ends[0])
            } else {
                let readEnd = ends[0]
                reader = Thread {
                    var buffer = [UInt8](repeating: 0, count: 4096)
                    var total = 0
                    while total < 4096 {
                        let count = read(readEnd, &buffer, 4096 - total)
                        if count <= 0 { break }
                        total += count
                    }
                    close(readEnd)
                }
            }
        }
        reader?.start()
        try process.run()
        if let pipeEnds { close(pipeEnds.write) }
        // SIGKILL: a child of this process may start with SIGTERM blocked.
        let watchdog = DispatchWorkItem { [process] in if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
        DispatchQueue.global().asyncAfter(deadline: .now() + timeout, execute: watchdog)
        process.waitUntilExit()
        watchdog.cancel()
        try err.close()
        let status = process.terminationReason == .uncaughtSignal ? 128 + process.terminationStatus : process.terminationStatus
        var stdout = ""
        if kind == .captured || kind == .fileSizeLimit {
            stdout = String(decoding: try Data(contentsOf: capture.url.appendingPathComponent("out")), as: UTF8.self)
        }
        return PlannerRun(status: status, stdout: stdout,
                          stderr: String(decoding: try Data(contentsOf: capture.url.appendingPathComponent("err")), as: UTF8.self))
    }

    /// Writes a saved one-day plan (`plan.json`) and a few batch lines (`requests.jsonl`) for
    /// the commands that read them.
    func addPlanAndRequests() throws {
        let planned = try run(["--sex", "male", "--days", "1", "--foods", "small.csv", "--format", "json", "-o", "plan.json"])
        guard planned.status == 0 else { throw CocoaError(.fileWriteUnknown) }
        try folder.write("requests.jsonl", """
            {"household": "a", "profile": {"sex": "robot"}}
            {"household": "b", "days": 0}

            not json
            {"household": "c", "profile": {"sex": "female"}, "dayz": 1}

            """)
    }
}

/// The package's root folder, for fixtures of other test targets.
let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// The lines of a message: an error must be exactly one.
func lineCount(_ text: String) -> Int { text.split(separator: "\n", omittingEmptySubsequences: false).count - 1 }

/// The command lines that write to stdout, one per subcommand (and help), with the small table.
enum StdoutCommands {
    static let fdcFolder = packageRoot.appendingPathComponent("Tests/MealPlanningTests/Fixtures/fdc").path

    static let all: [[String]] = [
        ["--sex", "female", "--days", "1", "--foods", "small.csv"],
        ["plan", "--sex", "male", "--days", "1", "--foods", "small.csv", "--format", "json"],
        ["foods", "--foods", "small.csv", "--search", "potato"],
        ["foods", "--foods", "small.csv", "--show", "banana"],
        ["check", "plan.json", "--foods", "small.csv"],
        ["compare", "plan.json", "plan.json", "--foods", "small.csv"],
        ["export", "--sex", "female", "--days", "1", "--foods", "small.csv", "--lp", "-"],
        ["batch", "requests.jsonl", "--foods", "small.csv", "--quiet"],
        ["generate-foods", "--count", "20", "--seed", "3"],
        ["generate-requests", "--count", "20", "--seed", "3"],
        ["import-fdc", fdcFolder],
        ["--help"],
        ["help", "batch"],
    ]

    /// A command line that writes more than the 64 KiB a pipe holds.
    static let large = ["generate-requests", "--count", "5000", "--seed", "1"]
}

/// The paths of temporary files the planner left in a folder (none should be left).
func temporaryFiles(in folder: String) -> [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasPrefix(".") && $0.hasSuffix(".tmp") }
}

/// A Unix domain socket bound at a path (closed when the value goes away).
final class BoundSocket {
    let descriptor: Int32

    init(path: String) throws {
        #if canImport(Glibc)
        descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        #else
        descriptor = socket(AF_UNIX, SOCK_STREAM, 0)
        #endif
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        guard descriptor >= 0, bytes.count < MemoryLayout.size(ofValue: address.sun_path) else { throw CocoaError(.fileWriteUnknown) }
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            for (index, byte) in bytes.enumerated() { raw[index] = byte }
        }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        guard bound == 0 else { throw CocoaError(.fileWriteUnknown) }
    }

    deinit { close(descriptor) }
}

/// Reads a FIFO on a thread until its writer closes it.
final class FIFOReader: @unchecked Sendable {
    private let lock = NSCondition()
    private var bytes: [UInt8]?

    init(path: String) {
        Thread { [self] in
            let descriptor = open(path, O_RDONLY)
            var collected: [UInt8] = []
            var buffer = [UInt8](repeating: 0, count: 65536)
            while descriptor >= 0 {
                let count = read(descriptor, &buffer, buffer.count)
                if count <= 0 { break }
                collected += buffer[0 ..< count]
            }
            if descriptor >= 0 { close(descriptor) }
            lock.lock()
            bytes = collected
            lock.broadcast()
            lock.unlock()
        }.start()
    }

    /// What was read, once the writer has closed the FIFO (nil after `timeout` seconds).
    func text(timeout: Double = 60) -> String? {
        lock.lock()
        defer { lock.unlock() }
        let deadline = Date().addingTimeInterval(timeout)
        while bytes == nil { if !lock.wait(until: deadline) { return nil } }
        return String(decoding: bytes!, as: UTF8.self)
    }
}

/// The permission bits of a file (not following a link), or nil.
func permissions(_ path: String) -> mode_t? {
    var info = stat()
    guard lstat(path, &info) == 0 else { return nil }
    return info.st_mode & 0o7777
}

func isSymbolicLink(_ path: String) -> Bool {
    var info = stat()
    return lstat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFLNK
}

func isFIFO(_ path: String) -> Bool {
    var info = stat()
    return lstat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFIFO
}

let runningAsRoot = geteuid() == 0

/// What `ulimit -f 1` allows in /bin/sh: one block of 512 bytes (POSIX; dash).
let fileSizeLimit = 512
