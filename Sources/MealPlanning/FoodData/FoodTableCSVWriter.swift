import LinearProgramming

/// Builds CSV text as UTF-8 bytes: RFC 4180 quoting only where needed, LF line ends.
struct FoodTableCSVWriter {
    private var bytes: [UInt8] = []

    var result: String { String(decoding: bytes, as: UTF8.self) }

    mutating func comma() { bytes.append(UInt8(ascii: ",")) }

    mutating func lineEnd() { bytes.append(UInt8(ascii: "\n")) }

    /// A text field, quoted when it holds a comma, a quote or a line break.
    mutating func text(_ value: String) {
        var value = value
        value.withUTF8 { utf8 in
            let needsQuotes = utf8.contains { byte in
                byte == UInt8(ascii: ",") || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\n")
                    || byte == UInt8(ascii: "\r")
            }
            guard needsQuotes else {
                bytes.append(contentsOf: utf8)
                return
            }
            bytes.append(UInt8(ascii: "\""))
            for byte in utf8 {
                if byte == UInt8(ascii: "\"") { bytes.append(byte) }
                bytes.append(byte)
            }
            bytes.append(UInt8(ascii: "\""))
        }
    }

    /// A number in its shortest exact form; NaN (a missing value) as an empty field.
    mutating func number(_ value: Double) {
        guard !value.isNaN else { return }
        bytes.append(contentsOf: NumberFormat.shortest(value).utf8)
    }
}
