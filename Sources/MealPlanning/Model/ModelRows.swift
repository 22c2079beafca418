import LinearProgramming

/// The model as it is written: every row goes in with its rule family, day, meal and what its
/// coefficients are made of, and, for diagnosis, the family's elastic variables.
struct ModelRows {
    var plan: PlanModel
    let elastic: Bool
    let elasticPenalty: Double?
    private var familyIndex: [RuleFamily.Kind: Int] = [:]

    init(plan: PlanModel, options: PlanModelBuilder.Options) {
        self.plan = plan
        elastic = options.elastic
        elasticPenalty = options.elasticPenalty
    }

    /// The index of a rule family, registered (with its elastic variables) on first use.
    mutating func family(_ kind: RuleFamily.Kind, _ text: String, unit: String, lower: Double?, upper: Double?,
                         subject: String = "", per: String = "") -> Int {
        if let index = familyIndex[kind] { return index }
        let index = plan.families.count
        plan.families.append(RuleFamily(kind: kind, text: text, unit: unit, lower: lower, upper: upper, subject: subject, per: per))
        familyIndex[kind] = index
        if elastic && kind != .structure {
            var pair: (lower: VariableID?, upper: VariableID?) = (nil, nil)
            let scale = max(1, abs(lower ?? upper ?? 1))
            let penalty = elasticPenalty.map { $0 / scale } ?? 0
            let upperBound = elasticPenalty == nil ? 0.0 : .infinity
            if lower != nil { pair.lower = plan.model.addVariable(lower: 0, upper: upperBound, objective: penalty, name: "relax_lo[\(index)]") }
            if upper != nil { pair.upper = plan.model.addVariable(lower: 0, upper: upperBound, objective: penalty, name: "relax_hi[\(index)]") }
            plan.elastic[index] = pair
        }
        return index
    }

    /// The family of the links between portions and "food used" indicators (never relaxed).
    mutating func structure() -> Int {
        family(.structure, "portion links", unit: "", lower: nil, upper: nil)
    }

    mutating func addRow(_ familyID: Int, day: Int, slot: MealSlot? = nil, source: RowSource = .foodSpecific, _ bounds: ConstraintBounds,
                         name: String, _ body: (inout Model.RowWriter) -> Void) {
        let elastic = plan.elastic[familyID]
        plan.model.addConstraint(bounds, name: name) { row in
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
}

/// Row bounds from optional sides.
func bounds(_ lower: Double?, _ upper: Double?) -> ConstraintBounds {
    ConstraintBounds(lower: lower ?? -.infinity, upper: upper ?? .infinity)
}
