import Foundation

/// Why a food table (or a price list, or a FoodData Central file) could not be read.
///
/// Its description is one line, `FILE:LINE:COLUMN: message`: the 1-based physical line (a line
/// break inside a quoted field starts a new one) and the 1-based column, counted in characters
/// (Unicode scalars), where the offending field starts (or, for a CSV syntax error, the
/// offending character). An error about the file as a whole has no line: `FILE: message`.
public struct FoodTableError: Error, Equatable, Sendable, CustomStringConvertible, LocalizedError {
    /// The file's last path component, or the name given for in-memory data.
    public var file: String
    public var line: Int?
    public var column: Int?
    public var message: String

    public init(file: String, line: Int?, column: Int?, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
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
            throw FoodTableError(file: name, line: nil, column: nil, message: "no such file (\(url.path))")
        }
        guard !isDirectory.boolValue else {
            throw FoodTableError(file: name, line: nil, column: nil, message: "is a folder, not a file")
        }
        // Mapped, so that a large table is not copied before it is parsed; a FIFO or a device
        // (/dev/null) read to its end, so that an empty one gives the empty file's error.
        guard let data = FileReading.contents(of: url.path, mapped: true) else {
            throw FoodTableError(file: name, line: nil, column: nil, message: "cannot be read")
        }
        return data
    }
}
