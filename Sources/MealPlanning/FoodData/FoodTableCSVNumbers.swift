import LinearProgramming

/// Reading the numbers of a food table (``NumberFormat/shortest(_:)`` writes them).
enum CSVNumber {
    enum Parsed: Equatable {
        case empty
        case value(Double)
        case notANumber
        case notFinite
    }

    /// Powers of ten that a `Double` holds exactly.
    private static let exactPowersOfTen: [Double] = (0...22).map { exponent in
        var power = 1.0
        for _ in 0 ..< exponent { power *= 10 }
        return power
    }

    private static let space = UInt8(ascii: " ")
    private static let tab = UInt8(ascii: "\t")

    /// Parses a field's bytes. Surrounding spaces and tabs are ignored; an empty field is
    /// `.empty`. Plain decimals (`-?\d+(\.\d+)?`) of up to 19 digits take a fast path that is
    /// correctly rounded (an exact integer divided by an exact power of ten); anything else made of
    /// digits, signs, a point and an exponent goes through the standard library's parser.
    static func parse(_ field: UnsafeBufferPointer<UInt8>) -> Parsed {
        var start = 0
        var end = field.count
        while start < end && (field[start] == space || field[start] == tab) { start += 1 }
        while end > start && (field[end - 1] == space || field[end - 1] == tab) { end -= 1 }
        guard start < end else { return .empty }

        var index = start
        let negative = field[index] == UInt8(ascii: "-")
        if negative { index += 1 }
        var mantissa: UInt64 = 0
        var digitCount = 0
        var integerDigits = 0
        while index < end, case let digit = field[index] &- UInt8(ascii: "0"), digit < 10 {
            mantissa = mantissa &* 10 &+ UInt64(digit)
            digitCount += 1
            integerDigits += 1
            index += 1
        }
        var fractionDigits = 0
        if integerDigits > 0, index < end, field[index] == UInt8(ascii: ".") {
            index += 1
            while index < end, case let digit = field[index] &- UInt8(ascii: "0"), digit < 10 {
                mantissa = mantissa &* 10 &+ UInt64(digit)
                digitCount += 1
                fractionDigits += 1
                index += 1
            }
            if fractionDigits == 0 { index = -1 }  // "5." takes the slow path
        }
        if index == end, integerDigits > 0, digitCount <= 19, mantissa <= 1 << 53,
           fractionDigits < exactPowersOfTen.count {
            let magnitude = Double(mantissa) / exactPowersOfTen[fractionDigits]
            return .value(negative ? -magnitude : magnitude)
        }
        return parseSlowly(UnsafeBufferPointer(rebasing: field[start ..< end]))
    }

    private static func parseSlowly(_ bytes: UnsafeBufferPointer<UInt8>) -> Parsed {
        let text = String(decoding: bytes, as: UTF8.self)
        let numeric = bytes.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "0") ... UInt8(ascii: "9"), UInt8(ascii: "+"), UInt8(ascii: "-"),
                 UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E"):
                return true
            default:
                return false
            }
        }
        guard numeric else {
            var word = text.lowercased()
            if word.hasPrefix("+") || word.hasPrefix("-") { word.removeFirst() }
            return ["nan", "inf", "infinity"].contains(word) ? .notFinite : .notANumber
        }
        guard let value = Double(text) else { return .notANumber }
        return value.isFinite ? .value(value) : .notFinite
    }

    /// Parses a whole non-negative integer such as an FDC id; nil when the bytes are anything else.
    static func parseInteger(_ field: UnsafeBufferPointer<UInt8>) -> Int? {
        guard !field.isEmpty, field.count <= 18 else { return nil }
        var value = 0
        for byte in field {
            let digit = byte &- UInt8(ascii: "0")
            guard digit < 10 else { return nil }
            value = value * 10 + Int(digit)
        }
        return value
    }
}
