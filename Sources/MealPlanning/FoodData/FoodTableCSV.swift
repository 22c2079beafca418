import Foundation

/// Reading and writing a food table as CSV.
///
/// The format, one food per row, with a header row naming the columns in any order:
///
/// - `id` (required): `[A-Za-z0-9][A-Za-z0-9._-]*`, at most 64 characters, unique.
/// - `name` (required, not empty).
/// - `meals` (required): `;`-separated meal slots, full names or `B`/`L`/`D`/`S`, at least one.
/// - `ndb_no` (or `fdc_id` or `source_id`): the USDA source id, kept as text.
/// - `serving_qty` (default 1, > 0), `serving_unit` (default `serving`), `serving_g` (> 0).
/// - the standard nutrients per serving (`kcal`, `protein_g`, ..., `magnesium_mg`; >= 0).
/// - `price_usd` per serving (>= 0), `max_servings_per_meal` (> 0).
/// - `group` (free text), `diets` (`;`-separated ``Diet`` values), `allergens` (`;`-separated).
/// - any other column is a custom nutrient per serving named by its header, which must match
///   `[A-Za-z][A-Za-z0-9_]*`; its values are numbers and may be negative.
///
/// An empty number is a missing value (NaN in the table), never zero; spaces around a number
/// are ignored. Every number must be finite, and within its column's range (``FoodValueRange``:
/// no nonzero amount below 1e-6 of its unit, physical ceilings per gram of the serving). The file is UTF-8
/// (an initial byte order mark is skipped) with RFC 4180 quoting and LF, CRLF or CR line ends;
/// empty lines are skipped, and every other row has as many fields as the header.
extension FoodTable {
    /// Loads a food table file. Either the whole table loads or a ``FoodTableError`` names the
    /// first problem as `FILE:LINE:COLUMN: message`.
    public static func load(contentsOf url: URL) throws(FoodTableError) -> FoodTable {
        let data = try FoodTableError.contents(of: url)
        return try parse(data, fileName: url.lastPathComponent)
    }

    /// Parses a food table from UTF-8 bytes; `fileName` names the data in error messages.
    public static func parse(_ bytes: some Collection<UInt8>, fileName: String) throws(FoodTableError) -> FoodTable {
        try withContiguousBytes(bytes) { buffer throws(FoodTableError) in
            try FoodTableCSVParser.parse(bytes: buffer, fileName: fileName)
        }
    }

    /// Parses a food table from CSV text.
    public static func parse(text: String, fileName: String) throws(FoodTableError) -> FoodTable {
        try parse(Array(text.utf8), fileName: fileName)
    }

    // MARK: - Price overrides

    /// Reads a price list, a CSV file with the columns `id` and `price_usd` (others are
    /// ignored): a map from food id to price per serving. Ids must be valid and unique, prices
    /// present, finite, not negative, and 0 or at least 1e-6; applied to a table
    /// (``applyPriceOverrides(contentsOf:)``), at most $100 a gram of the food's serving
    /// (``FoodValueRange``).
    public static func loadPriceOverrides(contentsOf url: URL) throws(FoodTableError) -> [String: Double] {
        let data = try FoodTableError.contents(of: url)
        return try parsePriceOverrides(data, fileName: url.lastPathComponent)
    }

    /// Parses a price list from bytes (see ``loadPriceOverrides(contentsOf:)``).
    public static func parsePriceOverrides(
        _ bytes: some Collection<UInt8>, fileName: String
    ) throws(FoodTableError) -> [String: Double] {
        var prices: [String: Double] = [:]
        for entry in try priceEntries(bytes, fileName: fileName) { prices[entry.id] = entry.price }
        return prices
    }

    /// Replaces the prices of the foods a price list names; a food id that is not in the table
    /// is an error at its line, and nothing changes.
    public mutating func applyPriceOverrides(contentsOf url: URL) throws(FoodTableError) {
        let data = try FoodTableError.contents(of: url)
        try applyPriceOverrides(data, fileName: url.lastPathComponent)
    }

    /// Replaces prices from a price list given as bytes (see ``applyPriceOverrides(contentsOf:)``).
    public mutating func applyPriceOverrides(_ bytes: some Collection<UInt8>, fileName: String) throws(FoodTableError) {
        let entries = try Self.priceEntries(bytes, fileName: fileName)
        for entry in entries {
            guard let food = index(ofID: entry.id) else {
                throw FoodTableError(
                    file: fileName, at: entry.idPlace,
                    message: "unknown food id '\(entry.id)'\(Self.suggestion(entry.id, among: ids))")
            }
            // The ceiling of a price depends on the food's serving weight (the floor was checked on reading).
            if let problem = FoodValueRange.priceProblem(entry.price, servingGrams: grams(food: food), shown: entry.shown, floor: false) {
                throw FoodTableError(file: fileName, at: entry.pricePlace, message: problem)
            }
        }
        _ = overridePrices(Dictionary(entries.map { ($0.id, $0.price) }, uniquingKeysWith: { $1 }))
    }

    struct PriceEntry {
        var id: String
        var price: Double
        var idPlace: CSVPlace
        /// Where the price is, and its text as written.
        var pricePlace: CSVPlace
        var shown: String
    }

    static func priceEntries(_ bytes: some Collection<UInt8>, fileName: String) throws(FoodTableError) -> [PriceEntry] {
        try withContiguousBytes(bytes) { buffer throws(FoodTableError) in
            var reader = CSVReader(bytes: buffer, fileName: fileName)
            try reader.readHeader()
            let names = reader.fields.map { reader.text($0) }
            var columns: [String: Int] = [:]
            for (column, name) in names.enumerated() {
                if let first = columns[name] {
                    throw reader.error("duplicate column '\(name)' (first is field \(first + 1))",
                                       at: reader.fields[column])
                }
                columns[name] = column
            }
            for required in ["id", "price_usd"] where columns[required] == nil {
                throw FoodTableError(file: fileName, line: reader.recordLine, column: 1,
                                     message: "missing required column '\(required)'")
            }
            let idColumn = columns["id"]!
            let priceColumn = columns["price_usd"]!
            var entries: [PriceEntry] = []
            var lineOfID: [String: Int] = [:]
            while try reader.nextRecord(fieldCount: names.count) {
                let idField = reader.fields[idColumn]
                let id = try FoodTableCSVParser.id(idField, reader: reader)
                if let first = lineOfID[id] {
                    throw reader.error("duplicate id '\(id)' (first on line \(first))", at: idField)
                }
                lineOfID[id] = reader.recordLine
                let priceField = reader.fields[priceColumn]
                guard let price = try FoodTableCSVParser.number(
                    priceField, column: "price_usd", reader: reader, rule: .nonNegative)
                else {
                    throw reader.error("price_usd: missing price", at: priceField)
                }
                let shown = CSVReader.shown(FoodTableCSVParser.trimmed(reader.text(priceField)))
                if let problem = FoodValueRange.floorProblem(price, column: "price_usd", shown: shown) {
                    throw reader.error(problem, at: priceField)
                }
                entries.append(PriceEntry(
                    id: id, price: price, idPlace: reader.place(of: idField), pricePlace: reader.place(of: priceField),
                    shown: shown))
            }
            return entries
        }
    }

    // MARK: - Writing

    /// The columns ``csvText(rows:)`` writes before the nutrients, and after them.
    static let leadingColumns = ["id", "name", "ndb_no", "serving_qty", "serving_unit", "serving_g"]
    static let trailingColumns = ["price_usd", "meals", "group", "diets", "allergens", "max_servings_per_meal"]
    /// Written after the trailing columns when the table has roles.
    static let usageColumns = ["fndds_code", "roles", "family", "pairs_with", "max_per_carrier", "min_servings"]

    /// The table as CSV in the format ``load(contentsOf:)`` reads: the fixed columns, the
    /// nutrients in table order between `serving_g` and `price_usd`, numbers in their shortest
    /// exact form, missing values empty. Parsing the text gives the same table.
    public func csvText() -> String {
        csvText(rows: 0 ..< count)
    }

    /// Some rows of the table as CSV, in the given order.
    public func csvText(rows: some Sequence<Int>) -> String {
        var writer = FoodTableCSVWriter()
        // The shipped table's order: nutrients, the fixed columns, how the food is eaten, then
        // the food-pattern equivalents (their derived totals are not written: loading adds them).
        let derived: Set<Nutrient> = [.vegetablesWithLegumes, .proteinWithLegumes]
        let plainColumns = nutrients.indices.filter { !Nutrient.foodPattern.contains(nutrients[$0]) }
        let patternColumns = nutrients.indices.filter { Nutrient.foodPattern.contains(nutrients[$0]) && !derived.contains(nutrients[$0]) }
        let header = Self.leadingColumns + plainColumns.map { nutrients[$0].key } + Self.trailingColumns
            + (hasRoles ? Self.usageColumns : []) + patternColumns.map { nutrients[$0].key }
        for (index, name) in header.enumerated() {
            if index > 0 { writer.comma() }
            writer.text(name)
        }
        writer.lineEnd()
        // Few distinct lists recur over the rows: make each text once.
        var mealTexts: [UInt8: String] = [:]
        var dietTexts: [UInt16: String] = [:]
        var allergenTexts: [UInt16: String] = [:]
        var roleTexts: [UInt16: String] = [:]
        for food in rows {
            writer.text(ids[food])
            writer.comma()
            writer.text(names[food])
            writer.comma()
            writer.text(sourceIDs[food])
            writer.comma()
            writer.number(servingQuantities[food])
            writer.comma()
            writer.text(servingUnits[food])
            writer.comma()
            writer.number(servingGrams[food])
            for column in plainColumns {
                writer.comma()
                writer.number(nutrientValues[column][food])
            }
            writer.comma()
            writer.number(prices[food])
            writer.comma()
            writer.text(Self.text(of: meals[food], cache: &mealTexts))
            writer.comma()
            writer.text(groups[food])
            writer.comma()
            writer.text(Self.text(of: diets[food], cache: &dietTexts))
            writer.comma()
            writer.text(Self.text(of: allergens[food], cache: &allergenTexts))
            writer.comma()
            writer.number(maxServingsPerMeal[food])
            if hasRoles {
                let usage = usages[food]
                writer.comma()
                writer.text(fnddsCodes[food])
                writer.comma()
                writer.text(Self.text(of: usage.roles, cache: &roleTexts))
                writer.comma()
                writer.text(usage.family)
                writer.comma()
                writer.text(usage.pairsWith.joined(separator: ";"))
                writer.comma()
                writer.number(usage.maxPerCarrier)
                writer.comma()
                writer.number(usage.minServings)
            }
            for column in patternColumns {
                writer.comma()
                writer.number(nutrientValues[column][food])
            }
            writer.lineEnd()
        }
        return writer.result
    }

    private static func text(of meals: MealSlots, cache: inout [UInt8: String]) -> String {
        if let text = cache[meals.rawValue] { return text }
        let text = meals.slots.map(\.rawValue).joined(separator: ";")
        cache[meals.rawValue] = text
        return text
    }

    private static func text<Tag>(of tags: TagSet<Tag>, cache: inout [UInt16: String]) -> String {
        if let text = cache[tags.rawValue] { return text }
        let text = tags.text
        cache[tags.rawValue] = text
        return text
    }

    /// Writes ``csvText()`` to a file, replacing it.
    public func write(to url: URL) throws {
        try Data(csvText().utf8).write(to: url, options: .atomic)
    }
}

/// Gives `body` the bytes of any collection as one buffer, copying only when they are not
/// already contiguous.
func withContiguousBytes<Result>(
    _ bytes: some Collection<UInt8>,
    _ body: (UnsafeBufferPointer<UInt8>) throws(FoodTableError) -> Result
) throws(FoodTableError) -> Result {
    let outcome = bytes.withContiguousStorageIfAvailable { buffer in
        Swift.Result { () throws(FoodTableError) in try body(buffer) }
    }
    if let outcome { return try outcome.get() }
    let copy = Array(bytes)
    return try copy.withUnsafeBufferPointer { buffer in
        Swift.Result { () throws(FoodTableError) in try body(buffer) }
    }.get()
}
