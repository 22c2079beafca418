import ArgumentParser
import Foundation
import MealPlanning

/// `planner import-fdc DIR`: converts a USDA FoodData Central CSV download into a food table.
public struct ImportFDCCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "import-fdc",
        abstract: "Convert a FoodData Central CSV download into a food table.",
        discussion: """
            Reads food.csv, nutrient.csv, food_nutrient.csv and, when present, food_portion.csv \
            and measure_unit.csv. Each food becomes a row with id fdc-<fdc_id>, its FDC id in the \
            ndb_no column, its first portion as the serving (100 g when it has none), nutrients \
            per serving, and all four meals; edit meals, group, diets, allergens and prices \
            afterwards.
            """)

    @Argument(help: ArgumentHelp("The folder of the unpacked FoodData Central CSV download.", valueName: "dir"))
    public var folder: String

    @Option(name: .shortAndLong, help: ArgumentHelp("Write the table to this file instead of printing it.",
                                                    valueName: "file"))
    public var output: String?

    @Option(
        name: .customLong("data-type"),
        help: ArgumentHelp(
            "Comma-separated data types of food.csv to import (default: \(FDCImport.defaultDataTypes.joined(separator: ","))).",
            valueName: "types"),
        transform: { text in
            text.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        })
    public var dataTypes: [String] = FDCImport.defaultDataTypes

    public init() {}

    public func validate() throws {
        if dataTypes.isEmpty || dataTypes.contains(where: \.isEmpty) {
            throw ValidationError("--data-type needs one or more comma-separated data types, e.g. sr_legacy_food")
        }
    }

    /// Builds the table from the download.
    public func table() throws -> FoodTable {
        try FDCImport(dataTypes: dataTypes).table(fromFolder: URL(fileURLWithPath: folder, isDirectory: true))
    }

    /// The imported table as CSV.
    public func render() throws -> String {
        try table().csvText()
    }

    public func run() throws {
        try reportingErrors {
            let table = try table()
            if let output {
                try AtomicFile.write(table.csvText(), to: URL(fileURLWithPath: output))
                try StandardOutput.shared.write("Wrote \(table.count) foods to \(output)\n")
            } else {
                try StandardOutput.shared.write(table.csvText())
            }
        }
    }
}
