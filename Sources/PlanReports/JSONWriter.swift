import Foundation

/// A JSON value with a deterministic text form: keys sorted by their UTF-8 bytes, numbers in
/// the shortest text that reads back as the same Double (whole numbers without a point),
/// strings as UTF-8 with only the escapes JSON requires, two-space indentation (lists of
/// scalars on one line).
///
/// Foundation's `JSONSerialization` is not used for output: its number text differs between
/// platforms and versions (`0.1` may come out as `0.10000000000000001`).
enum JSONValue: Hashable, Sendable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    /// nil as `null`.
    static func number(_ value: Double?) -> JSONValue {
        guard let value, value.isFinite else { return .null }
        return .number(value)
    }

    /// A computed quantity: rounded to 4 decimals.
    static func rounded(_ value: Double?) -> JSONValue {
        guard let value, value.isFinite else { return .null }
        return .number(NumberText.rounded4(value))
    }

    static func int(_ value: Int) -> JSONValue { .number(Double(value)) }

    static func string(_ value: String?) -> JSONValue { value.map { .string($0) } ?? .null }

    /// Converts what `JSONSerialization` or a `[String: Any]` literal holds. Booleans are told
    /// apart from the numbers 1 and 0.
    static func from(_ any: Any) -> JSONValue {
        switch any {
        case is NSNull: return .null
        case let text as String: return .string(text)
        case let value as [String: Any]: return .object(value.mapValues(from))
        case let value as [Any]: return .array(value.map(from))
        default: break
        }
        if type(of: any) == Bool.self, let flag = any as? Bool { return .bool(flag) }
        if let value = any as? Int, type(of: any) == Int.self { return .number(Double(value)) }
        if let value = any as? Double, type(of: any) == Double.self { return .number(value) }
        if let number = any as? NSNumber {
            if String(cString: number.objCType) == "c" { return .bool(number.boolValue) }
            return .number(number.doubleValue)
        }
        if let flag = any as? Bool { return .bool(flag) }
        return .string("\(any)")
    }

    /// The text, ending without a newline.
    func text(indent: Int = 0) -> String {
        var output = ""
        write(to: &output, indent: indent)
        return output
    }

    /// The text on one line, without spaces (JSON Lines).
    func compactText() -> String {
        var output = ""
        writeCompact(to: &output)
        return output
    }

    func writeCompact(to output: inout String) {
        switch self {
        case .array(let values):
            output += "["
            for (index, value) in values.enumerated() {
                if index > 0 { output += "," }
                value.writeCompact(to: &output)
            }
            output += "]"
        case .object(let members):
            output += "{"
            let keys = members.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            for (index, key) in keys.enumerated() {
                if index > 0 { output += "," }
                Self.writeString(key, to: &output)
                output += ":"
                members[key]!.writeCompact(to: &output)
            }
            output += "}"
        default:
            write(to: &output, indent: 0)
        }
    }

    func write(to output: inout String, indent: Int) {
        switch self {
        case .null: output += "null"
        case .bool(let flag): output += flag ? "true" : "false"
        case .number(let value): output += Self.numberText(value)
        case .string(let text): Self.writeString(text, to: &output)
        case .array(let values):
            guard !values.isEmpty else { output += "[]"; return }
            // Lists of numbers, strings and the like stay on one line.
            if values.allSatisfy(\.isScalar) {
                output += "["
                for (index, value) in values.enumerated() {
                    if index > 0 { output += ", " }
                    value.write(to: &output, indent: indent)
                }
                output += "]"
                return
            }
            output += "[\n"
            for (index, value) in values.enumerated() {
                output += String(repeating: " ", count: indent + 2)
                value.write(to: &output, indent: indent + 2)
                output += index == values.count - 1 ? "\n" : ",\n"
            }
            output += String(repeating: " ", count: indent) + "]"
        case .object(let members):
            guard !members.isEmpty else { output += "{}"; return }
            output += "{\n"
            let keys = members.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            for (index, key) in keys.enumerated() {
                output += String(repeating: " ", count: indent + 2)
                Self.writeString(key, to: &output)
                output += ": "
                members[key]!.write(to: &output, indent: indent + 2)
                output += index == keys.count - 1 ? "\n" : ",\n"
            }
            output += String(repeating: " ", count: indent) + "}"
        }
    }

    var isScalar: Bool {
        switch self {
        case .array, .object: return false
        default: return true
        }
    }

    static func numberText(_ value: Double) -> String {
        guard value.isFinite else { return "null" }
        if value == 0 { return "0" }
        return NumberText.shortest(value)
    }

    static func writeString(_ text: String, to output: inout String) {
        output += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            case "\u{08}": output += "\\b"
            case "\u{0C}": output += "\\f"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    output += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    output.unicodeScalars.append(scalar)
                }
            }
        }
        output += "\""
    }
}
