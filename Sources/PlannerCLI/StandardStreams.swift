import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Everything the planner prints on stdout goes through ``shared``: each write is checked, and
/// the first one that fails (a full disk, a closed stdout, a reader that closed the pipe) is an
/// error with exit code 74 (`Error: cannot write to stdout (No space left on device)`). There
/// is no buffer: each call is one `write(2)` of its whole text (plans, listings and batch lines
/// are written in one piece, large exports in chunks of 1 MiB), so nothing waits to be flushed.
final class StandardOutput: @unchecked Sendable {
    static let shared = StandardOutput(descriptor: STDOUT_FILENO)

    private let descriptor: Int32
    private let lock = NSLock()
    private var failure: AtomicFile.WriteError?
    private var reported = false
    private var wroteBytes = false
    /// Set by ``StandardStreams/prepare()`` when the process started with stdout closed.
    var closedAtStart = false

    init(descriptor: Int32) { self.descriptor = descriptor }

    /// The first write that failed, if any.
    var error: AtomicFile.WriteError? { lock.withLock { failure } }

    func write(_ bytes: UnsafeRawBufferPointer) throws {
        try lock.withLock {
            if let failure { throw failure }
            guard bytes.count > 0 else { return }
            if let code = writeAll(descriptor, bytes) {
                let reason = closedAtStart ? "it is closed" : String(cString: strerror(code))
                let error = AtomicFile.WriteError(description: "cannot write to stdout (\(reason))", code: PlannerExit.ioError, isStandardOutput: true)
                failure = error
                throw error
            }
            wroteBytes = true
        }
    }

    func write(_ text: String) throws {
        var text = text
        try text.withUTF8 { try write(UnsafeRawBufferPointer($0)) }
    }

    /// Throws the write error, if one happened (for writers that could not throw it, such as a
    /// batch's line emitter).
    func check() throws {
        if let error { throw error }
    }

    /// The error message for it has been printed.
    func markReported() { lock.withLock { reported = true } }

    /// At the end of the process: closes stdout after a successful write (a file system may
    /// report a failed write only then) and returns the write error nobody has reported yet.
    func finish() -> AtomicFile.WriteError? {
        lock.withLock {
            if failure == nil && wroteBytes && descriptor == STDOUT_FILENO {
                if close(descriptor) != 0 && errno != EINTR {
                    failure = AtomicFile.WriteError(description: "cannot write to stdout (\(String(cString: strerror(errno))))", code: PlannerExit.ioError, isStandardOutput: true)
                }
                wroteBytes = false
            }
            return reported ? nil : failure
        }
    }
}

/// Messages on stderr. A write that fails is dropped: there is nowhere left to report it, and
/// it must not end the process (Foundation's `FileHandle.write` stops it with a fatal error).
enum StandardError {
    static func write(_ text: String) {
        var text = text
        text.withUTF8 { _ = writeAll(STDERR_FILENO, UnsafeRawBufferPointer($0)) }
    }
}

enum StandardStreams {
    /// Run once at start.
    ///
    /// - A standard stream that is closed (`planner ... >&-`) is opened on /dev/null (stdout
    ///   read-only, so that every write to it fails and is reported), so that no file the
    ///   planner opens later takes its number and receives its output.
    /// - SIGPIPE is ignored: a write into a pipe whose reader has gone fails with EPIPE, which
    ///   is reported like any other write error (one line on stderr, exit code 74), instead of
    ///   ending the process silently. SIGXFSZ likewise: a write beyond `ulimit -f` fails with
    ///   EFBIG, a write error.
    static func prepare() {
        signal(SIGPIPE, SIG_IGN)
        signal(SIGXFSZ, SIG_IGN)
        for descriptor in [STDIN_FILENO, STDOUT_FILENO, STDERR_FILENO] where fcntl(descriptor, F_GETFD) == -1 && errno == EBADF {
            let null = openNull(descriptor == STDERR_FILENO ? O_WRONLY : O_RDONLY)
            guard null >= 0 else { continue }
            if null != descriptor {
                dup2(null, descriptor)
                close(null)
            }
            if descriptor == STDOUT_FILENO { StandardOutput.shared.closedAtStart = true }
        }
    }

    private static func openNull(_ flags: Int32) -> Int32 {
        #if canImport(Glibc)
        return Glibc.open("/dev/null", flags)
        #else
        return Darwin.open("/dev/null", flags)
        #endif
    }
}
