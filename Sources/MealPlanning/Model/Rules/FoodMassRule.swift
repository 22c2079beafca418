import LinearProgramming

/// Total food mass per day: `grams[d3]`.
enum FoodMassRule {
    static func add(_ c: ModelContext, to rows: inout ModelRows) {
        guard let maxGrams = c.request.maxDailyGrams else { return }
        let id = rows.family(.dailyMass, "at most \(maxGrams.grouped) g of food per day", unit: "g", lower: nil, upper: maxGrams,
                             subject: "food weight", per: "per day")
        for day in 0 ..< c.days {
            rows.addRow(id, day: day, source: .grams(factor: c.step), .atMost(maxGrams), name: "grams[d\(day + 1)]") { row in
                for s in c.slots.indices {
                    for index in c.portions(day: day, slot: s) {
                        let portion = c.portions[index]
                        row.add(c.table.servingGrams[portion.food] * c.step, portion.variable)
                    }
                }
            }
        }
    }
}
