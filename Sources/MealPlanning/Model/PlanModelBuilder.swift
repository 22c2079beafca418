import Foundation
import LinearProgramming

/// A named group of constraints that together state one rule of the request, e.g.
/// "potassium >= 2,600 mg per day" (one row per day). Diagnosis relaxes or drops whole families.
public struct RuleFamily: Hashable, Sendable {
    public enum Kind: Hashable, Sendable {
        case nutrient(key: String, scope: NutrientRule.Scope)
        case mealEnergy(MealSlot)
        case foodsPerMeal
        case servingsPerDay
        case servingsPerWeek
        case daysPerFood
        case mealGroup(String)
        case dailyMass
        case includeFood(String)
        case foodsPerDay
        case foodsPerWeek
        /// Links between portions and "food used" indicators; never relaxed.
        case structure
        /// The diet, allergen, group and food exclusions (bounds, not rows).
        case foodFilter
    }

    public var kind: Kind
    /// Says the rule in nutrition terms.
    public var text: String
    /// The unit of a relaxation amount (`mg`, `g`, `kcal`, `servings`, `foods`, `days`), empty when the rule is not numeric.
    public var unit: String
    public var lower: Double?
    public var upper: Double?
    /// What the bound is of, and per what: ("potassium", "per day"), for suggested changes.
    public var subject: String = ""
    public var per: String = ""
    public var isRelaxable: Bool { kind != .structure && kind != .foodFilter }
}

/// One portion variable: half servings (or the request's step) of a food at a meal.
public struct PortionVariable: Hashable, Sendable {
    public var food: Int
    public var day: Int
    public var slot: MealSlot
    public var variable: VariableID
}

/// How a row's coefficient on a portion step of food `f` is formed.
public enum RowSource: Hashable, Sendable {
    /// `factor x nutrientValues[column][f]`
    case nutrient(column: Int, factor: Double)
    /// `factor x servingGrams[f]`
    case grams(factor: Double)
    /// `factor` when the food's group is one of these.
    case groups(Set<String>, factor: Double)
    /// `factor` for every food.
    case portions(factor: Double)
    /// A row of particular foods (caps, included foods): zero for a food not in the model.
    case foodSpecific
    /// Links with indicator variables: a model with these cannot be priced food by food.
    case structure
}

public struct ExcludedFood: Hashable, Sendable {
    public var food: Int
    public var reason: String

    public init(food: Int, reason: String) {
        self.food = food
        self.reason = reason
    }
}

/// A plan request turned into an optimization model, with the maps that decode its solution
/// and name its rows. Portion variables count portion steps (half servings by default).
public struct PlanModel: Sendable {
    public var model: Model
    public let request: PlanRequest
    public let dayCount: Int
    public let slots: [MealSlot]
    public let step: Double
    /// Table indices of the foods the model may use, in table order.
    public let foods: [Int]
    /// Foods left out, with why (missing values, diet, exclusions).
    public let excluded: [ExcludedFood]
    public var portions: [PortionVariable] = []
    /// `dayUse[f][d]`: the "food used on day d" indicator of `foods[f]`, when the rules need one.
    public var dayUse: [[VariableID]] = []
    public var families: [RuleFamily] = []
    /// The family of each constraint row.
    public var rowFamily: [Int] = []
    /// Day (0-based) of each row, or -1 for weekly rows.
    public var rowDay: [Int] = []
    /// Meal of each row that belongs to one meal.
    public var rowSlot: [MealSlot?] = []
    /// What each row's coefficient of a portion variable is made of, so that a food outside a
    /// restricted model can be priced against the rows' duals (column generation).
    public var rowSource: [RowSource] = []
    /// Elastic variables per family (lower side, upper side) when built for diagnosis.
    public var elastic: [Int: (lower: VariableID?, upper: VariableID?)] = [:]
    /// Portion variables of foods that only the food filter keeps out (diagnosis builds).
    public var filteredPortions: [VariableID] = []
}

public enum PlanBuildError: Error, Equatable, Sendable, CustomStringConvertible {
    case noFoods(String)
    case unknownFood(String, role: String)
    case unknownNutrient(String)

    public var description: String {
        switch self {
        case .noFoods(let reason): return "no food is left to plan with: \(reason)"
        case .unknownFood(let id, let role): return "\(role) food '\(id)' is not in the food table"
        case .unknownNutrient(let key): return "the food table has no column for nutrient '\(key)'"
        }
    }
}

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
        /// When set, the model has columns for these foods only (a restricted model).
        public var onlyFoods: Set<Int>?
        public init() {}
    }

    public let table: FoodTable
    public let request: PlanRequest

    public init(table: FoodTable, request: PlanRequest) {
        self.table = table
        self.request = request
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
        for id in request.includeFoods where table.index(ofID: id) == nil { throw .unknownFood(id, role: "included") }
        for id in request.excludeFoods where table.index(ofID: id) == nil { throw .unknownFood(id, role: "excluded") }
        for id in request.favoriteFoods where table.index(ofID: id) == nil { throw .unknownFood(id, role: "favourite") }
        let needed = try neededNutrients()
        let neededColumns = needed.map { table.nutrientIndex($0)! }
        let slots = Set(request.meals.map(\.slot))
        let excludedIDs = Set(request.excludeFoods)
        let excludedGroups = Set(request.excludeGroups)
        let needsPrice = objectiveUses(.cost)
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
                if request.includeFoods.contains(table.ids[food]) {
                    throw .noFoods("included food '\(table.ids[food])' is \(filterReason)")
                }
                filtered.append(food)
                excluded.append(ExcludedFood(food: food, reason: filterReason))
            } else {
                usable.append(food)
            }
        }
        for id in request.includeFoods {
            let index = table.index(ofID: id)!
            if let reason = excluded.first(where: { $0.food == index })?.reason {
                throw .noFoods("included food '\(id)' cannot be used: \(reason)")
            }
        }
        if usable.isEmpty {
            throw .noFoods(table.isEmpty ? "the food table is empty" : "all \(table.count) foods were left out (diet, exclusions or missing values)")
        }
        return (usable, filtered, excluded)
    }

    /// The largest number of portion steps of a food at one meal.
    func maxSteps(food: Int) -> Double {
        var servings = request.maxServingsPerMeal ?? 1e6
        if let tableMax = table.maxServings(food: food) { servings = min(servings, tableMax) }
        if let perDay = request.maxServingsPerDay { servings = min(servings, perDay) }
        if let perWeek = request.maxServingsPerWeek { servings = min(servings, perWeek) }
        return (servings / request.portionStep + 1e-9).rounded(.down)
    }

    var favoriteFoods: Set<Int> { Set(request.favoriteFoods.compactMap { table.index(ofID: $0) }) }

    /// The objective coefficient of one portion step of a food (without dual adjustments).
    /// Favourites count half as much against a cost-like objective.
    public func objectivePerStep(food: Int, favorites: Set<Int>) -> Double {
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
        if total > 0 && favorites.contains(food) { total *= 0.5 }
        return total
    }

    public func build(_ options: Options = Options()) throws(PlanBuildError) -> PlanModel {
        let selection: (usable: [Int], filtered: [Int], excluded: [ExcludedFood])
        if let given = options.selection { selection = given } else { selection = try selectFoods() }
        var foods = selection.usable
        if options.keepFilteredFoods { foods = (foods + selection.filtered).sorted() }
        if let only = options.onlyFoods { foods = foods.filter(only.contains) }
        let filteredSet = options.keepFilteredFoods ? Set(selection.filtered) : []
        let days = options.days ?? request.days
        let slots = request.meals.map(\.slot)
        let step = request.portionStep
        let relax = options.relax || request.relaxPortions
        let integerKind: VariableKind = relax ? .continuous : .integer
        let binaryKind: VariableKind = relax ? .continuous : .binary
        let weekly = options.weeklyRules

        var plan = PlanModel(
            model: Model(sense: .minimize), request: request, dayCount: days, slots: slots, step: step,
            foods: foods, excluded: selection.excluded)
        var model = Model(sense: .minimize)
        model.objectiveName = "objective"

        let ids = table.ids
        let needsUse = request.maxFoodsPerMeal != nil || (request.minFoodsPerMeal ?? 0) > 1
            || (request.minServingsPerUse ?? 0) > step + 1e-9
        let needsDayUse = (weekly && (request.maxDaysPerFood != nil || request.minFoodsPerWeek != nil))
            || request.minFoodsPerDay != nil || options.dayUseCostAdjustment != nil
        // Objective coefficient of one portion step of each food.
        let favorites = favoriteFoods
        var stepCost = foods.map { objectivePerStep(food: $0, favorites: favorites) }
        if let adjustment = options.portionCostAdjustment {
            for (position, food) in foods.enumerated() { stepCost[position] += adjustment[food] }
        }

        // Portion variables, day by day and meal by meal, foods in table order.
        var portionIndex: [[Int]] = Array(repeating: [], count: foods.count) // positions into plan.portions per food
        var maxStepsOfFood = [Double](repeating: 0, count: foods.count)
        for position in foods.indices {
            maxStepsOfFood[position] = maxSteps(food: foods[position])
            if let cap = options.dailyStepCap?[foods[position]] { maxStepsOfFood[position] = min(maxStepsOfFood[position], cap) }
        }
        for day in 0 ..< days {
            for slot in slots {
                for (position, food) in foods.enumerated() where table.meals[food].contains(slot) {
                    let forbidden = filteredSet.contains(food) || options.forbiddenFoods.contains(food)
                    let upper = forbidden ? 0 : maxStepsOfFood[position]
                    let variable = model.addVariable(
                        lower: 0, upper: upper, kind: integerKind, objective: stepCost[position],
                        name: "x[\(ids[food]),d\(day + 1),\(slot.rawValue)]")
                    if filteredSet.contains(food) { plan.filteredPortions.append(variable) }
                    portionIndex[position].append(plan.portions.count)
                    plan.portions.append(PortionVariable(food: food, day: day, slot: slot, variable: variable))
                }
            }
        }
        // Indicators: food used at a meal (u) and on a day (w).
        var useVariable: [VariableID?] = Array(repeating: nil, count: plan.portions.count)
        if needsUse {
            for (index, portion) in plan.portions.enumerated() {
                useVariable[index] = model.addVariable(
                    lower: 0, upper: 1, kind: binaryKind,
                    name: "used[\(ids[portion.food]),d\(portion.day + 1),\(portion.slot.rawValue)]")
            }
        }
        if needsDayUse {
            plan.dayUse = foods.map { food in
                (0 ..< days).map { day in
                    model.addVariable(
                        lower: 0, upper: 1, kind: binaryKind,
                        objective: options.dayUseCostAdjustment?[food] ?? 0,
                        name: "day[\(ids[food]),d\(day + 1)]")
                }
            }
        }
        var deviation: [VariableID] = []
        let energyWeight = request.objective.terms.filter { $0.kind == .energy }.reduce(0) { $0 + $1.weight }
        if energyWeight != 0, let target = request.resolvedEnergyTarget {
            _ = target
            deviation = (0 ..< days).map { day in
                model.addVariable(lower: 0, objective: energyWeight, name: "energy_deviation[d\(day + 1)]")
            }
        }

        // Rows. `addRow` records the family and adds elastic terms when asked.
        var familyIndex: [RuleFamily.Kind: Int] = [:]
        func family(_ kind: RuleFamily.Kind, _ text: String, unit: String, lower: Double?, upper: Double?,
                    subject: String = "", per: String = "") -> Int {
            if let index = familyIndex[kind] { return index }
            let index = plan.families.count
            plan.families.append(RuleFamily(kind: kind, text: text, unit: unit, lower: lower, upper: upper, subject: subject, per: per))
            familyIndex[kind] = index
            if options.elastic && kind != .structure {
                var pair: (lower: VariableID?, upper: VariableID?) = (nil, nil)
                let scale = max(1, abs(lower ?? upper ?? 1))
                let penalty = options.elasticPenalty.map { $0 / scale } ?? 0
                let upperBound = options.elasticPenalty == nil ? 0.0 : .infinity
                if lower != nil { pair.lower = model.addVariable(lower: 0, upper: upperBound, objective: penalty, name: "relax_lo[\(index)]") }
                if upper != nil { pair.upper = model.addVariable(lower: 0, upper: upperBound, objective: penalty, name: "relax_hi[\(index)]") }
                plan.elastic[index] = pair
            }
            return index
        }
        func addRow(_ familyID: Int, day: Int, slot: MealSlot? = nil, source: RowSource = .foodSpecific, _ bounds: ConstraintBounds, name: String,
                    _ body: (inout Model.RowWriter) -> Void) {
            let elastic = plan.elastic[familyID]
            model.addConstraint(bounds, name: name) { row in
                body(&row)
                if let lower = elastic?.lower { row.add(1, lower) }
                if let upper = elastic?.upper { row.add(-1, upper) }
            }
            plan.rowFamily.append(familyID)
            plan.rowDay.append(day)
            plan.rowSlot.append(slot)
            // Indicator links are structure; the energy deviation rows (also structure for
            // diagnosis) say what they are made of.
            plan.rowSource.append(plan.families[familyID].kind == .structure && source == .foodSpecific ? .structure : source)
        }
        func bounds(_ lower: Double?, _ upper: Double?) -> ConstraintBounds {
            ConstraintBounds(lower: lower ?? -.infinity, upper: upper ?? .infinity)
        }

        // Portions of each (day, slot), to write rows fast.
        var portionsBySlot: [[Int]] = Array(repeating: [], count: days * slots.count)
        let slotIndex = Dictionary(uniqueKeysWithValues: slots.enumerated().map { ($1, $0) })
        for (index, portion) in plan.portions.enumerated() {
            portionsBySlot[portion.day * slots.count + slotIndex[portion.slot]!].append(index)
        }
        let position = Dictionary(uniqueKeysWithValues: foods.enumerated().map { ($1, $0) })

        // Nutrient rules per day and per meal.
        for rule in request.resolvedNutrientRules {
            let nutrient = table.nutrients.first { $0.key == rule.nutrient }!
            let column = table.nutrientIndex(nutrient)!
            let values = table.nutrientValues[column]
            let sides = [rule.minimum.map { "≥ \($0.grouped) \(nutrient.unit)" }, rule.maximum.map { "≤ \($0.grouped) \(nutrient.unit)" }]
                .compactMap { $0 }.joined(separator: " and ")
            let text = rule.minimum != nil && rule.maximum != nil
                ? "\(nutrient.displayName) \(rule.minimum!.grouped)-\(rule.maximum!.grouped) \(nutrient.unit) per \(rule.scope.text)"
                : "\(nutrient.displayName) \(sides) per \(rule.scope.text)"
            let id = family(.nutrient(key: rule.nutrient, scope: rule.scope), text, unit: nutrient.unit,
                            lower: rule.minimum, upper: rule.maximum, subject: nutrient.displayName, per: "per \(rule.scope.text)")
            if rule.scope == .week {
                // Over the whole plan: only in models that hold the rules spanning days.
                guard weekly else { continue }
                let (low, high) = rule.planBounds(days: days)
                addRow(id, day: -1, source: .nutrient(column: column, factor: step), bounds(low, high), name: "\(rule.nutrient)_week") { row in
                    for portion in plan.portions {
                        let value = values[portion.food] * step
                        if value != 0 { row.add(value, portion.variable) }
                    }
                }
                continue
            }
            for day in 0 ..< days {
                let slotRange: [Int]
                var rowSlot: MealSlot?
                switch rule.scope {
                case .day, .week: slotRange = Array(slots.indices)
                case .meal(let slot):
                    guard let index = slotIndex[slot] else { continue }
                    slotRange = [index]
                    rowSlot = slot
                }
                let suffix = rule.scope == .day ? "" : "_\(rule.scope.text)"
                addRow(id, day: day, slot: rowSlot, source: .nutrient(column: column, factor: step), bounds(rule.minimum, rule.maximum), name: "\(rule.nutrient)\(suffix)[d\(day + 1)]") { row in
                    for s in slotRange {
                        for index in portionsBySlot[day * slots.count + s] {
                            let portion = plan.portions[index]
                            let value = values[portion.food] * step
                            if value != 0 { row.add(value, portion.variable) }
                        }
                    }
                }
            }
        }

        // Meal energy shares.
        if let reference = request.resolvedMealShareReference, let energyColumn = table.nutrientIndex(.energy) {
            let energy = table.nutrientValues[energyColumn]
            for share in request.meals where share.minShare != nil || share.maxShare != nil {
                let lower = share.minShare.map { $0 * reference }, upper = share.maxShare.map { $0 * reference }
                let percent = [share.minShare, share.maxShare].compactMap { $0.map { ($0 * 100).grouped } }.joined(separator: "-")
                let id = family(.mealEnergy(share.slot), "\(share.slot.rawValue) energy \(percent) % of \(reference.grouped) kcal",
                                unit: "kcal", lower: lower, upper: upper, subject: "\(share.slot.rawValue) energy", per: "per day")
                let s = slotIndex[share.slot]!
                for day in 0 ..< days {
                    addRow(id, day: day, slot: share.slot, source: .nutrient(column: energyColumn, factor: step), bounds(lower, upper), name: "energy_\(share.slot.rawValue)[d\(day + 1)]") { row in
                        for index in portionsBySlot[day * slots.count + s] {
                            let portion = plan.portions[index]
                            let value = energy[portion.food] * step
                            if value != 0 { row.add(value, portion.variable) }
                        }
                    }
                }
            }
        }

        // Energy deviation for the "closest to target" objective: dev >= |kcal - target|.
        if !deviation.isEmpty, let target = request.resolvedEnergyTarget, let energyColumn = table.nutrientIndex(.energy) {
            let energy = table.nutrientValues[energyColumn]
            let id = family(.structure, "energy deviation", unit: "", lower: nil, upper: nil)
            for day in 0 ..< days {
                for sign in [1.0, -1.0] {
                    addRow(id, day: day, source: .nutrient(column: energyColumn, factor: sign * step), .atLeast(sign * target), name: "energy_dev_\(sign > 0 ? "hi" : "lo")[d\(day + 1)]") { row in
                        row.add(sign < 0 ? 1 : 1, deviation[day])
                        for s in slots.indices {
                            for index in portionsBySlot[day * slots.count + s] {
                                let portion = plan.portions[index]
                                row.add(sign * energy[portion.food] * step, portion.variable)
                            }
                        }
                    }
                }
            }
        }

        // Total food mass per day.
        if let maxGrams = request.maxDailyGrams {
            let id = family(.dailyMass, "at most \(maxGrams.grouped) g of food per day", unit: "g", lower: nil, upper: maxGrams,
                            subject: "food weight", per: "per day")
            for day in 0 ..< days {
                addRow(id, day: day, source: .grams(factor: step), .atMost(maxGrams), name: "grams[d\(day + 1)]") { row in
                    for s in slots.indices {
                        for index in portionsBySlot[day * slots.count + s] {
                            let portion = plan.portions[index]
                            row.add(table.servingGrams[portion.food] * step, portion.variable)
                        }
                    }
                }
            }
        }

        // Meal composition from food groups.
        for rule in request.mealGroupRules where rule.minServings > 0 || rule.maxServings != nil {
            let groups = Set(rule.groups)
            let meals = rule.meals.filter { slotIndex[$0] != nil }
            guard !meals.isEmpty else { continue }
            let lower = rule.minServings > 0 ? rule.minServings : nil
            let id = family(.mealGroup(rule.name), rule.text, unit: "servings", lower: lower, upper: rule.maxServings,
                            subject: "servings of \(rule.name)", per: "per meal")
            let rowBounds = bounds(lower.map { $0 / step }, rule.maxServings.map { ($0 / step + 1e-9).rounded(.down) })
            for day in 0 ..< days {
                for slot in meals {
                    addRow(id, day: day, slot: slot, source: .groups(groups, factor: 1), rowBounds, name: "group_\(rule.name.replacingSpaces)_\(slot.rawValue)[d\(day + 1)]") { row in
                        for index in portionsBySlot[day * slots.count + slotIndex[slot]!] where groups.contains(table.groups[plan.portions[index].food]) {
                            row.add(1, plan.portions[index].variable)
                        }
                    }
                }
            }
        }

        // Portion indicators and the number of foods per meal. "Used" needs a real portion only
        // when a minimum count of foods or a minimum portion above one step asks for it; a
        // single food per meal is asked of the portions directly.
        if needsUse || request.minFoodsPerMeal == 1 {
            let structure = family(.structure, "portion links", unit: "", lower: nil, upper: nil)
            let minimumSteps = max(1, ((request.minServingsPerUse ?? 0) / step - 1e-9).rounded(.up))
            let useMustBeReal = (request.minFoodsPerMeal ?? 0) > 1 || minimumSteps > 1
            if needsUse {
                for (index, portion) in plan.portions.enumerated() {
                    let use = useVariable[index]!
                    let maxSteps = maxStepsOfFood[position[portion.food]!]
                    let tag = "\(ids[portion.food]),d\(portion.day + 1),\(portion.slot.rawValue)"
                    addRow(structure, day: portion.day, .atMost(0), name: "use_hi[\(tag)]") { row in
                        row.add(1, portion.variable)
                        row.add(-maxSteps, use)
                    }
                    if useMustBeReal {
                        addRow(structure, day: portion.day, .atLeast(0), name: "use_lo[\(tag)]") { row in
                            row.add(1, portion.variable)
                            row.add(-min(minimumSteps, max(maxSteps, 1)), use)
                        }
                    }
                }
            }
            let lower = request.minFoodsPerMeal.flatMap { $0 > 0 ? Double($0) : nil }
            let upper = request.maxFoodsPerMeal.map(Double.init)
            let text = [lower.map { "at least \($0.grouped)" }, upper.map { "at most \($0.grouped)" }]
                .compactMap { $0 }.joined(separator: " and ") + " food\(lower == 1 && upper == nil ? "" : "s") per meal"
            let id = family(.foodsPerMeal, text, unit: "foods", lower: lower, upper: upper, subject: "foods", per: "per meal")
            for day in 0 ..< days {
                for (s, slot) in slots.enumerated() {
                    let indices = portionsBySlot[day * slots.count + s]
                    if needsUse && (upper != nil || useMustBeReal) {
                        addRow(id, day: day, slot: slot, bounds(useMustBeReal ? lower : nil, upper), name: "foods_\(slot.rawValue)[d\(day + 1)]") { row in
                            for index in indices { row.add(1, useVariable[index]!) }
                        }
                    }
                    if lower == 1 && !useMustBeReal {
                        addRow(id, day: day, slot: slot, source: .portions(factor: 1), .atLeast(1), name: "some_food_\(slot.rawValue)[d\(day + 1)]") { row in
                            for index in indices { row.add(1, plan.portions[index].variable) }
                        }
                    }
                }
            }
        }

        // Servings of one food per day.
        if let perDay = request.maxServingsPerDay {
            let id = family(.servingsPerDay, "at most \(perDay.grouped) servings of a food per day", unit: "servings", lower: nil, upper: perDay,
                            subject: "servings of a food", per: "per day")
            let dayCap = (perDay / step + 1e-9).rounded(.down)
            for day in 0 ..< days {
                for (f, food) in foods.enumerated() {
                    let cap = min(dayCap, options.dailyStepCap?[food] ?? dayCap)
                    let indices = portionIndex[f].filter { plan.portions[$0].day == day }
                    // A row that cannot bind is left out.
                    guard Double(indices.count) * maxStepsOfFood[f] > cap else { continue }
                    addRow(id, day: day, .atMost(cap), name: "servings[\(ids[food]),d\(day + 1)]") { row in
                        for index in indices { row.add(1, plan.portions[index].variable) }
                    }
                }
            }
        }

        // Day indicators: w >= u (or w >= x / max when there are no meal indicators).
        if needsDayUse {
            let structure = family(.structure, "portion links", unit: "", lower: nil, upper: nil)
            for (f, food) in foods.enumerated() {
                for index in portionIndex[f] {
                    let portion = plan.portions[index]
                    let dayVariable = plan.dayUse[f][portion.day]
                    addRow(structure, day: portion.day, .atMost(0), name: "day_link[\(ids[food]),d\(portion.day + 1),\(portion.slot.rawValue)]") { row in
                        if let use = useVariable[index] {
                            row.add(1, use)
                            row.add(-1, dayVariable)
                        } else {
                            row.add(1, portion.variable)
                            row.add(-maxStepsOfFood[f], dayVariable)
                        }
                    }
                }
                // A day counts as used only when the food is eaten that day.
                for day in 0 ..< days {
                    let indices = portionIndex[f].filter { plan.portions[$0].day == day }
                    addRow(structure, day: day, .atLeast(0), name: "day_real[\(ids[food]),d\(day + 1)]") { row in
                        for index in indices { row.add(1, plan.portions[index].variable) }
                        row.add(-1, plan.dayUse[f][day])
                    }
                }
            }
            if let minimum = request.minFoodsPerDay {
                let id = family(.foodsPerDay, "at least \(minimum) different foods per day", unit: "foods", lower: Double(minimum), upper: nil,
                                subject: "different foods", per: "per day")
                for day in 0 ..< days {
                    addRow(id, day: day, .atLeast(Double(minimum)), name: "foods_per_day[d\(day + 1)]") { row in
                        for f in foods.indices { row.add(1, plan.dayUse[f][day]) }
                    }
                }
            }
        }

        if weekly {
            if let perWeek = request.maxServingsPerWeek {
                let cap = (perWeek / step + 1e-9).rounded(.down)
                let id = family(.servingsPerWeek, "at most \(perWeek.grouped) servings of a food per week", unit: "servings", lower: nil, upper: perWeek,
                                subject: "servings of a food", per: "per week")
                for (f, food) in foods.enumerated() {
                    guard Double(portionIndex[f].count) * maxStepsOfFood[f] > cap else { continue }
                    addRow(id, day: -1, .atMost(cap), name: "week_servings[\(ids[food])]") { row in
                        for index in portionIndex[f] { row.add(1, plan.portions[index].variable) }
                    }
                }
            }
            if let maxDays = request.maxDaysPerFood, days > maxDays {
                let id = family(.daysPerFood, "each food on at most \(maxDays) days of the week", unit: "days", lower: nil, upper: Double(maxDays),
                                subject: "days per food", per: "per week")
                for (f, food) in foods.enumerated() {
                    addRow(id, day: -1, .atMost(Double(maxDays)), name: "days[\(ids[food])]") { row in
                        for day in 0 ..< days { row.add(1, plan.dayUse[f][day]) }
                    }
                }
            }
            for foodID in request.includeFoods {
                let food = table.index(ofID: foodID)!
                guard let f = position[food] else { continue }
                let id = family(.includeFood(foodID), "include \(table.names[food])", unit: "", lower: step, upper: nil)
                addRow(id, day: -1, .atLeast(1), name: "include[\(foodID)]") { row in
                    for index in portionIndex[f] { row.add(1, plan.portions[index].variable) }
                }
            }
            if let minimum = request.minFoodsPerWeek, needsDayUse {
                let id = family(.foodsPerWeek, "at least \(minimum) different foods per week", unit: "foods", lower: Double(minimum), upper: nil,
                                subject: "different foods", per: "per week")
                var weekUse: [VariableID] = []
                let structure = family(.structure, "portion links", unit: "", lower: nil, upper: nil)
                for (f, food) in foods.enumerated() {
                    let used = model.addVariable(lower: 0, upper: 1, kind: binaryKind, name: "week[\(ids[food])]")
                    weekUse.append(used)
                    addRow(structure, day: -1, .atLeast(0), name: "week_real[\(ids[food])]") { row in
                        for day in 0 ..< days { row.add(1, plan.dayUse[f][day]) }
                        row.add(-1, used)
                    }
                }
                addRow(id, day: -1, .atLeast(Double(minimum)), name: "foods_per_week") { row in
                    for used in weekUse { row.add(1, used) }
                }
            }
        }
        plan.model = model
        return plan
    }
}

extension Double {
    /// `2,600`, `0.5`, `1,234.5`: for prose about rules.
    public var grouped: String {
        let rounded = (self * 100).rounded() / 100
        let whole = rounded.rounded(.towardZero)
        var digits = String(Int64(abs(whole)))
        var index = digits.count - 3
        while index > 0 {
            digits.insert(",", at: digits.index(digits.startIndex, offsetBy: index))
            index -= 3
        }
        var text = (rounded < 0 ? "-" : "") + digits
        let fraction = abs(rounded - whole)
        if fraction > 1e-9 {
            let decimals = String(format: "%.2f", fraction).dropFirst(1)
            text += decimals.hasSuffix("0") ? String(decimals.dropLast()) : String(decimals)
        }
        return text
    }
}

extension String {
    var replacingSpaces: String { replacingOccurrences(of: " ", with: "_") }
}
