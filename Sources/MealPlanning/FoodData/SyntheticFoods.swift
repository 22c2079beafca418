/// Generated food tables for benchmarks and scale tests: plausible, food-like values drawn
/// from a seeded generator, so that the same seed gives the same table on every platform.
///
/// Each number is a lognormal draw clipped to a plausible range, then rounded (kcal and mg to
/// 0.1, grams and price to 0.01) so that writing the table to CSV and reading it back gives the
/// same values. Energy from protein and sugars (4 kcal/g each) never exceeds the food's kcal.
///
/// Only IEEE arithmetic and square roots are used (no system random generator, no platform
/// `log` or `exp`), because those are the operations every platform computes bit for bit.
public enum SyntheticFoods {
    /// The nutrient columns of a generated table, in this order.
    public static let nutrients: [Nutrient] = [.energy, .potassium, .sodium, .sugars, .fiber, .protein]

    /// Food groups assigned to generated foods.
    public static let groups = ["vegetables", "fruits", "grains", "protein foods", "dairy", "snacks"]

    /// The share of foods with exactly 0 mg sodium.
    public static let sodiumFreeShare = 0.15

    /// A lognormal distribution given by its median and the standard deviation of its logarithm,
    /// clipped to `lowest ... highest`.
    struct Spread {
        let median: Double
        let logDeviation: Double
        let lowest: Double
        let highest: Double
    }

    static let energy = Spread(median: 180, logDeviation: 0.6, lowest: 20, highest: 600)
    static let potassium = Spread(median: 250, logDeviation: 0.7, lowest: 20, highest: 1000)
    // Drawn for the foods that have sodium at all: with 15 % of foods at exactly 0, a median of
    // 187 mg among the others puts the median of the whole column near 150 mg.
    static let sodium = Spread(median: 187, logDeviation: 1.0, lowest: 0.1, highest: 1200)
    static let sugars = Spread(median: 4, logDeviation: 1.0, lowest: 0, highest: 40)
    static let fiber = Spread(median: 2, logDeviation: 0.8, lowest: 0, highest: 15)
    static let protein = Spread(median: 7, logDeviation: 0.8, lowest: 0, highest: 40)
    static let price = Spread(median: 0.90, logDeviation: 0.6, lowest: 0.10, highest: 4.00)

    /// kcal per gram of protein and of sugars.
    static let kcalPerGram = 4.0

    /// A table of `count` generated foods with ids `f0000001`, `f0000002`, ... (seven digits,
    /// more when `count` needs them) and names `Food 1`, `Food 2`, ...
    public static func generate(count: Int, seed: UInt64) -> FoodTable {
        precondition(count >= 0, "count must not be negative")
        var table = FoodTable(nutrients: nutrients)
        table.reserveCapacity(count)
        var random = SeededRandom(seed: seed)
        let idWidth = max(7, String(count).count)
        var values = [Double](repeating: 0, count: nutrients.count)
        for index in 0 ..< count {
            let number = index + 1
            let kcal = roundedTenth(random.lognormal(energy))
            let potassiumMg = roundedTenth(random.lognormal(potassium))
            let sodiumMg = random.uniform() < sodiumFreeShare ? 0 : roundedTenth(random.lognormal(sodium))
            var sugarsG = roundedHundredth(random.lognormal(sugars))
            let fiberG = roundedHundredth(random.lognormal(fiber))
            var proteinG = roundedHundredth(random.lognormal(protein))
            capEnergy(kcal: kcal, protein: &proteinG, sugars: &sugarsG)
            let priceUSD = roundedHundredth(random.lognormal(price))
            let meals = random.mealSlots()
            let group = groups[random.index(below: groups.count)]

            values[0] = kcal
            values[1] = potassiumMg
            values[2] = sodiumMg
            values[3] = sugarsG
            values[4] = fiberG
            values[5] = proteinG
            do {
                try table.append(
                    id: id(number, width: idWidth), name: "Food \(number)",
                    servingQuantity: 1, servingUnit: "serving",
                    nutrientValues: values, price: priceUSD, meals: meals, group: group)
            } catch {
                preconditionFailure("generated food \(number) was rejected: \(error)")
            }
        }
        return table
    }

    /// Scales protein and sugars down (to whole hundredths) until their energy fits in `kcal`.
    static func capEnergy(kcal: Double, protein: inout Double, sugars: inout Double) {
        let energy = kcalPerGram * (protein + sugars)
        guard energy > kcal else { return }
        let factor = kcal / energy
        protein = (protein * factor * 100).rounded(.down) / 100
        sugars = (sugars * factor * 100).rounded(.down) / 100
        // Rounding of the sum can still leave a hair too much: take it off the larger one.
        while kcalPerGram * (protein + sugars) > kcal {
            if protein >= sugars {
                protein = max(0, ((protein * 100).rounded() - 1) / 100)
            } else {
                sugars = max(0, ((sugars * 100).rounded() - 1) / 100)
            }
        }
    }

    static func id(_ number: Int, width: Int) -> String {
        let digits = String(number)
        return "f" + String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    static func roundedTenth(_ value: Double) -> Double { (value * 10).rounded() / 10 }
    static func roundedHundredth(_ value: Double) -> Double { (value * 100).rounded() / 100 }
}

/// SplitMix64 (Steele, Lea and Flood, 2014) with normal deviates from the polar form of the
/// Box–Muller transform. Deterministic on every platform: integer arithmetic, IEEE `+ - * /`,
/// `squareRoot()` (correctly rounded everywhere) and the portable ``logarithm(_:)`` and
/// ``exponential(_:)`` below.
public struct SeededRandom: Sendable {
    private var state: UInt64
    private var spareNormal: Double?

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in [0, 1) with 53 random bits.
    mutating func uniform() -> Double {
        Double(next() >> 11) * 0x1p-53
    }

    /// Uniform in `0 ..< bound` (the tiny modulo bias is irrelevant for a handful of choices).
    mutating func index(below bound: Int) -> Int {
        Int(next() % UInt64(bound))
    }

    /// A standard normal deviate.
    mutating func normal() -> Double {
        if let spare = spareNormal {
            spareNormal = nil
            return spare
        }
        while true {
            let u = 2 * uniform() - 1
            let v = 2 * uniform() - 1
            let s = u * u + v * v
            guard s > 0, s < 1 else { continue }
            let factor = (-2 * Self.logarithm(s) / s).squareRoot()
            spareNormal = v * factor
            return u * factor
        }
    }

    mutating func lognormal(_ spread: SyntheticFoods.Spread) -> Double {
        let value = spread.median * Self.exponential(spread.logDeviation * normal())
        return min(max(value, spread.lowest), spread.highest)
    }

    /// One to three distinct meals, each count and each set equally likely.
    mutating func mealSlots() -> MealSlots {
        var slots = MealSlot.allCases
        let count = 1 + index(below: 3)
        // A partial Fisher–Yates shuffle picks `count` distinct meals.
        for position in 0 ..< count {
            slots.swapAt(position, position + index(below: slots.count - position))
        }
        return MealSlots(Array(slots[0 ..< count]))
    }

    static let ln2 = 0.693_147_180_559_945_3

    /// Natural logarithm of a positive finite number, to within a few ulps.
    static func logarithm(_ x: Double) -> Double {
        precondition(x > 0 && x.isFinite)
        // x = m * 2^e with m in [sqrt(1/2), sqrt(2)), then ln m = 2 atanh((m - 1) / (m + 1)).
        var m = x.significand
        var e = Double(x.exponent)
        if m > 1.414_213_562_373_095 {
            m /= 2
            e += 1
        }
        let s = (m - 1) / (m + 1)
        let s2 = s * s
        var term = s
        var sum = s
        var k = 3.0
        while true {
            term *= s2
            let next = sum + term / k
            if next == sum { break }
            sum = next
            k += 2
        }
        return 2 * sum + e * ln2
    }

    /// e^x for moderate x (|x| < 700), to within a few ulps.
    static func exponential(_ x: Double) -> Double {
        precondition(abs(x) < 700)
        // x = k ln 2 + r with |r| <= ln 2 / 2, e^r by its Taylor series, then scale by 2^k exactly.
        let k = (x / ln2).rounded()
        let r = x - k * ln2
        var term = 1.0
        var sum = 1.0
        var n = 1.0
        while true {
            term *= r / n
            let next = sum + term
            if next == sum { break }
            sum = next
            n += 1
        }
        return Double(sign: .plus, exponent: Int(k), significand: sum)
    }
}
