import Foundation
import MealPlanning
import Testing
import TestSupport

/// A temporary folder, removed when the value goes away.
final class TemporaryFolder: @unchecked Sendable {
    let url: URL

    init(_ label: String = "planner-tests") throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("\(label)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        try Data(text.utf8).write(to: url.appendingPathComponent(name))
        return path(name)
    }

    /// The names of the files in the folder, sorted.
    func fileNames() -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []).sorted()
    }

    deinit { try? FileManager.default.removeItem(at: url) }
}

/// A small food table (rows of the shipped table): every meal, the food groups the default
/// meal rules name, every standard nutrient, allergens and diets. Plans of a day or two on it
/// take a fraction of a second.
enum SmallTable {
    static let csv = """
        id,name,ndb_no,serving_qty,serving_unit,serving_g,kcal,protein_g,fat_g,carbs_g,fiber_g,sugars_g,added_sugars_g,potassium_mg,sodium_mg,calcium_mg,magnesium_mg,price_usd,meals,group,diets,allergens,max_servings_per_meal
        almonds,Almonds,12061,1,oz,28.35,164.15,6,14.16,6.11,3.54,1.23,,207.81,0.28,76.26,76.55,0.5,breakfast;lunch;snack,nuts-seeds,vegetarian;vegan;pescatarian;gluten-free;dairy-free,tree-nuts,1.5
        banana,Banana,09040,1,medium,118,105.02,1.29,0.39,26.95,3.07,14.43,,422.44,1.18,5.9,31.86,0.24,breakfast;lunch;snack,fruit,vegetarian;vegan;pescatarian;gluten-free;dairy-free,,1.5
        black-beans,"Black beans, boiled",16015,1,cup,172,227.04,15.24,0.93,40.78,14.96,0.55,,610.6,1.72,46.44,120.4,0.23,lunch;dinner,legume,vegetarian;vegan;pescatarian;gluten-free;dairy-free,,1.5
        broccoli-cooked,"Broccoli, cooked",11091,0.5,cup,78,27.3,1.86,0.32,5.6,2.57,1.08,,228.54,31.98,31.2,16.38,0.68,lunch;dinner,vegetable,vegetarian;vegan;pescatarian;gluten-free;dairy-free,,3
        brown-rice,"Brown rice, cooked",20037,1,cup,202,248.46,5.53,1.96,51.67,3.23,0.48,,173.72,8.08,6.06,78.78,0.25,lunch;dinner,grain,vegetarian;vegan;pescatarian;gluten-free;dairy-free,,1.5
        chicken-breast,"Chicken breast, roasted, no skin",05064,0.5,breast,86,141.9,26.68,3.07,0,0,0,,220.16,63.64,12.9,24.94,0.97,lunch;dinner,poultry,gluten-free;dairy-free,,2
        dark-chocolate,"Dark chocolate, 70-85% cacao",19904,1,oz,28.35,169.53,2.21,12.09,13.01,3.09,6.8,,202.7,5.67,20.7,64.64,0.7,snack,sweet,vegetarian;pescatarian;gluten-free,milk;soy,1
        egg-boiled,Hard-boiled egg,01129,1,large egg,50,77.5,6.29,5.31,0.56,0,0.56,,63,62,25,5,0.39,breakfast;lunch;snack,egg,vegetarian;pescatarian;gluten-free;dairy-free,egg,3
        greek-yogurt-plain,"Greek yogurt, plain, nonfat",01256,1,container,170,100.3,17.32,0.66,6.12,0,5.51,,239.7,61.2,187,18.7,1.2,breakfast;lunch;snack,dairy,vegetarian;pescatarian;gluten-free,milk,1.5
        kale-cooked,"Kale, cooked",11234,1,cup,130,36.4,2.47,0.52,7.32,2.6,1.63,,296.4,29.9,93.6,23.4,0.94,lunch;dinner,vegetable,vegetarian;vegan;pescatarian;gluten-free;dairy-free,,1.5
        lentils,"Lentils, boiled",16070,1,cup,198,229.68,17.86,0.75,39.86,15.64,3.56,,730.62,3.96,37.62,71.28,0.33,lunch;dinner,legume,vegetarian;vegan;pescatarian;gluten-free;dairy-free,,1.5
        milk-skim,"Milk, nonfat (skim)",01085,1,cup,245,83.3,8.26,0.2,12.15,0,12.47,,382.2,102.9,298.9,26.95,0.26,breakfast;lunch;dinner;snack,dairy,vegetarian;pescatarian;gluten-free,milk,2
        oatmeal,"Oatmeal, cooked with water",08121,1,cup,234,166.14,5.94,3.56,28.08,3.98,0.63,,163.8,9.36,21.06,63.18,0.2,breakfast,grain,vegetarian;vegan;pescatarian;dairy-free,,1.5
        olive-oil,Olive oil,04053,1,tbsp,13.5,119.34,0,13.5,0,0,0,,0.14,0.27,0.14,0,0.15,lunch;dinner,fat-condiment,vegetarian;vegan;pescatarian;gluten-free;dairy-free,,2
        orange,Orange,09200,1,medium,131,61.57,1.23,0.16,15.39,3.14,12.25,,237.11,0,52.4,13.1,0.62,breakfast;lunch;snack,fruit,vegetarian;vegan;pescatarian;gluten-free;dairy-free,,2
        potato-baked,"Baked potato, with skin",11674,1,medium,173,160.89,4.33,0.22,36.59,3.81,2.04,,925.55,17.3,25.95,48.44,0.38,lunch;dinner,starchy-vegetable,vegetarian;vegan;pescatarian;gluten-free;dairy-free,,1.5
        raisins,Raisins,09298,0.25,cup,36.25,108.39,1.11,0.17,28.7,1.34,21.46,,271.51,3.99,18.13,11.6,0.32,breakfast;lunch;snack,fruit,vegetarian;vegan;pescatarian;gluten-free;dairy-free,,1
        salmon-baked,"Salmon, Atlantic, farmed, baked",15237,3,oz,85,175.1,18.79,10.5,0,0,0,,326.4,51.85,12.75,25.5,2.6,lunch;dinner,fish,pescatarian;gluten-free;dairy-free,fish,2
        soymilk,"Soy milk, fortified",16139,1,cup,243,104.49,6.32,3.57,11.96,0.49,8.87,,296.46,114.21,298.89,36.45,0.45,breakfast;lunch;dinner;snack,dairy,vegetarian;vegan;pescatarian;gluten-free;dairy-free,soy,2
        spinach-cooked,"Spinach, cooked",11458,0.5,cup,90,20.7,2.67,0.23,3.38,2.16,0.39,,419.4,63,122.4,78.3,1.06,lunch;dinner,vegetable,vegetarian;vegan;pescatarian;gluten-free;dairy-free,,2
        sweet-potato-baked,"Baked sweet potato, in skin",11508,1,medium,114,102.6,2.29,0.17,23.61,3.76,7.39,,541.5,41.04,43.32,30.78,0.33,lunch;dinner,starchy-vegetable,vegetarian;vegan;pescatarian;gluten-free;dairy-free,,1.5
        tofu-firm,"Tofu, firm",16126,0.5,cup,126,98.28,11.39,5.25,3.59,1.13,0.76,,186.48,15.12,253.26,46.62,0.65,breakfast;lunch;dinner,legume,vegetarian;vegan;pescatarian;gluten-free;dairy-free,soy,2
        white-beans,"White beans, boiled",16050,1,cup,179,248.81,17.42,0.63,44.91,11.28,0.61,,1004.19,10.74,161.1,112.77,0.26,lunch;dinner,legume,vegetarian;vegan;pescatarian;gluten-free;dairy-free,,1.5
        whole-wheat-bread,Whole-wheat bread,18075,1,slice,32,80.64,3.98,1.12,13.67,1.92,1.39,,81.28,145.6,51.52,24,0.2,breakfast;lunch;snack,grain,vegetarian;pescatarian,wheat,2
        yogurt-plain-nonfat,"Plain yogurt, nonfat",01118,1,cup,245,137.2,14.04,0.44,18.82,0,18.82,,624.75,188.65,487.55,46.55,1,breakfast;lunch;snack,dairy,vegetarian;pescatarian;gluten-free,milk,1

        """

    static let table: FoodTable = {
        do {
            return try FoodTable.parse(text: csv, fileName: "small.csv")
        } catch {
            fatalError("the small test table must load: \(error)")
        }
    }()
}

/// True when the text is one line: no line feed, carriage return or other line break.
func isOneLine(_ text: String) -> Bool {
    !text.unicodeScalars.contains { $0 == "\n" || $0 == "\r" || $0 == "\u{0B}" || $0 == "\u{0C}" || $0 == "\u{85}" || $0 == "\u{2028}" || $0 == "\u{2029}" }
}

@Suite("test support")
struct SupportTests {
    /// The published first outputs of SplitMix64 for seed 0, so that a seed names the same
    /// cases on every machine.
    @Test func splitMixMatchesTheReferenceSequence() {
        var generator = SplitMix64(seed: 0)
        #expect(generator.next() == 0xE220_A839_7B1D_CDAF)
        #expect(generator.next() == 0x6E78_9E6A_A1B9_65F4)
        #expect(generator.next() == 0x06C4_5D18_8009_454F)
    }

    @Test func theSmallTableLoads() {
        #expect(SmallTable.table.count == 25)
        #expect(SmallTable.table.nutrients.count == 11)
    }
}
