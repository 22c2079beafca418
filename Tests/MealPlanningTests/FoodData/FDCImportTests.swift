import Foundation
import Testing
@testable import MealPlanning

@Suite("Importing FoodData Central downloads")
struct FDCImportTests {
    static let header = """
        id,name,ndb_no,serving_qty,serving_unit,serving_g,kcal,protein_g,fat_g,carbs_g,fiber_g,sugars_g,\
        added_sugars_g,potassium_mg,sodium_mg,calcium_mg,magnesium_mg,price_usd,meals,group,diets,allergens,\
        max_servings_per_meal
        """

    /// The fixture folder holds SR Legacy, Foundation, FNDDS, branded and sample foods; the
    /// default data types take the first three kinds, in the order of food.csv.
    @Test func importsTheDefaultDataTypes() throws {
        let table = try FDCImport().table(fromFolder: FoodTableFixtures.url("fdc"))
        let expected = [
            Self.header,
            // SR Legacy: the portion with the lowest seq_num (182 g) scales the per-100 g amounts;
            // the second potassium row of the apple is ignored, and it has no added sugars.
            #"fdc-171688,"Apples, raw, with skin (Includes foods for USDA's Food Distribution Program)",171688,1,"medium (3"" dia)",182,94.64,0.473,0.309,25.134,4.368,18.91,,194.74,1.82,10.92,9.1,,breakfast;lunch;dinner;snack,,,,"#,
            // The portion without a gram weight is skipped; an empty amount is a missing value.
            #"fdc-170093,"Potatoes, baked, flesh and skin, without salt",170093,1,"potato medium (2-1/4"" to 3-1/4"" dia)",173,160.89,4.325,0.225,36.59,3.806,2.041,,925.55,17.3,25.95,48.44,,breakfast;lunch;dinner;snack,,,,"#,
            // Foundation: no nutrient 208, so energy comes from the Atwater specific factors (40 kcal/100 g).
            #"fdc-2346404,"Kale, raw",2346404,1,cup,21,8.4,0.613,0.313,0.928,0.861,,,73.08,11.13,53.34,6.93,,breakfast;lunch;dinner;snack,,,,"#,
            // FNDDS: the quantity comes from the description, the numeric modifier is a code.
            #"fdc-1104647,"Yogurt, Greek, plain, lowfat",1104647,1,container (6 oz),170,124.1,16.915,3.264,6.698,0,6.052,0,239.7,57.8,195.5,18.7,,breakfast;lunch;dinner;snack,,,,"#,
            // No portion: a 100 g serving.
            #"fdc-173410,"Salt, table",173410,100,g,100,0,0,0,0,0,0,,8,38758,24,1,,breakfast;lunch;dinner;snack,,,,"#,
        ]
        #expect(table.csvText() == expected.joined(separator: "\n") + "\n")
        // What it writes is a table the loader accepts as it is.
        expectIdenticalTables(table, try FoodTable.parse(text: table.csvText(), fileName: "imported.csv"))
    }

    @Test func importsTheChosenDataTypes() throws {
        let table = try FDCImport(dataTypes: ["branded_food", "sample_food"])
            .table(fromFolder: FoodTableFixtures.url("fdc"))
        #expect(table.csvText() == [
            Self.header,
            #"fdc-330137,"Kale, raw, sample 1",330137,100,g,100,,,,,,,,350,,,,,breakfast;lunch;dinner;snack,,,,"#,
            #"fdc-2003590,"GRANOLA BAR, OATS & HONEY",2003590,100,g,100,471,10.2,17.6,64.7,,,23.5,300,294,,,,breakfast;lunch;dinner;snack,,,,"#,
        ].joined(separator: "\n") + "\n")
    }

    static let food = "fdc_id,data_type,description\n1,sr_legacy_food,Apple\n"
    static let nutrient = "id,name,unit_name,nutrient_nbr\n1008,Energy,KCAL,208\n1092,\"Potassium, K\",MG,306.0\n"
    static let foodNutrient = "id,fdc_id,nutrient_id,amount\n1,1,1008,52\n2,1,1092,107\n"

    func importText(
        food: String = food, nutrient: String = nutrient, foodNutrient: String = foodNutrient,
        foodPortion: String? = nil, measureUnit: String? = nil
    ) throws(FoodTableError) -> FoodTable {
        try FDCImport().table(
            food: Array(food.utf8), nutrient: Array(nutrient.utf8), foodNutrient: Array(foodNutrient.utf8),
            foodPortion: foodPortion.map { Array($0.utf8) }, measureUnit: measureUnit.map { Array($0.utf8) })
    }

    @Test func importsMinimalFiles() throws {
        let table = try importText()
        #expect(table.csvText() == Self.header + "\n"
            + "fdc-1,Apple,1,100,g,100,52,,,,,,,107,,,,,breakfast;lunch;dinner;snack,,,,\n")
    }

    @Test(arguments: [
        (food, nutrient, "id,fdc_id,nutrient_id,amount\n1,1,1008,abc\n",
         "food_nutrient.csv:2:10: amount: 'abc' is not a number"),
        (food, nutrient, "id,fdc_id,nutrient_id,amount\n1,1,1008,-5\n", "food_nutrient.csv:2:10: amount: -5 is negative"),
        (food, nutrient, "id,fdc_id,nutrient_id,amount\n1,1,abc,5\n",
         "food_nutrient.csv:2:5: nutrient_id: 'abc' is not a whole number"),
        (food, nutrient, "id,fdc_id,nutrient_id,amount\n1,1,1008\n", "food_nutrient.csv:2:1: expected 4 fields, found 3"),
        (food, nutrient, "id,fdc_id,nutrient\n", "food_nutrient.csv:1:1: missing required column 'nutrient_id'"),
        (food, "id,name,unit_name,nutrient_nbr\n1092,Potassium,UG,306\n", foodNutrient,
         "nutrient.csv:2:16: unit_name: nutrient 306 is in 'UG', expected MG"),
        (food, "id,name,unit_name,nutrient_nbr\n1092,Potassium,MG,K\n", foodNutrient,
         "nutrient.csv:2:19: nutrient_nbr: 'K' is not a number"),
        ("", nutrient, foodNutrient, "food.csv:1:1: the file is empty"),
        ("fdc_id,description\n", nutrient, foodNutrient, "food.csv:1:1: missing required column 'data_type'"),
        ("fdc_id,data_type,description\nx1,sr_legacy_food,Apple\n", nutrient, foodNutrient,
         "food.csv:2:1: fdc_id: 'x1' is not a whole number"),
        ("fdc_id,data_type,description\n1,sr_legacy_food,Apple\n1,sr_legacy_food,Pear\n", nutrient, foodNutrient,
         "food.csv:3:1: duplicate fdc_id 1 (first on line 2)"),
        ("fdc_id,data_type,description\n1,branded_food,Bar\n", nutrient, foodNutrient,
         "food.csv: no food of data type foundation_food, sr_legacy_food, survey_fndds_food"),
        ("fdc_id,data_type,description\n1,sr_legacy_food,\"Apple\n", nutrient, foodNutrient,
         "food.csv:2:18: unterminated quoted field"),
    ])
    func rejectsBadFiles(food: String, nutrient: String, foodNutrient: String, description: String) {
        do {
            _ = try importText(food: food, nutrient: nutrient, foodNutrient: foodNutrient)
            Issue.record("expected \(description)")
        } catch {
            #expect(error.description == description)
        }
    }

    @Test func rejectsABadPortion() {
        do {
            _ = try importText(foodPortion: "id,fdc_id,amount,gram_weight\n1,1,1,x\n")
            Issue.record("expected an error")
        } catch {
            #expect(error.description == "food_portion.csv:2:7: gram_weight: 'x' is not a number")
        }
    }

    @Test func namesAMissingFile() {
        let folder = URL(fileURLWithPath: "/nonexistent/fdc")
        #expect(throws: FoodTableError(
            file: "food.csv", reason: .fileMissing(path: "/nonexistent/fdc/food.csv"))) {
            try FDCImport().table(fromFolder: folder)
        }
    }

    static let units = [1000: "cup", 9999: "undetermined"]

    @Test(arguments: [
        // SR Legacy
        (FDCImport.Portion(sequence: 1, amount: 1, measureUnitID: 9999, description: "", modifier: "cup, chopped",
                           grams: 160), 1.0, "cup, chopped"),
        // Foundation
        (FDCImport.Portion(sequence: 1, amount: 1, measureUnitID: 1000, description: "", modifier: "", grams: 21),
         1, "cup"),
        (FDCImport.Portion(sequence: 1, amount: 0.5, measureUnitID: 1000, description: "", modifier: "chopped",
                           grams: 80), 0.5, "cup, chopped"),
        // FNDDS
        (FDCImport.Portion(sequence: 1, amount: nil, measureUnitID: 9999, description: "1/2 cup", modifier: "20000",
                           grams: 120), 0.5, "cup"),
        (FDCImport.Portion(sequence: 1, amount: 1, measureUnitID: 9999, description: "2 slices", modifier: "",
                           grams: 50), 2, "slices"),
        (FDCImport.Portion(sequence: 1, amount: nil, measureUnitID: 9999, description: "Quantity not specified",
                           modifier: "90000", grams: 50), 1, "Quantity not specified"),
        (FDCImport.Portion(sequence: 1, amount: 0, measureUnitID: nil, description: "", modifier: "", grams: 50),
         1, "serving"),
    ])
    func describesServings(portion: FDCImport.Portion, quantity: Double, unit: String) {
        #expect(FDCImport.serving(of: portion, unitNames: Self.units)
            == FDCImport.Serving(quantity: quantity, unit: unit, grams: portion.grams))
    }
}
