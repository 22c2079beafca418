/// The keys of a request file and what each sets, read in a fixed order so that a file with
/// several problems always names the same first one.
extension JSONObject {
    func planRequest() throws -> PlanRequest {
        try checkKeys([
            "version", "profile", "energy", "days", "meals", "mealShareReference", "useProfileTargets", "nutrients",
            "portions", "variety", "maxDailyGrams", "diets", "excludeAllergens", "excludeFoods", "excludeGroups",
            "includeFoods", "favoriteFoods", "objective", "budget", "timeLimit", "relativeGap", "effort", "household",
        ])
        // Who the request is for: `planner batch` copies it to the result line; planning ignores it.
        _ = try string("household")
        if let version = try integer("version"), version != PlanRequestCoding.version {
            throw fail("version", "version \(version) is not supported (this planner reads version \(PlanRequestCoding.version))")
        }
        var request = PlanRequest(profile: nil)
        if let profile = try object("profile") { request.profile = try profile.profile() }
        request.energyTarget = try number("energy")
        if let days = try integer("days") { request.days = days }
        if has("meals") {
            guard !isNull("meals"), let meals = try objects("meals", expected: "expected a list of meals") else {
                throw fail("meals", "expected a list of meals")
            }
            request.meals = try meals.map { try $0.mealShare() }
        }
        request.mealShareReference = try number("mealShareReference")
        if let use = try bool("useProfileTargets") { request.useProfileTargets = use }
        request.nutrientRules += try (objects("nutrients", expected: "expected a list of nutrient rules") ?? []).map { try $0.nutrientRule() }
        if let portions = try object("portions") { try portions.portions(into: &request) }
        if let variety = try object("variety") { try variety.variety(into: &request) }
        if has("maxDailyGrams") { request.maxDailyGrams = try number("maxDailyGrams") }
        request.diets = try names("diets", Diet.init(rawValue:)) {
            "'\($0)' is not one of \(Diet.allCases.map(\.rawValue).joined(separator: ", "))"
        } ?? []
        request.excludeAllergens = try names("excludeAllergens", Allergen.init(token:)) {
            "'\($0)' is not one of \(Allergen.allCases.map(\.rawValue).joined(separator: ", "))"
        } ?? []
        request.excludeFoods = try strings("excludeFoods") ?? []
        request.excludeGroups = try strings("excludeGroups") ?? []
        request.includeFoods = try strings("includeFoods") ?? []
        request.favoriteDays = try favorites("favoriteFoods")
        if let objective = try objective() { request.objective = objective }
        request.budget = try number("budget")
        if let limit = try number("timeLimit") { request.timeLimit = limit }
        if let gap = try number("relativeGap") { request.relativeGap = gap }
        if let effort = try integer("effort") { request.effort = effort }
        return request
    }

    func profile() throws -> Profile {
        try checkKeys(["sex", "age", "lifeStage", "activity"])
        guard let sex = try enumValue("sex", Profile.Sex.self) else { throw fail(place("sex"), "required (female or male)") }
        var profile = Profile(sex: sex)
        if let age = try integer("age") { profile.age = age }
        if let stage = try enumValue("lifeStage", Profile.LifeStage.self) { profile.lifeStage = stage }
        if let activity = try enumValue("activity", Profile.Activity.self) { profile.activity = activity }
        return profile
    }

    func slot(_ key: String) throws -> MealSlot {
        guard let text = try string(key) else { throw fail(place(key), "expected a meal name") }
        guard let slot = MealSlot(token: text) else { throw fail(place(key), "'\(text)' is not a meal (breakfast, lunch, dinner, snack)") }
        return slot
    }

    func mealShare() throws -> MealShare {
        try checkKeys(["slot", "minShare", "maxShare"])
        return MealShare(slot: try slot("slot"), minShare: try number("minShare"), maxShare: try number("maxShare"))
    }

    func nutrientRule() throws -> NutrientRule {
        try checkKeys(["nutrient", "min", "max", "per"])
        guard let key = try string("nutrient"), !key.isEmpty else {
            throw fail(place("nutrient"), "required (a column of the food table, e.g. potassium_mg)")
        }
        var scope = NutrientRule.Scope.day
        if let per = try string("per"), per != "day" {
            guard let slot = MealSlot(token: per) else { throw fail(place("per"), "'\(per)' is not day or a meal") }
            scope = .meal(slot)
        }
        let minimum = try number("min")
        let maximum = try number("max")
        if minimum == nil && maximum == nil { throw fail(path, "sets neither min nor max") }
        return NutrientRule(nutrient: key, minimum: minimum, maximum: maximum, scope: scope, source: "request file")
    }

    func portions(into request: inout PlanRequest) throws {
        try checkKeys(["step", "relax", "maxServingsPerMeal", "minServingsPerUse", "maxServingsPerDay", "maxServingsPerWeek"])
        if let step = try number("step") { request.portionStep = step }
        if let relax = try bool("relax") { request.relaxPortions = relax }
        if has("maxServingsPerMeal") { request.maxServingsPerMeal = try number("maxServingsPerMeal") }
        if has("minServingsPerUse") { request.minServingsPerUse = try number("minServingsPerUse") }
        if has("maxServingsPerDay") { request.maxServingsPerDay = try number("maxServingsPerDay") }
        if has("maxServingsPerWeek") { request.maxServingsPerWeek = try number("maxServingsPerWeek") }
    }

    func variety(into request: inout PlanRequest) throws {
        try checkKeys(["maxFoodsPerMeal", "minFoodsPerMeal", "maxDaysPerFood", "minFoodsPerDay", "minFoodsPerWeek", "mealGroups",
                       "mealPatterns", "pairing", "foodGroups", "familyOncePerDay", "familyAllowance",
                       "maxSharedLunchDinner", "maxDaysPerMain", "distinctDays", "potassiumFoods"])
        if has("mealPatterns") { request.mealPatterns = try bool("mealPatterns") == true ? MealPattern.defaults : [] }
        if has("pairing") { request.pairing = try bool("pairing") ?? false }
        if has("familyOncePerDay") { request.familyOncePerDay = try bool("familyOncePerDay") ?? false }
        if has("familyAllowance") {
            guard let allowance = try integer("familyAllowance"), (1 ... 10).contains(allowance) else {
                throw fail(place("familyAllowance"), "expected a whole number from 1 to 10")
            }
            request.familyAllowance = allowance
        }
        if has("maxSharedLunchDinner") { request.maxSharedLunchDinner = try integer("maxSharedLunchDinner") }
        if has("maxDaysPerMain") { request.maxDaysPerMain = try integer("maxDaysPerMain") }
        if has("distinctDays") { request.distinctDays = try bool("distinctDays") ?? false }
        if has("potassiumFoods") { request.potassiumFoods = try object("potassiumFoods")?.potassiumFoods() }
        if has("foodGroups") { request.foodGroups = try object("foodGroups")?.foodGroups() }
        if has("maxFoodsPerMeal") { request.maxFoodsPerMeal = try integer("maxFoodsPerMeal") }
        if has("minFoodsPerMeal") { request.minFoodsPerMeal = try integer("minFoodsPerMeal") }
        if has("maxDaysPerFood") { request.maxDaysPerFood = try integer("maxDaysPerFood") }
        if has("minFoodsPerDay") { request.minFoodsPerDay = try integer("minFoodsPerDay") }
        if has("minFoodsPerWeek") { request.minFoodsPerWeek = try integer("minFoodsPerWeek") }
        if has("mealGroups") { request.mealGroupRules = try (objects("mealGroups", expected: "expected a list") ?? []).map { try $0.mealGroupRule() } }
    }

    func potassiumFoods() throws -> PotassiumFoods {
        try checkKeys(["kinds", "atLeast"])
        var foods = PotassiumFoods()
        if let kinds = try strings("kinds") { foods.kinds = kinds }
        if has("atLeast") {
            guard let least = try integer("atLeast"), (0 ... 100).contains(least) else {
                throw fail(place("atLeast"), "expected a whole number from 0 to 100")
            }
            foods.atLeast = least
        }
        return foods
    }

    func foodGroups() throws -> FoodGroupOptions {
        try checkKeys(["daily", "weekly", "omitted"])
        let omitted = try strings("omitted") ?? []
        for (index, name) in omitted.enumerated() where !FoodGroupOptions.names.contains(name) {
            throw fail("\(place("omitted"))[\(index)]", "'\(name)' is not one of \(FoodGroupOptions.names.joined(separator: ", "))")
        }
        return FoodGroupOptions(daily: try bool("daily") ?? true, weekly: try bool("weekly") ?? true, omitted: omitted)
    }

    func mealGroupRule() throws -> MealGroupRule {
        try checkKeys(["name", "meals", "groups", "minServings", "maxServings"])
        let meals = try names("meals", MealSlot.init(token:)) { "'\($0)' is not a meal" } ?? []
        guard let groups = try strings("groups"), !groups.isEmpty else { throw fail(place("groups"), "required: a list of food groups") }
        return MealGroupRule(
            name: try string("name") ?? groups.joined(separator: " or "), meals: meals, groups: groups,
            minServings: try number("minServings") ?? (has("maxServings") ? 0 : 1), maxServings: try number("maxServings"))
    }

    /// A name (`"cost"`) or weights (`{"weights": {"cost": 1, "sugar": 0.1}}`); nil when absent or `null`.
    func objective() throws -> PlanObjective? {
        guard !isNull("objective") else { return nil }
        let kinds = PlanObjective.Kind.allCases.map(\.rawValue).joined(separator: ", ")
        if let name = try? container.decode(String.self, forKey: JSONKey("objective")) {
            guard let kind = PlanObjective.Kind(rawValue: name) else { throw fail("objective", "'\(name)' is not one of \(kinds)") }
            return PlanObjective.plain(kind)
        }
        guard let object = try? container.nestedContainer(keyedBy: JSONKey.self, forKey: JSONKey("objective")) else {
            throw fail("objective", "expected a name or {\"weights\": {...}}")
        }
        let objective = JSONObject(object, path: "objective", fileName: fileName)
        try objective.checkKeys(["weights"])
        guard let weights = try objective.object("weights"), !weights.container.allKeys.isEmpty else {
            throw fail("objective.weights", "expected an object of weights, e.g. {\"cost\": 1, \"sugar\": 0.1}")
        }
        var terms: [PlanObjective.WeightedTerm] = []
        for key in weights.container.allKeys.map(\.stringValue).sorted() {
            guard let kind = PlanObjective.Kind(rawValue: key) else {
                throw fail(weights.place(key), "unknown objective (expected \(kinds))")
            }
            terms.append(.init(kind: kind, weight: try weights.number(key) ?? 0))
        }
        return .weighted(terms)
    }
}
