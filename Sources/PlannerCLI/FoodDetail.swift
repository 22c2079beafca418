import MealPlanning

/// `planner foods --show ID`: one food or recipe in full.
struct FoodDetail {
    let table: FoodTable
    let food: Int

    var text: String {
        var lines: [String] = []
        let usage = table.usages[food]
        let recipe = table.recipes[food]
        lines.append("\(table.names[food]) (\(table.ids[food]))\(recipe == nil ? "" : ", a recipe")")
        lines.append("")
        func field(_ name: String, _ value: String) {
            guard !value.isEmpty else { return }
            lines.append(FoodListing.fit(name, 16) + value)
        }
        field("Serving", FoodListing.serving(table, food: food))
        field("Meals", table.meals[food].slots.map(\.rawValue).joined(separator: ", "))
        field("Roles", usage.roles.members.map(\.rawValue).joined(separator: ", "))
        field("Family", table.family(food: food))
        field("Goes with", usage.pairsWith.joined(separator: ", "))
        if !usage.maxPerCarrier.isNaN {
            field("At most", "\(FoodListing.short(usage.maxPerCarrier, decimals: 2)) serving(s) per serving it goes with")
        }
        if !usage.minServings.isNaN { field("Smallest", "\(FoodListing.short(usage.minServings, decimals: 2)) serving(s)") }
        field("Group", table.groups[food])
        field("Diets", table.diets[food].members.map(\.rawValue).joined(separator: ", "))
        field("Allergens", table.allergens[food].members.map(\.rawValue).joined(separator: ", "))
        field("Price", table.price(food: food).map { "$" + FoodListing.fixed($0, decimals: 2) + " a serving" } ?? "")
        field("USDA source", table.sourceIDs[food])
        field("FNDDS code", table.fnddsCodes[food])
        let known = table.nutrients.enumerated().filter { !Nutrient.foodPattern.contains($0.element) }
        let pattern = table.nutrients.enumerated().filter { Nutrient.foodPattern.contains($0.element) }
        for (title, entries) in [("Per serving", known), ("Food-pattern equivalents per serving (USDA FPED)", pattern)] where !entries.isEmpty {
            lines.append("")
            lines.append(title)
            for (column, nutrient) in entries {
                let value = table.nutrientValues[column][food]
                let text = value.isNaN ? FoodListing.missing : FoodListing.short(value, decimals: value < 10 ? 2 : 1)
                lines.append("  " + FoodListing.fit(nutrient.displayName, 32) + text + (value.isNaN || nutrient.unit.isEmpty ? "" : " \(nutrient.unit)"))
            }
        }
        if let recipe {
            lines.append("")
            lines.append("Ingredients for \(recipe.servings) serving\(recipe.servings == 1 ? "" : "s")")
            for item in recipe.ingredients {
                lines.append("  " + FoodListing.fit(FoodListing.short(item.grams, decimals: 1) + " g", 10) + table.names[item.food] + " (\(table.ids[item.food]))")
            }
            if !recipe.method.isEmpty {
                lines.append("")
                lines.append(recipe.method)
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
