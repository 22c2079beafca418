import Foundation
import LinearProgramming

/// Builds the plan model. Rows and columns get readable names (`x[lentils-boiled,d3,dinner]`,
/// `potassium_mg_min[d3]`), so that an exported model can be read and checked by hand.
public struct PlanModelBuilder {
    public struct Options: Sendable {
        /// Days in the model (the request's by default; 1 for day-pattern pricing).
        public var days: Int?
        /// Include the rules that span days (days per food, weekly caps, included foods).
        public var weeklyRules = true
        /// Continuous portions and indicators: the LP relaxation.
        public var relax = false
        /// Add elastic variables to every relaxable family (for diagnosis).
        public var elastic = false
        /// With `elastic`: elastic variables are free to grow at this cost per unit of relative
        /// violation (a penalty method), instead of being fixed at 0.
        public var elasticPenalty: Double?
        /// Keep foods that only the diet and exclusions remove, fixed at 0 (for diagnosis).
        public var keepFilteredFoods = false
        /// Extra objective per portion step of a food, indexed by table index (e.g. dual prices).
        public var portionCostAdjustment: [Double]?
        /// Extra objective per day a food is used, indexed by table index; needs day indicators.
        public var dayUseCostAdjustment: [Double]?
        /// Foods (table indices) that may not be used at all (kept in the model, fixed at 0).
        public var forbiddenFoods: Set<Int> = []
        /// Most portion steps of a food in one day, indexed by table index (what a weekly cap leaves).
        public var dailyStepCap: [Double]?
        /// A food selection computed before (``PlanModelBuilder/selectFoods()``), to skip the scan.
        public var selection: (usable: [Int], filtered: [Int], excluded: [ExcludedFood])?
        /// With `relax`, `days: 1` and the weekly rules: the model of the average day of a plan of
        /// this many days, its weekly rules divided by them. Days are alike, so the LP of the
        /// average day times the days is the LP of the whole plan (the average of a plan's days
        /// is an average day; an average day repeated is a plan), at the cost of one day.
        /// Not with a minimum of foods per week.
        public var averageOfDays: Int?
        /// Without the weekly rules: the least amount of a weekly rule's nutrient (by key) each
        /// day of the model must hold (a greedy day's share of what the week still needs).
        public var weeklyShares: [String: Double] = [:]
        /// ... and the most (what the week's maximum still allows).
        public var weeklyCaps: [String: Double] = [:]
        /// When set, a share may fall short at this cost per unit of its nutrient (a column
        /// `<key>_short[d1]`): the day holds as much of each share as it can, rather than no day.
        public var weeklySharePenalty: [String: Double] = [:]
        /// When set, the model has columns for these foods only (a restricted model).
        public var onlyFoods: Set<Int>?
        public init() {}
    }

    public let table: FoodTable
    public let request: PlanRequest

    /// The request is taken as it applies to the table (``PlanRequest/adapted(to:)``).
    public init(table: FoodTable, request: PlanRequest) {
        self.table = table
        self.request = request.adapted(to: table).request
    }

    /// The nutrient columns the request's rules and objective need.
    func neededNutrients() throws(PlanBuildError) -> [Nutrient] {
        var needed: [Nutrient] = []
        for rule in request.resolvedNutrientRules {
            guard let nutrient = table.nutrients.first(where: { $0.key == rule.nutrient }) else {
                throw .unknownNutrient(rule.nutrient)
            }
            if !needed.contains(nutrient) { needed.append(nutrient) }
        }
        if request.meals.contains(where: { $0.minShare != nil || $0.maxShare != nil }) || objectiveUses(.energy) {
            guard table.hasColumn(.energy) else { throw .unknownNutrient(Nutrient.energy.key) }
            if !needed.contains(.energy) { needed.append(.energy) }
        }
        for (kind, nutrient) in [(PlanObjective.Kind.sugar, Nutrient.sugars), (.sodium, .sodium), (.potassium, .potassium)]
        where objectiveUses(kind) {
            guard table.hasColumn(nutrient) else { throw .unknownNutrient(nutrient.key) }
            if !needed.contains(nutrient) { needed.append(nutrient) }
        }
        return needed
    }

    func objectiveUses(_ kind: PlanObjective.Kind) -> Bool {
        request.objective.terms.contains { $0.kind == kind && $0.weight != 0 }
    }

    /// Splits the table into usable foods, foods kept out by missing data, and foods kept out
    /// by the diet and exclusions.
    public func selectFoods() throws(PlanBuildError) -> (usable: [Int], filtered: [Int], excluded: [ExcludedFood]) {
        if let conflict = request.conflict(with: table) { throw .conflict(conflict) }
        let needed = try neededNutrients()
        let neededColumns = needed.map { table.nutrientIndex($0)! }
        let slots = Set(request.meals.map(\.slot))
        let excludedIDs = Set(request.excludeFoods)
        let excludedGroups = Set(request.excludeGroups)
        let needsPrice = objectiveUses(.cost) || request.budget != nil
        let needsGrams = request.maxDailyGrams != nil
        var usable: [Int] = [], filtered: [Int] = [], excluded: [ExcludedFood] = []
        for food in 0 ..< table.count {
            if !table.meals[food].slots.contains(where: slots.contains) {
                excluded.append(ExcludedFood(food: food, reason: "suits none of the planned meals"))
                continue
            }
            if let column = neededColumns.first(where: { table.nutrientValues[$0][food].isNaN }) {
                excluded.append(ExcludedFood(food: food, reason: "no \(table.nutrients[column].displayName) value"))
                continue
            }
            if needsPrice && table.prices[food].isNaN {
                excluded.append(ExcludedFood(food: food, reason: "no price"))
                continue
            }
            if needsGrams && table.servingGrams[food].isNaN {
                excluded.append(ExcludedFood(food: food, reason: "no serving weight"))
                continue
            }
            var filterReason: String?
            if let diet = request.diets.first(where: { !table.diets[food].contains($0) }) {
                filterReason = "not \(diet.rawValue)"
            } else if let allergen = request.excludeAllergens.first(where: { table.allergens[food].contains($0) }) {
                filterReason = "contains \(allergen.rawValue)"
            } else if excludedIDs.contains(table.ids[food]) {
                filterReason = "excluded by request"
            } else if excludedGroups.contains(table.groups[food]) {
                filterReason = "group \(table.groups[food]) excluded"
            }
            if let filterReason {
                filtered.append(food)
                excluded.append(ExcludedFood(food: food, reason: filterReason))
            } else {
                usable.append(food)
            }
        }
        // An included food or favourite the diet or an exclusion leaves out is a conflict of
        // the request (``PlanRequest/conflict(with:)``); one without the data a rule needs is left out.
        for (id, favourite) in request.includeFoods.map({ ($0, false) }) + request.favoriteDays.keys.sorted().map({ ($0, true) }) {
            let index = table.index(ofID: id)!
            if let reason = excluded.first(where: { $0.food == index })?.reason {
                throw .wantedFoodLeftOut(id: id, favourite: favourite, reason: reason)
            }
        }
        if usable.isEmpty {
            throw table.isEmpty ? .emptyTable : .allFoodsLeftOut(count: table.count, summary: leftOutSummary(excluded))
        }
        return (usable, filtered, excluded)
    }

    /// `300 have no potassium_mg value, 77 are not vegan`: why foods were left out, the most
    /// frequent reasons first, naming the column a missing value is missing from.
    func leftOutSummary(_ excluded: [ExcludedFood]) -> String {
        var counts: [String: Int] = [:]
        var order: [String] = []
        let displayKeys = Dictionary(table.nutrients.map { ("no \($0.displayName) value", $0.key) }, uniquingKeysWith: { first, _ in first })
        for food in excluded {
            let reason: String
            switch food.reason {
            case "no price": reason = "have no price_usd value"
            case "no serving weight": reason = "have no serving_g value"
            case "suits none of the planned meals": reason = "suit none of the planned meals"
            case "excluded by request": reason = "are excluded by id"
            case let text where displayKeys[text] != nil: reason = "have no \(displayKeys[text]!) value"
            case let text where text.hasPrefix("not "): reason = "are \(text)"
            case let text where text.hasPrefix("contains "): reason = "contain " + text.dropFirst("contains ".count)
            case let text where text.hasPrefix("group "): reason = "are in an excluded group"
            default: reason = food.reason
            }
            if counts[reason] == nil { order.append(reason) }
            counts[reason, default: 0] += 1
        }
        return order.sorted { (counts[$1]!, $0) < (counts[$0]!, $1) }.map { "\(counts[$0]!) \($0)" }.joined(separator: ", ")
    }

    /// The largest number of portion steps of a food at one meal.
    func maxSteps(food: Int) -> Double {
        var servings = request.maxServingsPerMeal ?? 1e6
        if let tableMax = table.maxServings(food: food) { servings = min(servings, tableMax) }
        if let perDay = request.maxServingsPerDay { servings = min(servings, perDay) }
        if let perWeek = request.maxServingsPerWeek { servings = min(servings, perWeek) }
        return (servings / request.portionStep + 1e-9).rounded(.down)
    }

    /// The objective coefficient of one portion step of a food (without dual adjustments).
    public func objectivePerStep(food: Int) -> Double {
        var total = 0.0
        for term in request.objective.terms where term.weight != 0 {
            let perServing: Double
            switch term.kind {
            case .cost: perServing = table.prices[food]
            case .sugar: perServing = table.nutrientValues[table.nutrientIndex(.sugars)!][food]
            case .sodium: perServing = table.nutrientValues[table.nutrientIndex(.sodium)!][food]
            case .potassium: perServing = -table.nutrientValues[table.nutrientIndex(.potassium)!][food]
            case .energy: continue
            }
            total += term.weight * perServing * request.portionStep
        }
        return total
    }

    /// The model of the request: columns first, then each rule family's rows, in a fixed order
    /// (the order of an exported model's rows).
    public func build(_ options: Options = Options()) throws(PlanBuildError) -> PlanModel {
        let selection: (usable: [Int], filtered: [Int], excluded: [ExcludedFood])
        if let given = options.selection { selection = given } else { selection = try selectFoods() }
        var foods = selection.usable
        if options.keepFilteredFoods { foods = (foods + selection.filtered).sorted() }
        if let only = options.onlyFoods { foods = foods.filter(only.contains) }
        let filtered: Set<Int> = options.keepFilteredFoods ? Set(selection.filtered) : []

        var context = ModelContext(builder: self, options: options, foods: foods, filtered: filtered)
        var model = Model(sense: .minimize)
        model.objectiveName = "objective"
        let plan = PlanModel(
            model: model, request: request, dayCount: context.days, slots: context.slots, step: context.step,
            foods: foods, excluded: selection.excluded)
        var rows = ModelRows(plan: plan, options: options)
        context.addColumns(to: &rows)

        for addRows in Self.dailyRuleFamilies { addRows(context, &rows) }
        if context.weekly {
            for addRows in Self.weeklyRuleFamilies { addRows(context, &rows) }
        }
        return rows.plan
    }

    typealias RuleFamilyRows = (ModelContext, inout ModelRows) -> Void

    /// The rule families of every model, in the order of their rows.
    static var dailyRuleFamilies: [RuleFamilyRows] {
        [NutrientRules.add, MealEnergyRules.add, EnergyDeviationRows.add, FoodMassRule.add, MealCompositionRules.add,
         FoodsPerMealRules.add, MealStructureRules.add, BudgetRule.add, PortionCapRules.addPerDay, VarietyRules.addDayLinks]
    }

    /// The rule families that span the days of a weekly model, after the daily ones.
    static var weeklyRuleFamilies: [RuleFamilyRows] {
        [PortionCapRules.addPerWeek, VarietyRules.addDaysPerFood, IncludedFoodRules.add, VarietyRules.addFoodsPerWeek,
         VarietyRules.addFavorites, VarietyRules.addPotassiumFoods, VarietyRules.addDistinctDays]
    }
}

extension Double {
    /// `2,600`, `0.5`, `1,234.5`: for prose about rules.
    public var grouped: String {
        // Beyond Int64 (or not a number) there are no digits to group.
        guard isFinite, abs(self) < 9e15 else { return "\(self)" }
        return NumberFormat.trimmed(self, decimals: 2, grouping: true)
    }
}

