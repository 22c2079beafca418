import Foundation

/// A dish made of foods of the table. It enters the table as a food whose values per serving
/// are the sums over its ingredients; the recipe itself is kept so that the shopping list can
/// buy the ingredients and the report can show them.
public struct Recipe: Hashable, Sendable {
    /// How many servings the ingredient list makes.
    public var servings: Int
    /// Ingredients of the whole recipe (all its servings), in the order written.
    public var ingredients: [RecipeIngredient]
    /// One sentence on how it is made.
    public var method: String

    public init(servings: Int, ingredients: [RecipeIngredient], method: String) {
        self.servings = servings
        self.ingredients = ingredients
        self.method = method
    }
}

/// Reading recipes: two CSV files, one row per recipe and one row per ingredient.
///
/// - `recipes.csv`: `id,name,servings,serving_qty,serving_unit,meals,roles,group,family,method`.
///   `id` is a new food id; `servings` a whole number 1...1000; `meals` and `roles` as in the
///   food table; `group`, `family` and `method` text (may be empty).
/// - `recipe_ingredients.csv`: `recipe,ingredient,grams`: grams of the whole recipe, 0.01 to
///   100,000; the ingredient is a food of the table or another recipe (never the recipe itself,
///   directly or through others).
///
/// A recipe's serving (its grams over its servings) weighs 0.01 to 5,000 g, and its values per
/// serving are held to the food table's ceilings (``FoodValueRange``).
///
/// Every error names `FILE:LINE:COLUMN`, as for the food table.
extension FoodTable {
    /// Adds the recipes of two files to the table as foods.
    public mutating func addRecipes(recipes: URL, ingredients: URL) throws(FoodTableError) {
        let recipeData = try FoodTableError.contents(of: recipes)
        let ingredientData = try FoodTableError.contents(of: ingredients)
        try addRecipes(
            recipes: recipeData, recipesFileName: recipes.lastPathComponent,
            ingredients: ingredientData, ingredientsFileName: ingredients.lastPathComponent)
    }

    /// Adds recipes given as bytes (see ``addRecipes(recipes:ingredients:)``).
    public mutating func addRecipes(
        recipes recipeBytes: some Collection<UInt8>, recipesFileName: String,
        ingredients ingredientBytes: some Collection<UInt8>, ingredientsFileName: String
    ) throws(FoodTableError) {
        let rows = try RecipeCSV.recipeRows(recipeBytes, fileName: recipesFileName, table: self)
        let lines = try RecipeCSV.ingredientRows(ingredientBytes, fileName: ingredientsFileName)
        try RecipeCSV.add(rows, lines, to: &self, ingredientsFileName: ingredientsFileName, recipesFileName: recipesFileName)
    }
}

enum RecipeCSV {
    struct RecipeRow {
        var id: String
        var name: String
        var servings: Int
        var servingQuantity: Double
        var servingUnit: String
        var meals: MealSlots
        var roles: TagSet<FoodRole>
        var group: String
        var family: String
        var method: String
        var idPlace: CSVPlace
    }

    struct IngredientRow {
        var recipe: String
        var ingredient: String
        var grams: Double
        var recipePlace: CSVPlace
        var ingredientPlace: CSVPlace
    }

    static let recipeColumns = ["id", "name", "servings", "serving_qty", "serving_unit", "meals", "roles", "group", "family", "method"]
    static let ingredientColumns = ["recipe", "ingredient", "grams"]

    /// The records of a CSV file with exactly these columns, in this order, as fields.
    static func records(
        _ bytes: some Collection<UInt8>, fileName: String, columns: [String],
        _ body: (CSVReader) throws(FoodTableError) -> Void
    ) throws(FoodTableError) {
        try withContiguousBytes(bytes) { buffer throws(FoodTableError) in
            var reader = CSVReader(bytes: buffer, fileName: fileName)
            try reader.readHeader()
            let names = reader.fields.map { reader.text($0) }
            guard names == columns else {
                throw FoodTableError(file: fileName, line: reader.recordLine, column: 1,
                                     message: "expected the header \(columns.joined(separator: ","))")
            }
            while try reader.nextRecord(fieldCount: columns.count) {
                try body(reader)
            }
        }
    }

    static func recipeRows(_ bytes: some Collection<UInt8>, fileName: String, table: FoodTable) throws(FoodTableError) -> [RecipeRow] {
        var rows: [RecipeRow] = []
        var lineOfID: [String: Int] = [:]
        try records(bytes, fileName: fileName, columns: recipeColumns) { reader throws(FoodTableError) in
            let fields = reader.fields
            let idField = fields[0]
            let id = try FoodTableCSVParser.id(idField, reader: reader)
            if table.index(ofID: id) != nil { throw reader.error("id: '\(id)' is already a food of the table", at: idField) }
            if let first = lineOfID[id] { throw reader.error("duplicate recipe '\(id)' (first on line \(first))", at: idField) }
            lineOfID[id] = reader.recordLine
            guard !fields[1].isEmpty else { throw reader.error("name: empty name", at: fields[1]) }
            let servingsText = reader.text(fields[2])
            guard let servings = Int(servingsText), (1 ... 1000).contains(servings) else {
                throw reader.error("servings: '\(reader.shownText(fields[2]))' is not a whole number in 1...1000", at: fields[2])
            }
            let quantity = try FoodTableCSVParser.number(fields[3], column: "serving_qty", reader: reader, rule: .positive) ?? 1
            if !fields[3].isEmpty, let problem = FoodValueRange.amountProblem(
                quantity, column: "serving_qty", shown: CSVReader.shown(FoodTableCSVParser.trimmed(reader.text(fields[3]))),
                largest: FoodValueRange.largestServingQuantity, what: "the largest household quantity of a serving") {
                throw reader.error(problem, at: fields[3])
            }
            let meals = try FoodTableCSVParser.meals(fields[5], reader: reader)
            let roles = try FoodTableCSVParser.tags(
                fields[6], column: "roles", kind: "role", choices: FoodTableCSVParser.roleChoices, reader: reader
            ) { FoodRole(rawValue: $0.lowercased()) }
            guard !roles.isEmpty else { throw reader.error("roles: a recipe needs a role", at: fields[6]) }
            if let accompaniment = roles.members.first(where: \.isAccompaniment) {
                throw reader.error("roles: a recipe is a dish, not a \(accompaniment.rawValue)", at: fields[6])
            }
            rows.append(RecipeRow(
                id: id, name: reader.text(fields[1]), servings: servings, servingQuantity: quantity,
                servingUnit: fields[4].isEmpty ? "serving" : reader.text(fields[4]), meals: meals, roles: roles,
                group: reader.text(fields[7]), family: reader.text(fields[8]), method: reader.text(fields[9]),
                idPlace: reader.place(of: idField)))
        }
        return rows
    }

    static func ingredientRows(_ bytes: some Collection<UInt8>, fileName: String) throws(FoodTableError) -> [IngredientRow] {
        var rows: [IngredientRow] = []
        try records(bytes, fileName: fileName, columns: ingredientColumns) { reader throws(FoodTableError) in
            let fields = reader.fields
            for (index, column) in ["recipe", "ingredient"].enumerated() where fields[index].isEmpty {
                throw reader.error("\(column): empty id", at: fields[index])
            }
            guard let grams = try FoodTableCSVParser.number(fields[2], column: "grams", reader: reader, rule: .positive) else {
                throw reader.error("grams: missing amount", at: fields[2])
            }
            let shown = CSVReader.shown(FoodTableCSVParser.trimmed(reader.text(fields[2])))
            if grams < FoodValueRange.smallestServingGrams {
                throw reader.error("grams: \(shown) is below 0.01 g, the least an ingredient may weigh", at: fields[2])
            }
            if grams > FoodValueRange.largestIngredientGrams {
                throw reader.error("grams: \(shown) is above 100,000 g, the most an ingredient line may hold (1,000 servings of 100 g)", at: fields[2])
            }
            rows.append(IngredientRow(
                recipe: reader.text(fields[0]), ingredient: reader.text(fields[1]), grams: grams,
                recipePlace: reader.place(of: fields[0]), ingredientPlace: reader.place(of: fields[1])))
        }
        return rows
    }

    /// Appends the recipes in an order where every recipe comes after the recipes it uses.
    static func add(_ rows: [RecipeRow], _ lines: [IngredientRow], to table: inout FoodTable,
                    ingredientsFileName: String, recipesFileName: String) throws(FoodTableError) {
        func error(_ place: CSVPlace, _ message: String) -> FoodTableError {
            FoodTableError(file: ingredientsFileName, at: place, message: message)
        }
        let recipeIndex = Dictionary(uniqueKeysWithValues: rows.enumerated().map { ($1.id, $0) })
        var linesOf: [[IngredientRow]] = Array(repeating: [], count: rows.count)
        for line in lines {
            guard let recipe = recipeIndex[line.recipe] else {
                throw error(line.recipePlace, "recipe: '\(line.recipe)' is not a recipe of the recipe file")
            }
            if line.ingredient == line.recipe {
                throw error(line.ingredientPlace, "ingredient: recipe '\(line.recipe)' uses itself")
            }
            guard table.index(ofID: line.ingredient) != nil || recipeIndex[line.ingredient] != nil else {
                throw error(line.ingredientPlace,
                            "ingredient: '\(line.ingredient)' is not a food of the table or a recipe\(FoodTable.suggestion(line.ingredient, among: table.ids))")
            }
            linesOf[recipe].append(line)
        }
        for (index, row) in rows.enumerated() where linesOf[index].isEmpty {
            throw FoodTableError(file: ingredientsFileName, line: nil, column: nil, message: "recipe '\(row.id)' has no ingredients")
        }
        // Depth-first order over the recipes a recipe uses; a cycle is an error at the line that closes it.
        var state = [UInt8](repeating: 0, count: rows.count)  // 0 new, 1 in progress, 2 added
        func visit(_ index: Int) throws(FoodTableError) {
            state[index] = 1
            for line in linesOf[index] {
                guard let used = recipeIndex[line.ingredient] else { continue }
                if state[used] == 1 {
                    throw error(line.ingredientPlace, "ingredient: recipe '\(line.ingredient)' uses '\(line.recipe)' in turn")
                }
                if state[used] == 0 { try visit(used) }
            }
            try append(rows[index], linesOf[index], to: &table, error: error, recipesFileName: recipesFileName)
            state[index] = 2
        }
        for index in rows.indices where state[index] == 0 { try visit(index) }
    }

    /// The recipe as a food: per serving, the sums over its ingredients of their values for
    /// the grams used, divided by the servings. A value any ingredient lacks is missing.
    static func append(_ row: RecipeRow, _ lines: [IngredientRow], to table: inout FoodTable,
                       error: (CSVPlace, String) -> FoodTableError, recipesFileName: String) throws(FoodTableError) {
        var values = [Double](repeating: 0, count: table.nutrients.count)
        var grams = 0.0, price = 0.0
        var diets = TagSet(Diet.allCases), allergens = TagSet<Allergen>()
        var ingredients: [RecipeIngredient] = []
        let share = 1 / Double(row.servings)
        for line in lines {
            let food = table.index(ofID: line.ingredient)!
            guard let servingGrams = table.grams(food: food) else {
                throw error(line.ingredientPlace, "ingredient: '\(line.ingredient)' has no serving weight, so its grams cannot be counted")
            }
            let servings = line.grams / servingGrams * share
            for column in values.indices { values[column] += table.nutrientValues[column][food] * servings }
            price += table.prices[food] * servings
            grams += line.grams * share
            diets = TagSet(diets.members.filter { table.diets[food].contains($0) })
            for allergen in table.allergens[food].members { allergens.insert(allergen) }
            ingredients.append(RecipeIngredient(food: food, grams: line.grams))
        }
        // A serving of the recipe, and what it holds, obey the food table's ranges (FoodValueRange):
        // sums of values in range stay in range per gram, but a serving can be too light or too heavy.
        func rangeError(_ problem: String) -> FoodTableError {
            FoodTableError(file: recipesFileName, at: row.idPlace, message: "recipe '\(row.id)': \(problem)")
        }
        let servingText = "\(grams.grouped) (its ingredients' grams over \(row.servings) serving\(row.servings == 1 ? "" : "s"))"
        if let problem = FoodValueRange.servingGramsProblem(grams, column: "serving weight", shown: servingText) { throw rangeError(problem) }
        for (column, nutrient) in table.nutrients.enumerated() where !values[column].isNaN {
            if let problem = FoodValueRange.nutrientProblem(values[column], nutrient: nutrient, servingGrams: grams,
                                                            shown: values[column].cleanText, floor: false) {
                throw rangeError(problem)
            }
        }
        if !price.isNaN, let problem = FoodValueRange.priceProblem(price, servingGrams: grams, shown: price.cleanText, floor: false) {
            throw rangeError(problem)
        }
        let usage = FoodUsage(roles: row.roles, family: row.family, minServings: 1)
        do {
            try table.append(
                id: row.id, name: row.name, sourceID: "", servingQuantity: row.servingQuantity,
                servingUnit: row.servingUnit, servingGrams: grams, nutrientValues: values, price: price, meals: row.meals,
                group: row.group, diets: diets, allergens: allergens, maxServingsPerMeal: 2, usage: usage)
        } catch {
            // Ids were checked against the table and each other before.
            preconditionFailure("recipe \(row.id) could not be added: \(error)")
        }
        table.setRecipe(Recipe(servings: row.servings, ingredients: ingredients, method: row.method), food: table.count - 1)
    }
}
