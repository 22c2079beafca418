import Foundation

/// Reads a request from the JSON object Foundation parsed: every key checked against the keys
/// its object may have, every value against its type, each error naming the key path.
extension PlanRequestCoding {
    struct Reader {
        let fileName: String

        /// JSON true/false, told apart from the numbers 1 and 0.
        static func isBoolean(_ value: Any) -> Bool {
            if type(of: value) == Bool.self { return true }
            guard let number = value as? NSNumber else { return false }
            return String(cString: number.objCType) == "c"
        }

        func fail(_ path: String, _ message: String) -> PlanRequestError {
            .badValue(file: fileName, path: path, problem: message)
        }

        func checkKeys(_ object: [String: Any], _ allowed: Set<String>, _ path: String) throws(PlanRequestError) {
            for key in object.keys.sorted() where !allowed.contains(key) {
                let place = path.isEmpty ? key : "\(path).\(key)"
                throw fail(place, "unknown key (expected one of \(allowed.sorted().joined(separator: ", ")))")
            }
        }

        func number(_ value: Any?, _ path: String) throws(PlanRequestError) -> Double? {
            guard let value, !(value is NSNull) else { return nil }
            guard !Self.isBoolean(value), let number = value as? NSNumber else {
                throw fail(path, "expected a number")
            }
            // Foundation reads long numbers (`0.30000000000000004`) as decimals, whose
            // `doubleValue` is not always the nearest Double; their text is exact.
            var double = number.doubleValue
            if let decimal = number as? NSDecimalNumber, let exact = Double(decimal.stringValue) { double = exact }
            guard double.isFinite else { throw fail(path, "expected a finite number") }
            return double
        }

        func integer(_ value: Any?, _ path: String) throws(PlanRequestError) -> Int? {
            guard let double = try number(value, path) else { return nil }
            guard double == double.rounded() else { throw fail(path, "expected an integer") }
            guard abs(double) <= 1e9 else { throw fail(path, "\(double.cleanText) is too large (at most 1000000000)") }
            return Int(double)
        }

        func bool(_ value: Any?, _ path: String) throws(PlanRequestError) -> Bool? {
            guard let value, !(value is NSNull) else { return nil }
            guard Self.isBoolean(value), let number = value as? NSNumber else {
                throw fail(path, "expected true or false")
            }
            return number.boolValue
        }

        func string(_ value: Any?, _ path: String) throws(PlanRequestError) -> String? {
            guard let value, !(value is NSNull) else { return nil }
            guard let text = value as? String else { throw fail(path, "expected a string") }
            return text
        }

        func strings(_ value: Any?, _ path: String) throws(PlanRequestError) -> [String]? {
            guard let value, !(value is NSNull) else { return nil }
            guard let array = value as? [Any] else { throw fail(path, "expected a list of strings") }
            var result: [String] = []
            for (index, element) in array.enumerated() {
                guard let text = element as? String else { throw fail("\(path)[\(index)]", "expected a string") }
                result.append(text)
            }
            return result
        }

        /// Favourites: a list of ids (each on at least ``PlanRequest/defaultFavoriteDays`` days) or
        /// an object of ids and their days.
        func favorites(_ value: Any?, _ path: String) throws(PlanRequestError) -> [String: Int] {
            guard let value, !(value is NSNull) else { return [:] }
            if value is [Any] {
                let ids = try strings(value, path) ?? []
                return Dictionary(ids.map { ($0, PlanRequest.defaultFavoriteDays) }, uniquingKeysWith: { first, _ in first })
            }
            guard let object = try self.object(value, path) else { return [:] }
            var result: [String: Int] = [:]
            for key in object.keys.sorted() {
                guard let days = try integer(object[key], "\(path).\(key)"), (1 ... 28).contains(days) else {
                    throw fail("\(path).\(key)", "expected a number of days from 1 to 28")
                }
                result[key] = days
            }
            return result
        }

        func object(_ value: Any?, _ path: String) throws(PlanRequestError) -> [String: Any]? {
            guard let value, !(value is NSNull) else { return nil }
            guard let object = value as? [String: Any] else { throw fail(path, "expected an object") }
            return object
        }

        func enumValue<T: RawRepresentable & CaseIterable>(_ value: Any?, _ path: String, _: T.Type) throws(PlanRequestError) -> T?
        where T.RawValue == String {
            guard let text = try string(value, path) else { return nil }
            guard let result = T(rawValue: text) else {
                throw fail(path, "'\(text)' is not one of \(T.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            return result
        }

        func slot(_ value: Any?, _ path: String) throws(PlanRequestError) -> MealSlot {
            guard let text = try string(value, path) else { throw fail(path, "expected a meal name") }
            guard let slot = MealSlot(token: text) else {
                throw fail(path, "'\(text)' is not a meal (breakfast, lunch, dinner, snack)")
            }
            return slot
        }

        mutating func request(_ root: [String: Any]) throws(PlanRequestError) -> PlanRequest {
            try checkKeys(root, [
                "version", "profile", "energy", "days", "meals", "mealShareReference", "useProfileTargets", "nutrients",
                "portions", "variety", "maxDailyGrams", "diets", "excludeAllergens", "excludeFoods", "excludeGroups",
                "includeFoods", "favoriteFoods", "objective", "budget", "timeLimit", "relativeGap", "effort", "household",
            ], "")
            // Who the request is for: `planner batch` copies it to the result line; planning ignores it.
            _ = try string(root["household"], "household")
            if let version = try integer(root["version"], "version"), version != PlanRequestCoding.version {
                throw fail("version", "version \(version) is not supported (this planner reads version \(PlanRequestCoding.version))")
            }
            var request = PlanRequest(profile: nil)
            if let profile = try object(root["profile"], "profile") {
                try checkKeys(profile, ["sex", "age", "lifeStage", "activity"], "profile")
                guard let sex = try enumValue(profile["sex"], "profile.sex", Profile.Sex.self) else {
                    throw fail("profile.sex", "required (female or male)")
                }
                var value = Profile(sex: sex)
                if let age = try integer(profile["age"], "profile.age") { value.age = age }
                if let stage = try enumValue(profile["lifeStage"], "profile.lifeStage", Profile.LifeStage.self) { value.lifeStage = stage }
                if let activity = try enumValue(profile["activity"], "profile.activity", Profile.Activity.self) { value.activity = activity }
                request.profile = value
            }
            request.energyTarget = try number(root["energy"], "energy")
            if let days = try integer(root["days"], "days") { request.days = days }
            if root.keys.contains("meals") {
                guard let meals = root["meals"] as? [Any] else { throw fail("meals", "expected a list of meals") }
                request.meals = []
                for (index, element) in meals.enumerated() {
                    let path = "meals[\(index)]"
                    guard let meal = element as? [String: Any] else { throw fail(path, "expected an object") }
                    try checkKeys(meal, ["slot", "minShare", "maxShare"], path)
                    request.meals.append(MealShare(
                        slot: try slot(meal["slot"], "\(path).slot"),
                        minShare: try number(meal["minShare"], "\(path).minShare"),
                        maxShare: try number(meal["maxShare"], "\(path).maxShare")))
                }
            }
            request.mealShareReference = try number(root["mealShareReference"], "mealShareReference")
            if let use = try bool(root["useProfileTargets"], "useProfileTargets") { request.useProfileTargets = use }
            if let rules = root["nutrients"], !(rules is NSNull) {
                guard let list = rules as? [Any] else { throw fail("nutrients", "expected a list of nutrient rules") }
                for (index, element) in list.enumerated() {
                    let path = "nutrients[\(index)]"
                    guard let rule = element as? [String: Any] else { throw fail(path, "expected an object") }
                    try checkKeys(rule, ["nutrient", "min", "max", "per"], path)
                    guard let key = try string(rule["nutrient"], "\(path).nutrient"), !key.isEmpty else {
                        throw fail("\(path).nutrient", "required (a column of the food table, e.g. potassium_mg)")
                    }
                    var scope = NutrientRule.Scope.day
                    if let per = try string(rule["per"], "\(path).per"), per != "day" {
                        guard let slot = MealSlot(token: per) else { throw fail("\(path).per", "'\(per)' is not day or a meal") }
                        scope = .meal(slot)
                    }
                    let minimum = try number(rule["min"], "\(path).min")
                    let maximum = try number(rule["max"], "\(path).max")
                    if minimum == nil && maximum == nil { throw fail(path, "sets neither min nor max") }
                    request.nutrientRules.append(NutrientRule(nutrient: key, minimum: minimum, maximum: maximum, scope: scope, source: "request file"))
                }
            }
            if let portions = try object(root["portions"], "portions") {
                try checkKeys(portions, ["step", "relax", "maxServingsPerMeal", "minServingsPerUse", "maxServingsPerDay", "maxServingsPerWeek"], "portions")
                if let step = try number(portions["step"], "portions.step") { request.portionStep = step }
                if let relax = try bool(portions["relax"], "portions.relax") { request.relaxPortions = relax }
                if portions.keys.contains("maxServingsPerMeal") { request.maxServingsPerMeal = try number(portions["maxServingsPerMeal"], "portions.maxServingsPerMeal") }
                if portions.keys.contains("minServingsPerUse") { request.minServingsPerUse = try number(portions["minServingsPerUse"], "portions.minServingsPerUse") }
                if portions.keys.contains("maxServingsPerDay") { request.maxServingsPerDay = try number(portions["maxServingsPerDay"], "portions.maxServingsPerDay") }
                if portions.keys.contains("maxServingsPerWeek") { request.maxServingsPerWeek = try number(portions["maxServingsPerWeek"], "portions.maxServingsPerWeek") }
            }
            if let variety = try object(root["variety"], "variety") {
                try checkKeys(variety, ["maxFoodsPerMeal", "minFoodsPerMeal", "maxDaysPerFood", "minFoodsPerDay", "minFoodsPerWeek", "mealGroups",
                                        "mealPatterns", "pairing", "foodGroups", "familyOncePerDay", "familyAllowance",
                                        "maxSharedLunchDinner", "maxDaysPerMain", "potassiumFoods"], "variety")
                if variety.keys.contains("mealPatterns") {
                    request.mealPatterns = try bool(variety["mealPatterns"], "variety.mealPatterns") == true ? MealPattern.defaults : []
                }
                if variety.keys.contains("pairing") { request.pairing = try bool(variety["pairing"], "variety.pairing") ?? false }
                if variety.keys.contains("familyOncePerDay") { request.familyOncePerDay = try bool(variety["familyOncePerDay"], "variety.familyOncePerDay") ?? false }
                if variety.keys.contains("familyAllowance") {
                    guard let allowance = try integer(variety["familyAllowance"], "variety.familyAllowance"), (1 ... 10).contains(allowance) else {
                        throw fail("variety.familyAllowance", "expected a whole number from 1 to 10")
                    }
                    request.familyAllowance = allowance
                }
                if variety.keys.contains("maxSharedLunchDinner") { request.maxSharedLunchDinner = try integer(variety["maxSharedLunchDinner"], "variety.maxSharedLunchDinner") }
                if variety.keys.contains("maxDaysPerMain") { request.maxDaysPerMain = try integer(variety["maxDaysPerMain"], "variety.maxDaysPerMain") }
                if variety.keys.contains("potassiumFoods") {
                    request.potassiumFoods = nil
                    if let wanted = try object(variety["potassiumFoods"], "variety.potassiumFoods") {
                        try checkKeys(wanted, ["kinds", "atLeast"], "variety.potassiumFoods")
                        var foods = PotassiumFoods()
                        if let kinds = try strings(wanted["kinds"], "variety.potassiumFoods.kinds") { foods.kinds = kinds }
                        if wanted.keys.contains("atLeast") {
                            guard let least = try integer(wanted["atLeast"], "variety.potassiumFoods.atLeast"), (0 ... 100).contains(least) else {
                                throw fail("variety.potassiumFoods.atLeast", "expected a whole number from 0 to 100")
                            }
                            foods.atLeast = least
                        }
                        request.potassiumFoods = foods
                    }
                }
                if variety.keys.contains("foodGroups") {
                    request.foodGroups = nil
                    if let groups = try object(variety["foodGroups"], "variety.foodGroups") {
                        try checkKeys(groups, ["daily", "weekly", "omitted"], "variety.foodGroups")
                        let omitted = try strings(groups["omitted"], "variety.foodGroups.omitted") ?? []
                        for (index, name) in omitted.enumerated() where !FoodGroupOptions.names.contains(name) {
                            throw fail("variety.foodGroups.omitted[\(index)]", "'\(name)' is not one of \(FoodGroupOptions.names.joined(separator: ", "))")
                        }
                        request.foodGroups = FoodGroupOptions(daily: try bool(groups["daily"], "variety.foodGroups.daily") ?? true,
                                                              weekly: try bool(groups["weekly"], "variety.foodGroups.weekly") ?? true, omitted: omitted)
                    }
                }
                if variety.keys.contains("maxFoodsPerMeal") { request.maxFoodsPerMeal = try integer(variety["maxFoodsPerMeal"], "variety.maxFoodsPerMeal") }
                if variety.keys.contains("minFoodsPerMeal") { request.minFoodsPerMeal = try integer(variety["minFoodsPerMeal"], "variety.minFoodsPerMeal") }
                if variety.keys.contains("maxDaysPerFood") { request.maxDaysPerFood = try integer(variety["maxDaysPerFood"], "variety.maxDaysPerFood") }
                if variety.keys.contains("minFoodsPerDay") { request.minFoodsPerDay = try integer(variety["minFoodsPerDay"], "variety.minFoodsPerDay") }
                if variety.keys.contains("minFoodsPerWeek") { request.minFoodsPerWeek = try integer(variety["minFoodsPerWeek"], "variety.minFoodsPerWeek") }
                if variety.keys.contains("mealGroups") {
                    request.mealGroupRules = []
                    if let groups = variety["mealGroups"], !(groups is NSNull) {
                        guard let list = groups as? [Any] else { throw fail("variety.mealGroups", "expected a list") }
                        for (index, element) in list.enumerated() {
                            let path = "variety.mealGroups[\(index)]"
                            guard let rule = element as? [String: Any] else { throw fail(path, "expected an object") }
                            try checkKeys(rule, ["name", "meals", "groups", "minServings", "maxServings"], path)
                            let meals = try (strings(rule["meals"], "\(path).meals") ?? []).enumerated().map { index, text throws(PlanRequestError) in
                                guard let slot = MealSlot(token: text) else { throw fail("\(path).meals[\(index)]", "'\(text)' is not a meal") }
                                return slot
                            }
                            guard let groups = try strings(rule["groups"], "\(path).groups"), !groups.isEmpty else {
                                throw fail("\(path).groups", "required: a list of food groups")
                            }
                            request.mealGroupRules.append(MealGroupRule(
                                name: try string(rule["name"], "\(path).name") ?? groups.joined(separator: " or "),
                                meals: meals, groups: groups,
                                minServings: try number(rule["minServings"], "\(path).minServings") ?? (rule["maxServings"] == nil ? 1 : 0),
                                maxServings: try number(rule["maxServings"], "\(path).maxServings")))
                        }
                    }
                }
            }
            if root.keys.contains("maxDailyGrams") { request.maxDailyGrams = try number(root["maxDailyGrams"], "maxDailyGrams") }
            request.diets = try (strings(root["diets"], "diets") ?? []).enumerated().map { index, text throws(PlanRequestError) in
                guard let diet = Diet(rawValue: text) else {
                    throw fail("diets[\(index)]", "'\(text)' is not one of \(Diet.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                return diet
            }
            request.excludeAllergens = try (strings(root["excludeAllergens"], "excludeAllergens") ?? []).enumerated().map { index, text throws(PlanRequestError) in
                guard let allergen = Allergen(token: text) else {
                    throw fail("excludeAllergens[\(index)]", "'\(text)' is not one of \(Allergen.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                return allergen
            }
            request.excludeFoods = try strings(root["excludeFoods"], "excludeFoods") ?? []
            request.excludeGroups = try strings(root["excludeGroups"], "excludeGroups") ?? []
            request.includeFoods = try strings(root["includeFoods"], "includeFoods") ?? []
            request.favoriteDays = try favorites(root["favoriteFoods"], "favoriteFoods")
            if let objective = root["objective"], !(objective is NSNull) {
                if let name = objective as? String {
                    guard let kind = PlanObjective.Kind(rawValue: name) else {
                        throw fail("objective", "'\(name)' is not one of \(PlanObjective.Kind.allCases.map(\.rawValue).joined(separator: ", "))")
                    }
                    request.objective = PlanObjective.plain(kind)
                } else if let object = objective as? [String: Any] {
                    try checkKeys(object, ["weights"], "objective")
                    guard let weights = try self.object(object["weights"], "objective.weights"), !weights.isEmpty else {
                        throw fail("objective.weights", "expected an object of weights, e.g. {\"cost\": 1, \"sugar\": 0.1}")
                    }
                    var terms: [PlanObjective.WeightedTerm] = []
                    for key in weights.keys.sorted() {
                        guard let kind = PlanObjective.Kind(rawValue: key) else {
                            throw fail("objective.weights.\(key)", "unknown objective (expected \(PlanObjective.Kind.allCases.map(\.rawValue).joined(separator: ", ")))")
                        }
                        terms.append(.init(kind: kind, weight: try number(weights[key], "objective.weights.\(key)") ?? 0))
                    }
                    request.objective = .weighted(terms)
                } else {
                    throw fail("objective", "expected a name or {\"weights\": {...}}")
                }
            }
            request.budget = try number(root["budget"], "budget")
            if let limit = try number(root["timeLimit"], "timeLimit") { request.timeLimit = limit }
            if let gap = try number(root["relativeGap"], "relativeGap") { request.relativeGap = gap }
            if let effort = try integer(root["effort"], "effort") { request.effort = effort }
            return request
        }
    }
}
