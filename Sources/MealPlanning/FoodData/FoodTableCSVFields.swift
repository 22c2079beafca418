/// The fields of a row: numbers held to their ranges, meal slots, tokens and tag lists.
extension FoodTableCSVParser {
    /// Holds every number of a row to its column's range (``FoodValueRange``): the ceilings of
    /// the nutrients and the price depend on the row's serving weight, so this runs once the
    /// whole row is read.
    static func checkRanges(
        _ row: Row, reader: CSVReader, roles: [Role], nutrients: [Nutrient]
    ) throws(FoodTableError) {
        let grams = row.servingGrams.isNaN ? nil : row.servingGrams
        for (column, role) in roles.enumerated() {
            let field = reader.fields[column]
            func shown() -> String { CSVReader.shown(trimmed(reader.text(field))) }
            let problem: String?
            switch role {
            case .servingGrams:
                problem = grams.flatMap { FoodValueRange.servingGramsProblem($0, shown: shown()) }
            case .servingQuantity:
                problem = field.isEmpty ? nil : FoodValueRange.amountProblem(
                    row.servingQuantity, column: "serving_qty", shown: shown(), largest: FoodValueRange.largestServingQuantity,
                    what: "the largest household quantity of a serving")
            case .price:
                problem = row.price.isNaN ? nil : FoodValueRange.priceProblem(row.price, servingGrams: grams, shown: shown())
            case .maxServingsPerMeal:
                problem = row.maxServingsPerMeal.isNaN ? nil : FoodValueRange.amountProblem(
                    row.maxServingsPerMeal, column: "max_servings_per_meal", shown: shown(), largest: FoodValueRange.largestServings,
                    what: "the largest portion a plan may have")
            case .maxPerCarrier:
                problem = row.usage.maxPerCarrier.isNaN ? nil : FoodValueRange.amountProblem(
                    row.usage.maxPerCarrier, column: "max_per_carrier", shown: shown(), largest: FoodValueRange.largestServings,
                    what: "the most servings per serving of what it goes with")
            case .minServings:
                problem = row.usage.minServings.isNaN ? nil : FoodValueRange.amountProblem(
                    row.usage.minServings, column: "min_servings", shown: shown(), largest: FoodValueRange.largestServings,
                    what: "the largest portion a plan may have")
            case .nutrient(let index):
                let value = row.nutrientValues[index]
                problem = value.isNaN ? nil : FoodValueRange.nutrientProblem(
                    value, nutrient: nutrients[index], servingGrams: grams, shown: shown())
            default:
                problem = nil
            }
            if let problem { throw reader.error(problem, at: field) }
        }
    }

    enum NumberRule {
        case any, nonNegative, positive
    }

    /// A number field; nil when it is empty.
    static func number(
        _ field: CSVField, column: String, reader: CSVReader, rule: NumberRule
    ) throws(FoodTableError) -> Double? {
        let value: Double
        switch CSVNumber.parse(reader.rawBytes(field)) {
        case .empty:
            return nil
        case .value(let parsed):
            value = parsed
        case .notANumber:
            throw reader.error("\(column): '\(reader.shownText(field))' is not a number", at: field)
        case .notFinite:
            throw reader.error("\(column): '\(reader.shownText(field))' is not a finite number", at: field)
        }
        func shown() -> String { CSVReader.shown(trimmed(reader.text(field))) }
        switch rule {
        case .any:
            break
        case .nonNegative:
            if value < 0 { throw reader.error("\(column): \(shown()) is negative", at: field) }
        case .positive:
            if value <= 0 { throw reader.error("\(column): \(shown()) is not positive", at: field) }
        }
        if value > largestMagnitude {
            throw reader.error("\(column): \(shown()) is larger than 1e12", at: field)
        }
        if value < -largestMagnitude {
            throw reader.error("\(column): \(shown()) is smaller than -1e12", at: field)
        }
        return value
    }

    /// A string without surrounding spaces and tabs.
    static func trimmed(_ text: some StringProtocol) -> String {
        let isBlank: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        guard let first = text.firstIndex(where: { !isBlank($0) }),
              let last = text.lastIndex(where: { !isBlank($0) }) else { return "" }
        return String(text[first ... last])
    }

    /// The `;`-separated tokens of a field, trimmed, empty ones dropped. Tokens are short, so
    /// these strings are stored inline rather than allocated.
    static func tokens(_ field: CSVField, reader: CSVReader) -> [String] {
        guard !field.isEmpty else { return [] }
        if field.hasDoubledQuotes {
            return reader.text(field).split(separator: ";").map { trimmed($0) }.filter { !$0.isEmpty }
        }
        let bytes = reader.rawBytes(field)
        var tokens: [String] = []
        var start = 0
        while start <= bytes.count {
            var end = start
            while end < bytes.count && bytes[end] != UInt8(ascii: ";") { end += 1 }
            var first = start
            var last = end
            while first < last && (bytes[first] == UInt8(ascii: " ") || bytes[first] == UInt8(ascii: "\t")) {
                first += 1
            }
            while last > first && (bytes[last - 1] == UInt8(ascii: " ") || bytes[last - 1] == UInt8(ascii: "\t")) {
                last -= 1
            }
            if first < last {
                tokens.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[first ..< last]), as: UTF8.self))
            }
            start = end + 1
        }
        return tokens
    }

    static func meals(_ field: CSVField, reader: CSVReader) throws(FoodTableError) -> MealSlots {
        var slots = MealSlots()
        let tokens = tokens(field, reader: reader)
        guard !tokens.isEmpty else {
            throw reader.error("meals: no meal slot given (expected \(mealChoices))", at: field)
        }
        for token in tokens {
            guard let slot = MealSlot(token: token) else {
                throw reader.error(
                    "meals: unknown meal slot '\(CSVReader.shown(token))' (expected \(mealChoices))", at: field)
            }
            slots.insert(MealSlots(rawValue: slot.bit))
        }
        return slots
    }

    static func tags<Tag>(
        _ field: CSVField, column: String, kind: String, choices: String, reader: CSVReader,
        make: (String) -> Tag?
    ) throws(FoodTableError) -> TagSet<Tag> {
        var set = TagSet<Tag>()
        for token in tokens(field, reader: reader) {
            guard let tag = make(token) else {
                throw reader.error(
                    "\(column): unknown \(kind) '\(CSVReader.shown(token))' (expected \(choices))",
                    at: field)
            }
            set.insert(tag)
        }
        return set
    }
}
