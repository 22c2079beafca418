import Foundation
import LinearProgramming
import Testing

@Suite struct NumberFormatTests {
    @Test(arguments: [
        (2600.0, "2600"), (0.1, "0.1"), (-3.0, "-3"), (1e16, "1e+16"), (0.30000000000000004, "0.30000000000000004"),
        (Double.nan, "nan"), (-Double.infinity, "-inf"),
    ])
    func shortest(value: Double, text: String) {
        #expect(NumberFormat.shortest(value) == text)
    }

    @Test(arguments: [
        (2600.0, 0, true, "2,600"), (49.96, 1, false, "50.0"), (1234567.891, 2, true, "1,234,567.89"),
        (-0.004, 2, false, "0.00"), (-0.5, 0, false, "-1"), (2.675, 2, false, "2.68"), (0.5, 3, false, "0.500"),
    ])
    func fixed(value: Double, decimals: Int, grouping: Bool, text: String) {
        #expect(NumberFormat.fixed(value, decimals: decimals, grouping: grouping) == text)
    }

    @Test(arguments: [
        (0.5, 2, "0.5"), (2.0, 2, "2"), (2600.4, 1, "2600.4"), (120.50, 1, "120.5"), (-0.001, 2, "0"),
    ])
    func trimmed(value: Double, decimals: Int, text: String) {
        #expect(NumberFormat.trimmed(value, decimals: decimals) == text)
    }

    /// The household amounts keep C's rounding: the same text as `String(format:)` for every value.
    @Test func printfMatchesC() {
        var values: [Double] = [0, -0.0, 0.25, 0.35, 0.05, 0.125, 1.45, 2.5, 0.0625, 1e-300, 5e-324, 123456.75, 1e12 + 0.5]
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        for _ in 0 ..< 20_000 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            let steps = Double(state >> 44) // 0 ..< 2^20
            values.append(steps / [8, 16, 40, 100, 1000, 3][Int(state % 6)])
            values.append(Double(bitPattern: 0x3F00_0000_0000_0000 | (state >> 12)))
        }
        for value in values {
            for decimals in 0 ... 3 {
                #expect(NumberFormat.printf(value, decimals: decimals) == String(format: "%.\(decimals)f", value), "\(value) with \(decimals)")
            }
        }
    }
}
