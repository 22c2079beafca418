import ArgumentParser
import Foundation
import MealPlanning

/// `planner foods`: lists, filters, searches and sorts the food table.
public struct FoodsCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "foods",
        abstract: "List and search the food table.",
        discussion: """
            Prints the matching foods as an aligned table (nutrients per serving, — for a missing \
            value) followed by a line 'N of M foods' (N shown, M matching), or as CSV in the food \
            table format.
            """)

    public enum Format: String, CaseIterable, ExpressibleByArgument, Sendable {
        case table, csv
    }

    @OptionGroup public var foodTable: FoodTableOptions

    @Option(help: "Show foods whose name, id or group contains this text (any case).")
    public var search: String?

    @Option(help: ArgumentHelp(
        "Sort by a nutrient (largest first; e.g. potassium, kcal, fiber_g), by price (cheapest first) or by name.",
        valueName: "key"))
    public var sort: String?

    @Option(help: "Show foods suited to this meal (breakfast, lunch, dinner, snack or B, L, D, S).")
    public var meal: String?

    @Option(help: "Show foods of this group (any case).")
    public var group: String?

    @Option(help: "Show foods suited to this diet (\(Diet.allCases.map(\.rawValue).joined(separator: ", "))).")
    public var diet: String?

    @Option(help: "Show at most this many foods; 0 shows all.")
    public var limit: Int = 20

    @Option(help: "table or csv.")
    public var format: Format = .table

    public init() {}

    public func validate() throws {
        if limit < 0 { throw ValidationError("--limit must be 0 (all) or more, not \(limit)") }
        if let meal, MealSlot(token: meal) == nil {
            throw ValidationError("unknown meal '\(meal)' (expected breakfast, lunch, dinner, snack)")
        }
        if let diet, Diet(rawValue: diet.lowercased()) == nil {
            throw ValidationError(
                "unknown diet '\(diet)' (expected \(Diet.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
    }

    public func run() throws {
        print(try render(), terminator: "")
    }

    /// Loads the table named by the options and renders it.
    public func render() throws -> String {
        try render(foodTable.load())
    }

    /// The command's output for a table.
    public func render(_ table: FoodTable) throws -> String {
        let matching = try sortedMatches(in: table)
        let shown = limit == 0 ? matching : Array(matching.prefix(limit))
        switch format {
        case .csv:
            return table.csvText(rows: shown)
        case .table:
            return FoodListing(table: table, rows: shown).text + "\(shown.count) of \(matching.count) foods\n"
        }
    }

    /// The indices of the foods that pass the filters, in output order.
    func sortedMatches(in table: FoodTable) throws -> [Int] {
        let query = search?.lowercased()
        let wantedGroup = group?.lowercased()
        let wantedMeal = meal.flatMap { MealSlot(token: $0) }
        let wantedDiet = diet.flatMap { Diet(rawValue: $0.lowercased()) }
        var matches: [Int] = []
        for food in 0 ..< table.count {
            if let wantedMeal, !table.meals[food].contains(wantedMeal) { continue }
            if let wantedDiet, !table.diets[food].contains(wantedDiet) { continue }
            if let wantedGroup, table.groups[food].lowercased() != wantedGroup { continue }
            if let query, !query.isEmpty,
               !table.names[food].lowercased().contains(query), !table.ids[food].lowercased().contains(query),
               !table.groups[food].lowercased().contains(query) { continue }
            matches.append(food)
        }
        guard let sort else { return matches }
        let ids = table.ids
        switch sort.lowercased() {
        case "name":
            let names = table.names.map { $0.lowercased() }
            return matches.sorted { (names[$0], ids[$0]) < (names[$1], ids[$1]) }
        case "price":
            return Self.sorted(matches, by: table.prices, descending: false, ids: ids)
        default:
            guard let nutrient = Nutrient.named(sort, among: table.nutrients),
                  let column = table.nutrientIndex(nutrient) else {
                let keys = table.nutrients.map(\.key).joined(separator: ", ")
                throw ValidationError("unknown sort key '\(sort)' (expected name, price or a nutrient: \(keys))")
            }
            return Self.sorted(matches, by: table.nutrientValues[column], descending: true, ids: ids)
        }
    }

    /// Sorts by a number column, missing values (NaN) last, ties by id.
    static func sorted(_ foods: [Int], by values: [Double], descending: Bool, ids: [String]) -> [Int] {
        foods.sorted { left, right in
            let a = values[left]
            let b = values[right]
            if a.isNaN != b.isNaN { return b.isNaN }
            if !a.isNaN && a != b { return descending ? a > b : a < b }
            return ids[left] < ids[right]
        }
    }
}

/// The aligned table of `planner foods`, at most 100 characters wide.
struct FoodListing {
    static let width = 100
    static let gap = "  "
    static let missing = "—"

    let table: FoodTable
    let rows: [Int]

    struct NumberColumn {
        let title: String
        let unit: String
        let value: (Int) -> Double?
        let decimals: Int
    }

    var numberColumns: [NumberColumn] {
        func nutrient(_ nutrient: Nutrient, _ title: String, _ unit: String, decimals: Int) -> NumberColumn {
            NumberColumn(title: title, unit: unit, value: { table.value(nutrient, food: $0) }, decimals: decimals)
        }
        return [
            nutrient(.energy, "kcal", "", decimals: 0),
            nutrient(.potassium, "potassium", "mg", decimals: 0),
            nutrient(.sodium, "sodium", "mg", decimals: 0),
            nutrient(.sugars, "sugars", "g", decimals: 1),
            nutrient(.fiber, "fiber", "g", decimals: 1),
            NumberColumn(title: "price", unit: "USD", value: { table.price(food: $0) }, decimals: 2),
        ]
    }

    var text: String {
        let columns = numberColumns
        let numbers = columns.map { column in
            rows.map { food in column.value(food).map { Self.fixed($0, decimals: column.decimals) } ?? Self.missing }
        }
        let numberWidths = columns.indices.map { index in
            ([columns[index].title, columns[index].unit] + numbers[index]).map(\.count).max() ?? 0
        }
        let ids = rows.map { Self.oneLine(table.ids[$0]) }
        let names = rows.map { Self.oneLine(table.names[$0]) }
        let servings = rows.map { Self.serving(table, food: $0) }

        // The text columns share what the numbers leave: id and serving up to a cap, the name the rest.
        let budget = Self.width - numberWidths.reduce(0, +) - Self.gap.count * (columns.count + 2)
        var idWidth = min(max(2, ids.map(\.count).max() ?? 0), 20)
        var servingWidth = min(max(7, servings.map(\.count).max() ?? 0), 22)
        let nameMinimum = 16
        if budget - idWidth - servingWidth < nameMinimum {
            let deficit = nameMinimum - (budget - idWidth - servingWidth)
            let fromServing = min(deficit, max(0, servingWidth - 12))
            servingWidth -= fromServing
            idWidth -= min(deficit - fromServing, max(0, idWidth - 10))
        }
        let nameWidth = max(4, min(max(4, names.map(\.count).max() ?? 0), budget - idWidth - servingWidth))

        func line(_ texts: [String], _ numberTexts: [String]) -> String {
            var parts = [
                Self.fit(texts[0], idWidth), Self.fit(texts[1], nameWidth), Self.fit(texts[2], servingWidth),
            ]
            for (index, text) in numberTexts.enumerated() {
                parts.append(String(repeating: " ", count: max(0, numberWidths[index] - text.count)) + text)
            }
            var result = parts.joined(separator: Self.gap)
            while result.last == " " { result.removeLast() }
            return result + "\n"
        }

        var output = line(["id", "name", "serving"], columns.map(\.title))
        output += line(["", "", ""], columns.map(\.unit))
        for (row, _) in rows.enumerated() {
            output += line([ids[row], names[row], servings[row]], numbers.map { $0[row] })
        }
        return output
    }

    /// `text` cut to `width` characters (the last one an ellipsis when cut), padded with spaces.
    static func fit(_ text: String, _ width: Int) -> String {
        if text.count > width { return String(text.prefix(width - 1)) + "…" }
        return text + String(repeating: " ", count: width - text.count)
    }

    /// Line breaks and tabs become spaces, so that a row stays on one line.
    static func oneLine(_ text: String) -> String {
        String(text.map { $0.isNewline || $0 == "\t" ? " " : $0 })
    }

    /// `1 medium (173 g)`, `0.5 cup (120.5 g)`, or `2 slice` without a weight.
    static func serving(_ table: FoodTable, food: Int) -> String {
        let quantity = short(table.servingQuantities[food], decimals: 2)
        var text = "\(quantity) \(oneLine(table.servingUnits[food]))"
        if let grams = table.grams(food: food) { text += " (\(short(grams, decimals: 1)) g)" }
        return text
    }

    /// A number with `decimals` decimals.
    static func fixed(_ value: Double, decimals: Int) -> String {
        let text = String(format: "%.\(decimals)f", value)
        return text.hasPrefix("-") && Double(text) == 0 ? String(text.dropFirst()) : text
    }

    /// A number with at most `decimals` decimals, trailing zeros dropped.
    static func short(_ value: Double, decimals: Int) -> String {
        var text = fixed(value, decimals: decimals)
        if text.contains(".") {
            while text.last == "0" { text.removeLast() }
            if text.last == "." { text.removeLast() }
        }
        return text
    }
}
