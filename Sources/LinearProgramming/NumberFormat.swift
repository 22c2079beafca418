/// Numbers as text, for every layer: the model export, the domain's messages, the reports and the
/// commands. The text is computed from integers, so that it never depends on the locale or the
/// platform's `printf`.
public enum NumberFormat {
    /// The shortest text that reads back as the same Double; whole numbers without a point:
    /// `2600`, `0.1`, `1e+20`, `nan`.
    public static func shortest(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }

    /// `value` rounded to `decimals` places (halves away from zero), with thousands separators
    /// when `grouping`: `fixed(2600, decimals: 0, grouping: true)` is `2,600`,
    /// `fixed(49.96, decimals: 1)` is `50.0`, and a negative value that rounds to zero has no sign.
    /// A number that is not finite, or too large for 64-bit integers once scaled, is `"\(value)"`.
    public static func fixed(_ value: Double, decimals: Int, grouping: Bool = false) -> String {
        guard value.isFinite else { return "\(value)" }
        var scale: Int64 = 1
        for _ in 0 ..< decimals { scale *= 10 }
        let scaled = (abs(value) * Double(scale)).rounded()
        guard scaled < 9e18 else { return "\(value)" }
        let units = Int64(scaled)
        var digits = String(units / scale)
        if grouping {
            var index = digits.count - 3
            while index > 0 {
                digits.insert(",", at: digits.index(digits.startIndex, offsetBy: index))
                index -= 3
            }
        }
        var text = (value < 0 && units != 0 ? "-" : "") + digits
        if decimals > 0 {
            let fractionDigits = String(units % scale)
            text += "." + String(repeating: "0", count: decimals - fractionDigits.count) + fractionDigits
        }
        return text
    }

    /// ``fixed(_:decimals:grouping:)`` without trailing zeros (nor a trailing point):
    /// `trimmed(0.50, decimals: 2)` is `0.5`, `trimmed(2, decimals: 2)` is `2`.
    public static func trimmed(_ value: Double, decimals: Int, grouping: Bool = false) -> String {
        var text = fixed(value, decimals: decimals, grouping: grouping)
        guard value.isFinite, text.contains(".") else { return text }
        while text.last == "0" { text.removeLast() }
        if text.last == "." { text.removeLast() }
        return text
    }

    /// C's `%.Nf` for `decimals` from 0 to 3: the exact binary value rounded half to even
    /// (`0.25` is `0.2`, `0.35` is `0.3` because its double is below 0.35), as household amounts
    /// have always been written; the sign of a negative value is kept even when it rounds to zero.
    public static func printf(_ value: Double, decimals: Int) -> String {
        precondition((0 ... 3).contains(decimals), "printf formats 0 to 3 decimals")
        guard value.isFinite else { return "\(value)" }
        var scale: UInt64 = 1
        for _ in 0 ..< decimals { scale *= 10 }
        let sign = value.sign == .minus ? "-" : ""
        let magnitude = abs(value)
        // magnitude = significand * 2^exponent, exactly; the scaled value is rounded from that.
        let significand = magnitude.significandBitPattern | (magnitude.isNormal ? 1 << 52 : 0)
        let exponent = Int(magnitude.isNormal ? magnitude.exponent : Double.leastNormalMagnitude.exponent) - 52
        let units: UInt64
        if magnitude == 0 {
            units = 0
        } else if exponent >= 0 {
            guard magnitude * Double(scale) < 9e18 else { return "\(value)" }
            units = UInt64(magnitude) * scale
        } else {
            let (product, overflow) = significand.multipliedReportingOverflow(by: scale)
            guard !overflow else { return "\(value)" }
            let shift = -exponent
            if shift >= 64 {
                units = 0
            } else {
                let quotient = product >> UInt64(shift)
                let remainder = product & ((1 << UInt64(shift)) - 1)
                let half: UInt64 = 1 << UInt64(shift - 1)
                units = remainder > half || (remainder == half && quotient % 2 == 1) ? quotient + 1 : quotient
            }
        }
        var text = sign + String(units / scale)
        if decimals > 0 {
            let fractionDigits = String(units % scale)
            text += "." + String(repeating: "0", count: decimals - fractionDigits.count) + fractionDigits
        }
        return text
    }
}
