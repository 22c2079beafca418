/// A byte offset of the input, with its 1-based physical line and the byte offset where that
/// line starts: enough to count its column, which only a message needs.
struct CSVPosition {
    var offset: Int
    var line: Int
    var lineStart: Int
}

/// Where a field stands in its file, as a message names it: 1-based line and column. Kept by
/// what is checked after the file has been read.
struct CSVPlace {
    var line: Int
    var column: Int
}

/// One field of a CSV record: where its text lies in the input and where it starts, for messages.
struct CSVField {
    /// Byte range of the field's text, without the surrounding quotes of a quoted field.
    var start: Int
    var end: Int
    /// The field is quoted and contains doubled quotes, so its bytes need unescaping.
    var hasDoubledQuotes: Bool
    /// Where the field starts (its opening quote, if quoted).
    var origin: CSVPosition

    var isEmpty: Bool { start == end }
}

/// A strict RFC 4180 reader over UTF-8 bytes: one pass, no per-line strings.
///
/// It accepts an optional byte order mark, LF, CRLF or CR line ends, quoted fields with commas,
/// doubled quotes and line breaks, and a missing final line end. Empty lines are skipped. It
/// rejects invalid UTF-8, an unterminated quoted field, a quote inside an unquoted field and
/// text after a closing quote, each with its line and column.
///
/// The bytes must stay valid while the reader is used (it is made inside `withUnsafeBytes`).
struct CSVReader {
    let bytes: UnsafeBufferPointer<UInt8>
    let fileName: String
    private(set) var position: Int
    private(set) var line = 1
    private(set) var lineStart: Int
    /// The fields of the last record read by ``nextRecord()``.
    private(set) var fields: [CSVField] = []
    /// The 1-based physical line where the last record starts.
    private(set) var recordLine = 0

    init(bytes: UnsafeBufferPointer<UInt8>, fileName: String) {
        self.bytes = bytes
        self.fileName = fileName
        let hasBOM = bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF
        position = hasBOM ? 3 : 0
        lineStart = position
        fields.reserveCapacity(32)
    }

    /// Limits that turn absurd input into an error before it costs memory: a field of a food
    /// table is a name or a number, and a table has a few dozen columns.
    static let maximumFieldBytes = 65_536
    static let maximumFields = 1_000

    private static let comma = UInt8(ascii: ",")
    private static let quote = UInt8(ascii: "\"")
    private static let lineFeed = UInt8(ascii: "\n")
    private static let carriageReturn = UInt8(ascii: "\r")

    /// Reads the next non-empty record into ``fields``; false at the end of the input.
    mutating func nextRecord() throws(FoodTableError) -> Bool {
        fields.removeAll(keepingCapacity: true)
        let end = bytes.count
        while position < end {
            let byte = bytes[position]
            if byte == Self.lineFeed || byte == Self.carriageReturn {
                skipLineEnd()
            } else {
                break
            }
        }
        guard position < end else { return false }
        recordLine = line

        while true {
            let origin = here
            let contentStart: Int
            var contentEnd = 0
            var hasDoubledQuotes = false
            if position < end && bytes[position] == Self.quote {
                position += 1
                contentStart = position
                scan: while true {
                    guard position < end else {
                        throw error("unterminated quoted field", at: origin)
                    }
                    if position - contentStart > Self.maximumFieldBytes {
                        throw error(Self.fieldTooLong, at: origin)
                    }
                    let byte = bytes[position]
                    switch byte {
                    case Self.quote:
                        if position + 1 < end && bytes[position + 1] == Self.quote {
                            hasDoubledQuotes = true
                            position += 2
                        } else {
                            contentEnd = position
                            position += 1
                            break scan
                        }
                    case Self.lineFeed, Self.carriageReturn:
                        skipLineEnd()
                    case 0x80...:
                        try skipMultibyteCharacter()
                    default:
                        position += 1
                    }
                }
            } else {
                contentStart = position
                // The scan stops one byte past the longest field: the rest of the line is never read.
                let stop = min(end, contentStart + Self.maximumFieldBytes + 1)
                scan: while position < stop {
                    let byte = bytes[position]
                    switch byte {
                    case Self.comma, Self.lineFeed, Self.carriageReturn:
                        break scan
                    case Self.quote:
                        throw error("a quote inside an unquoted field (quote the whole field and double the quote)", at: here)
                    case 0x80...:
                        try skipMultibyteCharacter()
                    default:
                        position += 1
                    }
                }
                contentEnd = position
            }
            fields.append(CSVField(start: contentStart, end: contentEnd, hasDoubledQuotes: hasDoubledQuotes, origin: origin))
            try checkLimits()
            guard position < end else { return true }
            switch bytes[position] {
            case Self.comma:
                position += 1
            case Self.lineFeed, Self.carriageReturn:
                skipLineEnd()
                return true
            default:
                // Only after a closing quote: an unquoted field within the limits ends at a comma
                // or a line end.
                throw error("unexpected text after the closing quote of a field", at: here)
            }
        }
    }

    /// Reads the header, the first non-empty record; a file without one is empty, an error.
    mutating func readHeader() throws(FoodTableError) {
        guard try nextRecord() else {
            throw FoodTableError(file: fileName, line: 1, column: 1, message: "the file is empty")
        }
    }

    /// Reads the next non-empty record, which must have `count` fields (the header's); false at
    /// the end of the input.
    mutating func nextRecord(fieldCount count: Int) throws(FoodTableError) -> Bool {
        guard try nextRecord() else { return false }
        guard fields.count == count else { throw errorAtRecord("expected \(count) fields, found \(fields.count)") }
        return true
    }

    /// The reader's position in the input.
    private var here: CSVPosition { CSVPosition(offset: position, line: line, lineStart: lineStart) }

    /// Consumes LF, CRLF or a lone CR at `position`.
    private mutating func skipLineEnd() {
        if bytes[position] == Self.carriageReturn && position + 1 < bytes.count
            && bytes[position + 1] == Self.lineFeed {
            position += 2
        } else {
            position += 1
        }
        line += 1
        lineStart = position
    }

    /// Checks one UTF-8 sequence of two to four bytes at `position` and steps over it
    /// (the ranges of the Unicode standard, table 3-7: no overlong forms, no surrogates).
    private mutating func skipMultibyteCharacter() throws(FoodTableError) {
        let lead = bytes[position]
        let length: Int
        var secondRange: ClosedRange<UInt8> = 0x80...0xBF
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; secondRange = 0xA0...0xBF
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED: length = 3; secondRange = 0x80...0x9F
        case 0xF0: length = 4; secondRange = 0x90...0xBF
        case 0xF1...0xF3: length = 4
        case 0xF4: length = 4; secondRange = 0x80...0x8F
        default: throw invalidUTF8()
        }
        guard position + length <= bytes.count, secondRange.contains(bytes[position + 1]) else {
            throw invalidUTF8()
        }
        for index in position + 2 ..< position + length where bytes[index] & 0xC0 != 0x80 {
            throw invalidUTF8()
        }
        position += length
    }

    private func invalidUTF8() -> FoodTableError {
        error("invalid UTF-8 at byte \(hexByte(bytes[position]))", at: here)
    }

    // MARK: - Field access

    /// The 1-based character column of a position.
    func column(of position: CSVPosition) -> Int {
        var column = 1
        var index = position.lineStart
        while index < position.offset {
            if bytes[index] & 0xC0 != 0x80 { column += 1 }
            index += 1
        }
        return column
    }

    static let fieldTooLong = "a field longer than \(maximumFieldBytes) bytes"

    private func checkLimits() throws(FoodTableError) {
        let field = fields[fields.count - 1]
        if field.end - field.start > Self.maximumFieldBytes { throw error(Self.fieldTooLong, at: field) }
        if fields.count > Self.maximumFields {
            throw error("more than \(Self.maximumFields) fields in a record", at: field)
        }
    }

    func error(_ message: String, at position: CSVPosition) -> FoodTableError {
        FoodTableError(file: fileName, line: position.line, column: column(of: position), message: message)
    }

    /// An error located where `field` starts.
    func error(_ message: String, at field: CSVField) -> FoodTableError {
        error(message, at: field.origin)
    }

    /// Where `field` starts, for a message after the file has been read.
    func place(of field: CSVField) -> CSVPlace {
        CSVPlace(line: field.origin.line, column: column(of: field.origin))
    }

    /// An error at the first column of the last record.
    func errorAtRecord(_ message: String) -> FoodTableError {
        let first = fields.first
        return FoodTableError(
            file: fileName, line: recordLine,
            column: first.map { column(of: $0.origin) } ?? 1,
            message: message)
    }

    /// The bytes of a field as stored (doubled quotes not yet undone).
    func rawBytes(_ field: CSVField) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(rebasing: bytes[field.start ..< field.end])
    }

    /// The text of a field, doubled quotes undone.
    func text(_ field: CSVField) -> String {
        if !field.hasDoubledQuotes {
            return String(decoding: rawBytes(field), as: UTF8.self)
        }
        var unescaped: [UInt8] = []
        unescaped.reserveCapacity(field.end - field.start)
        var index = field.start
        while index < field.end {
            unescaped.append(bytes[index])
            // Inside a quoted field every quote is doubled: keep one of the pair.
            index += bytes[index] == Self.quote ? 2 : 1
        }
        return String(decoding: unescaped, as: UTF8.self)
    }

    /// A field's text for a message: at most 40 characters, on one line.
    func shownText(_ field: CSVField) -> String {
        CSVReader.shown(text(field))
    }

    static func shown(_ text: String) -> String {
        var result = ""
        var count = 0
        for character in text.unicodeScalars {
            if count == 40 {
                result += "…"
                break
            }
            switch character {
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            // Other control characters and line separators would break the one-line message.
            case _ where character.value < 0x20 || (0x7F ... 0x9F).contains(character.value)
                || character == "\u{2028}" || character == "\u{2029}":
                result += "\\u{\(String(character.value, radix: 16, uppercase: true))}"
            default: result.unicodeScalars.append(character)
            }
            count += 1
        }
        return result
    }

    /// The number of line feeds in the input: an upper bound on the number of records.
    /// About how many lines the rest of the input holds: line feeds in the next MiB, scaled to
    /// the input's size (reading all of a huge file just to count would touch every page).
    func estimatedLineCount() -> Int {
        let sample = min(bytes.count - position, 1 << 20)
        guard sample > 0 else { return 0 }
        var count = 0
        for index in position ..< position + sample where bytes[index] == Self.lineFeed { count += 1 }
        return Int((Double(count) * Double(bytes.count - position) / Double(sample)).rounded(.up))
    }
}

private func hexByte(_ byte: UInt8) -> String {
    let digits = Array("0123456789ABCDEF")
    return "0x" + String(digits[Int(byte >> 4)]) + String(digits[Int(byte & 0x0F)])
}
