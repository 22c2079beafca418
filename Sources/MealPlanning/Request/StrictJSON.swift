import Foundation

/// A strict check of JSON syntax (RFC 8259) that finds the place of the first problem.
///
/// Foundation's `JSONSerialization` accepts a comma before a closing `}` or `]` and, for a key
/// given twice in one object, silently keeps the last value. Request files, batch lines and
/// saved plans are checked with this first, so that both are errors with a line and a column.
/// Other syntax errors are left to `JSONSerialization`, whose messages stay as they were; a
/// problem found here that `JSONSerialization` lets through is still an error.
///
/// Lines are counted from 1; a line feed, a carriage return and CR LF each end one. Columns are
/// counted from 1 in Unicode scalars. A UTF-8 byte order mark at the start is skipped, and text
/// in UTF-16 or UTF-32 (which `JSONSerialization` reads too) is checked after conversion.
public enum StrictJSON {
    public struct Problem: Error, Equatable, Sendable, CustomStringConvertible {
        public var line: Int
        public var column: Int
        /// What is wrong, on one line, without the place.
        public var reason: String
        /// For a duplicate key, the place of its first occurrence.
        public var firstLine: Int?
        public var firstColumn: Int?
        /// A trailing comma or a duplicate key: syntax that `JSONSerialization` accepts.
        public var isLenient: Bool

        public init(line: Int, column: Int, reason: String, firstLine: Int? = nil, firstColumn: Int? = nil, isLenient: Bool) {
            self.line = line
            self.column = column
            self.reason = reason
            self.firstLine = firstLine
            self.firstColumn = firstColumn
            self.isLenient = isLenient
        }

        /// The message, with lines counted from `firstLineNumber` (the line of a larger file
        /// where the text starts, as for a batch line).
        public func message(firstLineNumber: Int = 1) -> String {
            guard let firstLine, let firstColumn else { return reason }
            return "\(reason) (first at \(firstLineNumber + firstLine - 1):\(firstColumn))"
        }

        public var description: String { "\(line):\(column): \(message())" }
    }

    /// The first problem of the text, or nil for strict JSON.
    public static func firstProblem(in data: Data) -> Problem? {
        guard let bytes = utf8Bytes(data) else { return nil }
        var scanner = Scanner(bytes: bytes)
        return scanner.scan()
    }

    /// The text as UTF-8 bytes: as it is, or converted from UTF-16 or UTF-32 (detected as RFC
    /// 4627 describes, by a byte order mark or the zero bytes of the first characters); nil when
    /// such text does not convert.
    static func utf8Bytes(_ data: Data) -> [UInt8]? {
        let head = Array(data.prefix(4))
        func byte(_ index: Int) -> UInt8? { index < head.count ? head[index] : nil }
        var encoding: String.Encoding?
        if head.starts(with: [0x00, 0x00, 0xFE, 0xFF]) || (head.count == 4 && head[0] == 0 && head[1] == 0 && head[2] == 0 && head[3] != 0) {
            encoding = .utf32BigEndian
        } else if head.starts(with: [0xFF, 0xFE, 0x00, 0x00]) || (head.count == 4 && head[0] != 0 && head[1] == 0 && head[2] == 0 && head[3] == 0) {
            encoding = .utf32LittleEndian
        } else if head.starts(with: [0xFE, 0xFF]) || (byte(0) == 0 && byte(1).map { $0 != 0 } == true) {
            encoding = .utf16BigEndian
        } else if head.starts(with: [0xFF, 0xFE]) || (byte(0).map { $0 != 0 } == true && byte(1) == 0) {
            encoding = .utf16LittleEndian
        }
        guard let encoding else { return Array(data) }
        var body = data
        // A byte order mark is not part of the text.
        if encoding == .utf32BigEndian && head.starts(with: [0x00, 0x00, 0xFE, 0xFF]) { body = data.dropFirst(4) }
        if encoding == .utf32LittleEndian && head.starts(with: [0xFF, 0xFE, 0x00, 0x00]) { body = data.dropFirst(4) }
        if encoding == .utf16BigEndian && head.starts(with: [0xFE, 0xFF]) { body = data.dropFirst(2) }
        if encoding == .utf16LittleEndian && head.starts(with: [0xFF, 0xFE]) { body = data.dropFirst(2) }
        guard let text = String(data: Data(body), encoding: encoding) else { return nil }
        return Array(text.utf8)
    }

    /// A one-pass scanner with its own stack, so that deep nesting costs memory, not stack.
    struct Scanner {
        let bytes: [UInt8]
        var index = 0
        /// The value of the last key read.
        var key = ""

        enum Frame {
            /// An object: the keys seen (with the offset of each) and the current key.
            case object(keys: [String: Int], key: String?)
            /// An array: the index of the current element.
            case array(index: Int)
        }

        enum Expect {
            /// A value (at the top, after a key's colon, or in an array after `[` or a comma).
            case value
            /// A key, after `{` or after a comma in an object.
            case key
            /// A comma or the closing bracket, after a value.
            case next
        }

        init(bytes: [UInt8]) {
            self.bytes = bytes
            if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { index = 3 }
        }

        // MARK: Places

        /// The line and column of a byte offset.
        func place(_ offset: Int) -> (line: Int, column: Int) {
            var line = 1, column = 1
            var position = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
            while position < offset && position < bytes.count {
                let byte = bytes[position]
                if byte == 0x0A || byte == 0x0D {
                    if byte == 0x0D && position + 1 < offset && position + 1 < bytes.count && bytes[position + 1] == 0x0A { position += 1 }
                    line += 1
                    column = 1
                } else if byte & 0xC0 != 0x80 {
                    column += 1
                }
                position += 1
            }
            return (line, column)
        }

        func problem(_ offset: Int, _ message: String, lenient: Bool = false, first: Int? = nil) -> Problem {
            let (line, column) = place(offset)
            let firstPlace = first.map(place)
            return Problem(line: line, column: column, reason: PlanRequestCoding.oneLine(message),
                           firstLine: firstPlace?.line, firstColumn: firstPlace?.column, isLenient: lenient)
        }

        /// What is at an offset, for a message.
        func found(_ offset: Int) -> String {
            guard offset < bytes.count else { return "the end of the text" }
            let byte = bytes[offset]
            if byte >= 0x20 && byte < 0x7F { return "'\(Character(Unicode.Scalar(byte)))'" }
            return "byte 0x\(String(byte, radix: 16, uppercase: true))"
        }

        // MARK: Scanning

        mutating func skipWhitespace() {
            while index < bytes.count {
                switch bytes[index] {
                case 0x20, 0x09, 0x0A, 0x0D: index += 1
                default: return
                }
            }
        }

        static func childPath(_ path: String, key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

        /// The path of the container at `depth` (0: the top value): `profile`, `meals[1]`, or
        /// empty. Built only for a message: a path kept for every level would cost memory in
        /// the square of the depth.
        func path(_ stack: [Frame], depth: Int) -> String {
            var path = ""
            for frame in stack[0 ..< depth] {
                switch frame {
                case .object(_, let key): path = Self.childPath(path, key: key ?? "")
                case .array(let index): path += "[\(index)]"
                }
            }
            return path
        }

        mutating func scan() -> Problem? {
            var stack: [Frame] = []
            var expect = Expect.value
            // The offset of the comma just read, when the value or key expected follows one.
            var comma: Int?
            while true {
                skipWhitespace()
                switch expect {
                case .value:
                    guard index < bytes.count else { return problem(index, "expected a value, found the end of the text") }
                    let start = index
                    switch bytes[index] {
                    case UInt8(ascii: "{"):
                        if skipEmptyContainer(closedBy: UInt8(ascii: "}")) {
                            expect = .next
                        } else {
                            stack.append(.object(keys: [:], key: nil))
                            expect = .key
                        }
                        comma = nil
                        continue
                    case UInt8(ascii: "["):
                        if skipEmptyContainer(closedBy: UInt8(ascii: "]")) {
                            expect = .next
                        } else {
                            stack.append(.array(index: 0))
                        }
                        comma = nil
                        continue
                    case UInt8(ascii: "]") where comma != nil:
                        return trailingComma(comma!, "]", stack)
                    case UInt8(ascii: "\""):
                        if let failure = string(decode: false) { return failure }
                    case UInt8(ascii: "-"), UInt8(ascii: "0") ... UInt8(ascii: "9"):
                        if let failure = number() { return failure }
                    case UInt8(ascii: "t"):
                        if let failure = literal("true") { return failure }
                    case UInt8(ascii: "f"):
                        if let failure = literal("false") { return failure }
                    case UInt8(ascii: "n"):
                        if let failure = literal("null") { return failure }
                    default:
                        return problem(start, "expected a value, found \(found(start))")
                    }
                    comma = nil
                    expect = .next
                case .key:
                    guard index < bytes.count else { return problem(index, "expected a key in quotes, found the end of the text") }
                    if bytes[index] == UInt8(ascii: "}"), let comma { return trailingComma(comma, "}", stack) }
                    guard bytes[index] == UInt8(ascii: "\"") else { return problem(index, "expected a key in quotes, found \(found(index))") }
                    let start = index
                    if let failure = string(decode: true) { return failure }
                    guard case .object(var keys, _) = stack.removeLast() else { return nil }
                    if let first = keys[key] {
                        return problem(start, "duplicate key '\(Self.childPath(path(stack, depth: stack.count), key: key))'", lenient: true, first: first)
                    }
                    keys[key] = start
                    stack.append(.object(keys: keys, key: key))
                    skipWhitespace()
                    guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else {
                        return problem(index, "expected ':' after a key, found \(found(index))")
                    }
                    index += 1
                    comma = nil
                    expect = .value
                case .next:
                    guard let top = stack.last else {
                        guard index == bytes.count else { return problem(index, "unexpected \(found(index)) after the JSON value") }
                        return nil
                    }
                    guard index < bytes.count else { return problem(index, "expected ',' or a closing bracket, found the end of the text") }
                    let byte = bytes[index]
                    switch top {
                    case .object:
                        if byte == UInt8(ascii: ",") {
                            comma = index
                            expect = .key
                        } else if byte == UInt8(ascii: "}") {
                            stack.removeLast()
                        } else {
                            return problem(index, "expected ',' or '}', found \(found(index))")
                        }
                    case .array(let position):
                        if byte == UInt8(ascii: ",") {
                            comma = index
                            stack[stack.count - 1] = .array(index: position + 1)
                            expect = .value
                        } else if byte == UInt8(ascii: "]") {
                            stack.removeLast()
                        } else {
                            return problem(index, "expected ',' or ']', found \(found(index))")
                        }
                    }
                    index += 1
                }
            }
        }

        /// Steps over the opening bracket at `index` and the white space after it; when the
        /// container is empty, over its `closing` bracket too, and true.
        mutating func skipEmptyContainer(closedBy closing: UInt8) -> Bool {
            index += 1
            skipWhitespace()
            guard index < bytes.count && bytes[index] == closing else { return false }
            index += 1
            return true
        }

        func trailingComma(_ offset: Int, _ bracket: String, _ stack: [Frame]) -> Problem {
            let container = stack.isEmpty ? "" : path(stack, depth: stack.count - 1)
            return problem(offset, "trailing comma before '\(bracket)'" + (container.isEmpty ? "" : " in \(container)"), lenient: true)
        }

        static func isHex(_ byte: UInt8) -> Bool {
            (0x30 ... 0x39).contains(byte) || (0x41 ... 0x46).contains(byte) || (0x61 ... 0x66).contains(byte)
        }

        /// Reads a string at `index` (a quote); with `decode`, also its value into `key` (lone
        /// surrogates become U+FFFD, as they do in Foundation's strings).
        mutating func string(decode: Bool) -> Problem? {
            let start = index
            index += 1
            var units: [UInt16] = []
            var segment = index
            func flushSegment(_ end: Int) {
                guard decode, end > segment else { return }
                units += String(decoding: bytes[segment ..< end], as: UTF8.self).utf16
            }
            while index < bytes.count {
                let byte = bytes[index]
                if byte == UInt8(ascii: "\"") {
                    flushSegment(index)
                    index += 1
                    if decode { key = String(decoding: units, as: UTF16.self) }
                    return nil
                }
                if byte < 0x20 { return problem(index, "a control character (byte 0x\(String(byte, radix: 16, uppercase: true))) inside a string") }
                if byte == UInt8(ascii: "\\") {
                    flushSegment(index)
                    guard index + 1 < bytes.count else { break }
                    let escape = bytes[index + 1]
                    switch escape {
                    case UInt8(ascii: "\""): units.append(0x22)
                    case UInt8(ascii: "\\"): units.append(0x5C)
                    case UInt8(ascii: "/"): units.append(0x2F)
                    case UInt8(ascii: "b"): units.append(0x08)
                    case UInt8(ascii: "f"): units.append(0x0C)
                    case UInt8(ascii: "n"): units.append(0x0A)
                    case UInt8(ascii: "r"): units.append(0x0D)
                    case UInt8(ascii: "t"): units.append(0x09)
                    case UInt8(ascii: "u"):
                        guard index + 5 < bytes.count, bytes[index + 2 ... index + 5].allSatisfy(Self.isHex) else {
                            return problem(index, "'\\u' needs four hexadecimal digits")
                        }
                        units.append(UInt16(String(decoding: bytes[index + 2 ... index + 5], as: UTF8.self), radix: 16) ?? 0xFFFD)
                        index += 4
                    default:
                        return problem(index, "invalid escape '\\\(escape >= 0x20 && escape < 0x7F ? String(Character(Unicode.Scalar(escape))) : "?")' in a string")
                    }
                    index += 2
                    segment = index
                    continue
                }
                index += 1
            }
            return problem(start, "unterminated string")
        }

        /// Reads a number: `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`.
        mutating func number() -> Problem? {
            let start = index
            func digits() -> Int {
                let first = index
                while index < bytes.count, (0x30 ... 0x39).contains(bytes[index]) { index += 1 }
                return index - first
            }
            if bytes[index] == UInt8(ascii: "-") { index += 1 }
            guard index < bytes.count, (0x30 ... 0x39).contains(bytes[index]) else {
                return problem(start, "a number needs a digit after '-'")
            }
            if bytes[index] == UInt8(ascii: "0") {
                index += 1
                if index < bytes.count, (0x30 ... 0x39).contains(bytes[index]) { return problem(start, "a number does not start with 0 (leading zeros are not JSON)") }
            } else {
                _ = digits()
            }
            if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
                index += 1
                guard digits() > 0 else { return problem(start, "a number needs a digit after '.'") }
            }
            if index < bytes.count, bytes[index] | 0x20 == UInt8(ascii: "e") {
                index += 1
                if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
                guard digits() > 0 else { return problem(start, "a number needs a digit in its exponent") }
            }
            return nil
        }

        mutating func literal(_ word: String) -> Problem? {
            let expected = Array(word.utf8)
            guard bytes.count - index >= expected.count, Array(bytes[index ..< index + expected.count]) == expected else {
                return problem(index, "expected a value, found \(found(index))")
            }
            index += expected.count
            return nil
        }
    }
}
