import Foundation
import LinearProgramming
import MealPlanning
import Testing

/// The model builder's output for tiny requests, as CPLEX LP text, against files under
/// `Fixtures/models/`. A deliberate change of the model: run with `RECORD_MODELS=1` to write the
/// files again (then review the diff).
@Suite("model builder golden files")
struct PlanModelBuilderGoldenTests {
    static let csv = """
        id,name,ndb_no,serving_qty,serving_unit,serving_g,kcal,protein_g,fat_g,carbs_g,fiber_g,sugars_g,added_sugars_g,potassium_mg,sodium_mg,calcium_mg,magnesium_mg,price_usd,meals,group,diets,allergens,max_servings_per_meal
        banana,Banana,09040,1,medium,118,105.02,1.29,0.39,26.95,3.07,14.43,,422.44,1.18,5.9,31.86,0.24,breakfast;lunch;snack,fruit,vegetarian;vegan;pescatarian;gluten-free;dairy-free,,1.5
        lentils,"Lentils, boiled",16070,1,cup,198,229.68,17.86,0.75,39.86,15.64,3.56,,730.62,3.96,37.62,71.28,0.33,lunch;dinner,legume,vegetarian;vegan;pescatarian;gluten-free;dairy-free,,1.5
        milk-skim,"Milk, nonfat (skim)",01085,1,cup,245,83.3,8.26,0.2,12.15,0,12.47,,382.2,102.9,298.9,26.95,0.26,breakfast;lunch;dinner;snack,dairy,vegetarian;pescatarian;gluten-free,milk,2
        spinach-cooked,"Spinach, cooked",11458,0.5,cup,90,20.7,2.67,0.23,3.38,2.16,0.39,,419.4,63,122.4,78.3,1.06,lunch;dinner,vegetable,vegetarian;vegan;pescatarian;gluten-free;dairy-free,,2
        """

    static func request(_ edit: (inout PlanRequest) -> Void) -> PlanRequest {
        var request = PlanRequest(profile: Profile(sex: .female))
        request.days = 2
        edit(&request)
        return request
    }

    /// Each case names its fixture and a request that brings in other rule families.
    static let cases: [(String, PlanRequest)] = [
        ("default-two-days", request { _ in }),
        ("variety-counts", request {
            $0.minFoodsPerDay = 2
            $0.minFoodsPerWeek = 3
            $0.includeFoods = ["lentils"]
        }),
        ("energy-objective-relaxed", request {
            $0.objective = .plain(.energy)
            $0.relaxPortions = true
            $0.maxFoodsPerMeal = nil
        }),
    ]

    @Test(arguments: cases.map(\.0))
    func theModelIsTheRecordedOne(name: String) throws {
        let request = Self.cases.first { $0.0 == name }!.1
        let table = try FoodTable.parse(text: Self.csv, fileName: "tiny.csv")
        let plan = try PlanModelBuilder(table: table, request: request).build()
        let text = try ModelExport.string(plan.model, format: .lp)
        let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/models/\(name).lp")
        if ProcessInfo.processInfo.environment["RECORD_MODELS"] != nil {
            try FileManager.default.createDirectory(at: fixture.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: fixture)
        }
        let expected = try String(contentsOf: fixture, encoding: .utf8)
        #expect(text == expected)
    }

    /// The handles the search reads point at the columns they name.
    @Test func handlesNameTheirColumns() throws {
        let table = try FoodTable.parse(text: Self.csv, fileName: "tiny.csv")
        let plan = try PlanModelBuilder(table: table, request: Self.cases[2].1).build()
        #expect(plan.energyDeviation.map { plan.model.name(of: $0) } == ["energy_deviation[d1]", "energy_deviation[d2]"])
        let variety = try PlanModelBuilder(table: table, request: Self.cases[1].1).build()
        #expect(variety.weekUse.map { variety.model.name(of: $0) } == table.ids.map { "week[\($0)]" })
        #expect(variety.dayUse.count == table.count)
        for (index, portion) in variety.portions.enumerated() {
            #expect(variety.model.name(of: portion.variable) == "x[\(table.ids[portion.food]),d\(portion.day + 1),\(portion.slot.rawValue)]")
            if let use = variety.mealUse[index] {
                #expect(variety.model.name(of: use) == "used[\(table.ids[portion.food]),d\(portion.day + 1),\(portion.slot.rawValue)]")
            }
        }
    }
}
