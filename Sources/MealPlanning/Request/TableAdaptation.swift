extension PlanRequest {
    /// The request as it applies to a food table: a profile rule whose nutrient the table has
    /// no value for at all (no column, or an empty one, such as added sugars in a table made
    /// before added sugars were known) is left out, and a note says so. A rule the request
    /// states itself always stays: then the foods without a value are left out, as usual.
    public func adapted(to table: FoodTable) -> (request: PlanRequest, notes: [String]) {
        var adapted = self
        var notes: [String] = []
        let stated = Set(nutrientRules.map(\.nutrient))
        for rule in resolvedNutrientRules where !stated.contains(rule.nutrient) {
            let column = table.nutrients.firstIndex { $0.key == rule.nutrient }
            let hasValue = column.map { table.nutrientValues[$0].contains { !$0.isNaN } } ?? false
            guard !hasValue else { continue }
            adapted.skippedProfileNutrients.append(rule.nutrient)
            let name = Nutrient.forColumn(rule.nutrient).displayName
            notes.append("The food table has no \(name) values, so the \(name) limit of the profile is not applied.")
        }
        return (adapted, notes)
    }
}
