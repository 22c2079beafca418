import Foundation

/// Why a food table (or a price list, or a FoodData Central file) could not be read.
///
/// Its description is one line, `FILE:LINE:COLUMN: message`: the 1-based physical line (a line
/// break inside a quoted field starts a new one) and the 1-based column, counted in characters
/// (Unicode scalars), where the offending field starts (or, for a CSV syntax error, the
/// offending character). An error about the file as a whole has no line: `FILE: message`.
public struct FoodTableError: Error, Equatable, Sendable, CustomStringConvertible, LocalizedError {
    /// What is wrong: the file as a whole cannot be read, or its content is wrong.
    public enum Reason: Equatable, Sendable {
        case fileMissing(path: String)
        case isFolder
        case fileUnreadable
        /// A field, a row or the whole content breaks a rule of the format: the message says which.
        case content(String)
    }

    /// The file's last path component, or the name given for in-memory data.
    public var file: String
    public var line: Int?
    public var column: Int?
    public var reason: Reason

    public init(file: String, line: Int? = nil, column: Int? = nil, reason: Reason) {
        self.file = file
        self.line = line
        self.column = column
        self.reason = reason
    }

    /// An error about the content, at a place of the file.
    public init(file: String, line: Int?, column: Int?, message: String) {
        self.init(file: file, line: line, column: column, reason: .content(message))
    }

    /// An error about the content at a field's place, known after the file has been read.
    init(file: String, at place: CSVPlace, message: String) {
        self.init(file: file, line: place.line, column: place.column, message: message)
    }

    /// Whether the file could not be opened or read at all (rather than read and found wrong).
    public var isUnreadable: Bool {
        switch reason {
        case .fileMissing, .isFolder, .fileUnreadable: return true
        case .content: return false
        }
    }

    public var message: String {
        switch reason {
        case .fileMissing(let path): return "no such file (\(path))"
        case .isFolder: return "is a folder, not a file"
        case .fileUnreadable: return "cannot be read"
        case .content(let text): return text
        }
    }

    public var description: String {
        guard let line else { return "\(file): \(message)" }
        return "\(file):\(line):\(column ?? 1): \(message)"
    }

    public var errorDescription: String? { description }
}

extension FoodTableError {
    /// Reads a whole file, or says in one line why it cannot.
    static func contents(of url: URL) throws(FoodTableError) -> Data {
        let name = url.lastPathComponent
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
            throw FoodTableError(file: name, reason: .fileMissing(path: url.path))
        }
        guard !isDirectory.boolValue else {
            throw FoodTableError(file: name, reason: .isFolder)
        }
        // Mapped, so that a large table is not copied before it is parsed; a FIFO or a device
        // (/dev/null) read to its end, so that an empty one gives the empty file's error.
        guard let data = FileReading.contents(of: url.path, mapped: true) else {
            throw FoodTableError(file: name, reason: .fileUnreadable)
        }
        return data
    }
}
