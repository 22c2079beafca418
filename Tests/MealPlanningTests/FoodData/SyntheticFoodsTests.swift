import Testing

@testable import MealPlanning

@Suite("Generated food tables")
struct SyntheticFoodsTests {
    static let large = SyntheticFoods.generate(count: 20_000, seed: 7)

    static func column(_ table: FoodTable, _ nutrient: Nutrient) -> [Double] {
        table.nutrientValues[table.nutrientIndex(nutrient)!]
    }

    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }

    static func sameTable(_ a: FoodTable, _ b: FoodTable) -> Bool {
        a.ids == b.ids && a.names == b.names && a.nutrients == b.nutrients
            && a.nutrientValues == b.nutrientValues && a.prices == b.prices && a.meals == b.meals
            && a.groups == b.groups && a.servingUnits == b.servingUnits
            && a.servingQuantities == b.servingQuantities
    }

    @Test("the same seed gives the same table")
    func sameSeedSameTable() {
        let first = SyntheticFoods.generate(count: 500, seed: 42)
        let second = SyntheticFoods.generate(count: 500, seed: 42)
        #expect(Self.sameTable(first, second))
    }

    @Test("different seeds give different tables")
    func differentSeeds() {
        let first = SyntheticFoods.generate(count: 500, seed: 1)
        let second = SyntheticFoods.generate(count: 500, seed: 2)
        #expect(first.ids == second.ids)
        #expect(first.nutrientValues != second.nutrientValues)
        #expect(first.prices != second.prices)
    }

    @Test("a small table is a prefix of a larger one with the same seed")
    func prefix() {
        let small = SyntheticFoods.generate(count: 100, seed: 9)
        let large = SyntheticFoods.generate(count: 300, seed: 9)
        #expect(Array(large.prices.prefix(100)) == small.prices)
        #expect(Array(large.meals.prefix(100)) == small.meals)
    }

    // Pinned values: a change here changes every benchmark table and every published number.
    @Test("the first foods of seed 1 are pinned")
    func pinnedValues() {
        let table = SyntheticFoods.generate(count: 3, seed: 1)
        #expect(table.ids == ["f0000001", "f0000002", "f0000003"])
        #expect(table.names == ["Food 1", "Food 2", "Food 3"])
        #expect(Self.column(table, .energy) == [232.9, 60.3, 178.2])
        #expect(Self.column(table, .potassium) == [758.6, 574.7, 243.7])
        #expect(Self.column(table, .sodium) == [27.4, 14.9, 818.6])
        #expect(Self.column(table, .sugars) == [0.58, 6.3, 0.69])
        #expect(Self.column(table, .fiber) == [2.61, 4.81, 1.46])
        #expect(Self.column(table, .protein) == [10.23, 8.76, 1.95])
        #expect(table.prices == [1.01, 1.39, 2.48])
        #expect(table.meals.map(\.slots) == [[.lunch, .dinner], [.breakfast, .lunch], [.breakfast]])
        #expect(table.groups == ["grains", "grains", "dairy"])
    }

    @Test("ids, names, servings and tags")
    func identities() {
        let table = SyntheticFoods.generate(count: 12, seed: 3)
        #expect(table.ids.first == "f0000001")
        #expect(table.ids.last == "f0000012")
        #expect(table.names.last == "Food 12")
        #expect(table.nutrients == [.energy, .potassium, .sodium, .sugars, .fiber, .protein])
        #expect(table.servingQuantities.allSatisfy { $0 == 1 })
        #expect(table.servingUnits.allSatisfy { $0 == "serving" })
        #expect(table.servingGrams.allSatisfy { $0.isNaN })
        #expect(table.groups.allSatisfy { SyntheticFoods.groups.contains($0) })
        #expect(table.diets.allSatisfy { $0.isEmpty })
        #expect(table.allergens.allSatisfy { $0.isEmpty })
        #expect(table.sourceIDs.allSatisfy { $0.isEmpty })
        #expect(table.index(ofID: "f0000005") == 4)
    }

    @Test("ids grow past seven digits when the count needs it")
    func idWidth() {
        #expect(SyntheticFoods.id(1, width: 7) == "f0000001")
        #expect(SyntheticFoods.id(12_345_678, width: 8) == "f12345678")
        #expect(SyntheticFoods.generate(count: 0, seed: 1).isEmpty)
    }

    @Test("every value lies in its range")
    func ranges() {
        let table = Self.large
        let ranges: [(Nutrient, ClosedRange<Double>)] = [
            (.energy, 20 ... 600), (.potassium, 20 ... 1000), (.sodium, 0 ... 1200),
            (.sugars, 0 ... 40), (.fiber, 0 ... 15), (.protein, 0 ... 40),
        ]
        for (nutrient, range) in ranges {
            let values = Self.column(table, nutrient)
            #expect(values.allSatisfy { range.contains($0) }, "\(nutrient.key) outside \(range)")
        }
        #expect(table.prices.allSatisfy { (0.10 ... 4.00).contains($0) })
        for meals in table.meals {
            #expect((1 ... 3).contains(meals.slots.count))
        }
        // Every meal and every meal count occurs.
        for slot in MealSlot.allCases {
            #expect(table.meals.contains { $0.contains(slot) })
        }
        #expect(Set(table.meals.map(\.slots.count)) == [1, 2, 3])
        #expect(Set(table.groups) == Set(SyntheticFoods.groups))
    }

    @Test("values are rounded so that a CSV round trip is exact")
    func rounding() {
        let table = Self.large
        func isRounded(_ value: Double, decimals: Double) -> Bool {
            let scale = decimals == 1 ? 10.0 : 100.0
            return (value * scale).rounded() / scale == value && Double(String(value)) == value
        }
        for nutrient in [Nutrient.energy, .potassium, .sodium] {
            #expect(Self.column(table, nutrient).allSatisfy { isRounded($0, decimals: 1) }, "\(nutrient.key)")
        }
        for nutrient in [Nutrient.sugars, .fiber, .protein] {
            #expect(Self.column(table, nutrient).allSatisfy { isRounded($0, decimals: 2) }, "\(nutrient.key)")
        }
        #expect(table.prices.allSatisfy { isRounded($0, decimals: 2) })
    }

    @Test("about 15 % of foods have exactly no sodium")
    func sodiumFree() {
        let sodium = Self.column(Self.large, .sodium)
        let share = Double(sodium.filter { $0 == 0 }.count) / Double(sodium.count)
        #expect(abs(share - 0.15) < 0.015, "share \(share)")
    }

    @Test("energy from protein and sugars never exceeds the food's energy")
    func energyRule() {
        let table = Self.large
        let kcal = Self.column(table, .energy)
        let protein = Self.column(table, .protein)
        let sugars = Self.column(table, .sugars)
        for f in 0 ..< table.count {
            #expect(4 * (protein[f] + sugars[f]) <= kcal[f], "\(table.ids[f])")
        }
    }

    @Test(
        "medians are near the specified ones",
        arguments: [
            (Nutrient.energy, 180.0), (.potassium, 250), (.sodium, 150),
            (.sugars, 4), (.fiber, 2), (.protein, 7),
        ])
    func medians(nutrient: Nutrient, expected: Double) {
        let median = Self.median(Self.column(Self.large, nutrient))
        // The energy rule scales some protein and sugar values down, which lowers their medians a little.
        #expect(abs(median - expected) / expected < 0.08, "\(nutrient.key): median \(median)")
    }

    @Test("the price median is near $0.90")
    func priceMedian() {
        let median = Self.median(Self.large.prices)
        #expect(abs(median - 0.90) < 0.05, "median \(median)")
    }

    @Test("capping energy scales protein and sugars down to fit")
    func capEnergy() {
        var protein = 30.0, sugars = 20.0
        SyntheticFoods.capEnergy(kcal: 100, protein: &protein, sugars: &sugars)
        #expect(4 * (protein + sugars) <= 100)
        #expect(protein >= 14.9 && sugars >= 9.9)
        var untouchedProtein = 5.0, untouchedSugars = 5.0
        SyntheticFoods.capEnergy(kcal: 100, protein: &untouchedProtein, sugars: &untouchedSugars)
        #expect(untouchedProtein == 5 && untouchedSugars == 5)
    }

    @Test(
        "the portable exponential inverts the portable logarithm",
        arguments: [1e-300, 1e-9, 0.001, 0.3, 0.7071, 1, 1.5, 2, 10, 12345.678, 1e300])
    func logarithmRoundTrip(x: Double) {
        let back = SeededRandom.exponential(SeededRandom.logarithm(x))
        #expect(abs(back - x) <= 1e-13 * x, "exp(log(\(x))) = \(back)")
    }

    @Test("known values of the portable functions")
    func knownValues() {
        #expect(SeededRandom.logarithm(1) == 0)
        #expect(abs(SeededRandom.logarithm(2) - 0.693_147_180_559_945_3) < 1e-16)
        #expect(abs(SeededRandom.logarithm(10) - 2.302_585_092_994_046) < 1e-15)
        #expect(SeededRandom.exponential(0) == 1)
        #expect(abs(SeededRandom.exponential(1) - 2.718_281_828_459_045) < 1e-15)
        #expect(abs(SeededRandom.exponential(-2.5) - 0.082_084_998_623_898_8) < 1e-16)
    }

    @Test("normal deviates have mean 0 and variance 1")
    func normals() {
        var random = SeededRandom(seed: 11)
        let count = 50_000
        var sum = 0.0, squares = 0.0
        for _ in 0 ..< count {
            let z = random.normal()
            sum += z
            squares += z * z
        }
        let mean = sum / Double(count)
        let variance = squares / Double(count) - mean * mean
        #expect(abs(mean) < 0.02)
        #expect(abs(variance - 1) < 0.03)
    }

    @Test("SplitMix64 gives its published first outputs for seed 0")
    func splitMix() {
        var random = SeededRandom(seed: 0)
        #expect(random.next() == 0xE220_A839_7B1D_CDAF)
        #expect(random.next() == 0x6E78_9E6A_A1B9_65F4)
        #expect(random.next() == 0x06C4_5D18_8009_454F)
    }
}
