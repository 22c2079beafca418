import Foundation
import MealPlanning

/// `planner check`: a saved plan held to its own request (``PlanValidator``) and every number it
/// states compared with the same number recomputed from its items, the food table and its
/// request (``PlanStatements``), so that an edited total, cost, weight, household amount,
/// shopping line, target or objective value is caught, not believed.
///
/// The file's inputs are its request and its items (food, day, meal, servings); everything else
/// is a statement. A statement that is absent is not checked (version 1 plans lack some); one
/// that is present must match within the precision it is written with: computed quantities are
/// written to 4 decimals, so they may differ from the recomputation by half of the fourth
/// decimal; numbers written in full (servings, bounds of rules, recipe amounts) by round-off;
/// the objective value, the solver's, by the validator's relative tolerance of 1e-6. What only
/// the solver knows (the bound, the duals of the explanation) is held to what follows from it:
/// the bound is no higher than the objective, the gap is the one of the value and the bound,
/// and every text is the one its numbers give.
public struct SavedPlanCheck {
    /// A statement that is not what the items give: `day 3 totals potassium_mg: file says 2900,
    /// the items give 2712.4`.
    public var mismatches: [PlanViolation]
    /// The rules the plan breaks.
    public var violations: [PlanViolation]
    public var saved: SavedPlan
    public var items: [PlanItem]

    public var holds: Bool { mismatches.isEmpty && violations.isEmpty }

    /// Reads and checks a saved plan; throws ``SavedPlanError`` when the file is not a plan that
    /// can be read (bad JSON, a missing or mistyped input, a food the table does not hold).
    public init(_ data: Data, fileName: String, table: FoodTable) throws {
        saved = try SavedPlan.read(data, fileName: fileName)
        items = try saved.items(in: table)
        violations = PlanValidator(table: table, request: saved.request).violations(of: items, relaxed: saved.request.relaxPortions)
        // `read` has parsed the same bytes already.
        let root = (try? JSONSerialization.jsonObject(with: data, options: [])) as? [String: Any] ?? [:]
        var audit = Audit(root: root, saved: saved, items: items, table: table)
        audit.run()
        mismatches = audit.found
    }

    /// How precisely a number is written.
    enum Precision {
        /// A computed quantity, rounded to 4 decimals.
        case rounded
        /// Written in full: only round-off of a sum in another order.
        case exact
        /// The solver's objective value against the items': the validator's tolerance.
        case objective
        case integer

        func holds(_ stated: Double, _ expected: Double) -> Bool {
            let scale = max(1, abs(expected))
            switch self {
            case .rounded: return abs(stated - expected) <= 0.5e-4 + 1e-9 * scale
            case .exact: return abs(stated - expected) <= 1e-9 * scale
            case .objective: return abs(stated - expected) <= TargetEvaluation.relativeTolerance * scale
            case .integer: return stated == expected
            }
        }

        /// The expected number as the file would write it.
        func text(_ value: Double) -> String {
            switch self {
            case .rounded, .objective: return NumberText.shortest(NumberText.rounded4(value))
            default: return NumberText.shortest(value)
            }
        }
    }

    /// The walk over the document: one comparison per stated value, in the document's order.
    struct Audit {
        let root: [String: Any]
        let saved: SavedPlan
        let items: [PlanItem]
        let table: FoodTable
        let statements: PlanStatements
        let content: ReportContent
        var found: [PlanViolation] = []

        init(root: [String: Any], saved: SavedPlan, items: [PlanItem], table: FoodTable) {
            self.root = root
            self.saved = saved
            self.items = items
            self.table = table
            statements = PlanStatements(table: table, request: saved.request, items: items)
            var plan = (try? saved.plan(in: table)) ?? Plan(request: saved.request, items: items, quality: .feasible,
                                                             objective: saved.objectiveValue, bound: saved.bound,
                                                             strategy: saved.strategy, seconds: 0, excluded: [])
            plan.notes = saved.notes.map(PlanNote.text)
            plan.explanationBasis = saved.explanationBasis
            content = ReportContent(plan: plan, table: table, options: RenderOptions())
        }

        // MARK: Comparisons

        mutating func differ(_ label: String, says stated: String, _ source: String, _ expected: String) {
            found.append(PlanViolation(day: nil, message: "\(label): file says \(stated), \(source) \(expected)"))
        }

        mutating func fail(_ label: String, _ message: String) {
            found.append(PlanViolation(day: nil, message: "\(label): \(message)"))
        }

        /// A stated value as the message quotes it.
        static func describe(_ value: Any) -> String {
            switch value {
            case is NSNull: return "null"
            case let text as String: return quoted(text)
            case is [Any]: return "a list"
            case is [String: Any]: return "an object"
            default: break
            }
            if SavedPlan.isBoolean(value), let flag = value as? Bool { return flag ? "true" : "false" }
            if let number = try? SavedPlan.number(value, "", { SavedPlanError("\($0): \($1)") }) { return NumberText.shortest(number) }
            return "a value that is not JSON"
        }

        static func quoted(_ text: String) -> String {
            "\"" + text.replacingOccurrences(of: "\n", with: " ") + "\""
        }

        /// A stated number (absent: not stated). `expected` nil: the value is unknown, and the
        /// file must say `null`.
        mutating func number(_ object: [String: Any], _ key: String, _ label: String, _ expected: Double?,
                             _ precision: Precision, _ source: String) {
            guard let raw = object[key] else { return }
            let expectedText = expected.map(precision.text) ?? "no value"
            if raw is NSNull {
                if expected != nil { differ(label, says: "null", source, expectedText) }
                return
            }
            guard let stated = try? SavedPlan.number(raw, "", { SavedPlanError("\($0): \($1)") }) else {
                differ(label, says: Self.describe(raw), source, expectedText)
                return
            }
            guard let expected, expected.isFinite else {
                differ(label, says: NumberText.shortest(stated), source, expectedText)
                return
            }
            if !precision.holds(stated, expected) { differ(label, says: NumberText.shortest(stated), source, expectedText) }
        }

        /// A stated text, or `null` for nil.
        mutating func string(_ object: [String: Any], _ key: String, _ label: String, _ expected: String?, _ source: String) {
            guard let raw = object[key] else { return }
            if let text = raw as? String, text == expected { return }
            if raw is NSNull, expected == nil { return }
            differ(label, says: Self.describe(raw), source, expected.map(Self.quoted) ?? "null")
        }

        /// A text made from a number the file writes rounded to 4 decimals: the text of any
        /// value that rounds to it will do.
        mutating func text(_ object: [String: Any], _ key: String, _ label: String, of value: Double,
                           _ source: String, _ make: (Double) -> String) {
            guard let raw = object[key] else { return }
            let expected = make(value)
            if let text = raw as? String, [value - 0.5e-4, value, value + 0.5e-4].contains(where: { make($0) == text }) { return }
            differ(label, says: Self.describe(raw), source, Self.quoted(expected))
        }

        mutating func boolean(_ object: [String: Any], _ key: String, _ label: String, accepts: Set<Bool>, _ source: String) {
            guard let raw = object[key] else { return }
            if SavedPlan.isBoolean(raw), let flag = raw as? Bool, accepts.contains(flag) { return }
            differ(label, says: Self.describe(raw), source, accepts.contains(true) ? "true" : "false")
        }

        /// A list or an object the file states, or nil (with a mismatch) when it is something else.
        mutating func list(_ object: [String: Any], _ key: String, _ label: String) -> [Any]? {
            guard let raw = object[key] else { return nil }
            guard let list = raw as? [Any] else {
                fail(label, "file says \(Self.describe(raw)), a saved plan has a list here")
                return nil
            }
            return list
        }

        mutating func object(_ raw: Any?, _ label: String) -> [String: Any]? {
            guard let raw else { return nil }
            guard let object = raw as? [String: Any] else {
                fail(label, "file says \(Self.describe(raw)), a saved plan has an object here")
                return nil
            }
            return object
        }
    }
}
