import BundledData
import Foundation
import Testing
@testable import MealPlanning

/// Two tables hold the same foods in the same order, NaN (missing) matching NaN.
func expectIdenticalTables(_ a: FoodTable, _ b: FoodTable, sourceLocation: SourceLocation = #_sourceLocation) {
    func same(_ x: [Double], _ y: [Double]) -> Bool {
        x.count == y.count && zip(x, y).allSatisfy { $0 == $1 || ($0.isNaN && $1.isNaN) }
    }
    #expect(a.nutrients == b.nutrients, sourceLocation: sourceLocation)
    #expect(a.ids == b.ids, sourceLocation: sourceLocation)
    #expect(a.names == b.names, sourceLocation: sourceLocation)
    #expect(a.sourceIDs == b.sourceIDs, sourceLocation: sourceLocation)
    #expect(same(a.servingQuantities, b.servingQuantities), sourceLocation: sourceLocation)
    #expect(a.servingUnits == b.servingUnits, sourceLocation: sourceLocation)
    #expect(same(a.servingGrams, b.servingGrams), sourceLocation: sourceLocation)
    #expect(a.nutrientValues.count == b.nutrientValues.count, sourceLocation: sourceLocation)
    for (x, y) in zip(a.nutrientValues, b.nutrientValues) {
        #expect(same(x, y), sourceLocation: sourceLocation)
    }
    #expect(same(a.prices, b.prices), sourceLocation: sourceLocation)
    #expect(a.meals == b.meals, sourceLocation: sourceLocation)
    #expect(a.groups == b.groups, sourceLocation: sourceLocation)
    #expect(a.diets == b.diets, sourceLocation: sourceLocation)
    #expect(a.allergens == b.allergens, sourceLocation: sourceLocation)
    #expect(same(a.maxServingsPerMeal, b.maxServingsPerMeal), sourceLocation: sourceLocation)
}

@Suite("Writing food tables")
struct FoodTableRoundTripTests {
    @Test func writesTheFormatItReads() throws {
        let url = FoodTableFixtures.url("valid.csv")
        let table = try FoodTable.load(contentsOf: url)
        // The fixture is written in the canonical form, so the text comes back byte for byte.
        #expect(table.csvText() == String(decoding: try Data(contentsOf: url), as: UTF8.self))
    }

    @Test(arguments: [
        "valid.csv", "bom.csv", "crlf.csv", "quoted.csv", "reordered.csv", "custom_nutrient.csv",
        "source_id.csv", "abbreviated_meals.csv", "exponent.csv", "empty_lines.csv",
    ])
    func parseWriteParseGivesTheSameTable(file: String) throws {
        let table = try FoodTableFixtures.load(file)
        let text = table.csvText()
        let again = try FoodTable.parse(text: text, fileName: "again.csv")
        expectIdenticalTables(table, again)
        #expect(again.csvText() == text)
    }

    @Test func writesQuotesOnlyWhereNeeded() throws {
        let table = try FoodTableFixtures.load("quoted.csv")
        #expect(table.csvText() == #"""
            id,name,ndb_no,serving_qty,serving_unit,serving_g,kcal,price_usd,meals,group,diets,allergens,max_servings_per_meal
            tortilla,"Tortilla, corn ""6 inch""",,1,serving,,52,,lunch;dinner,grain,,,
            trail-mix,"Trail mix,
            with raisins",,1,serving,,,,snack,snack,,,
            oats,Oats,,1,serving,,150,,breakfast,"grain, whole",,,

            """#)
    }

    @Test func writesCustomNutrientsAfterTheStandardOnes() throws {
        let table = try FoodTableFixtures.load("custom_nutrient.csv")
        #expect(table.csvText() == #"""
            id,name,ndb_no,serving_qty,serving_unit,serving_g,potassium_mg,oxalate_mg,pral,vitamin_c_mg,price_usd,meals,group,diets,allergens,max_servings_per_meal
            spinach,Spinach,,1,serving,,558,750,-11.8,28.1,,lunch;dinner,,,,
            beef,Beef,,1,serving,,318,0,7.8,,,dinner,,,,

            """#)
    }

    @Test func writesSelectedRowsInOrder() throws {
        let table = try FoodTableFixtures.load("reordered.csv")
        #expect(table.csvText(rows: [1]) == #"""
            id,name,ndb_no,serving_qty,serving_unit,serving_g,kcal,price_usd,meals,group,diets,allergens,max_servings_per_meal
            rice,Rice,,1,serving,,,,dinner,,,,

            """#)
    }

    @Test func writesAFileThatLoadsBack() throws {
        let table = try FoodTableFixtures.load("valid.csv")
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("round-trip-\(UUID()).csv")
        defer { try? FileManager.default.removeItem(at: url) }
        try table.write(to: url)
        expectIdenticalTables(table, try FoodTable.load(contentsOf: url))
    }

    @Test func generatedTablesSurviveTheRoundTrip() throws {
        let table = SyntheticFoods.generate(count: 500, seed: 7)
        let again = try FoodTable.parse(text: table.csvText(), fileName: "synthetic.csv")
        expectIdenticalTables(table, again)
    }

    /// The fields of each record of a CSV text.
    func records(_ text: String) throws -> [[String]] {
        try Array(text.utf8).withUnsafeBufferPointer { buffer throws(FoodTableError) in
            var reader = CSVReader(bytes: buffer, fileName: "records.csv")
            var records: [[String]] = []
            while try reader.nextRecord() { records.append(reader.fields.map { reader.text($0) }) }
            return records
        }
    }

    /// The shipped table loads, and writing it back gives every field's text again (numbers in
    /// the same digits); `;`-lists may come back in another order.
    @Test func theBundledTableRoundTrips() throws {
        let url = try #require(BundledData.foodsCSV)
        let original = try records(String(decoding: try Data(contentsOf: url), as: UTF8.self))
        guard original.count > 1 else { return }
        let table = try FoodTable.load(contentsOf: url)
        // The standard nutrients, the food-pattern equivalents, and the two totals loading derives.
        #expect(table.nutrients == Nutrient.standard + Nutrient.foodPattern)
        let written = try records(table.csvText())
        #expect(written.first == original.first)
        #expect(written.count == original.count)
        let header = original[0]
        for (left, right) in zip(original.dropFirst(), written.dropFirst()) {
            for (column, name) in header.enumerated() {
                if ["meals", "diets", "allergens"].contains(name) {
                    #expect(Set(left[column].split(separator: ";")) == Set(right[column].split(separator: ";")))
                } else {
                    #expect(left[column] == right[column], "\(left[0]) \(name)")
                }
            }
        }
        expectIdenticalTables(table, try FoodTable.parse(text: table.csvText(), fileName: "again.csv"))
    }
}
