/// The numbers a food table, a price list and a recipe file may hold, column by column.
///
/// Values are per serving. Two kinds of limit apply:
///
/// - **A floor.** A nonzero amount below a millionth of its column's unit (1e-6 mg, g, kcal,
///   serving, dollar ...) is noise or a unit error, never a measurement: write 0 for none. Such
///   values also reach the solver as coefficients of rows whose other coefficients are
///   hundreds, and at 1e-300 GLPK's scaling aborted the whole process. A serving weighs at
///   least 0.01 g: the smallest household amounts (a pinch of saffron, one sweetener tablet)
///   weigh a few hundredths of a gram.
/// - **A physical ceiling**, per gram of the serving when the table gives its weight
///   (`serving_g`), otherwise per serving of the largest weight (5,000 g):
///   - energy: 9 kcal per gram, pure fat's (no food has more: alcohol has 7, protein and
///     carbohydrate 4; USDA lists oils at 884 and fish oils at up to about 900 kcal per 100 g),
///     plus 1 % for values rounded in their sources;
///   - a nutrient in g, mg or µg: the weight of the serving (a nutrient cannot weigh more than
///     the food that holds it; fat and sugar are at most 100 g per 100 g), plus the same 1 %;
///   - food-pattern equivalents (cup-eq, oz-eq): 0.2 per gram, nearly three times the densest
///     food of the bundled table (walnuts, 0.07 oz-eq per gram: half an ounce of nuts is one
///     ounce-equivalent of protein foods);
///   - a custom column without a unit (a score such as an acid load): ±1,000,000 per serving;
///   - price: $100 per gram of the serving ($100,000 a kilogram; the dearest foods sold, such
///     as saffron, truffles and caviar, cost at most a few tens of thousands of dollars a kilogram);
///   - serving weight: 5,000 g (a serving is what one person eats at one meal; the default day
///     holds 2,500 g of food in all);
///   - household quantity (`serving_qty`): 10,000 (say, millilitres);
///   - servings (`max_servings_per_meal`, `min_servings`, `max_per_carrier`): 20, the largest
///     portion a plan may have (a request's maximum servings per meal is at most 20).
///
/// Recipe files: an ingredient line holds 0.01 g to 100,000 g (a recipe of 1,000 servings,
/// the most one makes, of 100 g each), and a recipe's serving obeys the serving weight limits;
/// its values, sums over its ingredients, obey the ceilings above (the floor does not apply to
/// them: a small amount of a small ingredient is still a true value).
///
/// Every accepted value keeps the solver's coefficients between about 1e-7 and 1e12, well
/// inside what GLPK scales and solves (``LinearProgramming/Model/validate()`` turns away any
/// coefficient outside 1e-100 ... 1e15 before GLPK sees it).
public enum FoodValueRange {
    /// The smallest nonzero amount, in the column's unit.
    public static let smallestAmount = 1e-6
    /// The lightest serving, in grams.
    public static let smallestServingGrams = 0.01
    /// The heaviest serving, in grams.
    public static let largestServingGrams = 5_000.0
    /// Energy per gram of pure fat.
    public static let kcalPerGram = 9.0
    /// Room for values rounded in their sources, on the energy and mass ceilings.
    public static let roundingAllowance = 1.01
    /// Food-pattern equivalents (cup-eq, oz-eq) per gram.
    public static let equivalentsPerGram = 0.2
    /// US dollars per gram.
    public static let dollarsPerGram = 100.0
    /// The largest household quantity of a serving.
    public static let largestServingQuantity = 10_000.0
    /// The most servings of a food at one meal, or of an accompaniment per serving of its carrier.
    public static let largestServings = 20.0
    /// The largest magnitude of a custom column without a unit.
    public static let largestUnitlessAmount = 1_000_000.0
    /// The most grams of one ingredient line of a recipe.
    public static let largestIngredientGrams = 100_000.0

    /// Why `value` is below the floor, or nil. `column` names the field in the message.
    static func floorProblem(_ value: Double, column: String, shown: String) -> String? {
        guard value != 0, abs(value) < smallestAmount else { return nil }
        return "\(column): \(shown) is below 0.000001, the smallest nonzero amount (write 0 for none)"
    }

    /// `a 118 g serving`, or `a serving of 5,000 g (the largest; the table gives no serving_g)`.
    static func servingText(_ grams: Double?) -> String {
        guard let grams else { return "a serving of \(largestServingGrams.grouped) g (the largest; no serving_g is given)" }
        return "a \(grams.grouped) g serving"
    }

    /// The most a serving of `grams` (nil: unknown) may hold of a nutrient, and why; nil when the
    /// nutrient has no ceiling.
    static func ceiling(of nutrient: Nutrient, servingGrams grams: Double?) -> (limit: Double, reason: String) {
        let weight = grams ?? largestServingGrams
        let serving = servingText(grams)
        switch nutrient.unit {
        case "kcal":
            return (kcalPerGram * weight * roundingAllowance,
                    "the most energy \(serving) can hold (9 kcal per gram, pure fat's, plus 1 % for rounding)")
        case "g":
            return (weight * roundingAllowance, "the weight of \(serving) (plus 1 % for rounding)")
        case "mg":
            return (weight * 1_000 * roundingAllowance, "the weight of \(serving) in mg (plus 1 % for rounding)")
        case "ug":
            return (weight * 1_000_000 * roundingAllowance, "the weight of \(serving) in µg (plus 1 % for rounding)")
        case "cup-eq", "oz-eq":
            return (equivalentsPerGram * weight, "the most \(serving) can count (0.2 \(nutrient.unit) per gram)")
        default:
            return (largestUnitlessAmount, "the largest amount of a column without a unit")
        }
    }

    /// Why a nutrient value is out of range, or nil. With `floor: false` (a recipe's sums) only the ceiling applies.
    static func nutrientProblem(_ value: Double, nutrient: Nutrient, servingGrams: Double?, shown: String,
                                floor: Bool = true) -> String? {
        if floor, let problem = floorProblem(value, column: nutrient.key, shown: shown) { return problem }
        let (limit, reason) = ceiling(of: nutrient, servingGrams: servingGrams)
        guard abs(value) > limit else { return nil }
        return "\(nutrient.key): \(shown) is \(value < 0 ? "below -" : "above ")\(limit.grouped), \(reason)"
    }

    /// Why a price per serving is out of range, or nil.
    static func priceProblem(_ price: Double, servingGrams grams: Double?, shown: String, floor: Bool = true) -> String? {
        if floor, let problem = floorProblem(price, column: "price_usd", shown: shown) { return problem }
        let limit = dollarsPerGram * (grams ?? largestServingGrams)
        guard price > limit else { return nil }
        return "price_usd: \(shown) is above \(limit.grouped), the most \(servingText(grams)) may cost ($100 a gram)"
    }

    /// Why a serving weight is out of range, or nil.
    static func servingGramsProblem(_ grams: Double, column: String = "serving_g", shown: String) -> String? {
        if grams < smallestServingGrams {
            return "\(column): \(shown) is below \(smallestServingGrams.grouped) g, the least a serving may weigh"
        }
        if grams > largestServingGrams {
            return "\(column): \(shown) is above \(largestServingGrams.grouped) g, the most a serving may weigh"
        }
        return nil
    }

    /// Why a count of servings (or a household quantity) is out of `smallestAmount ... largest`, or nil.
    static func amountProblem(_ value: Double, column: String, shown: String, largest: Double, what: String) -> String? {
        if let problem = floorProblem(value, column: column, shown: shown) { return problem }
        guard value > largest else { return nil }
        return "\(column): \(shown) is above \(largest.grouped), \(what)"
    }
}
