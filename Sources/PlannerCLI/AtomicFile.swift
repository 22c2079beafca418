import Foundation

/// Writes a file through a temporary file in the same folder and a rename, so that an error
/// never leaves a half-written file and never replaces the previous one.
enum AtomicFile {
    struct WriteError: Error, CustomStringConvertible {
        var description: String
    }

    static func write(to url: URL, _ body: ((UnsafeRawBufferPointer) throws -> Void) throws -> Void) throws {
        let folder = url.deletingLastPathComponent()
        let temporary = folder.appendingPathComponent(".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).tmp")
        guard FileManager.default.createFile(atPath: temporary.path, contents: nil) else {
            throw WriteError(description: "\(url.path): cannot create the output file")
        }
        var succeeded = false
        defer { if !succeeded { try? FileManager.default.removeItem(at: temporary) } }
        let handle = try FileHandle(forWritingTo: temporary)
        do {
            try body { bytes in try handle.write(contentsOf: Data(bytes)) }
            try handle.synchronize()
            try handle.close()
        } catch {
            try? handle.close()
            throw WriteError(description: "\(url.path): \(error.localizedDescription)")
        }
        guard rename(temporary.path, url.path) == 0 else {
            throw WriteError(description: "\(url.path): cannot replace the output file (\(String(cString: strerror(errno))))")
        }
        succeeded = true
    }

    static func write(_ text: String, to url: URL) throws {
        try write(to: url) { sink in
            var bytes = Array(text.utf8)
            try bytes.withUnsafeMutableBytes { try sink(UnsafeRawBufferPointer($0)) }
        }
    }
}
