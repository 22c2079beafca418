import ArgumentParser
import Foundation
import MealPlanning

extension Profile.Sex: ExpressibleByArgument {}
extension Profile.Activity: ExpressibleByArgument {}
extension Diet: ExpressibleByArgument {}
extension PlanObjective.Kind: ExpressibleByArgument {}

/// Everything that shapes a plan request, from flags and an optional request file.
/// Flags given on the command line override the file.
public struct RequestOptions: ParsableArguments {
    @Option(help: ArgumentHelp("A request file (JSON, see README) with any of the rules below.", valueName: "file"))
    public var request: String?

    // Profile
    @Option(help: "Sex for the reference intakes: female or male.")
    public var sex: Profile.Sex?
    @Option(help: "Age in years (14-120; default 30).")
    public var age: Int?
    @Flag(help: "Use the reference intakes of pregnancy.")
    public var pregnant = false
    @Flag(help: "Use the reference intakes of lactation.")
    public var lactating = false
    @Option(help: "Physical activity for the energy estimate: sedentary, moderate or active (default moderate).")
    public var activity: Profile.Activity?
    @Option(help: ArgumentHelp("Daily energy target in kcal (default: estimated from the profile).", valueName: "kcal"))
    public var kcal: Double?

    // Targets
    @Option(name: .customLong("potassium-min"), help: ArgumentHelp("Potassium minimum, mg/day.", valueName: "mg"))
    public var potassiumMin: Double?
    @Option(name: .customLong("potassium-max"), help: ArgumentHelp("Potassium upper limit, mg/day (for people told to limit it).", valueName: "mg"))
    public var potassiumMax: Double?
    @Option(name: .customLong("sodium-max"), help: ArgumentHelp("Sodium maximum, mg/day.", valueName: "mg"))
    public var sodiumMax: Double?
    @Option(name: .customLong("sugar-max"), help: ArgumentHelp("Total sugars maximum, g/day.", valueName: "g"))
    public var sugarMax: Double?
    @Option(name: .customLong("added-sugar-max"), help: ArgumentHelp("Added sugars maximum, g/day (needs a table with added-sugar values).", valueName: "g"))
    public var addedSugarMax: Double?
    @Option(name: .customLong("fiber-min"), help: ArgumentHelp("Fiber minimum, g/day.", valueName: "g"))
    public var fiberMin: Double?
    @Option(name: .customLong("protein-min"), help: ArgumentHelp("Protein minimum, g/day.", valueName: "g"))
    public var proteinMin: Double?
    @Option(name: .customLong("calcium-min"), help: ArgumentHelp("Calcium minimum, mg/day.", valueName: "mg"))
    public var calciumMin: Double?
    @Option(name: .customLong("magnesium-min"), help: ArgumentHelp("Magnesium minimum, mg/day.", valueName: "mg"))
    public var magnesiumMin: Double?
    @Option(name: .customLong("nutrient"), help: ArgumentHelp(
        "A rule on any nutrient column: COLUMN:MIN:MAX[:MEAL], empty for no bound (e.g. iron_mg:18: or sodium_mg::600:dinner).",
        valueName: "rule"))
    public var nutrientRules: [String] = []

    // Plan shape
    @Option(help: "Days to plan (1-28; default 7).")
    public var days: Int?
    @Option(name: .customLong("portion-step"), help: ArgumentHelp("Portions are multiples of this many servings: 0.25, 0.5 or 1 (default 0.5).", valueName: "servings"))
    public var portionStep: Double?
    @Flag(help: "Solve with continuous portions (the LP relaxation), not multiples of the step.")
    public var relax = false
    @Option(name: .customLong("max-servings-per-meal"), help: ArgumentHelp("Largest portion of a food at a meal (default 2).", valueName: "servings"))
    public var maxServingsPerMeal: Double?
    @Option(name: .customLong("max-servings-per-day"), help: ArgumentHelp("Most servings of a food per day (default 3).", valueName: "servings"))
    public var maxServingsPerDay: Double?
    @Option(name: .customLong("max-servings-per-week"), help: ArgumentHelp("Most servings of a food per week (default 7).", valueName: "servings"))
    public var maxServingsPerWeek: Double?
    @Option(name: .customLong("max-foods-per-meal"), help: "Most foods at one meal, not counting what goes with them (spreads, toppings, fats, sweeteners, condiments) (default 5).")
    public var maxFoodsPerMeal: Int?
    @Option(name: .customLong("max-days-per-food"), help: "Most days of the week a food may appear on (default 3).")
    public var maxDaysPerFood: Int?
    @Option(name: .customLong("min-foods-per-day"), help: "Fewest different foods per day (default none).")
    public var minFoodsPerDay: Int?
    @Option(name: .customLong("min-foods-per-week"), help: "Fewest different foods per week (default none).")
    public var minFoodsPerWeek: Int?
    @Option(name: .customLong("max-grams-per-day"), help: ArgumentHelp("Most food per day in grams (default 2500).", valueName: "g"))
    public var maxGramsPerDay: Double?
    @Flag(name: .customLong("no-variety"), help: "Turn off the variety rules (foods per meal, days per food, meal composition).")
    public var noVariety = false
    @Flag(name: .customLong("no-meal-groups"), help: "Turn off the meal composition rules (a vegetable and a protein food at lunch and dinner).")
    public var noMealGroups = false

    @Flag(name: .customLong("no-meal-patterns"), help: "Turn off meal patterns and pairing (what each meal holds; fats and toppings only with what they go with).")
    public var noMealPatterns = false

    @Flag(name: .customLong("no-food-groups"), help: "Turn off the Dietary Guidelines' food-group amounts (fruit, vegetables, grains, dairy, protein foods and their subgroups).")
    public var noFoodGroups = false

    @Option(name: .customLong("omit-food-group"), help: ArgumentHelp(
        "Leave out one food-group amount (repeatable, or comma separated): \(FoodGroupOptions.names.joined(separator: ", ")).", valueName: "group"))
    public var omitFoodGroup: [String] = []

    @Flag(name: .customLong("no-family-rule"), help: "Allow a food family (rice, milk, beans ...) at more than one meal of a day.")
    public var noFamilyRule = false

    @Option(name: .customLong("max-shared-lunch-dinner"), help: "Most foods lunch and dinner of a day share, outside the main (default 1).")
    public var maxSharedLunchDinner: Int?

    @Flag(name: .customLong("repeat-days"), help: "Allow two days of a week with the same foods (by default each day of meals differs from the others).")
    public var repeatDays = false

    @Option(name: .customLong("max-days-per-main"), help: "Most days of the week a main dish or recipe may appear on (default 2).")
    public var maxDaysPerMain: Int?

    @Option(name: .customLong("potassium-foods"), help: ArgumentHelp(
        "How many of sweet potato, dried apricots, lentils, avocado, spinach, banana and yogurt the week holds at least (default 3, a day 1; 0: no such rule).",
        valueName: "n"))
    public var potassiumFoods: Int?

    // Foods
    @Option(help: "Keep to a diet: vegetarian, vegan, pescatarian, gluten-free, dairy-free (repeatable).")
    public var diet: [Diet] = []
    @Option(help: ArgumentHelp("Leave out foods with these allergens, comma separated (milk, egg, fish, shellfish, tree-nuts, peanuts, wheat, soy, sesame).", valueName: "allergens"))
    public var exclude: [String] = []
    @Option(name: .customLong("exclude-food"), help: ArgumentHelp("Leave out a food by id (repeatable, or comma separated).", valueName: "id"))
    public var excludeFood: [String] = []
    @Option(name: .customLong("exclude-group"), help: ArgumentHelp("Leave out a food group (repeatable, or comma separated).", valueName: "group"))
    public var excludeGroup: [String] = []
    @Option(name: .customLong("include-food"), help: ArgumentHelp("A food that must appear in the week (repeatable, or comma separated).", valueName: "id"))
    public var includeFood: [String] = []
    @Option(name: .customLong("favorite"), help: ArgumentHelp("A favourite food, on at least N days of the week (default 2): ID or ID:N (repeatable, or comma separated).", valueName: "id[:n]"))
    public var favorite: [String] = []

    // Objective and search
    @Option(help: "What to optimise: cost, sugar, sodium, potassium (maximum) or energy (closest to the target).")
    public var objective: PlanObjective.Kind?
    @Option(help: ArgumentHelp("A weighted objective, e.g. cost=1,sugar=0.1 (sodium per 100 mg, potassium per -100 mg, energy per 100 kcal).", valueName: "weights"))
    public var weights: String?
    @Option(help: ArgumentHelp(
        "The most the week's foods may cost in US dollars, scaled to the plan's days (default none; with --objective potassium, the minimum-cost week plus 25 %).",
        valueName: "USD"))
    public var budget: Double?
    @Option(name: .customLong("time-limit"), help: ArgumentHelp(
        "A safety limit in seconds (default 30). The search's effort is fixed, so a request gives the same plan on every run unless this limit cuts it short.",
        valueName: "seconds"))
    public var timeLimit: Double?
    @Option(help: ArgumentHelp("Stop once the plan is proven within this relative gap of the best possible (default 0.005).", valueName: "fraction"))
    public var gap: Double?
    @Option(help: ArgumentHelp("Search effort: a multiple (1-1000) of the default node and round budgets; more effort, a better plan and bound, in more time (default 1).", valueName: "n"))
    public var effort: Int?

    public init() {}

    public func validate() throws {
        if request == nil && sex == nil {
            throw ValidationError("Missing expected argument '--sex <female|male>' (or give --request FILE).")
        }
        if pregnant && lactating { throw ValidationError("--pregnant and --lactating cannot both be given.") }
    }

    /// The comma-separated items of a repeatable flag's values, trimmed. An empty value or item
    /// (`--include-food ""`, `--exclude milk,,soy`) is an error, not nothing.
    /// `--favorite ID[:N]` values: each food with its days (2 without N), in order.
    private static func favorites(_ values: [String]) throws -> [(id: String, days: Int)] {
        try list(values, flag: "--favorite").map { token in
            let parts = token.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
            let days = parts.count == 2 ? Int(parts[1]) : PlanRequest.defaultFavoriteDays
            guard !parts[0].isEmpty, let days, (1 ... 28).contains(days) else {
                throw ValidationError("--favorite '\(token)': expected ID or ID:DAYS with DAYS a whole number from 1 to 28")
            }
            return (parts[0], days)
        }
    }

    private static func list(_ values: [String], flag: String) throws -> [String] {
        try values.flatMap { value in
            let items = value.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            if items.contains(where: \.isEmpty) {
                throw ValidationError(value.trimmingCharacters(in: .whitespaces).isEmpty
                    ? "\(flag): an empty value" : "\(flag) '\(value)': an empty item between commas")
            }
            return items
        }
    }

    /// The request: the file's (when given), then the flags. With `table`, the names the
    /// request gives (food ids, food groups) are checked against it: a typo is an error with
    /// the nearest name (a usage error for a flag's, bad data for the request file's).
    public func makeRequest(table: FoodTable? = nil) throws -> PlanRequest {
        var request: PlanRequest
        var fileName: String?
        if let path = self.request {
            let url = URL(fileURLWithPath: path)
            guard let data = FileReading.contents(of: url.path, maximumBytes: PlanRequestCoding.maximumBytes) else {
                throw InputFileError(description: "\(url.path): cannot read the request file")
            }
            request = try PlanRequestCoding.decode(data, fileName: url.lastPathComponent)
            fileName = url.lastPathComponent
        } else {
            request = PlanRequest(profile: nil)
        }
        let fileRuleCount = request.nutrientRules.count
        var ruleFlags: [String] = []
        if sex != nil || age != nil || pregnant || lactating || activity != nil {
            var profile = request.profile ?? Profile(sex: sex ?? .female)
            if let sex { profile.sex = sex }
            if let age { profile.age = age }
            if pregnant { profile.lifeStage = .pregnant }
            if lactating { profile.lifeStage = .lactating }
            if let activity { profile.activity = activity }
            request.profile = profile
        }
        if let kcal { request.energyTarget = kcal }
        func rule(_ key: String, min: Double? = nil, max: Double? = nil, flag: String) {
            request.nutrientRules.append(NutrientRule(nutrient: key, minimum: min, maximum: max, source: "command line"))
            ruleFlags.append(flag)
        }
        if let potassiumMin { rule(Nutrient.potassium.key, min: potassiumMin, flag: "--potassium-min") }
        if let potassiumMax { rule(Nutrient.potassium.key, max: potassiumMax, flag: "--potassium-max") }
        if let sodiumMax { rule(Nutrient.sodium.key, max: sodiumMax, flag: "--sodium-max") }
        if let sugarMax { rule(Nutrient.sugars.key, max: sugarMax, flag: "--sugar-max") }
        if let addedSugarMax { rule(Nutrient.addedSugars.key, max: addedSugarMax, flag: "--added-sugar-max") }
        if let fiberMin { rule(Nutrient.fiber.key, min: fiberMin, flag: "--fiber-min") }
        if let proteinMin { rule(Nutrient.protein.key, min: proteinMin, flag: "--protein-min") }
        if let calciumMin { rule(Nutrient.calcium.key, min: calciumMin, flag: "--calcium-min") }
        if let magnesiumMin { rule(Nutrient.magnesium.key, min: magnesiumMin, flag: "--magnesium-min") }
        for text in nutrientRules {
            let parts = text.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
            guard (3 ... 4).contains(parts.count), !parts[0].isEmpty else {
                throw ValidationError("--nutrient '\(text)': expected COLUMN:MIN:MAX or COLUMN:MIN:MAX:MEAL")
            }
            func number(_ part: String, _ name: String) throws -> Double? {
                if part.isEmpty { return nil }
                guard let value = Double(part), value.isFinite else {
                    throw ValidationError("--nutrient '\(text)': \(name) '\(part)' is not a number")
                }
                return value
            }
            var scope = NutrientRule.Scope.day
            if parts.count == 4, parts[3] != "day" {
                guard let slot = MealSlot(token: parts[3]) else { throw ValidationError("--nutrient '\(text)': '\(parts[3])' is not day or a meal") }
                scope = .meal(slot)
            }
            let minimum = try number(parts[1], "minimum"), maximum = try number(parts[2], "maximum")
            if minimum == nil && maximum == nil { throw ValidationError("--nutrient '\(text)': give a minimum, a maximum or both") }
            request.nutrientRules.append(NutrientRule(nutrient: parts[0], minimum: minimum, maximum: maximum, scope: scope, source: "command line"))
            ruleFlags.append("--nutrient '\(text)'")
        }
        if let days { request.days = days }
        if let portionStep { request.portionStep = portionStep }
        if relax { request.relaxPortions = true }
        if noVariety {
            request.maxFoodsPerMeal = nil
            request.familyOncePerDay = false
            request.maxSharedLunchDinner = nil
            request.maxDaysPerMain = nil
            request.distinctDays = false
            request.potassiumFoods = nil
            request.maxDaysPerFood = nil
            request.mealGroupRules = []
            request.minFoodsPerDay = nil
            request.minFoodsPerWeek = nil
        }
        if noMealGroups { request.mealGroupRules = [] }
        if noMealPatterns { request.mealPatterns = [] }
        if noFoodGroups { request.foodGroups = nil }
        for name in try Self.list(omitFoodGroup, flag: "--omit-food-group") {
            guard FoodGroupOptions.names.contains(name) else {
                throw ValidationError("--omit-food-group '\(name)': not a food group (\(FoodGroupOptions.names.joined(separator: ", ")))")
            }
            if request.foodGroups != nil, !request.foodGroups!.omitted.contains(name) { request.foodGroups!.omitted.append(name) }
        }
        if noFamilyRule { request.familyOncePerDay = false }
        if repeatDays { request.distinctDays = false }
        if let maxSharedLunchDinner { request.maxSharedLunchDinner = maxSharedLunchDinner }
        if let maxDaysPerMain { request.maxDaysPerMain = maxDaysPerMain }
        if let potassiumFoods {
            guard (0 ... 100).contains(potassiumFoods) else { throw ValidationError("--potassium-foods \(potassiumFoods): expected a whole number from 0 to 100") }
            if potassiumFoods == 0 { request.potassiumFoods = nil } else { request.potassiumFoods = PotassiumFoods(kinds: request.potassiumFoods?.kinds ?? PotassiumFoods.defaultKinds, atLeast: potassiumFoods) }
        }
        if let maxServingsPerMeal { request.maxServingsPerMeal = maxServingsPerMeal }
        if let maxServingsPerDay { request.maxServingsPerDay = maxServingsPerDay }
        if let maxServingsPerWeek { request.maxServingsPerWeek = maxServingsPerWeek }
        if let maxFoodsPerMeal { request.maxFoodsPerMeal = maxFoodsPerMeal }
        if let maxDaysPerFood { request.maxDaysPerFood = maxDaysPerFood }
        if let minFoodsPerDay { request.minFoodsPerDay = minFoodsPerDay }
        if let minFoodsPerWeek { request.minFoodsPerWeek = minFoodsPerWeek }
        if let maxGramsPerDay { request.maxDailyGrams = maxGramsPerDay }
        for diet in diet where !request.diets.contains(diet) { request.diets.append(diet) }
        for token in try Self.list(exclude, flag: "--exclude") {
            guard let allergen = Allergen(token: token) else {
                throw ValidationError("--exclude '\(token)': not an allergen (\(Allergen.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            if !request.excludeAllergens.contains(allergen) { request.excludeAllergens.append(allergen) }
        }
        let flagLists = FlagLists(
            excludeFoods: try Self.list(excludeFood, flag: "--exclude-food"), excludeGroups: try Self.list(excludeGroup, flag: "--exclude-group"),
            includeFoods: try Self.list(includeFood, flag: "--include-food"), favoriteDays: try Self.favorites(favorite),
            allergens: try Self.list(exclude, flag: "--exclude").compactMap { Allergen(token: $0) }, diets: diet)
        request.excludeFoods += flagLists.excludeFoods
        request.excludeGroups += flagLists.excludeGroups
        request.includeFoods += flagLists.includeFoods
        for (id, days) in flagLists.favoriteDays { request.favoriteDays[id] = days }
        if let objective { request.objective = .plain(objective) }
        if let budget { request.budget = budget }
        if let weights {
            var terms: [PlanObjective.WeightedTerm] = []
            for part in try Self.list([weights], flag: "--weights") {
                let pair = part.split(separator: "=", maxSplits: 1).map(String.init)
                guard pair.count == 2, let kind = PlanObjective.Kind(rawValue: pair[0]), let weight = Double(pair[1]), weight.isFinite else {
                    throw ValidationError("--weights '\(part)': expected NAME=NUMBER with NAME one of \(PlanObjective.Kind.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                terms.append(.init(kind: kind, weight: weight))
            }
            request.objective = .weighted(terms)
        }
        if let timeLimit { request.timeLimit = timeLimit }
        if let gap { request.relativeGap = gap }
        if let effort { request.effort = effort }
        let naming = self.naming(fileGiven: fileName != nil, fileRuleCount: fileRuleCount, ruleFlags: ruleFlags, lists: flagLists)
        do {
            try request.validate()
        } catch {
            // The file (if any) passed its own checks, so a flag's value breaks the rule: a usage error.
            throw ValidationError(error.message(naming: naming))
        }
        if let table, let conflict = request.conflict(with: table) {
            // A name a flag gave, or a flag against the file: a usage error; the file's own: bad data.
            if conflict.settings.contains(where: naming.isFlag) || fileName == nil { throw ValidationError(conflict.message(naming: naming)) }
            throw PlanRequestError.inFile(file: fileName!, .conflict(conflict))
        }
        return request
    }

    /// The entries the list flags gave.
    struct FlagLists {
        var excludeFoods: [String], excludeGroups: [String], includeFoods: [String], favoriteDays: [(id: String, days: Int)]
        var allergens: [Allergen], diets: [Diet]
    }

    /// Names a setting of the request by the flag that set it; by its request-file key when the
    /// file (or its default) set it; `default` without a file.
    func naming(fileGiven: Bool, fileRuleCount: Int, ruleFlags: [String], lists: FlagLists) -> RequestNaming {
        var scalarFlags: [RequestSetting: String] = [:]
        if portionStep != nil { scalarFlags[.portionStep] = "--portion-step" }
        if maxServingsPerMeal != nil { scalarFlags[.maxServingsPerMeal] = "--max-servings-per-meal" }
        if maxServingsPerDay != nil { scalarFlags[.maxServingsPerDay] = "--max-servings-per-day" }
        if maxServingsPerWeek != nil { scalarFlags[.maxServingsPerWeek] = "--max-servings-per-week" }
        if maxFoodsPerMeal != nil { scalarFlags[.maxFoodsPerMeal] = "--max-foods-per-meal" }
        if maxDaysPerFood != nil { scalarFlags[.maxDaysPerFood] = "--max-days-per-food" }
        // The way to give an energy target, and the flag that set a life stage.
        scalarFlags[.energyTarget] = "--kcal"
        if pregnant { scalarFlags[.lifeStage(.pregnant)] = "--pregnant" }
        if lactating { scalarFlags[.lifeStage(.lactating)] = "--lactating" }
        let flags = scalarFlags
        @Sendable func flag(_ setting: RequestSetting) -> String? {
            switch setting {
            case .nutrientMinimum(let index), .nutrientMaximum(let index):
                return index >= fileRuleCount && index - fileRuleCount < ruleFlags.count ? ruleFlags[index - fileRuleCount] : nil
            case .includeFood(let id): return lists.includeFoods.contains(id) ? "--include-food" : nil
            case .excludeFood(let id): return lists.excludeFoods.contains(id) ? "--exclude-food" : nil
            case .excludeGroup(let group): return lists.excludeGroups.contains(group) ? "--exclude-group" : nil
            case .favoriteFood(let id): return lists.favoriteDays.contains { $0.id == id } ? "--favorite" : nil
            case .diet(let diet): return lists.diets.contains(diet) ? "--diet" : nil
            case .excludeAllergen(let allergen): return lists.allergens.contains(allergen) ? "--exclude" : nil
            default: return flags[setting]
            }
        }
        return RequestNaming(
            source: { setting in flag(setting) ?? (fileGiven || setting.listValue != nil ? setting.key : "default") },
            isFlag: { flag($0) != nil })
    }
}
