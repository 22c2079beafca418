extension PlanRequest {
    /// The first name of the request that the food table does not know (a food id, a food
    /// group), with the nearest name it does know, or an included food that another rule of
    /// the request leaves out (its diet, an excluded allergen or group); nil when there is none.
    /// Checked before any model is built, so that a typo or two rules that contradict each other
    /// end in one line that names both, not in a search.
    public func conflict(with table: FoodTable, naming: RequestNaming = .keys) -> RequestConflict? {
        let lists: [([String], (String) -> RequestSetting)] = [
            (includeFoods, RequestSetting.includeFood), (excludeFoods, RequestSetting.excludeFood),
            (favoriteDays.keys.sorted(), RequestSetting.favoriteFood),
        ]
        for (ids, setting) in lists {
            for id in ids where table.index(ofID: id) == nil {
                let entry = setting(id)
                return RequestConflict(
                    message: "\(naming.entry(entry)) is not a food of the table\(FoodTable.suggestion(id, among: table.ids))",
                    settings: [entry])
            }
        }
        if !excludeGroups.isEmpty {
            let groups = Set(table.groups.filter { !$0.isEmpty }).sorted()
            for group in excludeGroups where !groups.contains(group) {
                var hint = FoodTable.suggestion(group, among: groups)
                if hint.isEmpty {
                    hint = groups.isEmpty ? " (the table gives no groups)"
                        : " (its groups: \(groups.prefix(30).joined(separator: ", "))\(groups.count > 30 ? ", ..." : ""))"
                }
                let entry = RequestSetting.excludeGroup(group)
                return RequestConflict(message: "\(naming.entry(entry)) is not a group of the food table\(hint)", settings: [entry])
            }
        }
        let wanted = includeFoods.map { (id: $0, setting: RequestSetting.includeFood($0), role: "included") }
            + favoriteDays.keys.sorted().map { (id: $0, setting: RequestSetting.favoriteFood($0), role: "favourite") }
        for (id, included, role) in wanted {
            let food = table.index(ofID: id)!
            let subject = "the \(role) food \(naming.entry(included))"
            if let diet = diets.first(where: { !table.diets[food].contains($0) }) {
                return RequestConflict(message: "\(subject) is not \(diet.rawValue), which \(naming.entry(.diet(diet))) asks for",
                                       settings: [included, .diet(diet)])
            }
            if let allergen = excludeAllergens.first(where: { table.allergens[food].contains($0) }) {
                return RequestConflict(
                    message: "\(subject) contains \(allergen.rawValue), which \(naming.entry(.excludeAllergen(allergen))) leaves out",
                    settings: [included, .excludeAllergen(allergen)])
            }
            if excludeGroups.contains(table.groups[food]) {
                let group = RequestSetting.excludeGroup(table.groups[food])
                return RequestConflict(message: "\(subject) is in the group '\(table.groups[food])', which \(naming.entry(group)) leaves out",
                                       settings: [included, group])
            }
        }
        return nil
    }
}
