import Foundation
import MealPlanning

/// The document, part by part: the header, each item, the daily totals, the targets, the cost,
/// the shopping list, the objective and the explanation, each stated value against the items.
extension SavedPlanCheck.Audit {
    mutating func run() {
        header()
        itemStatements()
        dailyTotals()
        // Version 1 plans were written under older profile rules and bought recipes whole:
        // their targets and shopping list are not today's, and are not compared.
        if saved.schemaVersion >= 2 {
            targets()
            shoppingList()
        }
        cost()
        objective()
        explanation()
        string(root, "medicalNote", "medicalNote", ReportContent.medicalNote, "the planner writes")
    }

    mutating func header() {
        let request = saved.request
        number(root, "days", "days", Double(request.days), .integer, "the request gives")
        if let raw = root["meals"] {
            let expected = content.slots.map(\.rawValue)
            if let stated = raw as? [String], stated == expected {} else {
                differ("meals", says: (raw as? [String]).map { "[" + $0.joined(separator: ", ") + "]" } ?? Self.describe(raw),
                       "the request and the items give", "[" + expected.joined(separator: ", ") + "]")
            }
        }
        guard let raw = root["profile"] else { return }
        guard let profile = request.profile else {
            if !(raw is NSNull) { differ("profile", says: Self.describe(raw), "the request gives", "null") }
            return
        }
        guard let stated = object(raw, "profile") else { return }
        let source = "the request gives"
        string(stated, "summary", "profile summary", profile.summary, source)
        string(stated, "sex", "profile sex", profile.sex.rawValue, source)
        number(stated, "age", "profile age", Double(profile.age), .integer, source)
        string(stated, "lifeStage", "profile lifeStage", profile.lifeStage.rawValue, source)
        string(stated, "activity", "profile activity", profile.activity.rawValue, source)
    }

    /// `items[4] (day 1 breakfast, milk-whole)`.
    func itemLabel(_ index: Int) -> String {
        let item = saved.items[index]
        return "items[\(index)] (day \(item.day + 1) \(item.meal.rawValue), \(item.foodID))"
    }

    mutating func itemStatements() {
        guard let list = root["items"] as? [Any], list.count == statements.items.count else { return }
        let source = "the food table gives"
        for (index, element) in list.enumerated() {
            guard let stated = element as? [String: Any] else { continue }
            let expected = statements.items[index]
            let food = expected.food
            let label = itemLabel(index)
            string(stated, "foodName", "\(label) foodName", table.names[food], source)
            string(stated, "household", "\(label) household", expected.household,
                   "\(NumberText.shortest(items[index].servings)) servings are")
            number(stated, "grams", "\(label) grams", expected.grams, .rounded, source)
            number(stated, "cost", "\(label) cost", expected.cost, .rounded, source)
            if let nutrients = object(stated["nutrients"], "\(label) nutrients") {
                for (column, nutrient) in table.nutrients.enumerated() {
                    let value = expected.nutrients[column]
                    if nutrients[nutrient.key] == nil {
                        fail("\(label) nutrients", "no \(nutrient.key), a column of the food table")
                        continue
                    }
                    number(nutrients, nutrient.key, "\(label) \(nutrient.key)", value.isNaN ? nil : value, .rounded, source)
                }
                for key in nutrients.keys.sorted() where !table.nutrients.contains(where: { $0.key == key }) {
                    fail("\(label) \(key)", "the food table has no \(key) column")
                }
            }
            string(stated, "role", "\(label) role", expected.role?.rawValue, source)
            recipe(stated, food: food, label: label)
        }
    }

    mutating func recipe(_ stated: [String: Any], food: Int, label: String) {
        guard let raw = stated["recipe"] else { return }
        let source = "the recipes give"
        guard let recipe = table.recipes[food] else {
            if !(raw is NSNull) { differ("\(label) recipe", says: Self.describe(raw), source, "null (not a recipe)") }
            return
        }
        guard let object = object(raw, "\(label) recipe") else { return }
        number(object, "servings", "\(label) recipe servings", Double(recipe.servings), .integer, source)
        string(object, "method", "\(label) recipe method", recipe.method, source)
        guard let ingredients = list(object, "ingredients", "\(label) recipe ingredients") else { return }
        guard ingredients.count == recipe.ingredients.count else {
            fail("\(label) recipe ingredients", "file lists \(ingredients.count), the recipes give \(recipe.ingredients.count)")
            return
        }
        for (index, element) in ingredients.enumerated() {
            let path = "\(label) recipe ingredients[\(index)]"
            guard let ingredient = self.object(element, path) else { continue }
            let expected = recipe.ingredients[index]
            string(ingredient, "foodId", "\(path) foodId", table.ids[expected.food], source)
            string(ingredient, "foodName", "\(path) foodName", table.names[expected.food], source)
            number(ingredient, "grams", "\(path) grams", expected.grams, .exact, source)
        }
    }

    mutating func dailyTotals() {
        guard let list = list(root, "dailyTotals", "dailyTotals") else { return }
        let days = saved.request.days
        if list.count != days { fail("dailyTotals", "file lists \(list.count) days, the request gives \(days)") }
        let source = "the items give"
        for (index, element) in list.prefix(days).enumerated() {
            let label = "day \(index + 1) totals"
            guard let stated = object(element, "dailyTotals[\(index)]") else { continue }
            number(stated, "day", "dailyTotals[\(index)] day", Double(index + 1), .integer, "its place in the list gives")
            if let nutrients = object(stated["nutrients"], "\(label) nutrients") {
                for nutrient in table.nutrients {
                    if nutrients[nutrient.key] == nil {
                        fail("\(label) nutrients", "no \(nutrient.key), a column of the food table")
                        continue
                    }
                    // A nutrient no item of the day has a value for is unknown (null), as the report writes it.
                    number(nutrients, nutrient.key, "\(label) \(nutrient.key)", statements.totals.daily[index][nutrient.key],
                           .rounded, source)
                }
                for key in nutrients.keys.sorted() where !table.nutrients.contains(where: { $0.key == key }) {
                    fail("\(label) \(key)", "the food table has no \(key) column")
                }
            }
            number(stated, "grams", "\(label) grams", statements.totals.dailyGrams[index], .rounded, source)
            number(stated, "cost", "\(label) cost", statements.totals.dailyCost[index], .rounded, source)
        }
    }

    mutating func targets() {
        guard let list = list(root, "targets", "targets") else { return }
        var unused = Array(list.indices)
        for evaluation in statements.targets {
            let per = evaluation.rule.scope.text
            let label = "target \(evaluation.rule.nutrient) per \(per)"
            let position = unused.firstIndex { index in
                guard let stated = list[index] as? [String: Any] else { return false }
                return stated["nutrient"] as? String == evaluation.rule.nutrient && stated["per"] as? String == per
            }
            guard let position else {
                fail(label, "missing from the file's targets, a rule of the request")
                continue
            }
            let stated = list[unused.remove(at: position)] as! [String: Any]
            target(stated, evaluation, label)
        }
        for index in unused {
            let stated = list[index] as? [String: Any]
            let name = [stated?["nutrient"] as? String, (stated?["per"] as? String).map { "per \($0)" }].compactMap { $0 }.joined(separator: " ")
            fail("targets[\(index)]" + (name.isEmpty ? "" : " (\(name))"), "the request has no such rule")
        }
    }

    mutating func target(_ stated: [String: Any], _ target: TargetEvaluation, _ label: String) {
        let rules = "the request gives"
        string(stated, "name", "\(label) name", target.nutrient.displayName, "the food table gives")
        string(stated, "unit", "\(label) unit", target.nutrient.unit, "the food table gives")
        number(stated, "min", "\(label) min", target.rule.minimum, .exact, rules)
        number(stated, "max", "\(label) max", target.rule.maximum, .exact, rules)
        string(stated, "source", "\(label) source", target.rule.source, rules)
        // A margin within round-off of the tolerance may be read either way.
        let slack = 1e-9 * target.limitScale
        let threshold = -TargetEvaluation.relativeTolerance * target.limitScale
        let borderline = target.margins.contains { abs($0 - threshold) <= slack }
        boolean(stated, "met", "\(label) met", accepts: borderline ? [true, false] : [target.met], "the items give")
        number(stated, "tightestMargin", "\(label) tightestMargin", target.tightest?.margin, .rounded, "the items give")
        if let raw = stated["tightestDay"] {
            // Days whose margin is the tightest within the file's precision are all right.
            let expected: Double? = target.tightest.map { Double($0.day + 1) }
            let stated = try? SavedPlan.number(raw, "", { SavedPlanError("\($0): \($1)") })
            var accepted = stated == expected
            if !accepted, let stated, let tightest = target.tightest, !target.isWeekly, stated == stated.rounded(),
               stated >= 1, stated <= Double(target.values.count), let value = target.values[Int(stated) - 1] {
                var margin = Double.infinity
                if let minimum = target.rule.minimum { margin = min(margin, value - minimum) }
                if let maximum = target.rule.maximum { margin = min(margin, maximum - value) }
                accepted = margin - tightest.margin <= 1e-9 * target.limitScale
            }
            if !accepted {
                differ("\(label) tightestDay", says: Self.describe(raw), "the items give", expected.map(NumberText.shortest) ?? "null")
            }
        }
        guard let values = list(stated, "values", "\(label) values") else { return }
        guard values.count == target.values.count else {
            fail("\(label) values", "file lists \(values.count) days, the request gives \(target.values.count)")
            return
        }
        for (day, value) in target.values.enumerated() {
            number(["value": values[day]], "value", "\(label) values[\(day)] (day \(day + 1))", value, .rounded, "the items give")
        }
    }

    mutating func cost() {
        guard let cost = object(root["cost"], "cost") else { return }
        let source = "the items give"
        number(cost, "total", "cost total", statements.totalCost, .rounded, source)
        number(cost, "averagePerDay", "cost averagePerDay", statements.averageDailyCost, .rounded, source)
        guard let perDay = list(cost, "perDay", "cost perDay") else { return }
        if perDay.count != saved.request.days { fail("cost perDay", "file lists \(perDay.count) days, the request gives \(saved.request.days)") }
        for (day, value) in perDay.prefix(saved.request.days).enumerated() {
            number(["value": value], "value", "cost day \(day + 1)", statements.totals.dailyCost[day], .rounded, source)
        }
    }

    mutating func shoppingList() {
        guard let shopping = object(root["shoppingList"], "shoppingList") else { return }
        let source = "the items give"
        number(shopping, "totalCost", "shopping list totalCost", statements.shopping.totalCost, .rounded, source)
        guard let lines = list(shopping, "lines", "shopping list lines") else { return }
        var stated: [String: (index: Int, line: [String: Any])] = [:]
        for (index, element) in lines.enumerated() {
            guard let line = object(element, "shoppingList.lines[\(index)]") else { continue }
            guard let id = line["foodId"] as? String else {
                fail("shoppingList.lines[\(index)] foodId", "file says \(Self.describe(line["foodId"] ?? NSNull())), expected a food id")
                continue
            }
            if stated[id] != nil { fail("shopping list \(id)", "listed twice") } else { stated[id] = (index, line) }
        }
        for expected in statements.shopping.lines {
            let id = table.ids[expected.food]
            let label = "shopping list \(id)"
            guard let line = stated.removeValue(forKey: id)?.line else {
                fail(label, "missing from the file, the items buy \(NumberText.shortest(expected.servings)) servings")
                continue
            }
            string(line, "foodName", "\(label) foodName", table.names[expected.food], "the food table gives")
            string(line, "group", "\(label) group", table.groups[expected.food], "the food table gives")
            number(line, "servings", "\(label) servings", expected.servings, .exact, source)
            string(line, "household", "\(label) household", expected.household, source)
            number(line, "grams", "\(label) grams", expected.grams, .rounded, source)
            string(line, "purchase", "\(label) purchase", expected.purchase, source)
            number(line, "cost", "\(label) cost", expected.cost, .rounded, source)
        }
        for (id, entry) in stated.sorted(by: { $0.value.index < $1.value.index }) {
            fail("shopping list \(id)", "the items buy none of it")
            _ = entry
        }
    }

    mutating func objective() {
        guard let objective = object(root["objective"], "objective") else { return }
        let request = saved.request
        // A request file keeps weights by name, so their order may differ from the command line's.
        func terms(_ name: String) -> [Substring] {
            name.hasPrefix("weighted: ") ? name.dropFirst("weighted: ".count).components(separatedBy: " + ").map { Substring($0) }.sorted()
                : [Substring(name)]
        }
        if let stated = objective["name"] as? String, terms(stated) == terms(request.objective.name) {} else {
            string(objective, "name", "objective name", request.objective.name, "the request gives")
        }
        let kind: String
        switch request.objective {
        case .weighted: kind = "weighted"
        default: kind = request.objective.terms[0].kind.rawValue
        }
        string(objective, "kind", "objective kind", kind, "the request gives")
        let value = statements.objective ?? saved.objectiveValue
        if statements.objective != nil {
            number(objective, "value", "objective value", value, .objective, "the items give")
        }
        if let bound = saved.bound, bound > value + TargetEvaluation.relativeTolerance * max(1, abs(value)) {
            fail("objective bound", "file says \(NumberText.shortest(bound)), above the plan's objective \(NumberText.shortest(NumberText.rounded4(value))): "
                + "a proven bound is never worse than a plan")
        }
        let gap = saved.bound.map { max(0, value - $0) / max(abs(value), 1e-9) }
        number(objective, "gap", "objective gap", gap, .rounded, "the objective and the bound give")
        // The text of the file's value, or of the items' (the solver's value and the items' may
        // round to different cents).
        let texts = [saved.objectiveValue, value].map { content.objectiveValueText($0) + ", " + content.boundText(objective: $0) }
        if let stated = objective["text"] as? String, texts.contains(stated) {} else {
            string(objective, "text", "objective text", texts[1], "the items and the bound give")
        }
    }

    /// The explanation comes from LP duals, which only the solver knows: its texts must be
    /// the ones its numbers give, its amounts the sizes explanations speak of, and no food
    /// said to be close to entering the plan may be in it.
    mutating func explanation() {
        let content = self.content
        if let basis = saved.explanationBasis, ![Plan.oneDayRelaxation, Plan.planRelaxation].contains(basis) {
            differ("explanationBasis", says: Self.quoted(basis), "the planner writes",
                   Self.quoted(Plan.oneDayRelaxation) + " or " + Self.quoted(Plan.planRelaxation))
        }
        if let rules = list(root, "bindingRules", "bindingRules") {
            for (index, element) in rules.enumerated() {
                let label = "bindingRules[\(index)]"
                guard let stated = object(element, label) else { continue }
                guard let rule = stated["rule"] as? String, let direction = stated["direction"] as? String,
                      let unit = stated["unit"] as? String,
                      let amount = try? SavedPlan.number(stated["amount"], "", { SavedPlanError("\($0): \($1)") }),
                      let change = try? SavedPlan.number(stated["objectiveChange"], "", { SavedPlanError("\($0): \($1)") })
                else {
                    fail(label, "expected a rule, direction, amount, unit and objectiveChange")
                    continue
                }
                let sizes: [Double]
                switch unit {
                case "mg", "kcal": sizes = [100]
                case "g": sizes = [5, 100]
                default: sizes = [1]
                }
                var amounts = [amount]
                if !sizes.contains(amount) {
                    differ("\(label) amount", says: NumberText.shortest(amount), "explanations of \(unit.isEmpty ? "this rule" : unit) speak of",
                           sizes.map(NumberText.shortest).joined(separator: " or "))
                    amounts = sizes
                }
                // The text of the stated change, rounded as written, and of the amount explanations use.
                text(stated, "text", "\(label) text", of: change, "its numbers give") { change in
                    let texts = amounts.map {
                        content.bindingText(BindingRule(rule: rule, amount: $0, unit: unit, objectiveChange: change, direction: direction))
                    }
                    return (stated["text"] as? String).flatMap { texts.contains($0) ? $0 : nil } ?? texts[0]
                }
            }
        }
        if let foods = list(root, "marginalFoods", "marginalFoods") {
            let inPlan = Set(items.map(\.food))
            for (index, element) in foods.enumerated() {
                var label = "marginalFoods[\(index)]"
                guard let stated = object(element, label) else { continue }
                guard let id = stated["foodId"] as? String, let food = table.index(ofID: id) else {
                    fail("\(label) foodId", "file says \(Self.describe(stated["foodId"] ?? NSNull())), not a food of the table")
                    continue
                }
                label += " (\(id))"
                if inPlan.contains(food) {
                    fail(label, "said to be close to entering the plan, but the plan holds it")
                }
                string(stated, "foodName", "\(label) foodName", table.names[food], "the food table gives")
                number(stated, "pricePerServing", "\(label) pricePerServing", table.price(food: food), .rounded, "the food table gives")
                guard let reduced = try? SavedPlan.number(stated["reducedCostPerServing"], "", { SavedPlanError("\($0): \($1)") }) else {
                    fail("\(label) reducedCostPerServing", "expected a number")
                    continue
                }
                text(stated, "text", "\(label) text", of: reduced, "its numbers give") { reduced in
                    content.marginalText(MarginalFood(food: food, reducedCostPerServing: reduced))
                }
            }
        }
    }
}
