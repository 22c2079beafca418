import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes an output file (`-o FILE`).
///
/// - A regular file, or a path where nothing is yet, is written through a temporary file in the
///   same folder and a rename, so that an error never leaves a half-written file and never
///   replaces the previous one. The new file gets the previous file's permissions (and, where
///   allowed, its owner), or for a new file the permissions `umask` leaves of 0666. A file that
///   is not writable (`chmod a-w`) is not replaced, as a shell's `>` would not.
/// - A symbolic link is followed to its target (through any chain of links, relative targets
///   read from the link's folder), which is replaced as above in the target's folder; the link
///   stays. A link whose target does not exist (a dangling link) creates the target, as a
///   shell's `>` does; when the target's folder does not exist either, the file cannot be
///   created.
/// - A FIFO, a character device (`/dev/null`, `/dev/stdout`, a terminal), a socket or a block
///   device is opened for writing and written directly: no temporary file and no rename, which
///   would put a regular file in its place.
/// - A folder is an error.
///
/// Creating, opening or replacing the file fails with exit code 73; a write, `fsync` or `close`
/// that fails (a full disk) with 74.
enum AtomicFile {
    struct WriteError: Error, CustomStringConvertible {
        var description: String
        var code: Int32 = PlannerExit.cannotWrite
        /// A write to stdout (``StandardOutput``), not to a file.
        var isStandardOutput = false
    }

    /// An output file being written: bytes go to the temporary file (or the special file), and
    /// ``commit()`` puts the file in place. Without a commit (``discard()``, or when the writer
    /// goes away) the temporary file is removed and the previous file stays as it was.
    final class Writer {
        /// The path as given (absolute), for messages.
        let path: String
        /// The file that is replaced or written.
        let target: String
        /// The temporary file, nil when the target is written directly.
        private(set) var temporary: String?
        private var descriptor: Int32
        /// The permissions (and owner) for the new file.
        private let mode: mode_t
        private let owner: (uid_t, gid_t)?
        private var finished = false

        fileprivate init(path: String, target: String, temporary: String?, descriptor: Int32, mode: mode_t, owner: (uid_t, gid_t)?) {
            self.path = path
            self.target = target
            self.temporary = temporary
            self.descriptor = descriptor
            self.mode = mode
            self.owner = owner
        }

        deinit { discard() }

        func write(_ bytes: UnsafeRawBufferPointer) throws {
            precondition(!finished, "write after commit")
            if let code = writeAll(descriptor, bytes) { throw failure(code) }
        }

        func write(_ text: String) throws {
            var text = text
            try text.withUTF8 { try write(UnsafeRawBufferPointer($0)) }
        }

        private func failure(_ code: Int32) -> WriteError {
            WriteError(description: "\(path): cannot write the output file (\(String(cString: strerror(code))))", code: PlannerExit.ioError)
        }

        /// Puts the file in place: `fsync` and rename a temporary file; close a special file.
        func commit() throws {
            precondition(!finished, "commit twice")
            guard let temporary else {
                finished = true
                let result = close(descriptor)
                descriptor = -1
                if result != 0 && errno != EINTR { throw failure(errno) }
                return
            }
            if fsync(descriptor) != 0 { throw failure(errno) }
            if fchmod(descriptor, mode) != 0 { throw failure(errno) }
            if let owner { _ = fchown(descriptor, owner.0, owner.1) }
            let closed = close(descriptor)
            descriptor = -1
            if closed != 0 && errno != EINTR { throw failure(errno) }
            guard rename(temporary, target) == 0 else {
                throw WriteError(description: "\(path): cannot replace the output file (\(String(cString: strerror(errno))))")
            }
            self.temporary = nil
            finished = true
        }

        /// Drops what was written: closes the file and removes the temporary file.
        func discard() {
            if descriptor >= 0 {
                close(descriptor)
                descriptor = -1
            }
            if let temporary, !finished { unlink(temporary) }
            temporary = nil
            finished = true
        }
    }

    /// Opens the output file `url` names (see the type's description).
    static func open(_ url: URL) throws -> Writer {
        let path = url.path
        let target = try resolvingLinks(path)
        var info = stat()
        if stat(target, &info) == 0 {
            switch info.st_mode & S_IFMT {
            case S_IFREG:
                // A shell's `>` does not write to a file without write permission; nor does this.
                if access(target, W_OK) != 0 {
                    throw WriteError(description: "\(path): cannot replace the output file (\(String(cString: strerror(errno))))")
                }
                return try replacing(path: path, target: target, mode: info.st_mode & 0o7777, owner: (info.st_uid, info.st_gid))
            case S_IFDIR:
                throw WriteError(description: "\(path): cannot replace the output file (Is a directory)")
            default:
                // A FIFO blocks here until a reader opens it, as it does for a shell's `>`.
                let descriptor = Self.openForWriting(target)
                guard descriptor >= 0 else {
                    throw WriteError(description: "\(path): cannot open the output file (\(String(cString: strerror(errno))))")
                }
                return Writer(path: path, target: target, temporary: nil, descriptor: descriptor, mode: 0, owner: nil)
            }
        }
        let mask = umask(0)
        umask(mask)
        return try replacing(path: path, target: target, mode: 0o666 & ~mask, owner: nil)
    }

    private static func openForWriting(_ path: String) -> Int32 {
        while true {
            let descriptor = systemOpen(path, O_WRONLY | O_NOCTTY | O_CLOEXEC, 0)
            if descriptor >= 0 || errno != EINTR { return descriptor }
        }
    }

    /// A writer through a temporary file beside `target`.
    private static func replacing(path: String, target: String, mode: mode_t, owner: (uid_t, gid_t)?) throws -> Writer {
        let folder = (target as NSString).deletingLastPathComponent
        let name = (target as NSString).lastPathComponent
        for attempt in 0 ..< 100 {
            let suffix = attempt == 0 ? "" : ".\(UInt32.random(in: 0 ... UInt32.max))"
            let temporary = (folder.isEmpty ? "" : folder + "/") + ".\(name).\(getpid())\(suffix).tmp"
            // Created readable by the owner only; the final permissions are set before the rename.
            let descriptor = systemOpen(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
            if descriptor >= 0 {
                return Writer(path: path, target: target, temporary: temporary, descriptor: descriptor, mode: mode, owner: owner)
            }
            if errno == EINTR || errno == EEXIST { continue }
            break
        }
        throw WriteError(description: "\(path): cannot create the output file")
    }

    /// The file a path names after following symbolic links in its last component (a chain of
    /// them, at most 40), whether or not that file exists.
    static func resolvingLinks(_ path: String) throws -> String {
        var current = path
        for _ in 0 ..< 40 {
            var info = stat()
            guard lstat(current, &info) == 0, info.st_mode & S_IFMT == S_IFLNK else { return current }
            var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
            let count = readlink(current, &buffer, buffer.count - 1)
            guard count >= 0 else {
                throw WriteError(description: "\(path): cannot read the link (\(String(cString: strerror(errno))))")
            }
            let link = String(decoding: buffer[0 ..< count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
            let folder = (current as NSString).deletingLastPathComponent
            current = link.hasPrefix("/") || folder.isEmpty ? link : folder + "/" + link
        }
        throw WriteError(description: "\(path): cannot create the output file (\(String(cString: strerror(ELOOP))))")
    }

    /// Writes the file in one go: `body` gets a sink for its bytes.
    static func write(to url: URL, _ body: ((UnsafeRawBufferPointer) throws -> Void) throws -> Void) throws {
        let writer = try open(url)
        defer { writer.discard() }
        try body { bytes in try writer.write(bytes) }
        try writer.commit()
    }

    static func write(_ text: String, to url: URL) throws {
        let writer = try open(url)
        defer { writer.discard() }
        try writer.write(text)
        try writer.commit()
    }
}

private func systemOpen(_ path: String, _ flags: Int32, _ mode: mode_t) -> Int32 {
    #if canImport(Glibc)
    return Glibc.open(path, flags, mode)
    #else
    return Darwin.open(path, flags, mode)
    #endif
}

/// Writes all of `bytes` to a file descriptor (again after a short write, an interrupted one,
/// or a full non-blocking pipe); nil, or the `errno` of the write that failed.
func writeAll(_ descriptor: Int32, _ bytes: UnsafeRawBufferPointer) -> Int32? {
    guard var base = bytes.baseAddress else { return nil }
    var left = bytes.count
    while left > 0 {
        let written = write(descriptor, base, left)
        if written > 0 {
            base += written
            left -= written
            continue
        }
        if written < 0 && errno == EINTR { continue }
        if written < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) {
            var wait = pollfd(fd: descriptor, events: Int16(POLLOUT), revents: 0)
            _ = poll(&wait, 1, -1)
            continue
        }
        return written == 0 ? EIO : errno
    }
    return nil
}
