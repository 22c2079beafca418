import ArgumentParser
import Foundation
import GLPK
import MealPlanning
import Testing
import TestSupport
@testable import PlannerCLI

// Seeded fuzz tests of the three ways input reaches the planner: food table CSV, request JSON
// and command-line flags. Each case is made from a fixed seed, so a failure names its seed and
// case number and can be replayed. The oracles:
// - a food table either loads (every present number finite, one food per data record) or fails
//   with one `FILE:LINE:COLUMN: message` (or `FILE: message`) line;
// - a request either decodes to a request that validates and survives an encode/decode round
//   trip, or fails with one line that starts with the file name;
// - flags either parse to a request that validates (and, for short plans, gives a plan that the
//   independent validator accepts, or a sentence saying why there is none), or fail with a
//   usage error (exit code 64) or a one-line request error.

// MARK: - Food tables

/// A food table as cells, before it is written as CSV.
struct CSVDraft {
    var header: [String]
    var rows: [[String]]
}

/// One generated food table and what it must give.
struct FoodTableCase {
    var bytes: [UInt8]
    var label: String
    /// For a case made only of changes that keep the table valid: the ids and potassium values
    /// (NaN when missing, nil when the column was dropped) it must load with.
    var expectedIDs: [String]?
    var expectedPotassium: [Double]?
}

enum FoodTableFuzz {
    static let fileName = "fuzz.csv"

    static let baseHeader = [
        "id", "name", "ndb_no", "serving_qty", "serving_unit", "serving_g", "kcal", "protein_g", "potassium_mg",
        "sodium_mg", "sugars_g", "price_usd", "meals", "group", "diets", "allergens", "max_servings_per_meal",
    ]
    static let baseRows: [[String]] = [
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
    static let numericColumns: Set<String> = [
        "serving_qty", "serving_g", "kcal", "protein_g", "potassium_mg", "sodium_mg", "sugars_g", "price_usd",
        "max_servings_per_meal",
    ]
    static let requiredColumns: Set<String> = ["id", "name", "meals"]

    static let oddNumbers = [
        "NaN", "nan", "-nan", "inf", "-inf", "+Infinity", "Infinity", "1e308", "-1e308", "1e309", "-1e400", "1e-400",
        "4.9e-324", "-0", "-0.0", "0", "0.0", "1e12", "1000000000000", "1000000000000.5", "1e13", "-1e13", "-5", "-0.001",
        "abc", "1,5", "0x10", "١٢", "5.", ".5", "+5", "1e", "--1", "1e+", "99999999999999999999",
        "12345678901234567890.5", "1_000", "1 000", "٣", "5e-5", "1E3", "0.1e1", "00012", "1.7976931348623157e308",
        "e5", "-", "+", ".", "1.2.3", "1e5e5", "12abc",
    ]
    static let oddMeals = [
        "brunch", "", ";", ";;", " ", "B;L", "lunch;;dinner", "LUNCH", "supper", " d ", "breakfast;tea", "b;l;d;s;x",
        "Lunch ; Dinner", "snack;snack", "\u{1F34C}", "dinner\nlunch",
    ]
    static let oddIDs = [
        "", "-x", ".x", "a b", "ä", String(repeating: "a", count: 65), String(repeating: "b", count: 64), "a,b",
        "a\"b", "a\nb", "a;b", "_a", "9", "A.B-C_D", " a", "a ", "a\u{0}b",
    ]
    static let oddTags = [
        "vegan", "VEGAN", "keto", "gluten free", "gluten-free;vegan", ";", "milk;egg", "nuts", "tree nuts",
        "dairy", "peanut", "sesame;;soy", "shellfish;unknown", "\u{00E9}", "eggs",
    ]
    static let oddText = [
        "", " ", "\"", "\"\"", "a\"b", "\n", "\r", "\r\n", ",", ",,", "\t", "\u{0}", "\u{7F}", "\u{85}", "\u{2028}",
        "\u{FEFF}", "😀", "e\u{301}", "ﬁ", "\\", "'", "NULL", "null", "-", "=1+1",
    ]
    static let oddColumnNames = [
        "", "1abc", "potassium mg", "é", "_x", "a-b", "a.b", "kcal ", " kcal", "\"", "ID", "Id", "x\ny",
    ]
    static let oddNames = [
        "Say \"cheese\"", "two\nlines", "cr\rinside", "crlf\r\ninside", "comma, here", "  padded  ",
        "ünïcödé 😀", "tab\there", "\"\"", "a,\"b\",c",
    ]
    static let invalidUTF8: [[UInt8]] = [
        [0xFF], [0xFE], [0x80], [0xBF], [0xC0, 0x80], [0xC1, 0xBF], [0xE0, 0x80, 0x80], [0xED, 0xA0, 0x80],
        [0xF4, 0x90, 0x80, 0x80], [0xF5, 0x80, 0x80, 0x80], [0xE2, 0x82], [0xF0, 0x9F, 0x98], [0xC3],
    ]
    static let validMultibyte: [[UInt8]] = [
        Array("é".utf8), Array("😀".utf8), Array("\u{2028}".utf8), Array("\u{FEFF}".utf8), Array("€".utf8),
    ]

    // MARK: Drafts to bytes

    /// Writes the draft as CSV: a random line end, optional byte order mark, blank lines,
    /// extra quoting and missing final line end; fields that need quotes always get them.
    static func write(_ draft: CSVDraft, _ rng: inout SplitMix64) -> [UInt8] {
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
    static func changeColumns(_ draft: inout CSVDraft, _ change: ([String]) -> [String]) {
        let width = draft.header.count
        draft.header = change(draft.header)
        draft.rows = draft.rows.map { $0.count == width ? change($0) : $0 }
    }

    static func column(_ draft: CSVDraft, _ name: String) -> Int? { draft.header.firstIndex(of: name) }

    /// A random numeric cell of a full-width row: (row, column), or nil.
    static func numericCell(_ draft: CSVDraft, _ rng: inout SplitMix64) -> (Int, Int)? {
        let columns = draft.header.indices.filter { numericColumns.contains(draft.header[$0]) || draft.header[$0].hasPrefix("custom_") }
        let rows = draft.rows.indices.filter { draft.rows[$0].count == draft.header.count }
        guard !columns.isEmpty, !rows.isEmpty else { return nil }
        return (rng.pick(rows), rng.pick(columns))
    }

    static func setCell(_ draft: inout CSVDraft, _ rng: inout SplitMix64, column name: String, _ value: String) -> Bool {
        guard let column = column(draft, name) else { return false }
        let rows = draft.rows.indices.filter { draft.rows[$0].count == draft.header.count }
        guard !rows.isEmpty else { return false }
        draft.rows[rng.pick(rows)][column] = value
        return true
    }

    /// Makes one change; returns its name and whether the table stays valid.
    static func change(_ draft: inout CSVDraft, _ rng: inout SplitMix64) -> (String, Bool) {
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
    static func changeBytes(_ bytes: inout [UInt8], _ rng: inout SplitMix64) -> String {
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

    static func makeCase(_ rng: inout SplitMix64) -> FoodTableCase {
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
    static func specialCases() -> [(FoodTableCase, expectedError: String?)] {
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
    static func recordCount(_ bytes: [UInt8]) -> Int {
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
    static func lineCount(_ bytes: [UInt8]) -> Int {
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
    static func problems(of table: FoodTable, bytes: [UInt8]) -> [String] {
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

// MARK: - Requests

/// A JSON value as text pieces, so that odd numbers (`1e400`, `-0`, 30 digits), duplicate keys
/// and invalid tokens can be written exactly.
indirect enum JSONDraft {
    case null
    case bool(Bool)
    case number(String)
    case string(String)
    case array([JSONDraft])
    case object([(String, JSONDraft)])
    /// Written as is: an invalid token such as `NaN`.
    case raw(String)

    static func escaped(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }

    func text(spaced: Bool) -> String {
        let space = spaced ? " " : ""
        switch self {
        case .null: return "null"
        case .bool(let value): return value ? "true" : "false"
        case .number(let text), .raw(let text): return text
        case .string(let text): return Self.escaped(text)
        case .array(let items): return "[" + items.map { $0.text(spaced: spaced) }.joined(separator: "," + space) + "]"
        case .object(let members):
            return "{" + members.map { Self.escaped($0.0) + ":" + space + $0.1.text(spaced: spaced) }
                .joined(separator: "," + space) + "}"
        }
    }
}

enum RequestFuzz {
    static let topKeys = [
        "version", "profile", "energy", "days", "meals", "mealShareReference", "useProfileTargets", "nutrients",
        "portions", "variety", "maxDailyGrams", "diets", "excludeAllergens", "excludeFoods", "excludeGroups",
        "includeFoods", "favoriteFoods", "objective", "timeLimit", "relativeGap",
    ]
    static let oddNumbers = [
        "0", "-0", "1", "-1", "7", "1.5", "0.25", "0.5", "2.0", "1e308", "-1e308", "1e309", "-1e400", "1e-400", "4.9e-324",
        "123456789012345678901234567890", "9223372036854775807", "9223372036854775808", "-9223372036854775809",
        "1.0000000000000002", "2000.0000000000002", "1999.9999999999998", "0.30000000000000004", "1E2", "1e+2",
        "2.5e3", "28", "29", "1e9", "1000000001", "100000", "86400", "0.005", "0.1", "3.14159", "-2600",
        "49.199999999999996", "1e6", "1000001", "0.09999999999999999",
    ]
    static let invalidTokens = ["NaN", "Infinity", "-Infinity", "01", "+1", ".5", "1.", "0x1F", "1e", "--1", "nul", "True", "'x'", "undefined"]
    static let oddStrings = [
        "", "female", "male", "FEMALE", "NaN", "Infinity", "nan", "1e999", "-0", "7", "cost", "weights", "breakfast", "B",
        "day", "lunch\ndinner", "tab\there", "\"quoted\"", "back\\slash", "é", "😀", "\u{2028}", "\u{0}", "a\r\nb",
        "pregnant", "lactating", "vegan", "peanuts", "tree nuts", "potassium_mg", "sodium_mg", "none", "active",
        "energy", "sugar", "vegetable", "a vegetable", "snack", "  female", "female ", "\u{1B}[31mred",
    ]
    static let nutrientKeys = ["potassium_mg", "sodium_mg", "kcal", "fiber_g", "iron_mg", "sugars_g", "protein_g", ""]

    static func number(_ value: Double) -> JSONDraft { .number(value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : "\(value)") }

    /// A request that is mostly valid: random keys with values in their ranges.
    static func plausible(_ rng: inout SplitMix64) -> JSONDraft {
        var members: [(String, JSONDraft)] = []
        func maybe(_ probability: Double = 0.5, _ key: String, _ value: () -> JSONDraft) {
            if rng.chance(probability) { members.append((key, value())) }
        }
        maybe(0.5, "version") { .number("1") }
        if rng.chance(0.8) {
            let female = rng.chance(0.6)
            var profile: [(String, JSONDraft)] = [("sex", .string(female ? "female" : "male"))]
            let stage = female ? rng.pick(["none", "none", "pregnant", "lactating"]) : "none"
            if rng.chance(0.6) { profile.append(("age", .number(String(stage == "none" ? rng.int(14 ... 120) : rng.int(14 ... 50))))) }
            if rng.chance(0.5) { profile.append(("lifeStage", .string(stage))) }
            if rng.chance(0.5) { profile.append(("activity", .string(rng.pick(["sedentary", "moderate", "active"])))) }
            members.append(("profile", .object(profile)))
        }
        maybe(0.3, "energy") { number(rng.double(500 ... 10000).rounded()) }
        maybe(0.6, "days") { .number(String(rng.int(1 ... 28))) }
        maybe(0.3, "meals") {
            var slots = ["breakfast", "lunch", "dinner", "snack"]
            rng.shuffle(&slots)
            return .array(slots.prefix(rng.int(1 ... 4)).map { slot in
                let low = rng.chance(0.7) ? rng.double(0 ... 0.4) : nil
                let high = rng.chance(0.7) ? min(1, (low ?? 0) + rng.double(0 ... 0.6)) : nil
                return .object([("slot", .string(slot)), ("minShare", low.map { number($0) } ?? .null),
                                ("maxShare", high.map { number($0) } ?? .null)])
            })
        }
        maybe(0.2, "mealShareReference") { rng.chance(0.2) ? .null : number(rng.double(100 ... 10000).rounded()) }
        maybe(0.2, "useProfileTargets") { .bool(rng.chance(0.5)) }
        maybe(0.4, "nutrients") {
            .array((0 ..< rng.int(0 ... 3)).map { _ in
                let low = rng.chance(0.6) ? rng.double(0 ... 3000).rounded() : nil
                let high = rng.chance(0.5) || low == nil ? (low ?? 0) + rng.double(0 ... 5000).rounded() : nil
                var rule: [(String, JSONDraft)] = [("nutrient", .string(rng.pick(Array(nutrientKeys.dropLast()))))]
                if let low { rule.append(("min", number(low))) }
                if let high { rule.append(("max", number(high))) }
                if rng.chance(0.4) { rule.append(("per", .string(rng.pick(["day", "breakfast", "lunch", "dinner", "snack", "D"])))) }
                return .object(rule)
            })
        }
        maybe(0.3, "portions") {
            .object([("step", .number(rng.pick(["0.25", "0.5", "1"]))), ("relax", .bool(rng.chance(0.3))),
                     ("maxServingsPerMeal", rng.chance(0.2) ? .null : .number(rng.pick(["0.25", "1", "2", "3.5", "20"]))),
                     ("minServingsPerUse", rng.chance(0.3) ? .null : .number(rng.pick(["0", "0.25", "0.5", "1"]))),
                     ("maxServingsPerDay", rng.chance(0.2) ? .null : .number(rng.pick(["0.25", "3", "60"]))),
                     ("maxServingsPerWeek", rng.chance(0.2) ? .null : .number(rng.pick(["0.25", "7", "400"])))])
        }
        maybe(0.3, "variety") {
            let low = rng.int(0 ... 3)
            var variety: [(String, JSONDraft)] = [
                ("maxFoodsPerMeal", rng.chance(0.2) ? .null : .number(String(low + rng.int(0 ... 5)))),
                ("minFoodsPerMeal", .number(String(low))),
                ("maxDaysPerFood", rng.chance(0.2) ? .null : .number(String(rng.int(0 ... 28)))),
                ("minFoodsPerDay", rng.chance(0.5) ? .null : .number(String(rng.int(0 ... 20)))),
                ("minFoodsPerWeek", rng.chance(0.5) ? .null : .number(String(rng.int(0 ... 60)))),
            ]
            if rng.chance(0.5) {
                variety.append(("mealGroups", rng.chance(0.2) ? .null : .array([.object([
                    ("name", .string("a vegetable")), ("meals", .array([.string("lunch"), .string("D")])),
                    ("groups", .array([.string("vegetable")])), ("minServings", .number(rng.pick(["0", "1", "2.5"]))),
                ])])))
            }
            return .object(variety)
        }
        maybe(0.2, "maxDailyGrams") { rng.chance(0.2) ? .null : number(rng.double(1 ... 100_000).rounded()) }
        maybe(0.3, "diets") { .array(Diet.allCases.filter { _ in rng.chance(0.3) }.map { .string($0.rawValue) }) }
        maybe(0.3, "excludeAllergens") { .array(["milk", "eggs", "tree nuts", "peanut", "dairy", "sesame"].filter { _ in rng.chance(0.3) }.map { .string($0) }) }
        for key in ["excludeFoods", "excludeGroups", "includeFoods", "favoriteFoods"] {
            maybe(0.15, key) { .array(["banana", "lentils", "fruit", "anything at all"].filter { _ in rng.chance(0.4) }.map { .string($0) }) }
        }
        maybe(0.4, "objective") {
            if rng.chance(0.6) { return .string(rng.pick(PlanObjective.Kind.allCases).rawValue) }
            // Each key once (the same draws as before: "cost" is drawn and then left out).
            return .object([("weights", .object(PlanObjective.Kind.allCases.filter { rng.chance(0.5) && $0 != .cost }.map {
                ($0.rawValue, number(rng.double(-1e6 ... 1e6)))
            } + [("cost", .number("1"))]))])
        }
        maybe(0.2, "timeLimit") { number(rng.double(0.1 ... 86400)) }
        maybe(0.2, "relativeGap") { number(rng.double(0 ... 1)) }
        rng.shuffle(&members)
        return .object(members)
    }

    /// Any JSON value, small.
    static func randomValue(_ rng: inout SplitMix64, depth: Int = 0) -> JSONDraft {
        switch rng.below(depth > 3 ? 5 : 8) {
        case 0: return .null
        case 1: return .bool(rng.chance(0.5))
        case 2, 3: return .number(rng.pick(oddNumbers))
        case 4: return .string(rng.pick(oddStrings))
        case 5: return .array((0 ..< rng.int(0 ... 3)).map { _ in randomValue(&rng, depth: depth + 1) })
        case 6:
            return .object((0 ..< rng.int(0 ... 3)).map { _ in
                (rng.chance(0.7) ? rng.pick(topKeys + ["sex", "age", "slot", "min", "max", "per", "step", "weights", "groups"]) : rng.pick(oddStrings),
                 randomValue(&rng, depth: depth + 1))
            })
        default: return .raw(rng.pick(invalidTokens))
        }
    }

    /// The value inside `depth` arrays or objects, as text (a draft that deep would overflow
    /// the stack when it is written or freed).
    static func nested(_ depth: Int, _ inner: JSONDraft, objects: Bool) -> JSONDraft {
        let open = objects ? "{\"a\":" : "["
        let close = objects ? "}" : "]"
        return .raw(String(repeating: open, count: depth) + inner.text(spaced: false) + String(repeating: close, count: depth))
    }

    /// Changes one place of a value: replaces it, deletes or adds a key, nests it deeply.
    static func change(_ value: inout JSONDraft, _ rng: inout SplitMix64, depth: Int = 0) -> String {
        switch value {
        case .object(var members) where !members.isEmpty && rng.chance(0.6):
            let index = rng.below(members.count)
            switch rng.below(6) {
            case 0:
                let key = members.remove(at: index).0
                value = .object(members)
                return "removed \(key)"
            case 1:
                let key = rng.pick(["Version", "days ", "colour", "profile.sex", "", "unknown", "DAYS", "nutrient"] + oddStrings)
                members.insert((key, randomValue(&rng)), at: rng.below(members.count + 1))
                value = .object(members)
                return "added key \(key.debugDescription)"
            case 2:
                members.append(members[index])
                value = .object(members)
                return "duplicate key \(members[index].0)"
            default:
                let label = change(&members[index].1, &rng, depth: depth + 1)
                value = .object(members)
                return "\(members[index].0).\(label)"
            }
        case .array(var items) where !items.isEmpty && rng.chance(0.6):
            let index = rng.below(items.count)
            let label = change(&items[index], &rng, depth: depth + 1)
            if rng.chance(0.2) { items.append(items[index]) }
            value = .array(items)
            return "[\(index)].\(label)"
        default:
            switch rng.below(10) {
            case 0:
                value = nested(rng.pick([10, 100, 510, 511, 512, 513, 600, 5000]), value, objects: rng.chance(0.5))
                return "nested deeply"
            case 1:
                value = .raw(rng.pick(invalidTokens))
                return "invalid token"
            case 2:
                value = .string(String(repeating: rng.pick(["x", "é", "\n"]), count: rng.pick([1000, 100_000])))
                return "long string"
            case 3, 4:
                value = .number(rng.pick(oddNumbers))
                return "odd number"
            default:
                value = randomValue(&rng)
                return "replaced"
            }
        }
    }

    /// Re-encodes or damages the bytes of a request.
    static func changeBytes(_ data: inout [UInt8], _ rng: inout SplitMix64) -> String {
        let place = rng.below(data.count + 1)
        switch rng.below(9) {
        case 0:
            data.removeSubrange(place...)
            return "truncated"
        case 1:
            for _ in 0 ..< rng.int(1 ... 3) where !data.isEmpty { data[rng.below(data.count)] = UInt8(rng.below(256)) }
            return "flipped bytes"
        case 2:
            data.insert(contentsOf: rng.pick(FoodTableFuzz.invalidUTF8), at: place)
            return "invalid UTF-8"
        case 3:
            let text = String(decoding: data, as: UTF8.self)
            var utf16: [UInt8] = rng.chance(0.5) ? [0xFF, 0xFE] : []
            for unit in text.utf16 { utf16 += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
            data = utf16
            return "UTF-16LE"
        case 4:
            let text = String(decoding: data, as: UTF8.self)
            var utf16: [UInt8] = rng.chance(0.5) ? [0xFE, 0xFF] : []
            for unit in text.utf16 { utf16 += [UInt8(unit >> 8), UInt8(unit & 0xFF)] }
            data = utf16
            return "UTF-16BE"
        case 5:
            data.insert(contentsOf: [0xEF, 0xBB, 0xBF], at: 0)
            return "byte order mark"
        case 6:
            data.insert(0, at: place)
            return "NUL byte"
        case 7:
            data.insert(contentsOf: Array(rng.pick(["\n", "\u{0B}", " ", "//", "/*x*/", ",", "}", "]", "\"", "\\"]).utf8), at: place)
            return "stray text"
        default:
            data = []
            return "empty"
        }
    }

    static let fullExample = """
        {
          "version": 1,
          "profile": {"sex": "female", "age": 30, "lifeStage": "none", "activity": "moderate"},
          "energy": 2000,
          "days": 7,
          "meals": [{"slot": "breakfast", "minShare": 0.2, "maxShare": 0.3}, {"slot": "lunch", "minShare": null, "maxShare": null},
                    {"slot": "dinner", "minShare": 0.3, "maxShare": 0.4}],
          "mealShareReference": 2000,
          "useProfileTargets": true,
          "nutrients": [{"nutrient": "potassium_mg", "min": 3000, "max": null, "per": "day"}],
          "portions": {"step": 0.5, "relax": false, "maxServingsPerMeal": 2, "minServingsPerUse": 0.5,
                       "maxServingsPerDay": 3, "maxServingsPerWeek": 7},
          "variety": {"maxFoodsPerMeal": 4, "minFoodsPerMeal": 1, "maxDaysPerFood": 3,
                      "minFoodsPerDay": null, "minFoodsPerWeek": null,
                      "mealGroups": [{"name": "a vegetable", "meals": ["lunch", "dinner"],
                                      "groups": ["vegetable"], "minServings": 1}]},
          "maxDailyGrams": 2500,
          "diets": ["vegan"], "excludeAllergens": ["peanuts"], "excludeFoods": [], "excludeGroups": [],
          "includeFoods": [], "favoriteFoods": [],
          "objective": {"weights": {"cost": 1, "sugar": 0.1}},
          "timeLimit": 4, "relativeGap": 0.005
        }
        """

    /// The example of the request format as a draft (to change piece by piece).
    static let fullDraft: JSONDraft = {
        func draft(_ value: Any) -> JSONDraft {
            if type(of: value) == Bool.self { return .bool(value as! Bool) }
            switch value {
            case is NSNull: return .null
            case let number as NSNumber where String(cString: number.objCType) == "c": return .bool(number.boolValue)
            case let number as NSNumber: return .number("\(number)")
            case let text as String: return .string(text)
            case let array as [Any]: return .array(array.map(draft))
            case let object as [String: Any]: return .object(object.keys.sorted().map { ($0, draft(object[$0]!)) })
            default: fatalError("unexpected JSON value \(value)")
            }
        }
        return draft(try! JSONSerialization.jsonObject(with: Data(fullExample.utf8)))
    }()

    static func specialCases() -> [[UInt8]] {
        var cases: [String] = [
            "", " ", "null", "[]", "{}", "1", "\"x\"", "true", "{", "}", "{\"days\": NaN}", "{\"days\": Infinity}",
            "{\"days\": 1e400}", "{\"days\": -1e400}", "{\"days\": 7, \"days\": 8}", "{\"energy\": 1999.9999999999998}",
            "{\"portions\": {\"maxServingsPerMeal\": 1.0000000000000002}}", "{\"profile\": {}}", "{\"profile\": null}",
            "{\"objective\": {\"weights\": {}}}", "{\"objective\": {}}", "{\"variety\": {\"mealGroups\": [{}]}}",
            "{\"nutrients\": [{\"nutrient\": \"x\"}]}", "{\"meals\": []}", "{\"meals\": null}",
            "{\"profile\": {\"sex\": \"male\", \"lifeStage\": \"pregnant\"}}", "{\"profile\": {\"sex\": \"female\", \"age\": 5}}",
            "{\"excludeAllergens\": [\"fish\\nsauce\"]}", "{\"objective\": \"cost\\r\\nsugar\"}", "{\"weird\\nkey\": 1}",
            "{\"profile\": {\"sex\": \"fe\\u2028male\"}}", "{\"variety\": {\"mealGroups\": [{\"name\": \"a\\nb\", \"groups\": []}]}}",
            "{\"variety\": {\"mealGroups\": [{\"name\": \"x\\ny\", \"groups\": [\"vegetable\"], \"minServings\": 99}]}}",
            "{\"days\": \"\\ud800\"}", "{\"diets\": [\"\\udc00\\ud800\"]}", "{\"days\": 1}garbage", "{\"days\": 1}\n\n",
            "\u{FEFF}{\"days\": 2}",
        ]
        cases.append("{\"excludeFoods\": [\"" + String(repeating: "f", count: 1 << 20) + "\"]}")
        cases.append("{\"objective\": \"" + String(repeating: "o", count: 1 << 20) + "\"}")
        cases.append("{" + (0 ..< 10_000).map { "\"k\($0)\": \($0)" }.joined(separator: ", ") + "}")
        cases.append("{\"nutrients\": [" + (0 ..< 10_000).map { "{\"nutrient\": \"c\($0)_mg\", \"min\": \($0)}" }.joined(separator: ",") + "]}")
        for depth in [100, 511, 512, 513, 10_000, 100_000] {
            cases.append("{\"profile\": " + String(repeating: "[", count: depth) + String(repeating: "]", count: depth) + "}")
            cases.append("{\"meals\": " + String(repeating: "{\"a\":", count: depth) + "1" + String(repeating: "}", count: depth) + "}")
        }
        var bytes = cases.map { Array($0.utf8) }
        bytes.append([0xFF, 0xFE] + Array("{\"days\": 2}".utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
        bytes.append(Array("{\"days\": 2, \"excludeFoods\": [\"".utf8) + [0xC3, 0x28] + Array("\"]}".utf8))
        bytes.append(Array("{\"days\": 2, \"excludeFoods\": [\"".utf8) + [0xED, 0xA0, 0x80] + Array("\"]}".utf8))
        bytes.append([0x00, 0x00, 0x00, 0x7B, 0x00, 0x00, 0x00, 0x7D])
        return bytes
    }

    static func makeCase(_ rng: inout SplitMix64) -> (bytes: [UInt8], label: String) {
        var value: JSONDraft
        var labels: [String] = []
        switch rng.below(10) {
        case 0 ..< 4:
            value = plausible(&rng)
            labels.append("plausible")
        case 4 ..< 6:
            value = fullDraft
            labels.append("example")
        case 6 ..< 8:
            value = plausible(&rng)
            labels.append("plausible, changed")
        default:
            value = rng.chance(0.8) ? .object((0 ..< rng.int(0 ... 6)).map { _ in (rng.pick(topKeys), randomValue(&rng)) }) : randomValue(&rng)
            labels.append("random")
        }
        if labels[0] != "plausible" {
            for _ in 0 ..< rng.int(labels[0] == "example" ? 1 ... 3 : 0 ... 2) { labels.append(change(&value, &rng)) }
        }
        var bytes = Array(value.text(spaced: rng.chance(0.5)).utf8)
        if rng.chance(0.12) { labels.append(changeBytes(&bytes, &rng)) }
        return (bytes, labels.joined(separator: ", "))
    }
}

// MARK: - Flags

enum FlagFuzz {
    static let ids = SmallTable.table.ids

    /// Values for each option: some valid, some not.
    static let options: [(flag: String, values: [String])] = [
        ("--sex", ["female", "male", "female", "male", "Female", "other", ""]),
        ("--age", ["30", "14", "50", "120", "13", "121", "5", "-1", "99999999999999999999", "abc", "30.5"]),
        ("--activity", ["sedentary", "moderate", "active", "lazy"]),
        ("--kcal", ["2000", "1800.5", "500", "10000", "499", "10001", "NaN", "nan", "inf", "-1", "1e308", "0x10"]),
        ("--potassium-min", ["2600", "3000", "0", "-5", "NaN", "1e9", "1e10", "inf", "abc", "4700"]),
        ("--potassium-max", ["3500", "5000", "100", "0", "nan", "-inf"]),
        ("--sodium-max", ["1500", "2300", "0", "-1", "1e9"]),
        ("--sugar-max", ["50", "25", "0", "nan"]),
        ("--added-sugar-max", ["10", "-3"]),
        ("--fiber-min", ["25", "30", "200", "-1"]),
        ("--protein-min", ["46", "60", "1e9"]),
        ("--calcium-min", ["1000", "800", "inf"]),
        ("--magnesium-min", ["310", "400"]),
        ("--nutrient", ["iron_mg:18:", "sodium_mg::600:dinner", "potassium_mg:1000:500", "bad", "x:::", ":1:2", "kcal:a:b",
                        "fiber_g:5::brunch", "fiber_g:nan:", "fiber_g:1e400:", "fiber_g:5:10:day", "protein_g:10::L",
                        "a:1:2:3:4", "kcal:::", "calcium_mg:-5:"]),
        ("--days", ["1", "2", "7", "0", "29", "28", "-1", "NaN", "1.5", "99999999999999999999", ""]),
        ("--portion-step", ["0.25", "0.5", "1", "0.3", "0", "-1", "nan"]),
        ("--max-servings-per-meal", ["2", "0.25", "20", "0.1", "21", "nan"]),
        ("--max-servings-per-day", ["3", "60", "0", "61"]),
        ("--max-servings-per-week", ["7", "400", "0.2", "401"]),
        ("--max-foods-per-meal", ["4", "0", "1", "100000", "100001", "-2"]),
        ("--max-days-per-food", ["3", "0", "28", "-1"]),
        ("--min-foods-per-day", ["3", "0", "-1", "100001"]),
        ("--min-foods-per-week", ["5", "0", "-1"]),
        ("--max-grams-per-day", ["2500", "1", "0", "100001", "nan"]),
        ("--diet", ["vegan", "vegetarian", "pescatarian", "gluten-free", "dairy-free", "keto", "Vegan"]),
        ("--exclude", ["peanuts", "milk,egg", "nonsense", ",,", "tree nuts", "dairy", "fish, shellfish", "milk,,soy"]),
        ("--exclude-food", ["banana", "lentils,oatmeal", "no-such-food", ""]),
        ("--exclude-group", ["fruit", "sweet,fat-condiment", "no-such-group"]),
        ("--include-food", ["lentils", "banana", "no-such-food"]),
        ("--favorite", ["oatmeal", "salmon-baked", "no-such-food"]),
        ("--objective", ["cost", "sugar", "potassium", "energy", "sodium", "fun", ""]),
        ("--weights", ["cost=1,sugar=0.1", "cost=x", "=1", "cost=1e7", "potassium=-1", "cost=nan", "cost", "cost=1,,energy=2"]),
        ("--time-limit", ["4", "0", "0.05", "1e9", "nan", "10"]),
        ("--gap", ["0.005", "-1", "2", "nan", "0"]),
        ("--format", ["table", "json", "csv", "markdown", "html", "xml"]),
        ("--width", ["100", "40", "39", "1000", "1001"]),
    ]
    static let switches = ["--pregnant", "--lactating", "--relax", "--no-variety", "--no-meal-groups", "--show-timing", "--verbose"]
    static let junk = ["--bogus", "-z", "--sex=female", "--days=1", "extra", "--", "--kcal", "-", "--no-such-flag=1", "-v"]

    /// Flags that must parse (sex, one or two days and valid values only).
    static let validOptions: [(flag: String, values: [String])] = [
        ("--age", ["30", "14", "50", "70"]),
        ("--activity", ["sedentary", "moderate", "active"]),
        ("--kcal", ["1800", "2000", "2400.5"]),
        ("--potassium-min", ["2000", "2600", "3400", "4700"]),
        ("--potassium-max", ["6000", "8000"]),
        ("--sodium-max", ["1500", "2300", "100"]),
        ("--sugar-max", ["50", "40", "5"]),
        ("--fiber-min", ["25", "30"]),
        ("--protein-min", ["46", "90", "250"]),
        ("--calcium-min", ["1000", "1200"]),
        ("--nutrient", ["sodium_mg::600:dinner", "fiber_g:5::breakfast", "protein_g:10::L", "calcium_mg:300:", "kcal::2600"]),
        ("--portion-step", ["0.25", "0.5", "1"]),
        ("--max-servings-per-meal", ["1.5", "2", "3"]),
        ("--max-foods-per-meal", ["3", "4", "5"]),
        ("--min-foods-per-day", ["4", "6"]),
        ("--max-days-per-food", ["1", "2"]),
        ("--max-grams-per-day", ["2000", "3000", "600"]),
        ("--diet", ["vegan", "vegetarian", "pescatarian", "gluten-free", "dairy-free"]),
        ("--exclude", ["peanuts", "milk,egg", "fish", "soy"]),
        // Not the included foods below (a food both included and excluded is a usage error).
        ("--exclude-food", ["orange", "raisins,oatmeal"]),
        ("--exclude-group", ["fruit", "sweet"]),
        ("--include-food", ["lentils", "banana", "kale-cooked"]),
        ("--favorite", ["oatmeal", "salmon-baked"]),
        ("--objective", ["cost", "sugar", "potassium", "energy", "sodium"]),
        ("--weights", ["cost=1,sugar=0.1", "potassium=1", "cost=1,energy=0.5"]),
        ("--gap", ["0.005", "0.05"]),
    ]

    static func arguments(_ rng: inout SplitMix64, valid: Bool) -> [String] {
        var arguments: [String] = []
        if valid {
            arguments += ["--sex", rng.pick(["female", "male"]), "--days", rng.pick(["1", "2"])]
            var pool = validOptions
            rng.shuffle(&pool)
            for option in pool.prefix(rng.int(0 ... 5)) { arguments += [option.flag, rng.pick(option.values)] }
            for flag in ["--relax", "--no-variety", "--no-meal-groups"] where rng.chance(0.1) { arguments.append(flag) }
            // Valid values that leave no plan on the small table (the last value of a flag wins).
            if rng.chance(0.25) {
                arguments += rng.pick([["--sodium-max", "100"], ["--max-grams-per-day", "600"], ["--protein-min", "250"], ["--sugar-max", "5"]])
            }
            if arguments.contains("male") { return arguments }
            if rng.chance(0.1) { arguments += ["--pregnant", "--age", "30"] }
            return arguments
        }
        if rng.chance(0.2) { arguments.append(rng.pick(["plan", "plan", "foods"])) }
        if rng.chance(0.85) { arguments += ["--sex", rng.pick(options[0].values)] }
        for _ in 0 ..< rng.int(0 ... 6) {
            let option = rng.pick(options)
            if rng.chance(0.1) {
                arguments.append("\(option.flag)=\(rng.pick(option.values))")
            } else {
                arguments += [option.flag, rng.pick(option.values)]
            }
        }
        for _ in 0 ..< rng.int(0 ... 2) where rng.chance(0.5) { arguments.append(rng.pick(switches)) }
        if rng.chance(0.15) { arguments.insert(rng.pick(junk), at: rng.below(arguments.count + 1)) }
        if rng.chance(0.1), !arguments.isEmpty { arguments.removeLast() }
        return arguments
    }
}

// MARK: - Tests

/// A message with its quoted parts, parentheses and numbers blanked, to count messages by kind.
func messageKind(_ message: some StringProtocol) -> String {
    String(message).replacingOccurrences(of: #"'[^']*'|\([^)]*\)|-?\d+(\.\d+)?"#, with: "…", options: .regularExpression)
        .trimmingCharacters(in: .whitespaces)
}

@Suite("fuzz")
struct FuzzTests {
    @Test func foodTablesLoadOrFailInOneLine() throws {
        let oneLine = try Regex(#"[^:\n]+:(\d+:\d+: |\s)?.+"#)
        var loaded = 0, failed = 0, validCases = 0, specialCases = 0
        var messages: [String: Int] = [:]
        func check(_ testCase: FoodTableCase, _ name: String, expectedError: String? = nil) {
            do {
                let table = try FoodTable.parse(testCase.bytes, fileName: FoodTableFuzz.fileName)
                loaded += 1
                let problems = FoodTableFuzz.problems(of: table, bytes: testCase.bytes)
                #expect(problems.isEmpty, "\(name) (\(testCase.label)): \(problems)")
                if let expectedError { Issue.record("\(name) (\(testCase.label)): loaded, expected \(expectedError)") }
                if let ids = testCase.expectedIDs {
                    #expect(table.ids == ids, "\(name) (\(testCase.label))")
                    if let potassium = testCase.expectedPotassium {
                        let loadedPotassium = table.nutrientIndex(.potassium).map { table.nutrientValues[$0] } ?? []
                        #expect(loadedPotassium.map { $0.isNaN ? "-" : "\($0)" } == potassium.map { $0.isNaN ? "-" : "\($0)" },
                                "\(name) (\(testCase.label))")
                    }
                }
            } catch {
                failed += 1
                let text = error.description
                if testCase.expectedIDs != nil { Issue.record("\(name) (\(testCase.label)): a valid table failed: \(text)") }
                if let expectedError { #expect(text == expectedError, "\(name) (\(testCase.label))") }
                #expect(isOneLine(text) && text.wholeMatch(of: oneLine) != nil, "\(name) (\(testCase.label)): \(text.debugDescription)")
                #expect(text.hasPrefix(FoodTableFuzz.fileName + ":"), "\(name): \(text)")
                if let line = error.line {
                    let lines = FoodTableFuzz.lineCount(testCase.bytes)
                    #expect((1 ... lines).contains(line) && (error.column ?? 0) >= 1, "\(name): \(text) (\(lines) lines)")
                }
                #expect(!error.message.isEmpty && !error.message.hasPrefix(" "), "\(name): \(text)")
                messages[messageKind(error.message), default: 0] += 1
            }
        }
        for seed: UInt64 in [1, 2, 3] {
            var rng = SplitMix64(seed: seed)
            for index in 0 ..< 1_100 {
                let testCase = FoodTableFuzz.makeCase(&rng)
                if testCase.expectedIDs != nil { validCases += 1 }
                check(testCase, "seed \(seed) case \(index)")
            }
        }
        for (index, (testCase, expectedError)) in FoodTableFuzz.specialCases().enumerated() {
            specialCases += 1
            check(testCase, "special case \(index)", expectedError: expectedError)
        }
        print("food table fuzz: \(loaded + failed) tables (\(specialCases) special, \(validCases) valid by construction): \(loaded) loaded, \(failed) rejected")
        print("food table fuzz: most frequent rejections: " + messages.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.prefix(12).map { "\($0.value) × \($0.key)" }.joined(separator: "; "))
        #expect(loaded + failed >= 3_000)
        // Numbers out of their column's range (FoodValueRange) are rejected too.
        #expect(loaded >= 400 && failed >= 1_000)
    }

    @Test func requestsDecodeOrFailInOneLine() throws {
        var decoded = 0, failed = 0
        var messages: [String: Int] = [:]
        func check(_ bytes: [UInt8], _ name: String, fileName: String) {
            do {
                let request = try PlanRequestCoding.decode(Data(bytes), fileName: fileName)
                decoded += 1
                #expect(throws: Never.self, "\(name)") { try request.validate() }
                let again = try PlanRequestCoding.decode(PlanRequestCoding.encode(request), fileName: fileName)
                if again != request {
                    let before = String(decoding: PlanRequestCoding.encode(request), as: UTF8.self).split(separator: "\n")
                    let after = String(decoding: PlanRequestCoding.encode(again), as: UTF8.self).split(separator: "\n")
                    let first = zip(before, after).first { $0 != $1 }.map { "\($0.0) became \($0.1)" } ?? "(same JSON)"
                    Issue.record("\(name): the request changes in an encode/decode round trip: \(first)")
                }
            } catch let error as PlanRequestError {
                failed += 1
                let text = error.description
                #expect(isOneLine(text), "\(name): \(text.prefix(300).debugDescription)")
                // `FILE: ...`, or `FILE:LINE:COLUMN: ...` for a trailing comma or a duplicate key.
                let located = text.wholeMatch(of: /(.+?):(\d+):(\d+): (trailing comma|duplicate key|not valid JSON).*/).map { $0.1 == fileName } ?? false
                #expect((text.hasPrefix("\(fileName): ") || located) && text.count > fileName.count + 2, "\(name): \(text.prefix(300))")
                var rest = text.dropFirst(fileName.count + 2)
                if located, let space = rest.firstIndex(of: " ") { rest = rest[rest.index(after: space)...] }
                if let colon = rest.firstRange(of: ": "), !rest[..<colon.lowerBound].contains(" ") { rest = rest[colon.upperBound...] }
                messages[messageKind(rest), default: 0] += 1
            } catch {
                Issue.record("\(name): not a PlanRequestError: \(error)")
            }
        }
        let fileNames = ["request.json", "week 1.json", "r.json"]
        for seed: UInt64 in [11, 12, 13] {
            var rng = SplitMix64(seed: seed)
            for index in 0 ..< 1_100 {
                let (bytes, label) = RequestFuzz.makeCase(&rng)
                check(bytes, "seed \(seed) case \(index) (\(label))", fileName: fileNames[index % fileNames.count])
            }
        }
        let special = RequestFuzz.specialCases()
        for (index, bytes) in special.enumerated() {
            check(bytes, "special case \(index) (\(String(decoding: bytes.prefix(80), as: UTF8.self).debugDescription))", fileName: "special.json")
        }
        print("request fuzz: \(decoded + failed) requests (\(special.count) special): \(decoded) decoded and validated, \(failed) rejected")
        print("request fuzz: most frequent rejections: " + messages.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.prefix(12).map { "\($0.value) × \($0.key)" }.joined(separator: "; "))
        #expect(decoded + failed >= 3_000)
        #expect(decoded >= 500 && failed >= 1_000)
    }

    @Test func flagsParseOrFailWithUsage() throws {
        let folder = try TemporaryFolder("flag-fuzz")
        let requestFiles = [
            try folder.write("days-1.json", #"{"days": 1, "profile": {"sex": "male", "age": 40}}"#),
            try folder.write("bad.json", #"{"days": "one"}"#),
            folder.path("missing.json"),
        ]
        var usageErrors = 0, requestErrors = 0, unreadable = 0, valid = 0, plans = 0, noPlans = 0, buildErrors = 0, planned: [String] = []
        // A parse takes about 0.1 s in a debug build, so the cases are few but varied.
        let cases = 180
        var rng = SplitMix64(seed: 21)
        var solveTime = Duration.zero, caseTime = Duration.zero
        let clock = ContinuousClock()
        for index in 0 ..< cases {
            let wantsValid = index % 3 == 2
            var arguments = FlagFuzz.arguments(&rng, valid: wantsValid)
            if !wantsValid && rng.chance(0.12) { arguments += ["--request", rng.pick(requestFiles)] }
            let name = "case \(index): planner \(arguments.joined(separator: " "))"
            let command: PlanCommand
            let caseStart = clock.now
            defer { caseTime += clock.now - caseStart }
            do {
                let parsed = try PlannerMain.parse(arguments)
                guard let plan = parsed as? PlanCommand else {
                    // `planner foods ...` is another command; it parsed, which is all this test asks.
                    #expect(arguments.first == "foods", "\(name): parsed as \(type(of: parsed))")
                    continue
                }
                command = plan
            } catch {
                usageErrors += 1
                #expect(!wantsValid, "\(name): \(PlannerCommand.message(for: error))")
                #expect(!PlannerCommand.message(for: error).isEmpty, "\(name)")
                #expect(PlannerCommand.exitCode(for: error) == ExitCode(PlannerExit.usage), "\(name): \(PlannerCommand.message(for: error))")
                continue
            }
            let request: PlanRequest
            do {
                request = try command.requestOptions.makeRequest()
            } catch let error as ValidationError {
                usageErrors += 1
                #expect(!wantsValid, "\(name): \(error.message)")
                #expect(!error.message.isEmpty && isOneLine(error.message), "\(name)")
                #expect(PlannerCommand.exitCode(for: error) == ExitCode(PlannerExit.usage), "\(name)")
                continue
            } catch let error as PlanRequestError {
                // Only a request file that is wrong (the flags' own problems are usage errors).
                requestErrors += 1
                #expect(!wantsValid && arguments.contains("--request"), "\(name): \(error)")
                #expect(!error.description.isEmpty && isOneLine(error.description), "\(name)")
                #expect(describe(error).1 == PlannerExit.badData, "\(name)")
                continue
            } catch let error as InputFileError {
                unreadable += 1
                #expect(!wantsValid && arguments.contains("--request"), "\(name): \(error)")
                #expect(describe(error).1 == PlannerExit.cannotRead, "\(name)")
                continue
            } catch {
                Issue.record("\(name): unexpected error \(type(of: error)): \(error)")
                continue
            }
            valid += 1
            #expect(throws: Never.self, "\(name)") { try request.validate() }
            if let days = command.requestOptions.days { #expect(request.days == days, "\(name)") }
            if let age = command.requestOptions.age { #expect(request.profile?.age == age, "\(name)") }
            if let potassium = command.requestOptions.potassiumMin {
                #expect(request.resolvedNutrientRules.contains { $0.nutrient == "potassium_mg" && $0.scope == .day && $0.minimum == potassium }
                        || (potassium == 0), "\(name)")
            }
            guard wantsValid, request.days <= 2, planned.count < 30 else { continue }
            planned.append(name)
            let table = SmallTable.table
            let start = clock.now
            do {
                switch try WeeklyPlanner(table: table, request: request, solver: GLPKSolver()).plan() {
                case .noPlan(let infeasibility):
                    noPlans += 1
                    #expect(!infeasibility.sentence.isEmpty && isOneLine(infeasibility.sentence), "\(name)")
                    #expect(infeasibility.sentence.hasPrefix("No plan"), "\(name): \(infeasibility.sentence)")
                case .plan(let plan):
                    let violations = PlanValidator(table: table, request: request).violations(of: plan.items, relaxed: plan.quality == .relaxed)
                    #expect(violations.isEmpty, "\(name): \(violations)")
                    plans += 1
                    #expect(!plan.items.isEmpty, "\(name)")
                }
            } catch let error as PlanBuildError {
                buildErrors += 1
                #expect(isOneLine(error.description), "\(name)")
            } catch {
                Issue.record("\(name): the planner failed: \(error)")
            }
            solveTime += clock.now - start
        }
        print("flag fuzz: \(cases) argument lists: \(valid) valid requests, \(usageErrors) usage errors (exit 64), \(requestErrors) bad request files (exit 65), \(unreadable) unreadable request files (exit 66)")
        print("flag fuzz: \(planned.count) planned in-process: \(plans) plans (validator: no violations), \(noPlans) with no plan, \(buildErrors) build errors; all cases took \(caseTime), solving \(solveTime)")
        #expect(planned.count == 30)
        #expect(usageErrors >= 50 && valid >= 50)
    }
}

/// Cases the fuzz tests found, kept as plain tests.
@Suite("fuzz findings")
struct FuzzFindingTests {
    /// Foundation reads numbers of 17 significant digits as decimals; the request reader must
    /// still give the nearest Double, or a saved plan's request drifts on every round trip.
    @Test func requestNumbersAreReadExactly() throws {
        let json = #"{"energy": 1999.9999999999998, "portions": {"maxServingsPerMeal": 1.0000000000000002}, "objective": {"weights": {"sugar": -910278.3785610299}}}"#
        let request = try PlanRequestCoding.decode(Data(json.utf8), fileName: "r.json")
        #expect(request.energyTarget == 1999.9999999999998)
        #expect(request.maxServingsPerMeal == 1.0000000000000002)
        #expect(request.objective == .weighted([.init(kind: .sugar, weight: -910278.3785610299)]))
        #expect(try PlanRequestCoding.decode(PlanRequestCoding.encode(request), fileName: "r.json") == request)
    }

    /// Line breaks and other control characters quoted from the input are escaped, so that an
    /// error stays one line.
    @Test(arguments: [
        ("{\"weird\\nkey\": 1}", #"r.json: weird\nkey: unknown key (expected one of "#),
        ("{\"profile\": {\"sex\": \"fe\\u2028male\"}}", #"r.json: profile.sex: 'fe\u{2028}male' is not one of female, male"#),
        ("{\"diets\": [\"vegan\\u000b\"]}", #"r.json: diets[0]: 'vegan\u{B}' is not one of "#),
    ])
    func requestErrorsStayOnOneLine(json: String, start: String) {
        do {
            _ = try PlanRequestCoding.decode(Data(json.utf8), fileName: "r.json")
            Issue.record("expected an error")
        } catch {
            #expect("\(error)".hasPrefix(start), "\(error)")
            #expect(isOneLine("\(error)"))
        }
    }

    @Test(arguments: [
        ("id,name,meals\na,b,lu\u{0B}nch\n", #"t.csv:2:5: meals: unknown meal slot 'lu\u{B}nch' (expected breakfast, lunch, dinner, snack)"#),
        ("id,name,meals,kcal\na,b,L,1\u{0C}2\n", #"t.csv:2:7: kcal: '1\u{C}2' is not a number"#),
        ("id,na\u{85}me,meals\n", #"t.csv:1:4: 'na\u{85}me' is not a valid column name (expected [A-Za-z][A-Za-z0-9_]*)"#),
        ("id,name,meals\n\"a\u{2028}\",b,L\n", #"t.csv:2:1: id: 'a\u{2028}' is not a valid id (expected [A-Za-z0-9][A-Za-z0-9._-]*, at most 64 characters)"#),
    ])
    func foodTableErrorsStayOnOneLine(csv: String, message: String) {
        #expect(throws: FoodTableError.self) { try FoodTable.parse(text: csv, fileName: "t.csv") }
        do {
            _ = try FoodTable.parse(text: csv, fileName: "t.csv")
        } catch {
            #expect(error.description == message)
        }
    }

    /// A one-day plan must hold an included food (found by the flag fuzz test).
    @Test func aOneDayPlanHoldsAnIncludedFood() throws {
        var request = PlanRequest(profile: Profile(sex: .female))
        request.days = 1
        request.includeFoods = ["lentils"]
        guard case .plan(let plan) = try WeeklyPlanner(table: SmallTable.table, request: request, solver: GLPKSolver()).plan() else {
            Issue.record("expected a plan")
            return
        }
        #expect(PlanValidator(table: SmallTable.table, request: request).violations(of: plan.items).isEmpty)
        #expect(plan.items.contains { SmallTable.table.ids[$0.food] == "lentils" })
    }

    /// `planner --sex male --days 1 --objective sodium --fiber-min 30 --min-foods-per-day 4 --relax`
    /// exits 70: its own validator rejects the relaxed plan.
    @Test func aRelaxedPlanPassesTheValidator() throws {
        var request = PlanRequest(profile: Profile(sex: .male))
        request.days = 1
        request.relaxPortions = true
        request.objective = .sodium
        request.minFoodsPerDay = 4
        request.nutrientRules = [NutrientRule(nutrient: "fiber_g", minimum: 30, maximum: nil, source: "command line")]
        guard case .plan(let plan) = try WeeklyPlanner(table: SmallTable.table, request: request, solver: GLPKSolver()).plan() else {
            Issue.record("expected a plan")
            return
        }
        #expect(plan.quality == .relaxed)
        #expect(PlanValidator(table: SmallTable.table, request: request).violations(of: plan.items, relaxed: true).isEmpty)
    }

    /// `planner --sex female --pregnant --days 2 --protein-min 250 --fiber-min 25 --no-meal-groups`
    /// exits 11 ("no weekly plan found within 30 s") after a fraction of a second; the same rules
    /// for one day give a plan. The answer must be a plan or "No plan ...", not a time limit.
    @Test func aWeekWithoutAPlanIsNotATimeLimit() throws {
        var request = PlanRequest(profile: Profile(sex: .female, lifeStage: .pregnant))
        request.days = 2
        request.mealGroupRules = []
        request.nutrientRules = [
            NutrientRule(nutrient: "fiber_g", minimum: 25, maximum: nil, source: "command line"),
            NutrientRule(nutrient: "protein_g", minimum: 250, maximum: nil, source: "command line"),
        ]
        let clock = ContinuousClock()
        let start = clock.now
        switch try WeeklyPlanner(table: SmallTable.table, request: request, solver: GLPKSolver()).plan() {
        case .noPlan(let infeasibility): #expect(infeasibility.sentence.hasPrefix("No plan"))
        case .plan(let plan): #expect(PlanValidator(table: SmallTable.table, request: request).violations(of: plan.items).isEmpty)
        }
        #expect(clock.now - start < .seconds(15))
    }
}
