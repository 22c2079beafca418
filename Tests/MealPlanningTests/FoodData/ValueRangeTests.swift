import BundledData
import Foundation
import GLPK
import LinearProgramming
import Testing
@testable import MealPlanning

/// The range of every numeric column of a food table, a price list and a recipe file
/// (``FoodValueRange``): a floor for nonzero amounts, a physical ceiling per gram of the serving.
@Suite("Food table value ranges")
struct ValueRangeTests {
    static let header = [
        "id", "name", "meals", "serving_qty", "serving_g", "kcal", "protein_g", "potassium_mg", "folate_ug", "fruit_cup_eq",
        "pral", "price_usd", "max_servings_per_meal", "roles", "min_servings", "max_per_carrier",
    ]
    static let base = ["a", "A", "L", "1", "100", "50", "2", "300", "10", "0.5", "-3", "0.5", "2", "vegetable-side", "1", "1"]

    /// A one-food table with `value` in `column` (and `servingGrams` in serving_g); its error, or nil when it loads.
    static func error(_ column: String, _ value: String, servingGrams: String = "100") -> String? {
        var row = base
        row[header.firstIndex(of: "serving_g")!] = servingGrams
        row[header.firstIndex(of: column)!] = value
        do {
            _ = try FoodTable.parse(text: header.joined(separator: ",") + "\n" + row.joined(separator: ",") + "\n", fileName: "t.csv")
            return nil
        } catch {
            return error.description
        }
    }

    /// `t.csv:2:COLUMN: ` for the field of `column` in a row made of `base` with `value` there.
    static func place(_ column: String, _ value: String, servingGrams: String = "100") -> String {
        var row = base
        row[header.firstIndex(of: "serving_g")!] = servingGrams
        let index = header.firstIndex(of: column)!
        row[index] = value
        return "t.csv:2:\(row[..<index].reduce(1) { $0 + $1.count + 1 }): "
    }

    @Test func theBaseRowLoads() {
        #expect(Self.error("kcal", "50") == nil)
    }

    /// A nonzero amount below a millionth of the unit, in every numeric column: the 1e-300 that
    /// made GLPK's scaling abort the process.
    @Test(arguments: ["serving_qty", "kcal", "protein_g", "potassium_mg", "folate_ug", "fruit_cup_eq", "pral", "price_usd",
                      "max_servings_per_meal", "min_servings", "max_per_carrier"])
    func aTinyAmountIsRejected(column: String) {
        #expect(Self.error(column, "1e-300")
            == Self.place(column, "1e-300") + "\(column): 1e-300 is below 0.000001, the smallest nonzero amount (write 0 for none)")
        #expect(Self.error(column, "0.000001") == nil)
    }

    @Test func aTinyNegativeAmountIsRejectedAndZeroIsNot() {
        #expect(Self.error("pral", "-1e-7") == Self.place("pral", "-1e-7") + "pral: -1e-7 is below 0.000001, the smallest nonzero amount (write 0 for none)")
        for column in ["kcal", "protein_g", "potassium_mg", "pral", "price_usd", "fruit_cup_eq"] {
            #expect(Self.error(column, "0") == nil, "\(column)")
            #expect(Self.error(column, "-0") == nil, "\(column)")
        }
    }

    @Test func aServingWeighsFrom0_01To5000Grams() {
        #expect(Self.error("serving_g", "1e-300", servingGrams: "1e-300")
            == Self.place("serving_g", "1e-300", servingGrams: "1e-300") + "serving_g: 1e-300 is below 0.01 g, the least a serving may weigh")
        #expect(Self.error("serving_g", "0.009", servingGrams: "0.009")?.hasSuffix("serving_g: 0.009 is below 0.01 g, the least a serving may weigh") == true)
        #expect(FoodValueRange.servingGramsProblem(0.01, shown: "0.01") == nil)
        #expect(Self.error("serving_g", "5000", servingGrams: "5000") == nil)
        #expect(Self.error("serving_g", "6000", servingGrams: "6000")
            == Self.place("serving_g", "6000", servingGrams: "6000") + "serving_g: 6000 is above 5,000 g, the most a serving may weigh")
    }

    /// Each ceiling, just above it and at it, for a 100 g serving.
    @Test(arguments: [
        ("kcal", "909.01", "909", "kcal: 909.01 is above 909, the most energy a 100 g serving can hold (9 kcal per gram, pure fat's, plus 1 % for rounding)"),
        ("kcal", "1e12", "900", "kcal: 1e12 is above 909, the most energy a 100 g serving can hold (9 kcal per gram, pure fat's, plus 1 % for rounding)"),
        ("protein_g", "150", "101", "protein_g: 150 is above 101, the weight of a 100 g serving (plus 1 % for rounding)"),
        ("potassium_mg", "2e5", "101000", "potassium_mg: 2e5 is above 101,000, the weight of a 100 g serving in mg (plus 1 % for rounding)"),
        ("folate_ug", "2e8", "1.01e8", "folate_ug: 2e8 is above 101,000,000, the weight of a 100 g serving in µg (plus 1 % for rounding)"),
        ("fruit_cup_eq", "21", "20", "fruit_cup_eq: 21 is above 20, the most a 100 g serving can count (0.2 cup-eq per gram)"),
        ("pral", "2e6", "1e6", "pral: 2e6 is above 1,000,000, the largest amount of a column without a unit"),
        ("pral", "-2e6", "-1e6", "pral: -2e6 is below -1,000,000, the largest amount of a column without a unit"),
        ("price_usd", "1e12", "10000", "price_usd: 1e12 is above 10,000, the most a 100 g serving may cost ($100 a gram)"),
        ("serving_qty", "20000", "10000", "serving_qty: 20000 is above 10,000, the largest household quantity of a serving"),
        ("max_servings_per_meal", "21", "20", "max_servings_per_meal: 21 is above 20, the largest portion a plan may have"),
        ("min_servings", "25", "20", "min_servings: 25 is above 20, the largest portion a plan may have"),
        ("max_per_carrier", "30", "20", "max_per_carrier: 30 is above 20, the most servings per serving of what it goes with"),
    ])
    func aValueAboveItsCeilingIsRejected(column: String, above: String, atLimit: String, message: String) {
        #expect(Self.error(column, above) == Self.place(column, above) + message)
        #expect(Self.error(column, atLimit) == nil, "\(column) \(atLimit)")
    }

    /// Without a serving weight the ceilings are those of the largest serving, 5,000 g.
    @Test func withoutAServingWeightTheLargestServingBounds() {
        #expect(Self.error("kcal", "50000", servingGrams: "") == Self.place("kcal", "50000", servingGrams: "")
            + "kcal: 50000 is above 45,450, the most energy a serving of 5,000 g (the largest; no serving_g is given) can hold (9 kcal per gram, pure fat's, plus 1 % for rounding)")
        #expect(Self.error("kcal", "45450", servingGrams: "") == nil)
        #expect(Self.error("price_usd", "600000", servingGrams: "") == Self.place("price_usd", "600000", servingGrams: "")
            + "price_usd: 600000 is above 500,000, the most a serving of 5,000 g (the largest; no serving_g is given) may cost ($100 a gram)")
    }

    /// The generic gate of ±1e12 still comes first (an absurd number is named as such).
    @Test func theMagnitudeGateComesFirst() {
        #expect(Self.error("kcal", "2e12") == Self.place("kcal", "2e12") + "kcal: 2e12 is larger than 1e12")
    }

    /// Every food and recipe of the bundled table, and of the baseline's frozen copy, is in range.
    @Test func theBundledTablesLoad() throws {
        var table = try FoodTable.load(contentsOf: try #require(BundledData.foodsCSV))
        try table.addRecipes(recipes: try #require(BundledData.recipesCSV), ingredients: try #require(BundledData.recipeIngredientsCSV))
        #expect(table.count > 400)
        let frozen = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Baseline/Fixtures/foods.csv")
        #expect(try FoodTable.load(contentsOf: frozen).count > 300)
    }

    // MARK: Price lists

    static let priced = "id,name,meals,serving_g,price_usd\nbanana,Banana,L,100,0.3\nsalt,Salt,L,,0.01\n"

    func priceError(_ list: String) -> String? {
        do {
            var table = try FoodTable.parse(text: Self.priced, fileName: "foods.csv")
            try table.applyPriceOverrides(Array(list.utf8), fileName: "prices.csv")
            return nil
        } catch {
            return error.description
        }
    }

    @Test func aPriceListIsHeldToTheSameRange() {
        #expect(priceError("id,price_usd\nbanana,10000\n") == nil)
        #expect(priceError("id,price_usd\nbanana,20000\n") == "prices.csv:2:8: price_usd: 20000 is above 10,000, the most a 100 g serving may cost ($100 a gram)")
        #expect(priceError("id,price_usd\nsalt,1e12\n")
            == "prices.csv:2:6: price_usd: 1e12 is above 500,000, the most a serving of 5,000 g (the largest; no serving_g is given) may cost ($100 a gram)")
        #expect(priceError("id,price_usd\nbanana,1e-9\n") == "prices.csv:2:8: price_usd: 1e-9 is below 0.000001, the smallest nonzero amount (write 0 for none)")
        #expect(priceError("id,price_usd\nbananna,1\n") == "prices.csv:2:1: unknown food id 'bananna' (did you mean 'banana'?)")
    }

    // MARK: Recipes

    static let foods = """
        id,name,serving_qty,serving_unit,serving_g,kcal,potassium_mg,price_usd,meals,roles
        rice,Rice,1,cup,200,240,70,0.2,lunch;dinner,starch-side

        """

    func recipeError(_ recipes: String, _ ingredients: String) -> String? {
        do {
            var table = try FoodTable.parse(text: Self.foods, fileName: "foods.csv")
            try table.addRecipes(
                recipes: Array(("id,name,servings,serving_qty,serving_unit,meals,roles,group,family,method\n" + recipes).utf8),
                recipesFileName: "recipes.csv",
                ingredients: Array(("recipe,ingredient,grams\n" + ingredients).utf8), ingredientsFileName: "ingredients.csv")
            return nil
        } catch {
            return error.description
        }
    }

    @Test func recipeAmountsAreInRange() {
        let dish = "dish,Dish,1,1,bowl,lunch,main,,,\n"
        #expect(recipeError(dish, "dish,rice,300\n") == nil)
        #expect(recipeError(dish, "dish,rice,0.001\n") == "ingredients.csv:2:11: grams: 0.001 is below 0.01 g, the least an ingredient may weigh")
        #expect(recipeError(dish, "dish,rice,200000\n")
            == "ingredients.csv:2:11: grams: 200000 is above 100,000 g, the most an ingredient line may hold (1,000 servings of 100 g)")
        #expect(recipeError(dish, "dish,rice,6000\n")
            == "recipes.csv:2:1: recipe 'dish': serving weight: 6,000 (its ingredients' grams over 1 serving) is above 5,000 g, the most a serving may weigh")
        #expect(recipeError("dish,Dish,1000,1,bowl,lunch,main,,,\n", "dish,rice,1\n")
            == "recipes.csv:2:1: recipe 'dish': serving weight: 0 (its ingredients' grams over 1000 servings) is below 0.01 g, the least a serving may weigh")
        #expect(recipeError("dish,Dish,1,20000,bowl,lunch,main,,,\n", "dish,rice,100\n")
            == "recipes.csv:2:13: serving_qty: 20000 is above 10,000, the largest household quantity of a serving")
    }
}

/// What reaches GLPK: a coefficient too small for its scaling is an error before GLPK sees it;
/// everything the food table accepts gives a plan or a reason why there is none.
@Suite("Extreme values and the solver")
struct ExtremeValueSolverTests {
    /// GLPK's scaling aborted the process on a 1e-300 coefficient (a table whose foods all had
    /// 1e-300 mg potassium); the model check turns it away first.
    @Test func aCoefficientTooSmallForGLPKIsAModelError() throws {
        var model = Model()
        let x = model.addVariable(upper: 10, objective: 1, name: "x")
        let y = model.addVariable(upper: 10, objective: 1, name: "y")
        model.addConstraint([(x, 1e-300), (y, 1)], .atLeast(1), name: "r")
        #expect(throws: ModelError.magnitudeTooSmall(place: "coefficient of x in r", value: 1e-300)) {
            try GLPKSolver().solve(model, options: SolveOptions())
        }
        #expect(ModelError.magnitudeTooSmall(place: "coefficient of x in r", value: 1e-300).description
            == "coefficient of x in r is 1e-300, below the smallest accepted nonzero magnitude 1e-100 (use 0)")
    }

    /// The smallest and the largest accepted coefficients in one row and one column: GLPK scales
    /// and solves them without aborting.
    @Test func theExtremesOfTheAcceptedRangeSolve() throws {
        var model = Model()
        let x = model.addVariable(upper: 1e12, objective: 1, name: "x")
        let y = model.addVariable(upper: 1e12, objective: 1, name: "y")
        model.addConstraint([(x, Model.smallestMagnitude), (y, 1e15)], .atLeast(1), name: "r")
        model.addConstraint([(x, 1e15), (y, Model.smallestMagnitude)], .atMost(1e15), name: "s")
        for scaling in [SolveOptions.Scaling.automatic, .geometricMean, .equilibration] {
            var options = SolveOptions()
            options.presolve = false  // the scaling is GLPK's own only without its presolver
            options.scaling = scaling
            let solution = try GLPKSolver().solve(model, options: options)
            #expect(solution.status == .optimal || solution.status == .numericalFailure, "\(scaling): \(solution.status)")
        }
    }

    /// A table where every value sits at its floor or at its ceiling (or half of the foods at
    /// each), planned for one and three days with two objectives: a plan the validator accepts,
    /// or a reason why there is none; never a solver failure or a model error.
    @Test(arguments: ["floor", "ceiling", "mixed"], [(PlanObjective.cost, 1), (.potassium, 1), (.cost, 3), (.sugar, 3)])
    func aTableAtItsLimitsPlansOrSaysWhyNot(kind: String, objectiveAndDays: (PlanObjective, Int)) throws {
        var rows = ["id,name,meals,serving_g,kcal,protein_g,fiber_g,sugars_g,potassium_mg,sodium_mg,calcium_mg,magnesium_mg,price_usd,group"]
        for index in 0 ..< 12 {
            let ceiling = kind == "ceiling" || (kind == "mixed" && index % 2 == 0)
            let grams = ceiling ? 5000.0 : 0.01
            let amounts = ceiling
                ? [grams * 9 * 1.01, grams * 1.01, grams * 1.01, grams * 1.01, grams * 1010, grams * 1010, grams * 1010, grams * 1010, grams * 100]
                : [1e-6, 1e-6, 1e-6, 1e-6, 1e-6, 1e-6, 1e-6, 1e-6, 1e-6]
            rows.append("f\(index),Food \(index),B;L;D;S,\(grams)," + amounts.map { "\($0)" }.joined(separator: ",") + ",vegetable")
        }
        let table = try FoodTable.parse(text: rows.joined(separator: "\n") + "\n", fileName: "limits.csv")
        var request = PlanRequest(profile: Profile(sex: .female))
        request.days = objectiveAndDays.1
        request.objective = objectiveAndDays.0
        request.maxDailyGrams = 100_000
        request.timeLimit = 20
        let clock = ContinuousClock()
        let start = clock.now
        let outcome = try WeeklyPlanner(table: table, request: request, solver: GLPKSolver()).plan()
        switch outcome {
        case .plan(let plan):
            #expect(PlanValidator(table: table, request: request).violations(of: plan.items, relaxed: plan.quality == .relaxed).isEmpty)
        case .noPlan(let why):
            #expect(why.sentence.hasPrefix("No plan"))
        }
        #expect(clock.now - start < .seconds(25))
    }
}
