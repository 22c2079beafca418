import LinearProgramming

/// What a meal is made of, when the request has meal patterns and the table has roles:
/// items per part of each meal's pattern (`part_dinner_2[d3]`), accompaniments per meal,
/// pairing (`pair[olive-oil,d3,dinner]`: a fat only with what it goes with, in at most its
/// amount per serving of it), a food family once a day (`family[rice,d3]`) and lunch and
/// dinner apart (`shared_lunch_dinner[d3]`). Every row counts the "used" indicators, which
/// are real portions in a structured model (see ``FoodsPerMealRules``).
enum MealStructureRules {
    static func add(_ c: ModelContext, to rows: inout ModelRows) {
        guard c.structured else { return }
        addPatterns(c, to: &rows)
        if c.request.pairing { addPairing(c, to: &rows) }
        if c.request.familyOncePerDay { addFamilies(c, to: &rows) }
        if c.request.maxSharedLunchDinner != nil { addLunchDinner(c, to: &rows) }
    }

    static func addPatterns(_ c: ModelContext, to rows: inout ModelRows) {
        for (s, slot) in c.slots.enumerated() {
            guard let pattern = c.request.pattern(for: slot) else { continue }
            let id = rows.family(.mealPattern(slot), pattern.text, unit: "items", lower: nil, upper: nil,
                                 subject: "items", per: "at \(slot.rawValue)")
            for day in 0 ..< c.days {
                let meal = c.portions(day: day, slot: s)
                for (p, part) in pattern.parts.enumerated() {
                    let members = meal.filter { index in c.roles[index].map { part.roles.contains($0) } ?? false }
                    rows.addRow(id, day: day, slot: slot, bounds(part.min > 0 ? Double(part.min) : nil, Double(part.max)),
                                name: "part_\(slot.rawValue)_\(p + 1)[d\(day + 1)]") { row in
                        for index in members { row.add(1, c.useVariable[index]!) }
                    }
                }
                let accompaniments = meal.filter(c.isAccompaniment)
                if accompaniments.count > pattern.maxAccompaniments {
                    rows.addRow(id, day: day, slot: slot, .atMost(Double(pattern.maxAccompaniments)),
                                name: "accompaniments_\(slot.rawValue)[d\(day + 1)]") { row in
                        for index in accompaniments { row.add(1, c.useVariable[index]!) }
                    }
                }
                // One fat, one spread, one sweetener ... per meal, and one food of a family.
                var sameRole: [FoodRole: [Int]] = [:], sameFamily: [String: [Int]] = [:]
                for index in meal {
                    if let role = c.roles[index], c.isAccompaniment(index) { sameRole[role, default: []].append(index) }
                    sameFamily[c.table.family(food: c.portions[index].food), default: []].append(index)
                }
                for (role, members) in sameRole.sorted(by: { $0.key < $1.key }) where members.count > 1 {
                    rows.addRow(id, day: day, slot: slot, .atMost(1), name: "one_\(role.rawValue)_\(slot.rawValue)[d\(day + 1)]") { row in
                        for index in members { row.add(1, c.useVariable[index]!) }
                    }
                }
                for (family, members) in sameFamily.sorted(by: { $0.key < $1.key }) where members.count > 1 {
                    rows.addRow(id, day: day, slot: slot, .atMost(1), name: "one_of_\(family)_\(slot.rawValue)[d\(day + 1)]") { row in
                        for index in members { row.add(1, c.useVariable[index]!) }
                    }
                }
                if c.request.starchNeedsNonGrainMain(at: slot) {
                    addStarchWithMain(c, meal: meal, family: id, day: day, slot: slot, to: &rows)
                }
            }
        }
    }

    /// A starch side at breakfast goes with a breakfast main that is not a grain dish (toast
    /// with eggs, not tortillas with grits): `starch_with_main[d3]`.
    static func addStarchWithMain(_ c: ModelContext, meal: [Int], family id: Int, day: Int, slot: MealSlot, to rows: inout ModelRows) {
        let starches = meal.filter { c.roles[$0] == .starchSide }
        guard !starches.isEmpty else { return }
        let mains = meal.filter { c.roles[$0] == .breakfastMain && !c.request.isGrainDish(c.table, food: c.portions[$0].food) }
        rows.addRow(id, day: day, slot: slot, .atMost(0), name: "starch_with_main_\(slot.rawValue)[d\(day + 1)]") { row in
            for index in starches { row.add(1, c.useVariable[index]!) }
            for index in mains { row.add(-1, c.useVariable[index]!) }
        }
    }

    /// An accompaniment's indicator needs a carrier's; with a stated amount per serving of its
    /// carriers, its portion is at most that amount times their portions (both in steps).
    static func addPairing(_ c: ModelContext, to rows: inout ModelRows) {
        let id = rows.family(.pairing, "spreads, toppings, fats, sweeteners and condiments only with a food they go with",
                             unit: "servings", lower: nil, upper: nil, subject: "accompaniments", per: "per meal")
        for day in 0 ..< c.days {
            for s in c.slots.indices {
                let meal = c.portions(day: day, slot: s)
                for index in meal where c.isAccompaniment(index) {
                    let portion = c.portions[index]
                    let carriers = meal.filter { c.request.carries(c.table, carrier: c.portions[$0].food, accompaniment: portion.food, at: portion.slot) }
                    let perCarrier = c.table.usages[portion.food].maxPerCarrier
                    rows.addRow(id, day: day, slot: portion.slot, .atMost(0), name: "pair_with[\(c.tag(portion))]") { row in
                        row.add(1, c.useVariable[index]!)
                        for carrier in carriers { row.add(-1, c.useVariable[carrier]!) }
                    }
                    guard !perCarrier.isNaN else { continue }
                    rows.addRow(id, day: day, slot: portion.slot, .atMost(0), name: "pair_amount[\(c.tag(portion))]") { row in
                        row.add(1, portion.variable)
                        for carrier in carriers { row.add(-perCarrier, c.portions[carrier].variable) }
                    }
                }
            }
        }
    }

    /// Whether a portion counts against its family's allowance (drinks, dairy foods and
    /// accompaniments) rather than the once-a-day rule.
    static func hasAllowance(_ c: ModelContext, _ index: Int) -> Bool {
        guard let role = c.roles[index] else { return false }
        return role == .drink || role == .dairy || role.isAccompaniment
    }

    /// A family's other foods at most once a day; with an allowance at most `familyAllowance`
    /// meals (both counted as items, which is what the validator's meals count at most).
    static func addFamilies(_ c: ModelContext, to rows: inout ModelRows) {
        let allowance = c.request.familyAllowance
        let id = rows.family(.familyPerDay, "a food family at most once a day (drinks, dairy and accompaniments at most \(allowance) times)",
                             unit: "meals", lower: nil, upper: 1, subject: "meals per food family", per: "per day")
        var byFamily: [String: [Int]] = [:]
        for f in c.foods.indices { byFamily[c.table.family(food: c.foods[f]), default: []].append(f) }
        for (family, members) in byFamily.sorted(by: { $0.key < $1.key }) {
            for day in 0 ..< c.days {
                let indices = members.flatMap { c.portions(food: $0, day: day) }
                let strict = indices.filter { !hasAllowance(c, $0) }
                if strict.count > 1 {
                    rows.addRow(id, day: day, .atMost(1), name: "family[\(family),d\(day + 1)]") { row in
                        for index in strict { row.add(1, c.useVariable[index]!) }
                    }
                }
                if indices.count > allowance, strict.count < indices.count {
                    rows.addRow(id, day: day, .atMost(Double(allowance)), name: "family_all[\(family),d\(day + 1)]") { row in
                        for index in indices { row.add(1, c.useVariable[index]!) }
                    }
                }
                if strict.count < indices.count {
                    addOneFoodOfFamily(c, members: members, day: day, family: family, id: id, to: &rows)
                }
            }
        }
    }

    /// A family with an allowance is one food a day: the same milk at three meals, not whole milk
    /// at breakfast and skim at dinner. `day_food[milk-whole,d3]` is 1 when the food is in the
    /// day; each of its portions needs it, and one of the family's is.
    static func addOneFoodOfFamily(_ c: ModelContext, members: [Int], day: Int, family: String, id: Int, to rows: inout ModelRows) {
        let served = members.filter { !c.portions(food: $0, day: day).isEmpty }
        guard served.count > 1 else { return }
        let structure = rows.structure()
        var inDay: [VariableID] = []
        for food in served {
            let name = c.table.ids[c.foods[food]]
            let variable = rows.plan.model.addVariable(lower: 0, upper: 1, kind: c.binaryKind, name: "day_food[\(name),d\(day + 1)]")
            inDay.append(variable)
            for index in c.portions(food: food, day: day) {
                rows.addRow(structure, day: day, .atMost(0), name: "day_food_link[\(name),\(c.portions[index].slot.rawValue),d\(day + 1)]") { row in
                    row.add(1, c.useVariable[index]!)
                    row.add(-1, variable)
                }
            }
        }
        rows.addRow(id, day: day, .atMost(1), name: "family_food[\(family),d\(day + 1)]") { row in
            for variable in inDay { row.add(1, variable) }
        }
    }

    /// No food is the main at both lunch and dinner; at most `maxSharedLunchDinner` foods are
    /// at both (`shared[food,d3]` is 1 when a food is at both meals).
    static func addLunchDinner(_ c: ModelContext, to rows: inout ModelRows) {
        guard let maxShared = c.request.maxSharedLunchDinner, let lunch = c.slotIndex[.lunch], let dinner = c.slotIndex[.dinner] else { return }
        let id = rows.family(.lunchDinner, "lunch and dinner share no main and at most \(maxShared) other food\(maxShared == 1 ? "" : "s")",
                             unit: "foods", lower: nil, upper: Double(maxShared), subject: "foods at lunch and dinner", per: "per day")
        let structure = rows.structure()
        for day in 0 ..< c.days {
            var lunchOf: [Int: Int] = [:]
            for index in c.portions(day: day, slot: lunch) { lunchOf[c.portions[index].food] = index }
            var shared: [VariableID] = []
            for index in c.portions(day: day, slot: dinner) {
                guard let other = lunchOf[c.portions[index].food] else { continue }
                let portion = c.portions[index]
                // The family rule already keeps a food that has no allowance to one meal.
                if c.request.familyOncePerDay && !hasAllowance(c, index) && !hasAllowance(c, other) { continue }
                if c.roles[other] == .main {
                    rows.addRow(id, day: day, .atMost(1), name: "main_once[\(c.table.ids[portion.food]),d\(day + 1)]") { row in
                        row.add(1, c.useVariable[other]!)
                        row.add(1, c.useVariable[index]!)
                    }
                    continue
                }
                let both = rows.plan.model.addVariable(lower: 0, upper: 1, kind: c.binaryKind, name: "shared[\(c.table.ids[portion.food]),d\(day + 1)]")
                shared.append(both)
                rows.addRow(structure, day: day, .atMost(1), name: "shared_link[\(c.table.ids[portion.food]),d\(day + 1)]") { row in
                    row.add(1, c.useVariable[other]!)
                    row.add(1, c.useVariable[index]!)
                    row.add(-1, both)
                }
            }
            guard !shared.isEmpty else { continue }
            rows.addRow(id, day: day, .atMost(Double(maxShared)), name: "shared_lunch_dinner[d\(day + 1)]") { row in
                for variable in shared { row.add(1, variable) }
            }
        }
    }
}
