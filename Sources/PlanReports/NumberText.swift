import LinearProgramming
import MealPlanning

/// How reports write numbers: money, amounts, bounds, margins, percentages. The digits come from
/// ``NumberFormat``, shared by every layer.
enum NumberText {
    /// `value` rounded to `decimals` places, with thousands separators when `grouping`:
    /// `fixed(2600, 0)` is `2,600`, `fixed(49.96, 1)` is `50.0`.
    static func fixed(_ value: Double, _ decimals: Int, grouping: Bool = true) -> String {
        guard value.isFinite else { return value.isNaN ? "n/a" : (value < 0 ? "-∞" : "∞") }
        return NumberFormat.fixed(value, decimals: decimals, grouping: grouping)
    }

    /// `$41.23`, `-$0.42`.
    static func money(_ value: Double) -> String {
        let text = fixed(abs(value), 2)
        return (value < 0 && text != "0.00" ? "-$" : "$") + text
    }

    /// A nutrient amount for tables: whole numbers from 100 on, one decimal below.
    static func amount(_ value: Double) -> String {
        abs(value) >= 99.95 ? fixed(value, 0) : fixed(value, 1)
    }

    /// A bound of a rule as written by people: `2,600`, `0.5`. At most 2 decimals, rounded in
    /// the direction that never loosens it: a minimum up, a maximum down (`≤ 63.45`, not 63.46).
    static func bound(_ value: Double, isMinimum: Bool? = nil) -> String {
        guard let isMinimum, value.isFinite, abs(value) < 1e13 else { return value.grouped }
        let scaled = value * 100
        let rounded = isMinimum ? (scaled - 1e-6).rounded(.up) : (scaled + 1e-6).rounded(.down)
        return (rounded / 100).grouped
    }

    /// `≥ 2,600`, `≤ 2,300`, `1,900–2,100`.
    static func target(minimum: Double?, maximum: Double?) -> String {
        switch (minimum, maximum) {
        case let (low?, high?): return "\(bound(low, isMinimum: true))–\(bound(high, isMinimum: false))"
        case let (low?, nil): return "≥ \(bound(low, isMinimum: true))"
        case let (nil, high?): return "≤ \(bound(high, isMinimum: false))"
        case (nil, nil): return "none"
        }
    }

    /// A signed margin: `+212`, `-0.4`.
    static func signed(_ value: Double) -> String {
        let text = amount(value)
        return text.hasPrefix("-") ? text : "+" + text
    }

    /// A percentage rounded up to one decimal, so that "within 1.2 %" is always true.
    static func percentUp(_ fraction: Double) -> String {
        fixed(((fraction * 1000) - 1e-9).rounded(.up) / 10, 1)
    }

    /// For machine formats: at most 4 decimals, then the shortest text that reads back the same.
    static func rounded4(_ value: Double) -> Double {
        guard value.isFinite, abs(value) < 1e14 else { return value }
        let rounded = (value * 10_000).rounded() / 10_000
        return rounded == 0 ? 0 : rounded
    }

    /// The shortest text that reads back as the same Double; whole numbers without a point.
    static func shortest(_ value: Double) -> String { NumberFormat.shortest(value) }
}
