extension PlanRequest {
    /// The request as it applies to a food table: a profile rule whose nutrient the table has
    /// no value for at all (no column, or an empty one, such as added sugars in a table made
    /// before added sugars were known) is left out, and a note says so. A rule the request
    /// states itself always stays: then the foods without a value are left out, as usual. The
    /// notes also say which profile rules the request's own rules replaced
    /// (``PlanRequest/nutrientRuleNotes``).
    public func adapted(to table: FoodTable) -> (request: PlanRequest, notes: [String]) {
        var adapted = self
        var notes: [String] = []
        let stated = Set(nutrientRules.map(\.nutrient))
        func hasValues(_ key: String) -> Bool {
            let column = table.nutrients.firstIndex { $0.key == key }
            return column.map { table.nutrientValues[$0].contains { !$0.isNaN } } ?? false
        }
        // A table without food-pattern equivalents (an older or a home-made one) has no food
        // groups to count: the Dietary Guidelines' amounts are left out, in one note.
        var groupsNote: String?
        if let groups = foodGroups, useProfileTargets, profile != nil {
            let keys = NutrientTargets.foodGroupRules(kcal: 2000, diets: diets, options: groups).map(\.nutrient)
            if !keys.isEmpty, !keys.contains(where: hasValues) {
                adapted.foodGroups = nil
                groupsNote = "The food table has no food-pattern equivalents, so the Dietary Guidelines' food-group amounts are not applied."
            }
        }
        for rule in adapted.resolvedNutrientRules where !stated.contains(rule.nutrient) {
            guard !hasValues(rule.nutrient) else { continue }
            adapted.skippedProfileNutrients.append(rule.nutrient)
            let name = Nutrient.forColumn(rule.nutrient).displayName
            notes.append("The food table has no \(name) values, so the \(name) limit of the profile is not applied.")
        }
        if let groupsNote { notes.append(groupsNote) }
        // Asking for potassium-rich foods is the opposite of a potassium maximum's aim.
        if potassiumFoods != nil, limitsPotassium {
            notes.append("With a potassium maximum, the week is not asked to hold the potassium foods (sweet potato, lentils, banana and the like).")
        }
        // What the request's own rules changed in the profile's (a maximum below its minimum).
        return (adapted, adapted.nutrientRuleNotes + notes)
    }
}
