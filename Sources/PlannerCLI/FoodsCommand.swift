import ArgumentParser
import Foundation
import LinearProgramming
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

    @Option(help: ArgumentHelp("Show foods whose name, id or group contains this text (any case).", valueName: "text"))
    public var search: String?

    @Option(help: ArgumentHelp(
        "Sort by a nutrient (largest first; e.g. potassium, kcal, fiber_g), by price (cheapest first) or by name.",
        valueName: "key"))
    public var sort: String?

    @Option(help: "Show foods suited to this meal (breakfast, lunch, dinner, snack or B, L, D, S).")
    public var meal: String?

    @Option(help: ArgumentHelp("Show foods of this group (any case).", valueName: "group"))
    public var group: String?

    @Option(help: "Show foods suited to this diet (\(Diet.allCases.map(\.rawValue).joined(separator: ", "))).")
    public var diet: String?

    @Option(help: ArgumentHelp("Show foods with this role (\(FoodRole.allCases.map(\.rawValue).joined(separator: ", "))).", valueName: "role"))
    public var role: String?

    @Flag(name: .customLong("only-recipes"), help: "Show recipes only.")
    public var recipes = false

    @Flag(help: "Show the USDA food-pattern equivalents per serving (fruit, vegetables, grains, protein foods, dairy, added sugars) instead of nutrients.")
    public var equivalents = false

    @Option(help: ArgumentHelp("Print one food or recipe in full: nutrients, food-pattern equivalents, roles, pairing, ingredients.", valueName: "id"))
    public var show: String?

    @Option(help: ArgumentHelp("Show at most this many foods; 0 shows all.", valueName: "n"))
    public var limit: Int = 20

    @Option(help: "The output format.")
    public var format: Format = .table

    public init() {}

    /// `--show` names a food the table does not have.
    public struct UnknownFoodError: Error, Equatable, CustomStringConvertible {
        public var id: String
        public var suggestion: String
        public var description: String { "no food or recipe '\(id)' in the table\(suggestion)" }
    }

    /// `--sort` names neither a column of the table nor `name` or `price`.
    public struct UnknownSortKeyError: Error, Equatable, CustomStringConvertible {
        public var key: String
        public var nutrientKeys: [String]

        public var description: String {
            "unknown sort key '\(key)' (expected name, price or a nutrient: \(nutrientKeys.joined(separator: ", ")))"
        }
    }

    public func validate() throws {
        if limit < 0 { throw ValidationError("--limit must be 0 (all) or more, not \(limit)") }
        if let meal, MealSlot(token: meal) == nil {
            throw ValidationError("unknown meal '\(meal)' (expected breakfast, lunch, dinner, snack)")
        }
        if let role, FoodRole(rawValue: role.lowercased()) == nil {
            throw ValidationError("unknown role '\(role)' (expected \(FoodRole.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        if let diet, Diet(rawValue: diet.lowercased()) == nil {
            throw ValidationError(
                "unknown diet '\(diet)' (expected \(Diet.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
    }

    public func run() throws {
        try reportingErrors { try StandardOutput.shared.write(try render()) }
    }

    /// Loads the table named by the options and renders it.
    public func render() throws -> String {
        try render(foodTable.load())
    }

    /// The command's output for a table.
    public func render(_ table: FoodTable) throws -> String {
        if let show {
            guard let food = table.index(ofID: show) else {
                throw UnknownFoodError(id: show, suggestion: FoodTable.suggestion(show, among: table.ids))
            }
            return FoodDetail(table: table, food: food).text
        }
        let matching = try sortedMatches(in: table)
        let shown = limit == 0 ? matching : Array(matching.prefix(limit))
        switch format {
        case .csv:
            return table.csvText(rows: shown)
        case .table:
            let noun = recipes ? "recipes" : "foods"
            return FoodListing(table: table, rows: shown, equivalents: equivalents).text + "\(shown.count) of \(matching.count) \(noun)\n"
        }
    }

    /// The indices of the foods that pass the filters, in output order.
    func sortedMatches(in table: FoodTable) throws -> [Int] {
        let query = search?.lowercased()
        let wantedGroup = group?.lowercased()
        let wantedMeal = meal.flatMap { MealSlot(token: $0) }
        let wantedDiet = diet.flatMap { Diet(rawValue: $0.lowercased()) }
        let wantedRole = role.flatMap { FoodRole(rawValue: $0.lowercased()) }
        var matches: [Int] = []
        for food in 0 ..< table.count {
            if let wantedMeal, !table.meals[food].contains(wantedMeal) { continue }
            if let wantedDiet, !table.diets[food].contains(wantedDiet) { continue }
            if let wantedRole, !table.usages[food].roles.contains(wantedRole) { continue }
            if recipes, table.recipes[food] == nil { continue }
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
            return matches.map { (name: table.names[$0].lowercased(), id: ids[$0], food: $0) }
                .sorted { ($0.name, $0.id) < ($1.name, $1.id) }
                .map(\.food)
        case "price":
            return Self.sorted(matches, by: table.prices, descending: false, ids: ids)
        default:
            guard let nutrient = Nutrient.named(sort, among: table.nutrients),
                  let column = table.nutrientIndex(nutrient) else {
                throw UnknownSortKeyError(key: sort, nutrientKeys: table.nutrients.map(\.key))
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
    static let numberGap = " "
    static let missing = "—"

    let table: FoodTable
    let rows: [Int]
    var equivalents = false

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
        if equivalents {
            return [
                nutrient(.fruit, "fruit", "cup", decimals: 2),
                nutrient(.vegetables, "veg", "cup", decimals: 2),
                nutrient(.legumeVegetables, "beans", "cup", decimals: 2),
                nutrient(.grains, "grains", "oz", decimals: 2),
                nutrient(.wholeGrains, "whole", "oz", decimals: 2),
                nutrient(.proteinFoods, "protein", "oz", decimals: 2),
                nutrient(.dairy, "dairy", "cup", decimals: 2),
                nutrient(.addedSugars, "add.sug", "g", decimals: 1),
            ]
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
        let servings = rows.map { Self.serving(table, food: $0) + Self.roleText(table, food: $0) }

        // The text columns share what the numbers leave. When they do not fit, the name gives
        // way first (to 22 characters), then the serving (to 16) and the id (to 20, as ids are
        // what requests name), then all of them in turn.
        let budget = Self.width - numberWidths.reduce(0, +) - Self.numberGap.count * (columns.count - 1)
            - Self.gap.count * 3
        var widths = [
            max(2, ids.map(\.count).max() ?? 0), max(4, names.map(\.count).max() ?? 0),
            max(7, servings.map(\.count).max() ?? 0),
        ]
        var excess = widths.reduce(0, +) - budget
        let cuts = [(1, 22), (2, 16), (0, 20), (1, 16), (0, 16), (2, 12), (1, 8), (0, 8), (2, 8), (1, 4)]
        for (column, floor) in cuts where excess > 0 {
            let cut = min(excess, max(0, widths[column] - floor))
            widths[column] -= cut
            excess -= cut
        }
        let (idWidth, nameWidth, servingWidth) = (widths[0], widths[1], widths[2])

        func line(_ texts: [String], _ numberTexts: [String]) -> String {
            var parts = [
                Self.fit(texts[0], idWidth), Self.fit(texts[1], nameWidth), Self.fit(texts[2], servingWidth),
            ]
            let numbers = numberTexts.enumerated().map { index, text in
                String(repeating: " ", count: max(0, numberWidths[index] - text.count)) + text
            }
            parts.append(numbers.joined(separator: Self.numberGap))
            var result = parts.joined(separator: Self.gap)
            while result.last == " " { result.removeLast() }
            return result + "\n"
        }

        var output = line(["id", "name", "serving"], columns.map(\.title))
        output += line(["", "", ""], columns.map(\.unit))
        for row in rows.indices {
            output += line([ids[row], names[row], servings[row]], numbers.map { $0[row] })
        }
        return output
    }

    /// `  [main]`: the food's roles, when the table has them.
    static func roleText(_ table: FoodTable, food: Int) -> String {
        guard table.hasRoles else { return "" }
        let roles = table.usages[food].roles.members
        return roles.isEmpty ? "" : " [" + roles.map(\.rawValue).joined(separator: ",") + "]"
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

    /// `1 medium (173 g)`, `0.5 cup (120.5 g)`, `2 slice` without a weight, `100 g`.
    static func serving(_ table: FoodTable, food: Int) -> String {
        let quantity = short(table.servingQuantities[food], decimals: 2)
        let unit = oneLine(table.servingUnits[food])
        var text = "\(quantity) \(unit)"
        if let grams = table.grams(food: food), !["g", "gram", "grams"].contains(unit.lowercased()) {
            text += " (\(short(grams, decimals: 1)) g)"
        }
        return text
    }

    /// A number with `decimals` decimals, halves rounded away from zero.
    static func fixed(_ value: Double, decimals: Int) -> String { NumberFormat.fixed(value, decimals: decimals) }

    /// A number with at most `decimals` decimals, trailing zeros dropped.
    static func short(_ value: Double, decimals: Int) -> String { NumberFormat.trimmed(value, decimals: decimals) }
}
