import Foundation
import LinearProgramming
import Testing
@testable import MealPlanning

/// The test files under `Fixtures/`, one per case.
enum FoodTableFixtures {
    static func url(_ name: String) -> URL {
        Bundle.module.url(forResource: "Fixtures", withExtension: nil)!.appendingPathComponent(name)
    }

    static func load(_ name: String) throws -> FoodTable {
        try FoodTable.load(contentsOf: url(name))
    }

    /// The error that loading a fixture throws, or nil when it loads.
    static func loadError(_ name: String) -> FoodTableError? {
        do {
            _ = try FoodTable.load(contentsOf: url(name))
            return nil
        } catch {
            return error
        }
    }
}

/// Foods and helpers shared by the loader tests.
enum FoodTableSamples {
    /// A food as the table should hold it; `nutrients` lists every column of the table.
    static func expectedFood(
        _ id: String, _ name: String, sourceID: String = "", serving: (Double, String) = (1, "serving"),
        grams: Double? = nil, nutrients: [Nutrient: Double?], price: Double? = nil, meals: [MealSlot],
        group: String = "", diets: [Diet] = [], allergens: [Allergen] = [], maxServings: Double? = nil
    ) -> Food {
        Food(
            id: id, name: name, sourceID: sourceID, servingQuantity: serving.0, servingUnit: serving.1,
            servingGrams: grams, nutrients: nutrients, price: price, meals: MealSlots(meals), group: group,
            diets: TagSet(diets), allergens: TagSet(allergens), maxServingsPerMeal: maxServings)
    }

    /// The standard nutrients with the given values, in ``Nutrient/standard`` order.
    static func standardNutrients(_ values: [Double?]) -> [Nutrient: Double?] {
        Dictionary(uniqueKeysWithValues: zip(Nutrient.standard, values))
    }

    static let banana = expectedFood(
        "banana", "Banana, raw", sourceID: "09040", serving: (1, "medium"), grams: 118,
        nutrients: standardNutrients([105, 1.29, 0.39, 26.95, 3.1, 14.43, 0, 422, 1, 6, 32]),
        price: 0.25, meals: [.breakfast, .snack], group: "fruit", diets: Diet.allCases, maxServings: 2)

    static let bakedPotato = expectedFood(
        "potato-baked", "Potato, baked, flesh and skin", sourceID: "11674", serving: (1, "medium"), grams: 173,
        nutrients: standardNutrients([161, 4.33, 0.22, 36.59, 3.8, 2.03, nil, 926, 17, 26, 50]),
        price: 0.4, meals: [.lunch, .dinner], group: "vegetable", diets: [.vegetarian, .vegan], maxServings: 1)

    static let plainYogurt = expectedFood(
        "yogurt-plain", "Yogurt, plain, low fat", sourceID: "01117", serving: (0.75, "cup"), grams: 184,
        nutrients: standardNutrients([116, 9.66, 2.86, 12.94, 0, 12.94, 0, 443, 129, 330, 32]),
        price: nil, meals: [.breakfast, .snack], group: "dairy", diets: [.vegetarian, .glutenFree], allergens: [.milk],
        maxServings: 1.5)

    static func foods(_ table: FoodTable) -> [Food] {
        (0 ..< table.count).map { table.food(at: $0) }
    }
}

@Suite("Loading food tables")
struct FoodTableLoadingTests {
    @Test func loadsTheFullFormat() throws {
        let table = try FoodTableFixtures.load("valid.csv")
        #expect(table.nutrients == Nutrient.standard)
        #expect(FoodTableSamples.foods(table)
            == [FoodTableSamples.banana, FoodTableSamples.bakedPotato, FoodTableSamples.plainYogurt])
        #expect(table.index(ofID: "potato-baked") == 1)
        #expect(table.value(.addedSugars, food: 1) == nil)
        #expect(table.nutrientValues[6][1].isNaN)
        #expect(table.prices[2].isNaN)
    }

    @Test(arguments: [
        ("bom.csv", ["banana"]),
        ("crlf.csv", ["banana", "potato-baked"]),
        ("no_final_newline.csv", ["banana"]),
        ("empty_lines.csv", ["banana", "potato-baked"]),
    ])
    func readsEveryLayoutOfTheSameRows(file: String, ids: [String]) throws {
        let table = try FoodTableFixtures.load(file)
        let all = [FoodTableSamples.banana, FoodTableSamples.bakedPotato]
        #expect(FoodTableSamples.foods(table) == ids.map { id in all.first { $0.id == id }! })
    }

    @Test func readsQuotedFields() throws {
        let table = try FoodTableFixtures.load("quoted.csv")
        let energy: [Nutrient: Double?] = [.energy: 52]
        #expect(FoodTableSamples.foods(table) == [
            FoodTableSamples.expectedFood("tortilla", "Tortilla, corn \"6 inch\"", nutrients: energy, meals: [.lunch, .dinner],
                         group: "grain"),
            FoodTableSamples.expectedFood("trail-mix", "Trail mix,\nwith raisins", nutrients: [.energy: nil], meals: [.snack],
                         group: "snack"),
            FoodTableSamples.expectedFood("oats", "Oats", nutrients: [.energy: 150], meals: [.breakfast], group: "grain, whole"),
        ])
    }

    @Test func takesColumnsInAnyOrder() throws {
        let table = try FoodTableFixtures.load("reordered.csv")
        #expect(table.nutrients == [.energy])
        #expect(FoodTableSamples.foods(table) == [
            FoodTableSamples.expectedFood("apple", "Apple", nutrients: [.energy: 95], meals: [.breakfast, .lunch]),
            FoodTableSamples.expectedFood("rice", "Rice", nutrients: [.energy: nil], meals: [.dinner]),
        ])
    }

    @Test func keepsUnknownNumericColumnsAsCustomNutrients() throws {
        let table = try FoodTableFixtures.load("custom_nutrient.csv")
        let oxalate = Nutrient(key: "oxalate_mg", displayName: "oxalate", unit: "mg")
        let pral = Nutrient(key: "pral", displayName: "pral", unit: "")
        let vitaminC = Nutrient(key: "vitamin_c_mg", displayName: "vitamin c", unit: "mg")
        #expect(table.nutrients == [.potassium, oxalate, pral, vitaminC])
        #expect(FoodTableSamples.foods(table) == [
            FoodTableSamples.expectedFood("spinach", "Spinach", nutrients: [.potassium: 558, oxalate: 750, pral: -11.8, vitaminC: 28.1],
                         meals: [.lunch, .dinner]),
            FoodTableSamples.expectedFood("beef", "Beef", nutrients: [.potassium: 318, oxalate: 0, pral: 7.8, vitaminC: nil],
                         meals: [.dinner]),
        ])
        #expect(Nutrient.named("oxalate", among: table.nutrients) == oxalate)
    }

    @Test func acceptsFDCIDAsTheSourceID() throws {
        let table = try FoodTableFixtures.load("source_id.csv")
        #expect(table.sourceIDs == ["323505"])
    }

    @Test func readsAbbreviationsAndAliasesInLists() throws {
        let table = try FoodTableFixtures.load("abbreviated_meals.csv")
        #expect(FoodTableSamples.foods(table) == [
            FoodTableSamples.expectedFood("mix", "Mix", nutrients: [:], meals: MealSlot.allCases, diets: [.vegan, .dairyFree],
                         allergens: [.treeNuts, .peanuts, .egg, .milk]),
        ])
    }

    @Test func readsExponents() throws {
        let table = try FoodTableFixtures.load("exponent.csv")
        #expect(table.value(.sodium, food: 0) == 38758)
        #expect(table.price(food: 0) == 0.01)
        #expect(table.value(.energy, food: 0) == 0)
    }

    @Test(arguments: [
        ("missing_column.csv", "missing_column.csv:1:1: missing required column 'meals'"),
        ("bad_number.csv", "bad_number.csv:3:74: potassium_mg: 'abc' is not a number"),
        ("negative.csv", "negative.csv:3:13: potassium_mg: -3 is negative"),
        ("nan.csv", "nan.csv:2:15: kcal: 'nan' is not a finite number"),
        ("infinity.csv", "infinity.csv:2:15: kcal: '-Infinity' is not a finite number"),
        ("huge.csv", "huge.csv:2:15: kcal: 2e12 is larger than 1e12"),
        ("duplicate_id.csv", "duplicate_id.csv:4:1: duplicate id 'banana' (first on line 2)"),
        ("invalid_id.csv",
         "invalid_id.csv:2:1: id: 'green apple' is not a valid id (expected [A-Za-z0-9][A-Za-z0-9._-]*, at most 64 characters)"),
        ("empty_id.csv", "empty_id.csv:2:1: id: empty id"),
        ("empty_name.csv", "empty_name.csv:2:7: name: empty name"),
        ("unknown_meal.csv",
         "unknown_meal.csv:2:13: meals: unknown meal slot 'brunch' (expected breakfast, lunch, dinner, snack)"),
        ("no_meals.csv", "no_meals.csv:2:13: meals: no meal slot given (expected breakfast, lunch, dinner, snack)"),
        ("unknown_diet.csv",
         "unknown_diet.csv:2:15: diets: unknown diet 'keto' (expected vegetarian, vegan, pescatarian, gluten-free, dairy-free)"),
        ("unknown_allergen.csv",
         "unknown_allergen.csv:2:15: allergens: unknown allergen 'latex' (expected milk, egg, fish, shellfish, tree-nuts, peanuts, wheat, soy, sesame)"),
        ("zero_serving.csv", "zero_serving.csv:2:15: serving_qty: 0 is not positive"),
        ("negative_price.csv", "negative_price.csv:2:15: price_usd: -0.5 is negative"),
        ("empty.csv", "empty.csv:1:1: the file is empty"),
        ("blank_lines_only.csv", "blank_lines_only.csv:1:1: the file is empty"),
        ("header_only.csv", "header_only.csv:2:1: the table has a header but no foods"),
        ("wrong_field_count.csv", "wrong_field_count.csv:3:1: expected 23 fields, found 22"),
        ("unterminated_quote.csv", "unterminated_quote.csv:3:6: unterminated quoted field"),
        ("stray_quote.csv",
         "stray_quote.csv:2:15: a quote inside an unquoted field (quote the whole field and double the quote)"),
        ("text_after_quote.csv", "text_after_quote.csv:2:14: unexpected text after the closing quote of a field"),
        ("invalid_utf8.csv", "invalid_utf8.csv:2:12: invalid UTF-8 at byte 0xFF"),
        ("duplicate_column.csv", "duplicate_column.csv:1:20: duplicate column 'kcal' (first is field 4)"),
        ("bad_header.csv",
         "bad_header.csv:1:15: 'vitamin C' is not a valid column name (expected [A-Za-z][A-Za-z0-9_]*)"),
        ("two_source_ids.csv", "two_source_ids.csv:1:22: 'fdc_id' and 'ndb_no' both give the source id; keep one"),
    ])
    func rejectsABadFileWithItsPosition(file: String, description: String) {
        #expect(FoodTableFixtures.loadError(file)?.description == description)
    }

    @Test func namesAMissingFile() {
        let url = URL(fileURLWithPath: "/nonexistent/foods.csv")
        #expect(throws: FoodTableError(
            file: "foods.csv", reason: .fileMissing(path: "/nonexistent/foods.csv"))) {
            try FoodTable.load(contentsOf: url)
        }
        #expect(FoodTableError(file: "foods.csv", reason: .fileUnreadable).description
            == "foods.csv: cannot be read")
    }

    @Test func rejectsAFolder() throws {
        let folder = FoodTableFixtures.url("fdc")
        #expect(throws: FoodTableError(file: "fdc", reason: .isFolder)) {
            try FoodTable.load(contentsOf: folder)
        }
    }

    static let longID = String(repeating: "a", count: 65)

    /// Small tables given in memory, each with the exact error it must raise.
    @Test(arguments: [
        // A quoted line break moves the fields after it to the next physical line.
        ("id,name,meals,kcal\na,\"two\nlines\",S,x\n", "memory.csv:3:10: kcal: 'x' is not a number"),
        ("id,name,meals\ra,A,S\rb,B,Q\r",
         "memory.csv:3:5: meals: unknown meal slot 'Q' (expected breakfast, lunch, dinner, snack)"),
        ("id,name,meals,kcal\na,A,S,1e999\n", "memory.csv:2:7: kcal: '1e999' is not a finite number"),
        ("id,name,meals,kcal\na,A,S,0x10\n", "memory.csv:2:7: kcal: '0x10' is not a number"),
        ("id,name,meals,kcal\na,A,S,\"1,5\"\n", "memory.csv:2:7: kcal: '1,5' is not a number"),
        ("id,name,meals,kcal\na,A,S,\"1\n2\"\n", "memory.csv:2:7: kcal: '1\\n2' is not a number"),
        ("id,name,meals,kcal\na,A,S,\(String(repeating: "x", count: 50))\n",
         "memory.csv:2:7: kcal: '\(String(repeating: "x", count: 40))…' is not a number"),
        ("id,name,meals,kcal\na,A,S,-1.5e13\n", "memory.csv:2:7: kcal: -1.5e13 is negative"),
        ("id,name,meals,pral\na,A,S,-1.5e13\n", "memory.csv:2:7: pral: -1.5e13 is smaller than -1e12"),
        ("id,name,meals,serving_g\na,A,S,0\n", "memory.csv:2:7: serving_g: 0 is not positive"),
        ("id,name,meals,max_servings_per_meal\na,A,S,-1\n", "memory.csv:2:7: max_servings_per_meal: -1 is not positive"),
        ("id,name,meals,price_usd\na,A,S,1000000000001\n", "memory.csv:2:7: price_usd: 1000000000001 is larger than 1e12"),
        ("id,name,meals\n\(longID),A,S\n",
         "memory.csv:2:1: id: '\(String(longID.prefix(40)))…' is not a valid id (expected [A-Za-z0-9][A-Za-z0-9._-]*, at most 64 characters)"),
        ("id,name,meals\n-a,A,S\n",
         "memory.csv:2:1: id: '-a' is not a valid id (expected [A-Za-z0-9][A-Za-z0-9._-]*, at most 64 characters)"),
        ("id,name,meals\n\"a\"\"b\",A,S\n",
         "memory.csv:2:1: id: 'a\"b' is not a valid id (expected [A-Za-z0-9][A-Za-z0-9._-]*, at most 64 characters)"),
        ("id,name,meals\na,A,S,\n", "memory.csv:2:1: expected 3 fields, found 4"),
        ("id,name,meals\na,Crème brûlée,S,x\n", "memory.csv:2:1: expected 3 fields, found 4"),
        ("id,name,meals,kcal\na,Crème brûlée,S,x\n", "memory.csv:2:18: kcal: 'x' is not a number"),
        ("id,name,meals,kcal\na,A,S,\"1\"x\n", "memory.csv:2:10: unexpected text after the closing quote of a field"),
        ("id,name,meals\na,\"A,S\n", "memory.csv:2:3: unterminated quoted field"),
        ("id,name,meals,1kcal\n", "memory.csv:1:15: '1kcal' is not a valid column name (expected [A-Za-z][A-Za-z0-9_]*)"),
        ("id,name,meals,\n", "memory.csv:1:15: '' is not a valid column name (expected [A-Za-z][A-Za-z0-9_]*)"),
        ("id,name\n", "memory.csv:1:1: missing required column 'meals'"),
        ("id,name,meals", "memory.csv:1:1: the table has a header but no foods"),
        ("\u{FEFF}", "memory.csv:1:1: the file is empty"),
    ])
    func rejectsBadTextWithItsPosition(text: String, description: String) {
        do {
            _ = try FoodTable.parse(text: text, fileName: "memory.csv")
            Issue.record("expected the error \(description)")
        } catch {
            #expect(error.description == description)
        }
    }

    @Test(arguments: [
        [0xC3, 0x28] as [UInt8],  // a lead byte without its continuation
        [0xE0, 0x80, 0x80],  // an overlong form
        [0xED, 0xA0, 0x80],  // a surrogate
        [0xF4, 0x90, 0x80, 0x80],  // beyond U+10FFFF
        [0xC3],  // cut off at the end of the input
    ])
    func rejectsInvalidUTF8Sequences(sequence: [UInt8]) {
        let bytes = Array("id,name,meals\na,".utf8) + sequence
        do {
            _ = try FoodTable.parse(bytes, fileName: "memory.csv")
            Issue.record("expected an error")
        } catch {
            #expect(error.description
                == "memory.csv:2:3: invalid UTF-8 at byte 0x\(String(sequence[0], radix: 16, uppercase: true))")
        }
    }

    @Test func acceptsValidMultibyteText() throws {
        let table = try FoodTable.parse(text: "id,name,meals\na,Jalapeño 🌶️ 中,S\n", fileName: "memory.csv")
        #expect(table.names == ["Jalapeño 🌶️ 中"])
    }

    @Test func takesDataAndArraysAlike() throws {
        let text = "id,name,meals,kcal\na,A,S, 12 \n"
        let fromData = try FoodTable.parse(Data(text.utf8), fileName: "memory.csv")
        let fromSlice = try FoodTable.parse(Array(text.utf8)[...], fileName: "memory.csv")
        let fromNonContiguous = try FoodTable.parse(text.utf8.lazy.map { $0 }, fileName: "memory.csv")
        for table in [fromData, fromSlice, fromNonContiguous] {
            #expect(table.value(.energy, food: 0) == 12)
        }
    }

    @Test func defaultsTheServing() throws {
        let table = try FoodTable.parse(
            text: "id,name,meals,serving_qty,serving_unit\na,A,S,,\n", fileName: "memory.csv")
        #expect(table.servingQuantities == [1])
        #expect(table.servingUnits == ["serving"])
        #expect(table.grams(food: 0) == nil)
    }
}

@Suite("Reading numbers")
struct CSVNumberTests {
    func parse(_ text: String) -> CSVNumber.Parsed {
        Array(text.utf8).withUnsafeBufferPointer { CSVNumber.parse($0) }
    }

    @Test(arguments: [
        ("0", 0.0), ("42", 42), ("0.1", 0.1), ("-0.25", -0.25), ("007", 7), ("  12 ", 12), ("\t3.5", 3.5),
        ("1e3", 1000), ("1E-2", 0.01), ("5.", 5), (".5", 0.5), ("+2", 2), ("1e-05", 0.00001),
        ("0.30000000000000004", 0.30000000000000004), ("9007199254740993", 9007199254740992),
        ("12345678901234567890", 12345678901234567168), ("3.14159265358979323846", Double.pi),
        ("123456.789", 123456.789), ("0.000000000000000000001", 1e-21),
    ])
    func readsNumbers(text: String, value: Double) {
        #expect(parse(text) == .value(value))
    }

    @Test(arguments: [
        ("", CSVNumber.Parsed.empty), ("   ", .empty), ("abc", .notANumber), ("1.2.3", .notANumber),
        ("0x10", .notANumber), ("1 2", .notANumber), ("-", .notANumber), ("1,5", .notANumber),
        ("nan", .notFinite), ("NaN", .notFinite), ("-inf", .notFinite), ("Infinity", .notFinite),
        ("1e400", .notFinite),
    ])
    func rejectsNonNumbers(text: String, result: CSVNumber.Parsed) {
        #expect(parse(text) == result)
    }

    @Test(arguments: [
        (1.0, "1"), (0, "0"), (-0.0, "0"), (0.25, "0.25"), (94.64, "94.64"), (1e-5, "1e-05"),
        (123456789012.5, "123456789012.5"), (1e12, "1000000000000"), (0.1 + 0.2, "0.30000000000000004"),
    ])
    func writesTheShortestForm(value: Double, text: String) {
        #expect(NumberFormat.shortest(value) == text)
    }

    /// Every written number reads back as the same bits, over many magnitudes and digit counts.
    @Test func writtenNumbersReadBackExactly() {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> UInt64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return state >> 11
        }
        for _ in 0 ..< 20000 {
            let digits = Double(next() % 10_000_000_000)
            let exponent = Int(next() % 24) - 14
            var value = digits
            for _ in 0 ..< abs(exponent) { value = exponent < 0 ? value / 10 : value * 10 }
            if value > 1e12 { continue }
            let random = Double(bitPattern: (next() & 0x000F_FFFF_FFFF_FFFF) | 0x3FF0_0000_0000_0000) - 1
            for candidate in [value, random, random * 1000] {
                let text = NumberFormat.shortest(candidate)
                #expect(parse(text) == .value(candidate), "\(text)")
            }
        }
    }
}
