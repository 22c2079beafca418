import Foundation
import LinearProgramming

/// Converts a USDA FoodData Central CSV download (the unpacked folder of the "Full Download",
/// "SR Legacy" or "Foundation Foods" archives) into a food table in our format.
///
/// Files read, by their column names (columns may come in any order; others are ignored):
/// - `food.csv`: `fdc_id`, `data_type`, `description`;
/// - `nutrient.csv`: `id`, `unit_name`, `nutrient_nbr`;
/// - `food_nutrient.csv`: `fdc_id`, `nutrient_id`, `amount` (per 100 g);
/// - `food_portion.csv` (optional): `fdc_id`, `amount`, `gram_weight`, and when present
///   `seq_num`, `measure_unit_id`, `portion_description`, `modifier`;
/// - `measure_unit.csv` (optional): `id`, `name`.
///
/// Each food of the chosen data types becomes one row: id `fdc-<fdc_id>`, name the description,
/// source id (`ndb_no` column) the FDC id, serving the food's first portion (lowest `seq_num`,
/// then file order, among portions with a gram weight) or 100 g when it has none, nutrients per
/// serving computed from the per-100 g amounts and rounded to 0.001, all four meals (to be
/// edited), and no group, diets, allergens or price. A nutrient the download does not give is
/// left empty, never zero. Nutrients are matched by their SR number (`nutrient_nbr`): 208
/// energy (kcal; Foundation foods that lack it use the Atwater energies 958, then 957), 203
/// protein, 204 fat, 205 carbohydrate, 291 fiber, 269 total sugars, 539 added sugars,
/// 306 potassium, 307 sodium, 301 calcium, 304 magnesium.
public struct FDCImport: Sendable {
    /// The data types imported unless others are asked for.
    public static let defaultDataTypes = ["foundation_food", "sr_legacy_food", "survey_fndds_food"]

    /// The `data_type` values of `food.csv` to import.
    public var dataTypes: [String]

    public init(dataTypes: [String] = FDCImport.defaultDataTypes) {
        self.dataTypes = dataTypes
    }

    /// A nutrient of the download that the table uses, found by its SR number.
    struct NutrientSource {
        let number: Double
        let unit: String
        /// Index into ``Nutrient/standard``, or one of the energy fallbacks.
        let slot: Int
    }

    static let atwaterSpecificEnergySlot = Nutrient.standard.count
    static let atwaterGeneralEnergySlot = Nutrient.standard.count + 1
    static let slotCount = Nutrient.standard.count + 2

    static let nutrientSources: [NutrientSource] = {
        let numbers: [(Double, Nutrient)] = [
            (208, .energy), (203, .protein), (204, .fat), (205, .carbohydrate), (291, .fiber), (269, .sugars),
            (539, .addedSugars), (306, .potassium), (307, .sodium), (301, .calcium), (304, .magnesium),
        ]
        var sources = numbers.map { number, nutrient in
            NutrientSource(
                number: number, unit: nutrient.unit.uppercased(), slot: Nutrient.standard.firstIndex(of: nutrient)!)
        }
        sources.append(NutrientSource(number: 958, unit: "KCAL", slot: atwaterSpecificEnergySlot))
        sources.append(NutrientSource(number: 957, unit: "KCAL", slot: atwaterGeneralEnergySlot))
        return sources
    }()

    /// Reads the download folder and builds the table.
    public func table(fromFolder folder: URL) throws(FoodTableError) -> FoodTable {
        func contents(_ name: String, optional: Bool = false) throws(FoodTableError) -> Data? {
            let url = folder.appendingPathComponent(name)
            if optional && !FileManager.default.fileExists(atPath: url.path) { return nil }
            return try FoodTableError.contents(of: url)
        }
        return try table(
            food: contents("food.csv")!, nutrient: contents("nutrient.csv")!,
            foodNutrient: contents("food_nutrient.csv")!, foodPortion: contents("food_portion.csv", optional: true),
            measureUnit: contents("measure_unit.csv", optional: true))
    }

    /// Builds the table from the files' bytes (`foodPortion` and `measureUnit` may be absent).
    public func table(
        food: some Collection<UInt8>, nutrient: some Collection<UInt8>, foodNutrient: some Collection<UInt8>,
        foodPortion: (some Collection<UInt8>)?, measureUnit: (some Collection<UInt8>)?
    ) throws(FoodTableError) -> FoodTable {
        let foods = try readFoods(food)
        let slotOfNutrientID = try Self.readNutrients(nutrient)
        let per100Grams = try Self.readAmounts(foodNutrient, foods: foods, slotOfNutrientID: slotOfNutrientID)
        let unitNames = try measureUnit.map { bytes throws(FoodTableError) in try Self.readMeasureUnits(bytes) } ?? [:]
        let portions = try foodPortion.map { bytes throws(FoodTableError) in
            try Self.readPortions(bytes, foods: foods)
        } ?? Array(repeating: nil, count: foods.ids.count)

        var table = FoodTable(nutrients: Nutrient.standard)
        table.reserveCapacity(foods.ids.count)
        let energySlot = Nutrient.standard.firstIndex(of: .energy)!
        var values = [Double](repeating: .nan, count: Nutrient.standard.count)
        for food in foods.ids.indices {
            let serving = portions[food].map { Self.serving(of: $0, unitNames: unitNames) }
                ?? Serving(quantity: 100, unit: "g", grams: 100)
            for slot in values.indices {
                var amount = per100Grams[slot][food]
                if slot == energySlot && amount.isNaN {
                    amount = per100Grams[Self.atwaterSpecificEnergySlot][food]
                    if amount.isNaN { amount = per100Grams[Self.atwaterGeneralEnergySlot][food] }
                }
                values[slot] = (amount * serving.grams / 100 * 1000).rounded() / 1000
            }
            let fdcID = String(foods.ids[food])
            let name = foods.descriptions[food].isEmpty ? "FoodData Central food \(fdcID)" : foods.descriptions[food]
            do {
                try table.append(
                    id: "fdc-" + fdcID, name: name, sourceID: fdcID, servingQuantity: serving.quantity,
                    servingUnit: serving.unit, servingGrams: serving.grams, nutrientValues: values,
                    meals: MealSlots(MealSlot.allCases))
            } catch {
                preconditionFailure("fdc_id values are unique and every row has all nutrients")
            }
        }
        return table
    }

    // MARK: - Files

    /// The column positions of a file's header, by name.
    struct Columns {
        let fields: [String: Int]
        let count: Int
        subscript(_ name: String) -> Int? { fields[name] }
    }

    /// Reads a file's header and calls `row` for each record, with the field count checked.
    static func readRows(
        _ bytes: some Collection<UInt8>, fileName: String, required: [String],
        row: (inout CSVReader, Columns) throws(FoodTableError) -> Void
    ) throws(FoodTableError) {
        try withContiguousBytes(bytes) { buffer throws(FoodTableError) in
            var reader = CSVReader(bytes: buffer, fileName: fileName)
            try reader.readHeader()
            var fields: [String: Int] = [:]
            for (index, field) in reader.fields.enumerated() where fields[reader.text(field)] == nil {
                fields[reader.text(field)] = index
            }
            for name in required where fields[name] == nil {
                throw FoodTableError(
                    file: fileName, line: reader.recordLine, column: 1, message: "missing required column '\(name)'")
            }
            let columns = Columns(fields: fields, count: reader.fields.count)
            while try reader.nextRecord(fieldCount: columns.count) {
                try row(&reader, columns)
            }
        }
    }

    static func integer(_ reader: CSVReader, _ column: Int, name: String) throws(FoodTableError) -> Int {
        let field = reader.fields[column]
        guard let value = CSVNumber.parseInteger(reader.rawBytes(field)) else {
            throw reader.error("\(name): '\(reader.shownText(field))' is not a whole number", at: reader.fields[column])
        }
        return value
    }

    /// A non-negative number, nil when empty.
    static func amount(_ reader: CSVReader, _ column: Int, name: String) throws(FoodTableError) -> Double? {
        try FoodTableCSVParser.number(reader.fields[column], column: name, reader: reader, rule: .nonNegative)
    }

    struct Foods {
        var ids: [Int] = []
        var descriptions: [String] = []
        var indexOfID: [Int: Int] = [:]
    }

    func readFoods(_ bytes: some Collection<UInt8>) throws(FoodTableError) -> Foods {
        var foods = Foods()
        var lineOfID: [Int: Int] = [:]
        let wanted = Set(dataTypes)
        try Self.readRows(bytes, fileName: "food.csv", required: ["fdc_id", "data_type", "description"]) {
            reader, columns throws(FoodTableError) in
            guard wanted.contains(reader.text(reader.fields[columns["data_type"]!])) else { return }
            let idColumn = columns["fdc_id"]!
            let id = try Self.integer(reader, idColumn, name: "fdc_id")
            if let first = lineOfID[id] {
                throw reader.error("duplicate fdc_id \(id) (first on line \(first))", at: reader.fields[idColumn])
            }
            lineOfID[id] = reader.recordLine
            foods.indexOfID[id] = foods.ids.count
            foods.ids.append(id)
            foods.descriptions.append(reader.text(reader.fields[columns["description"]!]))
        }
        guard !foods.ids.isEmpty else {
            throw FoodTableError(
                file: "food.csv", line: nil, column: nil,
                message: "no food of data type \(dataTypes.joined(separator: ", "))")
        }
        return foods
    }

    /// Maps the ids of `nutrient.csv` to table slots.
    static func readNutrients(_ bytes: some Collection<UInt8>) throws(FoodTableError) -> [Int: Int] {
        var slotOfNutrientID: [Int: Int] = [:]
        try readRows(bytes, fileName: "nutrient.csv", required: ["id", "unit_name", "nutrient_nbr"]) {
            reader, columns throws(FoodTableError) in
            let numberField = reader.fields[columns["nutrient_nbr"]!]
            let number: Double
            switch CSVNumber.parse(reader.rawBytes(numberField)) {
            case .empty: return
            case .value(let value): number = value
            case .notANumber, .notFinite:
                throw reader.error("nutrient_nbr: '\(reader.shownText(numberField))' is not a number", at: numberField)
            }
            guard let source = nutrientSources.first(where: { $0.number == number }) else { return }
            let unitField = reader.fields[columns["unit_name"]!]
            let unit = reader.text(unitField)
            guard unit.uppercased() == source.unit else {
                throw reader.error(
                    "unit_name: nutrient \(NumberFormat.shortest(number)) is in '\(CSVReader.shown(unit))', expected \(source.unit)",
                    at: unitField)
            }
            slotOfNutrientID[try integer(reader, columns["id"]!, name: "id")] = source.slot
        }
        return slotOfNutrientID
    }

    /// `amounts[slot][food]` per 100 g, NaN when the download has none; the first row wins.
    static func readAmounts(
        _ bytes: some Collection<UInt8>, foods: Foods, slotOfNutrientID: [Int: Int]
    ) throws(FoodTableError) -> [[Double]] {
        var amounts = [[Double]](repeating: [Double](repeating: .nan, count: foods.ids.count), count: slotCount)
        try readRows(bytes, fileName: "food_nutrient.csv", required: ["fdc_id", "nutrient_id", "amount"]) {
            reader, columns throws(FoodTableError) in
            // Most rows are nutrients or foods the table does not use: skip them before parsing more.
            let nutrientID = try integer(reader, columns["nutrient_id"]!, name: "nutrient_id")
            guard let slot = slotOfNutrientID[nutrientID] else { return }
            let fdcID = try integer(reader, columns["fdc_id"]!, name: "fdc_id")
            guard let food = foods.indexOfID[fdcID] else { return }
            guard let amount = try amount(reader, columns["amount"]!, name: "amount") else { return }
            if amounts[slot][food].isNaN { amounts[slot][food] = amount }
        }
        return amounts
    }

    static func readMeasureUnits(_ bytes: some Collection<UInt8>) throws(FoodTableError) -> [Int: String] {
        var names: [Int: String] = [:]
        try readRows(bytes, fileName: "measure_unit.csv", required: ["id", "name"]) {
            reader, columns throws(FoodTableError) in
            names[try integer(reader, columns["id"]!, name: "id")] = reader.text(reader.fields[columns["name"]!])
        }
        return names
    }

    struct Portion {
        var sequence: Int
        var amount: Double?
        var measureUnitID: Int?
        var description: String
        var modifier: String
        var grams: Double
    }

    /// The first usable portion of each food.
    static func readPortions(_ bytes: some Collection<UInt8>, foods: Foods) throws(FoodTableError) -> [Portion?] {
        var portions = [Portion?](repeating: nil, count: foods.ids.count)
        try readRows(bytes, fileName: "food_portion.csv", required: ["fdc_id", "amount", "gram_weight"]) {
            reader, columns throws(FoodTableError) in
            guard let food = foods.indexOfID[try integer(reader, columns["fdc_id"]!, name: "fdc_id")] else { return }
            guard let grams = try amount(reader, columns["gram_weight"]!, name: "gram_weight"), grams > 0 else {
                return
            }
            var sequence = Int.max
            if let column = columns["seq_num"], !reader.fields[column].isEmpty {
                sequence = try integer(reader, column, name: "seq_num")
            }
            if let current = portions[food], current.sequence <= sequence { return }
            var unitID: Int?
            if let column = columns["measure_unit_id"], !reader.fields[column].isEmpty {
                unitID = try integer(reader, column, name: "measure_unit_id")
            }
            portions[food] = Portion(
                sequence: sequence, amount: try amount(reader, columns["amount"]!, name: "amount"),
                measureUnitID: unitID,
                description: columns["portion_description"].map { reader.text(reader.fields[$0]) } ?? "",
                modifier: columns["modifier"].map { reader.text(reader.fields[$0]) } ?? "",
                grams: grams)
        }
        return portions
    }

    // MARK: - Servings

    struct Serving: Equatable {
        var quantity: Double
        var unit: String
        var grams: Double
    }

    /// The household serving of a portion row.
    ///
    /// SR Legacy writes `1` / `cup, chopped` (amount / modifier, unit "undetermined"),
    /// Foundation `1` / unit `cup`, FNDDS `1 cup` in the description with a numeric code as
    /// modifier: a description that starts with a number gives the quantity; otherwise the
    /// amount does, and the unit is the measure unit's name, the modifier (unless it is a code)
    /// and the description, joined by ", ".
    static func serving(of portion: Portion, unitNames: [Int: String]) -> Serving {
        let description = portion.description.trimmingCharacters(in: .whitespaces)
        if let leading = leadingNumber(description), !leading.rest.isEmpty {
            return Serving(quantity: leading.quantity, unit: leading.rest, grams: portion.grams)
        }
        var parts: [String] = []
        if let id = portion.measureUnitID, let name = unitNames[id], name != "undetermined" {
            parts.append(name)
        }
        let modifier = portion.modifier.trimmingCharacters(in: .whitespaces)
        if !modifier.isEmpty && !modifier.allSatisfy(\.isNumber) { parts.append(modifier) }
        if !description.isEmpty { parts.append(description) }
        let quantity = portion.amount.flatMap { $0 > 0 ? $0 : nil } ?? 1
        return Serving(
            quantity: quantity, unit: parts.isEmpty ? "serving" : parts.joined(separator: ", "),
            grams: portion.grams)
    }

    /// `"1 cup"` → (1, "cup"); `"1/2 cup"` → (0.5, "cup"); nil when the text does not start
    /// with a number followed by a space.
    static func leadingNumber(_ text: String) -> (quantity: Double, rest: String)? {
        guard let space = text.firstIndex(of: " ") else { return nil }
        let token = text[..<space]
        let rest = text[space...].trimmingCharacters(in: .whitespaces)
        let parts = token.split(separator: "/", omittingEmptySubsequences: false)
        if parts.count == 2, let numerator = Double(parts[0]), let denominator = Double(parts[1]),
           denominator > 0, numerator > 0, parts.allSatisfy({ $0.allSatisfy(\.isNumber) }) {
            return (numerator / denominator, rest)
        }
        guard token.allSatisfy({ $0.isNumber || $0 == "." }), let value = Double(token), value > 0 else { return nil }
        return (value, rest)
    }
}
