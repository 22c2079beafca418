import Foundation
import MealPlanning

// MARK: - Food tables

/// A food table as cells, before it is written as CSV.
public struct CSVDraft: Sendable {
    public var header: [String]
    public var rows: [[String]]

    public init(header: [String], rows: [[String]]) {
        self.header = header
        self.rows = rows
    }
}

/// One generated food table and what it must give.
public struct FoodTableCase: Sendable {
    public var bytes: [UInt8]
    public var label: String
    /// For a case made only of changes that keep the table valid: the ids and potassium values
    /// (NaN when missing, nil when the column was dropped) it must load with.
    public var expectedIDs: [String]?
    public var expectedPotassium: [Double]?

    public init(bytes: [UInt8], label: String, expectedIDs: [String]? = nil, expectedPotassium: [Double]? = nil) {
        self.bytes = bytes
        self.label = label
        self.expectedIDs = expectedIDs
        self.expectedPotassium = expectedPotassium
    }
}

public enum FoodTableFuzz {
    public static let fileName = "fuzz.csv"

    public static let baseHeader = [
        "id", "name", "ndb_no", "serving_qty", "serving_unit", "serving_g", "kcal", "protein_g", "potassium_mg",
        "sodium_mg", "sugars_g", "price_usd", "meals", "group", "diets", "allergens", "max_servings_per_meal",
    ]
    public static let baseRows: [[String]] = [
        ["banana", "Banana", "09040", "1", "medium", "118", "105.02", "1.29", "422.44", "1.18", "14.43", "0.24",
         "breakfast;lunch;snack", "fruit", "vegetarian;vegan", "", "1.5"],
        ["lentils", "Lentils, boiled", "16070", "1", "cup", "198", "229.68", "17.86", "730.62", "3.96", "3.56", "0.33",
         "lunch;dinner", "legume", "vegan", "", ""],
        ["yogurt", "Plain yogurt, \"nonfat\"", "01118", "0.75", "cup", "245", "137.2", "14.04", "624.75", "188.65",
         "18.82", "1", "B;S", "dairy", "vegetarian", "milk", "1"],
        ["salmon-baked", "Salmon, Atlantic, farmed, baked", "15237", "3", "oz", "85", "175.1", "18.79", "326.4",
         "51.85", "0", "2.6", "lunch;dinner", "fish", "pescatarian;gluten-free", "fish", "2"],
        ["potato.2", "Baked potato\nwith skin", "", "", "", "173", "160.89", "", "925.55", "17.3", "2.04", "",
         "L;D", "starchy-vegetable", "", "", ""],
    ]
    public static let numericColumns: Set<String> = [
        "serving_qty", "serving_g", "kcal", "protein_g", "potassium_mg", "sodium_mg", "sugars_g", "price_usd",
        "max_servings_per_meal",
    ]
    public static let requiredColumns: Set<String> = ["id", "name", "meals"]

    public static let oddNumbers = [
        "NaN", "nan", "-nan", "inf", "-inf", "+Infinity", "Infinity", "1e308", "-1e308", "1e309", "-1e400", "1e-400",
        "4.9e-324", "-0", "-0.0", "0", "0.0", "1e12", "1000000000000", "1000000000000.5", "1e13", "-1e13", "-5", "-0.001",
        "abc", "1,5", "0x10", "١٢", "5.", ".5", "+5", "1e", "--1", "1e+", "99999999999999999999",
        "12345678901234567890.5", "1_000", "1 000", "٣", "5e-5", "1E3", "0.1e1", "00012", "1.7976931348623157e308",
        "e5", "-", "+", ".", "1.2.3", "1e5e5", "12abc",
    ]
    public static let oddMeals = [
        "brunch", "", ";", ";;", " ", "B;L", "lunch;;dinner", "LUNCH", "supper", " d ", "breakfast;tea", "b;l;d;s;x",
        "Lunch ; Dinner", "snack;snack", "\u{1F34C}", "dinner\nlunch",
    ]
    public static let oddIDs = [
        "", "-x", ".x", "a b", "ä", String(repeating: "a", count: 65), String(repeating: "b", count: 64), "a,b",
        "a\"b", "a\nb", "a;b", "_a", "9", "A.B-C_D", " a", "a ", "a\u{0}b",
    ]
    public static let oddTags = [
        "vegan", "VEGAN", "keto", "gluten free", "gluten-free;vegan", ";", "milk;egg", "nuts", "tree nuts",
        "dairy", "peanut", "sesame;;soy", "shellfish;unknown", "\u{00E9}", "eggs",
    ]
    public static let oddText = [
        "", " ", "\"", "\"\"", "a\"b", "\n", "\r", "\r\n", ",", ",,", "\t", "\u{0}", "\u{7F}", "\u{85}", "\u{2028}",
        "\u{FEFF}", "😀", "e\u{301}", "ﬁ", "\\", "'", "NULL", "null", "-", "=1+1",
    ]
    public static let oddColumnNames = [
        "", "1abc", "potassium mg", "é", "_x", "a-b", "a.b", "kcal ", " kcal", "\"", "ID", "Id", "x\ny",
    ]
    public static let oddNames = [
        "Say \"cheese\"", "two\nlines", "cr\rinside", "crlf\r\ninside", "comma, here", "  padded  ",
        "ünïcödé 😀", "tab\there", "\"\"", "a,\"b\",c",
    ]
    public static let invalidUTF8: [[UInt8]] = [
        [0xFF], [0xFE], [0x80], [0xBF], [0xC0, 0x80], [0xC1, 0xBF], [0xE0, 0x80, 0x80], [0xED, 0xA0, 0x80],
        [0xF4, 0x90, 0x80, 0x80], [0xF5, 0x80, 0x80, 0x80], [0xE2, 0x82], [0xF0, 0x9F, 0x98], [0xC3],
    ]
    public static let validMultibyte: [[UInt8]] = [
        Array("é".utf8), Array("😀".utf8), Array("\u{2028}".utf8), Array("\u{FEFF}".utf8), Array("€".utf8),
    ]

    // MARK: Drafts to bytes

    /// Writes the draft as CSV: a random line end, optional byte order mark, blank lines,
    /// extra quoting and missing final line end; fields that need quotes always get them.
    public static func write(_ draft: CSVDraft, _ rng: inout SplitMix64) -> [UInt8] {
        let lineEnd = rng.pick(["\n", "\r\n", "\r", "\n", "\r\n"])
        let quoteAll = rng.chance(0.1)
        let extraQuotes = rng.chance(0.3) ? 0.15 : 0
        let blankLines = rng.chance(0.2)
        var text = ""
        if rng.chance(0.15) { text += "\u{FEFF}" }
        if blankLines && rng.chance(0.5) { text += lineEnd }
        let records = [draft.header] + draft.rows
        for (index, record) in records.enumerated() {
            for (column, cell) in record.enumerated() {
                if column > 0 { text += "," }
                let needsQuotes = cell.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" })
                if needsQuotes || quoteAll || rng.chance(extraQuotes) {
                    text += "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\""
                } else {
                    text += cell
                }
            }
            if index < records.count - 1 || rng.chance(0.8) { text += lineEnd }
            if blankLines && rng.chance(0.3) {
                for _ in 0 ..< rng.int(1 ... 3) { text += rng.pick(["\n", "\r\n", "\r"]) }
            }
        }
        return Array(text.utf8)
    }

    // MARK: Changes to a draft

    /// Applies `change` to the header and to every row as long as the header (rows of another
    /// length are left as they are, so an earlier change that broke a row stays visible).
    public static func changeColumns(_ draft: inout CSVDraft, _ change: ([String]) -> [String]) {
        let width = draft.header.count
        draft.header = change(draft.header)
        draft.rows = draft.rows.map { $0.count == width ? change($0) : $0 }
    }

    public static func column(_ draft: CSVDraft, _ name: String) -> Int? { draft.header.firstIndex(of: name) }

    /// A random numeric cell of a full-width row: (row, column), or nil.
    public static func numericCell(_ draft: CSVDraft, _ rng: inout SplitMix64) -> (Int, Int)? {
        let columns = draft.header.indices.filter { numericColumns.contains(draft.header[$0]) || draft.header[$0].hasPrefix("custom_") }
        let rows = draft.rows.indices.filter { draft.rows[$0].count == draft.header.count }
        guard !columns.isEmpty, !rows.isEmpty else { return nil }
        return (rng.pick(rows), rng.pick(columns))
    }

    public static func setCell(_ draft: inout CSVDraft, _ rng: inout SplitMix64, column name: String, _ value: String) -> Bool {
        guard let column = column(draft, name) else { return false }
        let rows = draft.rows.indices.filter { draft.rows[$0].count == draft.header.count }
        guard !rows.isEmpty else { return false }
        draft.rows[rng.pick(rows)][column] = value
        return true
    }

    /// Makes one change; returns its name and whether the table stays valid.
    public static func change(_ draft: inout CSVDraft, _ rng: inout SplitMix64) -> (String, Bool) {
        switch rng.below(24) {
        case 0:
            var order = Array(draft.header.indices)
            rng.shuffle(&order)
            changeColumns(&draft) { cells in order.map { cells[$0] } }
            return ("reordered columns", true)
        case 1:
            let optional = draft.header.indices.filter { !requiredColumns.contains(draft.header[$0]) }
            guard !optional.isEmpty else { return ("nothing to drop", true) }
            let dropped = rng.pick(optional)
            changeColumns(&draft) { cells in var cells = cells; cells.remove(at: dropped); return cells }
            return ("dropped an optional column", true)
        case 2:
            let required = draft.header.indices.filter { requiredColumns.contains(draft.header[$0]) }
            guard !required.isEmpty else { return ("nothing to drop", false) }
            let dropped = rng.pick(required)
            changeColumns(&draft) { cells in var cells = cells; cells.remove(at: dropped); return cells }
            return ("dropped a required column", false)
        case 3:
            let copied = rng.below(draft.header.count)
            let place = rng.below(draft.header.count + 1)
            changeColumns(&draft) { cells in var cells = cells; cells.insert(cells[copied], at: place); return cells }
            return ("duplicated a column", false)
        case 4:
            var name = rng.pick(["custom_acid", "iron_mg", "vitamin_c_mg", "folate_ug", "custom_load", "x", "Zn_mg"])
            while draft.header.contains(name) { name += "_\(rng.below(10))" }
            let place = rng.below(draft.header.count + 1)
            let values = draft.rows.map { _ in
                rng.chance(0.2) ? "" : String(rng.double(-1e4 ... 1e4))
            }
            var rowIndex = 0
            let width = draft.header.count
            draft.header.insert(name, at: place)
            for index in draft.rows.indices where draft.rows[index].count == width {
                draft.rows[index].insert(values[rowIndex], at: place)
                rowIndex += 1
            }
            return ("added a custom column", true)
        case 5, 6, 7:
            guard let (row, column) = numericCell(draft, &rng) else { return ("no numeric cell", false) }
            draft.rows[row][column] = rng.pick(oddNumbers)
            return ("odd number", false)
        case 8:
            guard let (row, column) = numericCell(draft, &rng), !draft.rows[row][column].isEmpty else { return ("no number", true) }
            let pad = rng.pick([" ", "\t", "  ", " \t"])
            draft.rows[row][column] = rng.pick([pad, ""]) + draft.rows[row][column] + rng.pick([pad, ""])
            return ("spaces around a number", true)
        case 9:
            return ("odd name", setCell(&draft, &rng, column: "name", rng.pick(oddNames)))
        case 10:
            guard !draft.rows.isEmpty else { return ("no rows", false) }
            let row = rng.below(draft.rows.count)
            if rng.chance(0.5), !draft.rows[row].isEmpty {
                draft.rows[row].remove(at: rng.below(draft.rows[row].count))
            } else {
                draft.rows[row].insert(rng.pick(["", "x", "1"]), at: rng.below(draft.rows[row].count + 1))
            }
            return ("wrong field count", false)
        case 11:
            guard !draft.rows.isEmpty else { return ("no rows", false) }
            draft.rows.insert(draft.rows[rng.below(draft.rows.count)], at: rng.below(draft.rows.count + 1))
            return ("duplicate row", false)
        case 12:
            _ = setCell(&draft, &rng, column: "meals", rng.pick(oddMeals))
            return ("odd meals", false)
        case 13:
            _ = setCell(&draft, &rng, column: "id", rng.pick(oddIDs))
            return ("odd id", false)
        case 14:
            _ = setCell(&draft, &rng, column: rng.pick(["diets", "allergens"]), rng.pick(oddTags))
            return ("odd tags", false)
        case 15:
            let rows = draft.rows.indices.filter { !draft.rows[$0].isEmpty }
            guard !rows.isEmpty else { return ("no rows", false) }
            let row = rng.pick(rows)
            draft.rows[row][rng.below(draft.rows[row].count)] = rng.pick(oddText)
            return ("odd cell text", false)
        case 16:
            draft.header[rng.below(draft.header.count)] = rng.pick(oddColumnNames)
            return ("odd column name", false)
        case 17:
            draft.rows = []
            return ("header only", false)
        case 18:
            guard !draft.rows.isEmpty else { return ("no rows", false) }
            draft.header = draft.rows.removeFirst()
            return ("no header", false)
        case 19:
            _ = setCell(&draft, &rng, column: rng.pick(["kcal", "potassium_mg", "serving_g", "serving_qty", "price_usd"]),
                        rng.pick(["-5", "0", "-0.5", "1e12", "1e12.1"]))
            return ("negative or zero", false)
        case 20:
            guard column(draft, "fdc_id") == nil else { return ("has fdc_id", false) }
            let values = draft.rows.map { _ in String(rng.int(100_000 ... 999_999)) }
            var index = 0
            let width = draft.header.count
            draft.header.append("fdc_id")
            for row in draft.rows.indices where draft.rows[row].count == width {
                draft.rows[row].append(values[index])
                index += 1
            }
            return ("a second source id column", column(draft, "ndb_no") == nil && column(draft, "source_id") == nil)
        case 21:
            guard let idColumn = column(draft, "id"), let template = draft.rows.first(where: { $0.count == draft.header.count }) else {
                return ("no template", false)
            }
            let ids = Set(draft.rows.compactMap { $0.count > idColumn ? $0[idColumn] : nil })
            for number in 0 ..< rng.int(1 ... 60) where !ids.contains("extra-\(number)") {
                var row = template
                row[idColumn] = "extra-\(number)"
                draft.rows.append(row)
            }
            return ("many rows", true)
        case 22:
            let valid = rng.pick(["LUNCH; d", "b;L;D;s", " Breakfast ", "snack;SNACK", "dinner;"])
            return ("meal tokens in other cases", setCell(&draft, &rng, column: "meals", valid))
        default:
            draft.rows.append(Array(repeating: "", count: draft.header.count))
            return ("empty row of commas", draft.header.count <= 1)
        }
    }

    /// Changes the written bytes: flips, truncation, invalid UTF-8, stray quotes and more.
    public static func changeBytes(_ bytes: inout [UInt8], _ rng: inout SplitMix64) -> String {
        let place = rng.below(bytes.count + 1)
        switch rng.below(8) {
        case 0:
            for _ in 0 ..< rng.int(1 ... 3) where !bytes.isEmpty { bytes[rng.below(bytes.count)] = UInt8(rng.below(256)) }
            return "flipped bytes"
        case 1:
            bytes.insert(contentsOf: rng.pick(invalidUTF8), at: place)
            return "invalid UTF-8"
        case 2:
            bytes.insert(contentsOf: rng.pick(validMultibyte), at: place)
            return "multibyte character"
        case 3:
            bytes.removeSubrange(place...)
            return "truncated"
        case 4:
            bytes.insert(UInt8(ascii: "\""), at: place)
            return "stray quote"
        case 5:
            bytes.insert(rng.pick([0, 0x7F, 0x1B, 0x0C, 0x0B]), at: place)
            return "control byte"
        case 6:
            guard !bytes.isEmpty else { return "nothing to copy" }
            let start = rng.below(bytes.count)
            let end = min(bytes.count, start + rng.int(1 ... 40))
            bytes.insert(contentsOf: Array(bytes[start ..< end]), at: place)
            return "copied bytes"
        default:
            bytes.insert(contentsOf: rng.pick([[0x0D], [0x0A], [0x0D, 0x0A], [0x2C], [0x22, 0x22]]), at: place)
            return "line end or comma"
        }
    }

    public static func makeCase(_ rng: inout SplitMix64) -> FoodTableCase {
        var draft = CSVDraft(header: baseHeader, rows: baseRows)
        var valid = true
        var labels: [String] = []
        for _ in 0 ..< rng.int(1 ... 3) {
            let (label, keepsValid) = change(&draft, &rng)
            labels.append(label)
            valid = valid && keepsValid
        }
        var bytes = write(draft, &rng)
        if rng.chance(0.3) {
            labels.append(changeBytes(&bytes, &rng))
            valid = false
        }
        var testCase = FoodTableCase(bytes: bytes, label: labels.joined(separator: ", "))
        if valid, let idColumn = column(draft, "id") {
            testCase.expectedIDs = draft.rows.map { $0[idColumn] }
            if let potassium = column(draft, "potassium_mg") {
                testCase.expectedPotassium = draft.rows.map {
                    let text = $0[potassium].trimmingCharacters(in: .whitespaces)
                    return text.isEmpty ? .nan : Double(text)!
                }
            }
        }
        return testCase
    }

    /// The special cases: empty, header only, very long fields, very many columns.
    public static func specialCases() -> [(FoodTableCase, expectedError: String?)] {
        let megabyte = 1 << 20
        let header = "id,name,meals,potassium_mg\n"
        var cases: [(FoodTableCase, String?)] = []
        func add(_ label: String, _ text: String, error: String? = nil) {
            cases.append((FoodTableCase(bytes: Array(text.utf8), label: label), error))
        }
        func addBytes(_ label: String, _ bytes: [UInt8], error: String? = nil) {
            cases.append((FoodTableCase(bytes: bytes, label: label), error))
        }
        add("empty file", "", error: "fuzz.csv:1:1: the file is empty")
        addBytes("byte order mark only", [0xEF, 0xBB, 0xBF], error: "fuzz.csv:1:1: the file is empty")
        add("blank lines only", "\n\r\n\r\n\n", error: "fuzz.csv:1:1: the file is empty")
        add("header only", header, error: "fuzz.csv:2:1: the table has a header but no foods")
        add("header only, no line end", "id,name,meals", error: "fuzz.csv:1:1: the table has a header but no foods")
        add("header and blank lines", "id,name,meals\r\n\r\n\n", error: "fuzz.csv:2:1: the table has a header but no foods")
        add("missing required column", "id,name\na,b\n", error: "fuzz.csv:1:1: missing required column 'meals'")
        // Fields up to 64 KiB and rows up to 1,000 fields load; longer ones are errors.
        let longest = 65_536
        let tooLong = "a field longer than 65536 bytes"
        add("a long name", header + "a," + String(repeating: "n", count: longest) + ",L,5\n")
        add("a name over the limit", header + "a," + String(repeating: "n", count: megabyte) + ",L,5\n", error: "fuzz.csv:2:3: " + tooLong)
        add("a long quoted name with line breaks",
            header + "a,\"" + String(repeating: "x,\"\"\n\r\n", count: longest / 8) + "\",L,5\n")
        add("a quoted name with line breaks over the limit",
            header + "a,\"" + String(repeating: "x,\"\"\n\r\n", count: megabyte / 8) + "\",L,5\n", error: "fuzz.csv:2:3: " + tooLong)
        add("a long number", header + "a,b,L," + String(repeating: "7", count: longest) + "\n",
            error: "fuzz.csv:2:7: potassium_mg: '" + String(repeating: "7", count: 40) + "…' is not a finite number")
        add("a number over the limit", header + "a,b,L," + String(repeating: "7", count: megabyte) + "\n", error: "fuzz.csv:2:7: " + tooLong)
        add("a long id", header + String(repeating: "i", count: longest) + ",b,L,5\n",
            error: "fuzz.csv:2:1: id: '" + String(repeating: "i", count: 40)
                + "…' is not a valid id (expected [A-Za-z0-9][A-Za-z0-9._-]*, at most 64 characters)")
        add("a long unterminated quote", header + "a,\"" + String(repeating: "q\n", count: longest / 4),
            error: "fuzz.csv:2:3: unterminated quoted field")
        add("an unterminated quote over the limit", header + "a,\"" + String(repeating: "q\n", count: megabyte / 2),
            error: "fuzz.csv:2:3: " + tooLong)
        add("a long meal list", header + "a,b," + String(repeating: "L;", count: longest / 2) + ",5\n")
        let manyNames = (0 ..< 997).map { "c\($0)_mg" }
        let manyHeader = "id,name,meals," + manyNames.joined(separator: ",") + "\n"
        let manyValues = (0 ..< 997).map { $0 % 7 == 0 ? "" : "\(Double($0) * -0.5)" }.joined(separator: ",")
        add("a thousand columns",
            manyHeader + "a,A,L," + manyValues + "\n" + "b,B,D," + manyValues + "\n")
        add("a thousand columns, a short row",
            manyHeader + "a,A,L," + manyValues + "\n" + "b,B,D," + manyValues[..<manyValues.lastIndex(of: ",")!] + "\n",
            error: "fuzz.csv:3:1: expected 1000 fields, found 999")
        add("a thousand columns, a duplicate",
            manyHeader.dropLast() + ",c996_mg\n",
            error: "fuzz.csv:1:\(manyHeader.count + 1): more than 1000 fields in a record")
        add("a thousand columns, a duplicate in the last one",
            "id,name,meals," + manyNames.dropLast().joined(separator: ",") + ",c0_mg\n",
            error: "fuzz.csv:1:\(manyHeader.count - 7): duplicate column 'c0_mg' (first is field 4)")
        add("ten thousand columns",
            "id,name,meals," + (0 ..< 10_000).map { "c\($0)_mg" }.joined(separator: ",") + "\n",
            error: "fuzz.csv:1:\(manyHeader.count + 1): more than 1000 fields in a record")
        add("only line ends inside quotes", header + "\"\n\",\"\r\",L,1\n",
            error: "fuzz.csv:2:1: id: '\\n' is not a valid id (expected [A-Za-z0-9][A-Za-z0-9._-]*, at most 64 characters)")
        add("NUL in a name", header + "a,b\u{0}c,L,1\n")
        return cases
    }

    // MARK: Oracles

    /// Counts the records of CSV bytes without the project's reader: a line end outside quotes
    /// ends a record, and a record needs at least one byte (empty lines are not records).
    public static func recordCount(_ bytes: [UInt8]) -> Int {
        var index = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        var count = 0
        var quoted = false
        var recordHasBytes = false
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") { quoted.toggle() }
            if !quoted && (byte == 0x0A || byte == 0x0D) {
                if recordHasBytes { count += 1 }
                recordHasBytes = false
            } else {
                recordHasBytes = true
            }
            index += 1
        }
        return count + (recordHasBytes ? 1 : 0)
    }

    /// The number of physical lines: LF, CRLF and CR each end one.
    public static func lineCount(_ bytes: [UInt8]) -> Int {
        var lines = 1
        var index = 0
        while index < bytes.count {
            if bytes[index] == 0x0D {
                lines += 1
                if index + 1 < bytes.count && bytes[index + 1] == 0x0A { index += 1 }
            } else if bytes[index] == 0x0A {
                lines += 1
            }
            index += 1
        }
        return lines
    }

    /// What is wrong with a table that loaded, if anything.
    public static func problems(of table: FoodTable, bytes: [UInt8]) -> [String] {
        var found: [String] = []
        let records = recordCount(bytes)
        if table.count != records - 1 { found.append("\(table.count) foods from \(records - 1) data records") }
        func checkPresent(_ values: [Double], _ name: String, positive: Bool = false, nonNegative: Bool = false) {
            for (food, value) in values.enumerated() where !value.isNaN {
                if !value.isFinite || abs(value) > 1e12 { found.append("\(name) of food \(food) is \(value)") }
                if positive && !(value > 0) { found.append("\(name) of food \(food) is \(value), not positive") }
                if nonNegative && value < 0 { found.append("\(name) of food \(food) is \(value), negative") }
            }
        }
        for (column, nutrient) in table.nutrients.enumerated() {
            checkPresent(table.nutrientValues[column], nutrient.key, nonNegative: Nutrient.standard.contains(nutrient))
            if table.nutrientValues[column].count != table.count { found.append("\(nutrient.key) has a wrong length") }
        }
        checkPresent(table.prices, "price_usd", nonNegative: true)
        checkPresent(table.servingGrams, "serving_g", positive: true)
        checkPresent(table.maxServingsPerMeal, "max_servings_per_meal", positive: true)
        for (food, quantity) in table.servingQuantities.enumerated() where !(quantity.isFinite && quantity > 0) {
            found.append("serving_qty of food \(food) is \(quantity)")
        }
        for (food, meals) in table.meals.enumerated() where meals.rawValue == 0 { found.append("food \(food) has no meal") }
        for (food, name) in table.names.enumerated() where name.isEmpty { found.append("food \(food) has no name") }
        if Set(table.ids).count != table.count { found.append("duplicate ids") }
        return found
    }
}
