import LinearProgramming

/// Why no plan exists, in nutrition terms.
public struct Infeasibility: Hashable, Sendable {
    /// A small set of rules that cannot hold together (dropping any one of them allows a plan
    /// of the relaxed model).
    public var conflict: [String]
    /// For each rule of the conflict that is a number: the smallest change of that rule alone
    /// that allows a plan, e.g. "raising the sodium limit to 1,350 mg per day".
    public var changes: [String]
    /// True when even the continuous relaxation has a solution: only whole portions fail.
    public var integerOnly: Bool
    /// False when the rules come from the penalties of a large table's column generation,
    /// where no minimal set or single changes were computed.
    public var isMinimal = true

    public init(conflict: [String], changes: [String], integerOnly: Bool, isMinimal: Bool = true) {
        self.conflict = conflict
        self.changes = changes
        self.integerOnly = integerOnly
        self.isMinimal = isMinimal
    }

    public var sentence: String { sentence(portionStep: "portion step") }

    /// The sentence, naming the portion step as `portionStep` (its flag on the command line).
    public func sentence(portionStep: String) -> String {
        if integerOnly {
            return "No plan in whole portions exists for these rules (the rules hold only with fractional portions); "
                + "try a finer \(portionStep), fewer variety rules or wider limits."
        }
        var text = "No plan " + Self.join(conflict.enumerated().map { $0.offset == 0 ? "reaches \($0.element)" : $0.element })
        if !isMinimal {
            text += " (rules the best relaxed plan still breaks; the conflict may involve others)."
        } else if changes.isEmpty {
            text += "; no change of one of these rules alone allows a plan."
        } else {
            text += "; " + changes.joined(separator: " or ") + " allows a plan."
        }
        return text
    }

    static func join(_ parts: [String]) -> String {
        switch parts.count {
        case 0: return ""
        case 1: return parts[0]
        default: return parts.dropLast().joined(separator: ", ") + " with " + parts.last!
        }
    }
}

/// Finds a small set of conflicting rules with an elastic model and a deletion filter: rule
/// families are dropped one at a time, keeping only those without which the model becomes
/// feasible. The result is irreducible: every rule in it is needed for the conflict.
public struct InfeasibilityDiagnosis {
    let table: FoodTable
    let request: PlanRequest
    let solver: any Solver

    public init(table: FoodTable, request: PlanRequest, solver: any Solver) {
        self.table = table
        self.request = request
        self.solver = solver
    }

    public func diagnose(weekly: Bool, integerOnly: Bool = false) throws -> Infeasibility {
        if integerOnly { return Infeasibility(conflict: [], changes: [], integerOnly: true) }
        let builder = PlanModelBuilder(table: table, request: request)
        var options = PlanModelBuilder.Options()
        options.relax = true
        options.elastic = true
        options.keepFilteredFoods = true
        options.days = weekly ? nil : 1
        options.weeklyRules = weekly
        var plan = try builder.build(options)
        // Feasibility only: no objective.
        for j in 0 ..< plan.model.variableCount { plan.model.setObjectiveCoefficient(0, for: VariableID(index: j)) }
        plan.model.objectiveConstant = 0
        let filterMaxSteps = plan.filteredPortions.map { variable -> Double in
            let food = plan.portions.first { $0.variable == variable }!.food
            return builder.maxSteps(food: food)
        }
        let hasFilter = !plan.filteredPortions.isEmpty
        // Candidate members: relaxable families that have rows, plus the food filter.
        var members = plan.families.indices.filter { plan.families[$0].isRelaxable && plan.elastic[$0] != nil }
        let filterMember = -1
        if hasFilter { members.append(filterMember) }

        func feasible(hard: Set<Int>, elasticObjective family: Int? = nil) throws -> Solution {
            var model = plan.model
            for (index, pair) in plan.elastic {
                let upper = hard.contains(index) ? 0.0 : .infinity
                if let lower = pair.lower { model.setBounds(of: lower, lower: 0, upper: upper) }
                if let high = pair.upper { model.setBounds(of: high, lower: 0, upper: upper) }
                if index == family {
                    let scale = max(1, abs(plan.families[index].lower ?? plan.families[index].upper ?? 1))
                    if let lower = pair.lower { model.setObjectiveCoefficient(1 / scale, for: lower) }
                    if let high = pair.upper { model.setObjectiveCoefficient(1 / scale, for: high) }
                }
            }
            let filterOn = hard.contains(filterMember)
            for (variable, steps) in zip(plan.filteredPortions, filterMaxSteps) {
                model.setBounds(of: variable, lower: 0, upper: filterOn ? 0 : steps)
            }
            var solveOptions = SolveOptions()
            solveOptions.method = .dualSimplex
            return try solver.solve(model, options: solveOptions)
        }

        var conflict = Set(members)
        guard try !feasible(hard: conflict).status.hasSolution else {
            // The relaxation holds: only whole portions or the integer rules fail.
            return Infeasibility(conflict: [], changes: [], integerOnly: true)
        }
        for member in members {
            var trial = conflict
            trial.remove(member)
            if try !feasible(hard: trial).status.hasSolution { conflict = trial }
        }
        let ordered = members.filter { conflict.contains($0) }
        var texts: [String] = []
        var changes: [String] = []
        for member in ordered {
            if member == filterMember {
                texts.append(filterText())
                changes.append("dropping \(filterText())")
                continue
            }
            let family = plan.families[member]
            texts.append(family.text)
            // The smallest change of this rule alone.
            var hard = Set(members)
            hard.remove(member)
            let solution = try feasible(hard: hard, elasticObjective: member)
            guard solution.status == .optimal, let pair = plan.elastic[member] else { continue }
            let lowerShift = pair.lower.map { solution.value($0) } ?? 0
            let upperShift = pair.upper.map { solution.value($0) } ?? 0
            changes.append(changeText(family, lowerShift: lowerShift, upperShift: upperShift))
        }
        return Infeasibility(conflict: texts, changes: changes, integerOnly: false)
    }

    func filterText() -> String {
        var parts: [String] = request.diets.map { "the \($0.rawValue) diet" }
        if !request.excludeAllergens.isEmpty { parts.append("no " + request.excludeAllergens.map(\.rawValue).joined(separator: ", ")) }
        if !request.excludeGroups.isEmpty { parts.append("no " + request.excludeGroups.joined(separator: ", ")) }
        if !request.excludeFoods.isEmpty { parts.append("the excluded foods") }
        return parts.joined(separator: " and ")
    }

    /// The rule's bound moved just past what the relaxation needs, to a round number.
    func changeText(_ family: RuleFamily, lowerShift: Double, upperShift: Double) -> String {
        func nice(_ value: Double, up: Bool) -> Double {
            let step: Double
            switch family.unit {
            case "mg": step = value >= 1000 ? 50 : 10
            case "kcal": step = 10
            case "g": step = value >= 200 ? 10 : 1
            case "servings": step = request.portionStep
            default: step = 1
            }
            let scaled = value / step
            return (up ? (scaled - 1e-9).rounded(.up) : (scaled + 1e-9).rounded(.down)) * step
        }
        let unit = family.unit.isEmpty ? "" : " \(family.unit)"
        let per = family.per.isEmpty ? "" : " \(family.per)"
        let subject = family.subject.isEmpty ? family.text : family.subject
        if lowerShift > upperShift, let lower = family.lower {
            let target = max(0, nice(lower - lowerShift, up: false))
            return "lowering \(subject) to \(target.grouped)\(unit)\(per)"
        }
        if let upper = family.upper {
            let target = nice(upper + upperShift, up: true)
            return "raising the \(subject) limit to \(target.grouped)\(unit)\(per)"
        }
        return "relaxing \(family.text)"
    }
}
