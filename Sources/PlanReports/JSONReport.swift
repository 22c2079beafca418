import MealPlanning

/// A saved plan: the `json` format, schema `potassium-planner/plan`, version 2 (version 1
/// had no `role` and `recipe` keys on items; it still loads).
///
/// The document is self-contained: it embeds the full plan request, so ``SavedPlan/read(_:fileName:)``
/// can rebuild the plan against a food table. Keys are sorted, numbers are written in their
/// shortest exact form (computed totals rounded to 4 decimals), no timestamps: the same plan
/// gives the same bytes. Days are 1-based; meals are `breakfast`, `lunch`, `dinner`, `snack`;
/// nutrient keys are the food table's column names (`potassium_mg`); money is US dollars;
/// `null` means unknown or not applicable. Readers must ignore keys they do not know; a change
/// that removes or retypes a key raises `schemaVersion`.
///
/// ```
/// {
///   "schema": "potassium-planner/plan",       constant
///   "schemaVersion": 2,
///   "generatedBy": "planner 1.0" | null,
///   "profile": {"summary", "sex", "age", "lifeStage", "activity"} | null,
///   "days": 7,
///   "meals": ["breakfast", ...],
///   "request": { ... },                        PlanRequestCoding.jsonObject(request)
///   "requestRuleSources": ["request", ...],    source of each request.nutrients entry
///   "status": "optimal" | "feasible" | "relaxed (continuous portions)",
///   "objective": {"name", "kind": "cost"|"sugar"|"sodium"|"potassium"|"energy"|"weighted",
///                 "value", "bound" | null, "gap" | null, "text"},
///   "strategy": "...",
///   "seconds": 1.2                             only when RenderOptions.showTiming
///   "items": [{"day", "meal", "foodId", "foodName", "servings", "household", "grams" | null,
///              "role": "main" | ... | null, "recipe": {"servings", "method",
///              "ingredients": [{"foodId", "foodName", "grams"}]} | null,
///              "nutrients": {key: value | null}, "cost" | null}],
///   "dailyTotals": [{"day", "nutrients": {key: value}, "grams", "cost"}],
///   "targets": [{"nutrient", "name", "unit", "per": "day" | meal, "min" | null, "max" | null,
///                "source", "met", "tightestMargin" | null, "tightestDay" | null,
///                "values": [per day | null]}],
///   "cost": {"total", "perDay": [...], "averagePerDay"},
///   "shoppingList": {"lines": [{"foodId", "foodName", "group", "servings", "household",
///                               "grams" | null, "purchase", "cost" | null}], "totalCost"},
///   "bindingRules": [{"rule", "direction", "amount", "unit", "objectiveChange", "text"}],
///   "marginalFoods": [{"foodId", "foodName", "reducedCostPerServing", "pricePerServing" | null, "text"}],
///   "explanationBasis": "the one-day LP relaxation" | "the LP relaxation of the whole plan" | null,
///   "excludedFoods": [{"foodId", "reason"}],
///   "notes": ["..."],
///   "medicalNote": "..."
/// }
/// ```
///
/// The full description is in `docs/plan-json-schema.md`.
struct JSONReport {
    static let schema = "potassium-planner/plan"
    static let schemaVersion = 2
    /// The versions ``SavedPlan`` reads.
    static let readableVersions = 1 ... 2

    let content: ReportContent

    func render() -> String { document().text() + "\n" }

    func document() -> JSONValue {
        let plan = content.plan
        let table = content.table
        let request = plan.request
        var root: [String: JSONValue] = [
            "schema": .string(Self.schema),
            "schemaVersion": .int(Self.schemaVersion),
            "generatedBy": content.options.generatedBy.isEmpty ? .null : .string(content.options.generatedBy),
            "days": .int(request.days),
            "meals": .array(content.slots.map { .string($0.rawValue) }),
            "request": JSONValue.from(PlanRequestCoding.jsonObject(request)),
            "requestRuleSources": .array(request.nutrientRules.map { .string($0.source) }),
            "status": .string(plan.quality.text),
            "strategy": .string(plan.strategy),
            "notes": .array(content.notes.map { .string($0) }),
            "medicalNote": .string(ReportContent.medicalNote),
        ]
        if let profile = request.profile {
            root["profile"] = .object([
                "summary": .string(profile.summary), "sex": .string(profile.sex.rawValue), "age": .int(profile.age),
                "lifeStage": .string(profile.lifeStage.rawValue), "activity": .string(profile.activity.rawValue),
            ])
        } else {
            root["profile"] = .null
        }
        let kind: String
        switch request.objective {
        case .weighted: kind = "weighted"
        default: kind = request.objective.terms[0].kind.rawValue
        }
        root["objective"] = .object([
            "name": .string(request.objective.name), "kind": .string(kind),
            "value": .number(plan.objective), "bound": .number(plan.bound), "gap": .rounded(plan.gap),
            "text": .string(content.objectiveValueText(plan.objective) + ", " + content.boundText),
        ])
        if content.options.showTiming { root["seconds"] = .number(NumberText.rounded4(plan.seconds)) }

        root["items"] = .array(content.days.flatMap { day in
            day.meals.flatMap { meal in
                meal.items.map { item -> JSONValue in
                    var nutrients: [String: JSONValue] = [:]
                    for (column, nutrient) in table.nutrients.enumerated() {
                        let value = table.nutrientValues[column][item.item.food]
                        nutrients[nutrient.key] = value.isNaN ? .null : .rounded(value * item.item.servings)
                    }
                    let food = item.item.food
                    let role = table.role(food: food, at: meal.slot).map { JSONValue.string($0.rawValue) } ?? .null
                    let recipe = table.recipes[food].map { recipe -> JSONValue in
                        .object([
                            "servings": .int(recipe.servings), "method": .string(recipe.method),
                            "ingredients": .array(recipe.ingredients.map { ingredient in
                                .object([
                                    "foodId": .string(table.ids[ingredient.food]), "foodName": .string(table.names[ingredient.food]),
                                    "grams": .number(ingredient.grams),
                                ])
                            }),
                        ])
                    } ?? .null
                    return .object([
                        "day": .int(day.index + 1), "meal": .string(meal.slot.rawValue),
                        "foodId": .string(item.foodID), "foodName": .string(item.name),
                        "servings": .number(item.item.servings), "household": .string(item.household),
                        "grams": .rounded(item.grams), "nutrients": .object(nutrients), "cost": .rounded(item.cost),
                        "role": role, "recipe": recipe,
                    ])
                }
            }
        })
        root["dailyTotals"] = .array((0 ..< request.days).map { day in
            var nutrients: [String: JSONValue] = [:]
            // A nutrient no food of the day has a value for is unknown (null), not 0.
            for nutrient in table.nutrients { nutrients[nutrient.key] = .rounded(content.totals.daily[day][nutrient.key]) }
            return .object([
                "day": .int(day + 1), "nutrients": .object(nutrients),
                "grams": .rounded(content.totals.dailyGrams[day]), "cost": .rounded(content.totals.dailyCost[day]),
            ])
        })
        root["targets"] = .array(content.targets.map { row in
            .object([
                "nutrient": .string(row.rule.nutrient), "name": .string(row.nutrient.displayName), "unit": .string(row.nutrient.unit),
                "per": .string(row.rule.scope.text), "min": .number(row.rule.minimum), "max": .number(row.rule.maximum),
                "source": .string(row.rule.source), "met": .bool(row.met),
                "tightestMargin": .rounded(row.tightest?.margin), "tightestDay": row.tightest.map { .int($0.day + 1) } ?? .null,
                "values": .array(row.values.map { .rounded($0) }),
            ])
        })
        root["cost"] = .object([
            "total": .rounded(content.totals.weeklyCost),
            "perDay": .array(content.totals.dailyCost.map { .rounded($0) }),
            "averagePerDay": .rounded(content.averageDailyCost),
        ])
        root["shoppingList"] = .object([
            "lines": .array(content.shopping.lines.map { line in
                .object([
                    "foodId": .string(table.ids[line.food]), "foodName": .string(table.names[line.food]),
                    "group": .string(table.groups[line.food]), "servings": .number(line.servings),
                    "household": .string(line.household), "grams": .rounded(line.grams),
                    "purchase": .string(line.purchase), "cost": .rounded(line.cost),
                ])
            }),
            "totalCost": .rounded(content.shopping.totalCost),
        ])
        root["bindingRules"] = .array(plan.bindingRules.map { rule in
            .object([
                "rule": .string(rule.rule), "direction": .string(rule.direction), "amount": .number(rule.amount),
                "unit": .string(rule.unit), "objectiveChange": .rounded(rule.objectiveChange),
                "text": .string(content.bindingText(rule)),
            ])
        })
        root["explanationBasis"] = .string(plan.explanationBasis)
        root["marginalFoods"] = .array(content.marginalFoods.map { food in
            .object([
                "foodId": .string(table.ids[food.food]), "foodName": .string(table.names[food.food]),
                "reducedCostPerServing": .rounded(food.reducedCostPerServing),
                "pricePerServing": .rounded(table.price(food: food.food)), "text": .string(content.marginalText(food)),
            ])
        })
        root["excludedFoods"] = .array(plan.excluded.map { excluded in
            let id = excluded.food >= 0 && excluded.food < table.count ? table.ids[excluded.food] : "#\(excluded.food)"
            return .object(["foodId": .string(id), "reason": .string(excluded.reason)])
        })
        return .object(root)
    }
}
