import ArgumentParser
import Foundation
import MealPlanning
import Testing
@testable import PlannerCLI

/// A temporary folder with files, removed when the value goes away.
final class FoodsCommandFiles {
    let folder: URL

    init(_ files: [String: String]) throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("foods-command-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for (name, text) in files {
            try Data(text.utf8).write(to: folder.appendingPathComponent(name))
        }
    }

    func path(_ name: String) -> String { folder.appendingPathComponent(name).path }

    deinit { try? FileManager.default.removeItem(at: folder) }
}

@Suite("planner foods")
struct FoodsCommandTests {
    static let foods = """
        id,name,ndb_no,serving_qty,serving_unit,serving_g,kcal,potassium_mg,sodium_mg,sugars_g,fiber_g,price_usd,meals,group,diets
        potato-baked,"Potato, baked, flesh and skin",11674,1,medium,173,161,926,17,2.03,3.8,0.4,lunch;dinner,vegetable,vegan;vegetarian
        sweet-potato,"Sweet potato, baked in skin, without salt",11508,1,medium,114,103,542,41,7.39,3.8,0.55,lunch;dinner,vegetable,vegan;vegetarian
        banana,"Banana, raw",09040,1,medium,118,105,422,1,14.43,3.1,0.25,breakfast;snack,fruit,vegan;vegetarian
        yogurt,"Yogurt, plain, low fat",01117,0.75,cup,184,116,443,129,12.94,0,,breakfast;snack,dairy,vegetarian
        potato-chips,Potato chips,19411,1,oz,28.35,152,,147,0.09,1.2,0.3,snack,snacks,vegan;vegetarian
        white-beans,"White beans, canned",16051,0.5,cup,131,149,595,6,0.3,6.3,0.2,lunch;dinner,legumes,vegan;vegetarian

        """

    /// Runs `planner foods ARGUMENTS --foods <the table above>` and returns its output.
    func output(_ arguments: [String], foods: String = foods, extraFiles: [String: String] = [:]) throws -> String {
        let files = try FoodsCommandFiles(["foods.csv": foods].merging(extraFiles) { $1 })
        let arguments = arguments.map { $0.hasPrefix("@") ? files.path(String($0.dropFirst())) : $0 }
        let command = try FoodsCommand.parse(arguments + ["--foods", files.path("foods.csv")])
        return try command.render()
    }

    @Test func searchesAndSortsByANutrient() throws {
        #expect(try output(["--search", "potato", "--sort", "potassium"]) == """
            id            name                        serving           kcal potassium sodium sugars fiber price
                                                                                    mg     mg      g     g   USD
            potato-baked  Potato, baked, flesh and …  1 medium (173 g)   161       926     17    2.0   3.8  0.40
            sweet-potato  Sweet potato, baked in sk…  1 medium (114 g)   103       542     41    7.4   3.8  0.55
            potato-chips  Potato chips                1 oz (28.4 g)      152         —    147    0.1   1.2  0.30
            3 of 3 foods

            """)
    }

    @Test func listsTheTableInItsOrderUpToTheLimit() throws {
        #expect(try output(["--limit", "2"]) == """
            id            name                        serving           kcal potassium sodium sugars fiber price
                                                                                    mg     mg      g     g   USD
            potato-baked  Potato, baked, flesh and …  1 medium (173 g)   161       926     17    2.0   3.8  0.40
            sweet-potato  Sweet potato, baked in sk…  1 medium (114 g)   103       542     41    7.4   3.8  0.55
            2 of 6 foods

            """)
    }

    /// The order of the ids each sort gives: nutrients largest first, price and name smallest
    /// first, missing values last, ties by id.
    @Test(arguments: [
        (["--sort", "fiber"], ["white-beans", "potato-baked", "sweet-potato", "banana", "potato-chips", "yogurt"]),
        (["--sort", "price"], ["white-beans", "banana", "potato-chips", "potato-baked", "sweet-potato", "yogurt"]),
        (["--sort", "name"], ["banana", "potato-chips", "potato-baked", "sweet-potato", "white-beans", "yogurt"]),
        (["--sort", "sodium_mg", "--limit", "3"], ["potato-chips", "yogurt", "sweet-potato"]),
        (["--sort", "sugar", "--meal", "S"], ["banana", "yogurt", "potato-chips"]),
        (["--sort", "kcal", "--limit", "0"],
         ["potato-baked", "potato-chips", "white-beans", "yogurt", "banana", "sweet-potato"]),
        (["--meal", "breakfast", "--diet", "vegan"], ["banana"]),
        (["--group", "VEGETABLE"], ["potato-baked", "sweet-potato"]),
        (["--search", "SNACK"], ["potato-chips"]),
        (["--search", "bean", "--meal", "breakfast"], []),
    ])
    func filtersAndSorts(arguments: [String], ids: [String]) throws {
        let csv = try output(arguments + ["--format", "csv"])
        #expect(csv.split(separator: "\n").dropFirst().map { String($0.prefix { $0 != "," }) } == ids)
    }

    @Test func writesCSV() throws {
        #expect(try output(["--search", "bean", "--format", "csv"]) == """
            id,name,ndb_no,serving_qty,serving_unit,serving_g,kcal,potassium_mg,sodium_mg,sugars_g,fiber_g,price_usd,meals,group,diets,allergens,max_servings_per_meal
            white-beans,"White beans, canned",16051,0.5,cup,131,149,595,6,0.3,6.3,0.2,lunch;dinner,legumes,vegetarian;vegan,,

            """)
    }

    @Test func saysWhenNothingMatches() throws {
        #expect(try output(["--search", "durian"]) == """
            id  name  serving  kcal potassium sodium sugars fiber price
                                           mg     mg      g     g   USD
            0 of 0 foods

            """)
    }

    @Test func appliesAPriceList() throws {
        let text = try output(
            ["--search", "banana", "--prices", "@prices.csv"], extraFiles: ["prices.csv": "id,price_usd\nbanana,0.19\n"])
        #expect(text.contains("  0.19\n1 of 1 foods\n"))
    }

    @Test func fitsLongTextInOneHundredColumns() throws {
        let longName = String(repeating: "Very long food name ", count: 8)
        let foods = """
            id,name,serving_qty,serving_unit,serving_g,kcal,meals
            a-food-with-a-rather-long-identifier,\(longName),1,cup of something rather large,240,1234.5,L
            b,"Two
            lines",0.333,slice,,,L
            c,Salt,100,g,100,0,L

            """
        let lines = try output([], foods: foods).split(separator: "\n")
        #expect(lines.count == 6)
        #expect(lines.allSatisfy { $0.count <= 100 })
        #expect(lines[2] == "a-food-with-a-rathe…  Very long food na…  1 cup of someth…  1235         —      —      —     —     —")
        #expect(lines[3] == "b                     Two lines           0.33 slice           —         —      —      —     —     —")
        #expect(lines[4] == "c                     Salt                100 g                0         —      —      —     —     —")
    }

    @Test func rejectsAnUnknownSortKey() throws {
        do {
            _ = try output(["--sort", "vitamin"])
            Issue.record("expected an error")
        } catch {
            #expect(FoodsCommand.message(for: error)
                == "unknown sort key 'vitamin' (expected name, price or a nutrient: kcal, potassium_mg, sodium_mg, sugars_g, fiber_g)")
        }
    }

    @Test(arguments: [
        (["--limit=-1"], "--limit must be 0 (all) or more, not -1"),
        (["--meal", "brunch"], "unknown meal 'brunch' (expected breakfast, lunch, dinner, snack)"),
        (["--diet", "keto"], "unknown diet 'keto' (expected vegetarian, vegan, pescatarian, gluten-free, dairy-free)"),
        (["--format", "html"], "The value 'html' is invalid for '--format <format>'. Please provide one of 'table' and 'csv'."),
    ])
    func rejectsBadOptions(arguments: [String], message: String) {
        do {
            _ = try FoodsCommand.parse(arguments)
            Issue.record("expected \(message)")
        } catch {
            #expect(FoodsCommand.message(for: error) == message)
        }
    }

    @Test func reportsTableErrorsOnOneLine() throws {
        let bad = "id,name,meals,kcal\napple,Apple,S,abc\n"
        do {
            _ = try output([], foods: bad)
            Issue.record("expected an error")
        } catch {
            #expect(FoodsCommand.message(for: error) == "foods.csv:2:15: kcal: 'abc' is not a number")
        }
    }

    @Test func reportsAMissingFoodsFile() throws {
        let command = try FoodsCommand.parse(["--foods", "/nonexistent/mine.csv"])
        #expect(throws: FoodTableError(
            file: "mine.csv", reason: .fileMissing(path: "/nonexistent/mine.csv"))) {
            try command.render()
        }
    }
}

@Suite("planner import-fdc")
struct ImportFDCCommandTests {
    @Test func parsesItsOptions() throws {
        let command = try ImportFDCCommand.parse(["dir", "--data-type", "sr_legacy_food, branded_food", "-o", "out.csv"])
        #expect(command.folder == "dir")
        #expect(command.dataTypes == ["sr_legacy_food", "branded_food"])
        #expect(command.output == "out.csv")
        #expect(try ImportFDCCommand.parse(["dir"]).dataTypes == FDCImport.defaultDataTypes)
    }

    @Test func rejectsAnEmptyDataType() {
        do {
            _ = try ImportFDCCommand.parse(["dir", "--data-type", "a,,b"])
            Issue.record("expected an error")
        } catch {
            #expect(ImportFDCCommand.message(for: error)
                == "--data-type needs one or more comma-separated data types, e.g. sr_legacy_food")
        }
    }

    @Test func convertsADownloadFolder() throws {
        let files = try FoodsCommandFiles([
            "food.csv": "\"fdc_id\",\"data_type\",\"description\"\n\"9\",\"sr_legacy_food\",\"Plum, raw\"\n",
            "nutrient.csv": "\"id\",\"name\",\"unit_name\",\"nutrient_nbr\"\n\"1092\",\"Potassium, K\",\"MG\",\"306\"\n",
            "food_nutrient.csv": "\"id\",\"fdc_id\",\"nutrient_id\",\"amount\"\n\"1\",\"9\",\"1092\",\"157\"\n",
            "food_portion.csv": "\"id\",\"fdc_id\",\"amount\",\"modifier\",\"gram_weight\"\n\"1\",\"9\",\"1\",\"fruit\",\"66\"\n",
        ])
        let command = try ImportFDCCommand.parse([files.folder.path])
        #expect(try command.render().split(separator: "\n").last
            == "fdc-9,\"Plum, raw\",9,1,fruit,66,,,,,,,,103.62,,,,,breakfast;lunch;dinner;snack,,,,")
    }
}
