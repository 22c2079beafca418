import ArgumentParser
import BundledData
import Foundation
import MealPlanning

/// The options that choose the food table: `--foods FILE` and `--prices FILE`.
public struct FoodTableOptions: ParsableArguments {
    @Option(
        name: .customLong("foods"),
        help: ArgumentHelp("The food table, a CSV file (default: the bundled USDA-derived table).", valueName: "file"))
    public var foodsPath: String?

    @Option(
        name: .customLong("prices"),
        help: ArgumentHelp(
            "A price list, a CSV file with the columns id and price_usd, that replaces the table's prices.",
            valueName: "file"))
    public var pricesPath: String?

    public init() {}

    /// The table is missing: no `--foods` and no bundled table.
    public struct MissingTableError: Error, CustomStringConvertible {
        public var description: String { "no food table: the bundled foods.csv is missing; pass --foods FILE" }
    }

    /// The food table file to read.
    public func foodsURL() throws -> URL {
        if let foodsPath { return URL(fileURLWithPath: foodsPath) }
        guard let bundled = BundledData.foodsCSV else { throw MissingTableError() }
        return bundled
    }

    /// Loads the food table and applies the price list, if any. Errors are ``FoodTableError``s
    /// (one line: `FILE:LINE:COLUMN: message`) or ``MissingTableError``.
    public func load() throws -> FoodTable {
        var table = try FoodTable.load(contentsOf: foodsURL())
        if let pricesPath {
            try table.applyPriceOverrides(contentsOf: URL(fileURLWithPath: pricesPath))
        }
        return table
    }
}
