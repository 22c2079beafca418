/// Turns the bytes of a food table CSV into a ``FoodTable``, or throws the first error.
///
/// One pass over the bytes with ``CSVReader``; a number is parsed from its bytes, and a `String`
/// is made only for the text fields the table keeps.
struct FoodTableCSVParser {
    /// What a column of the file holds.
    enum Role: Equatable {
        case id, name, sourceID, servingQuantity, servingUnit, servingGrams
        case price, meals, group, diets, allergens, maxServingsPerMeal
        case fnddsCode, roles, family, pairsWith, maxPerCarrier, minServings
        /// A nutrient column; the index into the table's `nutrients`.
        case nutrient(Int)
    }

    static let requiredColumns = ["id", "name", "meals"]
    static let largestMagnitude = 1e12
    static let maximumIDLength = 64
    /// At about 330 bytes a food in memory, 10 million foods take about 3.3 GB.
    static let maximumFoods = 10_000_000

    static let mealChoices = MealSlot.allCases.map(\.rawValue).joined(separator: ", ")
    static let dietChoices = Diet.allCases.map(\.rawValue).joined(separator: ", ")
    static let allergenChoices = Allergen.allCases.map(\.rawValue).joined(separator: ", ")
    static let roleChoices = FoodRole.allCases.map(\.rawValue).joined(separator: ", ")

    static func role(ofKnownColumn name: String) -> Role? {
        switch name {
        case "id": .id
        case "name": .name
        case "ndb_no", "fdc_id", "source_id": .sourceID
        case "serving_qty": .servingQuantity
        case "serving_unit": .servingUnit
        case "serving_g": .servingGrams
        case "price_usd": .price
        case "meals": .meals
        case "group": .group
        case "diets": .diets
        case "allergens": .allergens
        case "max_servings_per_meal": .maxServingsPerMeal
        case "fndds_code": .fnddsCode
        case "roles": .roles
        case "family": .family
        case "pairs_with": .pairsWith
        case "max_per_carrier": .maxPerCarrier
        case "min_servings": .minServings
        default: nil
        }
    }

    /// `[A-Za-z][A-Za-z0-9_]*`
    static func isValidColumnName(_ name: String) -> Bool {
        guard let first = name.utf8.first, isLetter(first) else { return false }
        return name.utf8.allSatisfy { isLetter($0) || isDigit($0) || $0 == UInt8(ascii: "_") }
    }

    /// `[A-Za-z0-9][A-Za-z0-9._-]*`, at most 64 characters.
    static func isValidID(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = bytes.first, bytes.count <= maximumIDLength, isLetter(first) || isDigit(first) else {
            return false
        }
        return bytes.allSatisfy { byte in
            isLetter(byte) || isDigit(byte) || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "_")
                || byte == UInt8(ascii: "-")
        }
    }

    static func isLetter(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a") ... UInt8(ascii: "z")).contains(byte | 0x20)
    }

    static func isDigit(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0") ... UInt8(ascii: "9")).contains(byte)
    }

    static let idRule = "expected [A-Za-z0-9][A-Za-z0-9._-]*, at most \(maximumIDLength) characters"

    /// The id in a field (of a food table, a price list or a recipe file), or the error that
    /// says why it is not one.
    static func id(_ field: CSVField, reader: CSVReader) throws(FoodTableError) -> String {
        let bytes = reader.rawBytes(field)
        guard !field.hasDoubledQuotes, isValidID(bytes) else {
            if field.isEmpty { throw reader.error("id: empty id", at: field) }
            throw reader.error("id: '\(reader.shownText(field))' is not a valid id (\(idRule))", at: field)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    // MARK: - Header

    /// The header of a food table: a role for each column, and the table's nutrients.
    struct Header {
        var roles: [Role]
        var nutrients: [Nutrient]
        /// For each nutrient: its column name and what values it takes. Custom nutrients may be
        /// negative (a balance such as an acid load); standard ones may not.
        var nutrientRules: [(key: String, rule: NumberRule)] {
            nutrients.map { ($0.key, $0.isKnown ? .nonNegative : .any) }
        }
    }

    static func readHeader(_ reader: inout CSVReader) throws(FoodTableError) -> Header {
        try reader.readHeader()
        var roles: [Role] = []
        var standard: [(nutrient: Nutrient, column: Int)] = []
        var custom: [(nutrient: Nutrient, column: Int)] = []
        var fieldOfName: [String: Int] = [:]
        var sourceIDColumn: String?
        for (column, field) in reader.fields.enumerated() {
            let name = reader.text(field)
            guard isValidColumnName(name) else {
                let shown = CSVReader.shown(name)
                throw reader.error(
                    "'\(shown)' is not a valid column name (expected [A-Za-z][A-Za-z0-9_]*)", at: field)
            }
            if let first = fieldOfName[name] {
                throw reader.error("duplicate column '\(name)' (first is field \(first + 1))", at: field)
            }
            fieldOfName[name] = column
            if let role = role(ofKnownColumn: name) {
                if role == .sourceID {
                    if let other = sourceIDColumn {
                        throw reader.error("'\(name)' and '\(other)' both give the source id; keep one", at: field)
                    }
                    sourceIDColumn = name
                }
                roles.append(role)
            } else {
                let nutrient = Nutrient.forColumn(name)
                if nutrient.isKnown {
                    standard.append((nutrient, column))
                } else {
                    custom.append((nutrient, column))
                }
                roles.append(.nutrient(-1))
            }
        }
        for name in requiredColumns where fieldOfName[name] == nil {
            throw FoodTableError(
                file: reader.fileName, line: reader.recordLine, column: 1,
                message: "missing required column '\(name)'")
        }
        // Standard nutrients first, then custom ones, each in the order of the file.
        let ordered = standard + custom
        for (index, entry) in ordered.enumerated() { roles[entry.column] = .nutrient(index) }
        return Header(roles: roles, nutrients: ordered.map(\.nutrient))
    }

    // MARK: - Rows

    /// Remembers what the text of a list field (meals, diets, allergens) gave, since a table
    /// repeats a few lists over and over: a lookup by hash and bytes instead of making strings.
    struct ListCache<Value> {
        private var entries: [UInt64: (bytes: [UInt8], value: Value)] = [:]
        private static var capacity: Int { 4096 }

        mutating func value(
            _ bytes: UnsafeBufferPointer<UInt8>, make: () throws(FoodTableError) -> Value
        ) throws(FoodTableError) -> Value {
            var hash: UInt64 = 0xCBF2_9CE4_8422_2325  // FNV-1a
            for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
            if let entry = entries[hash], entry.bytes.elementsEqual(bytes) { return entry.value }
            let value = try make()
            if entries.count < Self.capacity && entries[hash] == nil { entries[hash] = (Array(bytes), value) }
            return value
        }
    }

    /// The list caches of one parse.
    struct ListCaches {
        var meals = ListCache<MealSlots>()
        var diets = ListCache<TagSet<Diet>>()
        var allergens = ListCache<TagSet<Allergen>>()
        var roles = ListCache<TagSet<FoodRole>>()
        var pairings = ListCache<[String]>()
    }

    /// Values of one row before they go into the table; reused from row to row.
    struct Row {
        var id = ""
        var name = ""
        var sourceID = ""
        var servingQuantity = 1.0
        var servingUnit = "serving"
        var servingGrams = Double.nan
        var nutrientValues: [Double]
        var price = Double.nan
        var meals = MealSlots()
        var group = ""
        var diets = TagSet<Diet>()
        var allergens = TagSet<Allergen>()
        var maxServingsPerMeal = Double.nan
        var usage = FoodUsage.none
        var fnddsCode = ""
    }

    static func parse(bytes: UnsafeBufferPointer<UInt8>, fileName: String) throws(FoodTableError) -> FoodTable {
        var reader = CSVReader(bytes: bytes, fileName: fileName)
        let header = try readHeader(&reader)
        let headerEndLine = reader.line
        var table = FoodTable(nutrients: header.nutrients)
        table.reserveCapacity(min(reader.estimatedLineCount(), maximumFoods))
        var lineOfFood: [Int] = []
        var row = Row(nutrientValues: Array(repeating: .nan, count: header.nutrients.count))
        var caches = ListCaches()
        let roles = header.roles
        let nutrientRules = header.nutrientRules

        while try reader.nextRecord() {
            guard table.count < maximumFoods else {
                throw reader.errorAtRecord("more than 10,000,000 foods, the most a food table may hold")
            }
            guard reader.fields.count == roles.count else {
                throw reader.errorAtRecord("expected \(roles.count) fields, found \(reader.fields.count)")
            }
            try readRow(&row, caches: &caches, reader: reader, roles: roles, nutrientRules: nutrientRules)
            try checkRanges(row, reader: reader, roles: roles, nutrients: header.nutrients)
            do {
                try table.append(
                    id: row.id, name: row.name, sourceID: row.sourceID,
                    servingQuantity: row.servingQuantity, servingUnit: row.servingUnit,
                    servingGrams: row.servingGrams, nutrientValues: row.nutrientValues, price: row.price,
                    meals: row.meals, group: row.group, diets: row.diets, allergens: row.allergens,
                    maxServingsPerMeal: row.maxServingsPerMeal, usage: row.usage, fnddsCode: row.fnddsCode)
            } catch {
                switch error {
                case .duplicateID(let id, let firstIndex):
                    let idField = reader.fields[roles.firstIndex(of: .id)!]
                    throw reader.error("duplicate id '\(id)' (first on line \(lineOfFood[firstIndex]))", at: idField)
                case .wrongNutrientCount:
                    preconditionFailure("a row always has one value per nutrient column")
                }
            }
            lineOfFood.append(reader.recordLine)
        }
        if table.isEmpty {
            throw FoodTableError(
                file: fileName, line: headerEndLine, column: 1, message: "the table has a header but no foods")
        }
        table.hasRoles = roles.contains(.roles)
        table.addFoodPatternTotals()
        return table
    }

    private static func readRow(
        _ row: inout Row, caches: inout ListCaches, reader: CSVReader, roles: [Role],
        nutrientRules: [(key: String, rule: NumberRule)]
    ) throws(FoodTableError) {
        row.sourceID = ""
        row.servingQuantity = 1
        row.servingUnit = "serving"
        row.servingGrams = .nan
        row.price = .nan
        row.group = ""
        row.diets = TagSet()
        row.allergens = TagSet()
        row.maxServingsPerMeal = .nan
        row.usage = .none
        row.fnddsCode = ""
        for (column, role) in roles.enumerated() {
            let field = reader.fields[column]
            switch role {
            case .id:
                row.id = try id(field, reader: reader)
            case .name:
                guard !field.isEmpty else { throw reader.error("name: empty name", at: field) }
                row.name = reader.text(field)
            case .sourceID:
                row.sourceID = reader.text(field)
            case .servingUnit:
                if !field.isEmpty { row.servingUnit = reader.text(field) }
            case .group:
                row.group = reader.text(field)
            case .servingQuantity:
                if let value = try number(field, column: "serving_qty", reader: reader, rule: .positive) {
                    row.servingQuantity = value
                }
            case .servingGrams:
                row.servingGrams = try number(field, column: "serving_g", reader: reader, rule: .positive) ?? .nan
            case .price:
                row.price = try number(field, column: "price_usd", reader: reader, rule: .nonNegative) ?? .nan
            case .maxServingsPerMeal:
                row.maxServingsPerMeal = try number(
                    field, column: "max_servings_per_meal", reader: reader, rule: .positive) ?? .nan
            case .fnddsCode:
                row.fnddsCode = reader.text(field)
            case .roles:
                row.usage.roles = try caches.roles.value(reader.rawBytes(field)) { () throws(FoodTableError) in
                    try tags(field, column: "roles", kind: "role", choices: roleChoices, reader: reader) {
                        FoodRole(rawValue: $0.lowercased())
                    }
                }
            case .family:
                row.usage.family = reader.text(field)
            case .pairsWith:
                row.usage.pairsWith = try caches.pairings.value(reader.rawBytes(field)) { () throws(FoodTableError) in
                    tokens(field, reader: reader)
                }
            case .maxPerCarrier:
                row.usage.maxPerCarrier = try number(field, column: "max_per_carrier", reader: reader, rule: .positive) ?? .nan
            case .minServings:
                row.usage.minServings = try number(field, column: "min_servings", reader: reader, rule: .positive) ?? .nan
            case .nutrient(let index):
                let nutrient = nutrientRules[index]
                row.nutrientValues[index] = try number(
                    field, column: nutrient.key, reader: reader, rule: nutrient.rule) ?? .nan
            case .meals:
                row.meals = try caches.meals.value(reader.rawBytes(field)) { () throws(FoodTableError) in
                    try meals(field, reader: reader)
                }
            case .diets:
                row.diets = try caches.diets.value(reader.rawBytes(field)) { () throws(FoodTableError) in
                    try tags(field, column: "diets", kind: "diet", choices: dietChoices, reader: reader) {
                        Diet(rawValue: $0.lowercased())
                    }
                }
            case .allergens:
                row.allergens = try caches.allergens.value(reader.rawBytes(field)) { () throws(FoodTableError) in
                    try tags(field, column: "allergens", kind: "allergen", choices: allergenChoices, reader: reader) {
                        Allergen(token: $0)
                    }
                }
            }
        }
    }
}
