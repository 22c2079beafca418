extension PlanRequest {
    /// The first name of the request that the food table does not know (a food id, a food
    /// group), with the nearest name it does know, or an included food that another rule of
    /// the request leaves out (its diet, an excluded allergen or group); nil when there is none.
    /// Checked before any model is built, so that a typo or two rules that contradict each other
    /// end in one line that names both, not in a search.
    public func conflict(with table: FoodTable) -> RequestConflict? {
        let lists: [([String], (String) -> RequestSetting)] = [
            (includeFoods, RequestSetting.includeFood), (excludeFoods, RequestSetting.excludeFood),
            (favoriteDays.keys.sorted(), RequestSetting.favoriteFood),
        ]
        for (ids, setting) in lists {
            for id in ids where table.index(ofID: id) == nil {
                return .unknownFood(setting(id), suggestion: FoodTable.nearest(id, among: table.ids))
            }
        }
        if !excludeGroups.isEmpty {
            let groups = Set(table.groups.filter { !$0.isEmpty }).sorted()
            for group in excludeGroups where !groups.contains(group) {
                return .unknownGroup(.excludeGroup(group), suggestion: FoodTable.nearest(group, among: groups), tableGroups: groups)
            }
        }
        let wanted = includeFoods.map { (id: $0, setting: RequestSetting.includeFood($0)) }
            + favoriteDays.keys.sorted().map { (id: $0, setting: RequestSetting.favoriteFood($0)) }
        for (id, wanted) in wanted {
            let food = table.index(ofID: id)!
            if let diet = diets.first(where: { !table.diets[food].contains($0) }) {
                return .notInDiet(food: wanted, diet: diet)
            }
            if let allergen = excludeAllergens.first(where: { table.allergens[food].contains($0) }) {
                return .containsAllergen(food: wanted, allergen: allergen)
            }
            if excludeGroups.contains(table.groups[food]) {
                return .inExcludedGroup(food: wanted, group: table.groups[food])
            }
        }
        return nil
    }
}

/// A name of the request that the food table does not know (with the nearest one it knows), or
/// a food the request wants (included or favourite) that another setting leaves out.
public enum RequestConflict: Equatable, Sendable {
    /// An entry of `includeFoods`, `excludeFoods` or `favoriteFoods`.
    case unknownFood(RequestSetting, suggestion: String?)
    /// An entry of `excludeGroups`; `tableGroups` are the table's groups, sorted.
    case unknownGroup(RequestSetting, suggestion: String?, tableGroups: [String])
    /// `food` is an included or favourite food's entry.
    case notInDiet(food: RequestSetting, diet: Diet)
    case containsAllergen(food: RequestSetting, allergen: Allergen)
    case inExcludedGroup(food: RequestSetting, group: String)

    /// The settings the message names.
    public var settings: [RequestSetting] {
        switch self {
        case .unknownFood(let entry, _), .unknownGroup(let entry, _, _): return [entry]
        case .notInDiet(let food, let diet): return [food, .diet(diet)]
        case .containsAllergen(let food, let allergen): return [food, .excludeAllergen(allergen)]
        case .inExcludedGroup(let food, let group): return [food, .excludeGroup(group)]
        }
    }

    public func message(naming: RequestNaming) -> String {
        func hint(_ suggestion: String?) -> String { suggestion.map { " (did you mean '\($0)'?)" } ?? "" }
        func subject(_ food: RequestSetting) -> String {
            if case .favoriteFood = food { return "the favourite food \(naming.entry(food))" }
            return "the included food \(naming.entry(food))"
        }
        switch self {
        case .unknownFood(let entry, let suggestion):
            return "\(naming.entry(entry)) is not a food of the table\(hint(suggestion))"
        case .unknownGroup(let entry, let suggestion, let groups):
            var text = hint(suggestion)
            if text.isEmpty {
                text = groups.isEmpty ? " (the table gives no groups)"
                    : " (its groups: \(groups.prefix(30).joined(separator: ", "))\(groups.count > 30 ? ", ..." : ""))"
            }
            return "\(naming.entry(entry)) is not a group of the food table\(text)"
        case .notInDiet(let food, let diet):
            return "\(subject(food)) is not \(diet.rawValue), which \(naming.entry(.diet(diet))) asks for"
        case .containsAllergen(let food, let allergen):
            return "\(subject(food)) contains \(allergen.rawValue), which \(naming.entry(.excludeAllergen(allergen))) leaves out"
        case .inExcludedGroup(let food, let group):
            return "\(subject(food)) is in the group '\(group)', which \(naming.entry(.excludeGroup(group))) leaves out"
        }
    }
}
