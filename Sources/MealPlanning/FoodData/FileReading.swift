import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads input files that are not regular files: `/dev/null`, a FIFO, `/dev/stdin`, a process
/// substitution (`<(...)`). Foundation's `Data(contentsOf:)` cannot map them and fails on some
/// (and a FIFO can be read only once), so each reader asks ``isSpecialFile(_:)`` first and reads
/// such a file with this: the bytes up to the end of the stream, so that an empty one
/// (`/dev/null`) is an empty file, with the empty file's error.
public enum FileReading {
    /// True for a path that exists and is neither a regular file nor a folder.
    public static func isSpecialFile(_ path: String) -> Bool {
        var info = stat()
        guard stat(path, &info) == 0 else { return false }
        let kind = info.st_mode & S_IFMT
        return kind != S_IFREG && kind != S_IFDIR
    }

    /// The whole file: a regular file read (or mapped) by Foundation, a special file read to
    /// its end; nil when it cannot be read or holds more than `maximumBytes`.
    public static func contents(of path: String, mapped: Bool = false, maximumBytes: Int = .max) -> Data? {
        if isSpecialFile(path) { return readToEnd(path, maximumBytes: maximumBytes) }
        return try? Data(contentsOf: URL(fileURLWithPath: path), options: mapped ? .alwaysMapped : [])
    }

    /// The bytes of a file read to its end; nil when it cannot be opened or read (a folder),
    /// or holds more than `maximumBytes`.
    public static func readToEnd(_ path: String, maximumBytes: Int = .max) -> Data? {
        #if canImport(Glibc)
        let descriptor = Glibc.open(path, O_RDONLY | O_CLOEXEC)
        #else
        let descriptor = Darwin.open(path, O_RDONLY | O_CLOEXEC)
        #endif
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        return readToEnd(descriptor: descriptor, maximumBytes: maximumBytes)
    }

    /// The bytes of an open file descriptor (stdin) read to its end; nil on a read error or
    /// more than `maximumBytes`.
    public static func readToEnd(descriptor: Int32, maximumBytes: Int = .max) -> Data? {
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count == 0 { return data }
            if count < 0 {
                if errno == EINTR { continue }
                return nil
            }
            data.append(contentsOf: buffer[0 ..< count])
            if data.count > maximumBytes { return nil }
        }
    }
}
