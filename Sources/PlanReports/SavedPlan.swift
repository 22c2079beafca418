import Foundation
import MealPlanning

/// A problem with a saved plan file, in one line: `plan.json: items[3].servings: expected a number`.
public struct SavedPlanError: Error, Equatable, Sendable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// A plan read back from the `json` format (schema `potassium-planner/plan`, version 1; see
/// `docs/plan-json-schema.md`). Only what is needed to rebuild and compare plans is read;
/// totals, targets and the shopping list are recomputed from a food table.
public struct SavedPlan: Sendable {
    public typealias Item = (foodID: String, day: Int, meal: MealSlot, servings: Double)

    /// The embedded request, with the sources of its nutrient rules restored.
    public var request: PlanRequest
    /// The plan's portions; `day` is 0-based, as in ``PlanItem``.
    public var items: [Item]
    public var objectiveValue: Double
    public var bound: Double?
    /// `optimal`, `feasible` or `relaxed (continuous portions)`.
    public var quality: String
    public var strategy: String
    public var notes: [String]
    /// The name errors start with.
    public var fileName: String
    /// The LP the file's explanation is about (``Plan/explanationBasis``); nil in a file
    /// written before plans said so.
    public var explanationBasis: String?
    /// The schema version the file was written in.
    public var schemaVersion: Int = JSONReport.schemaVersion

    /// Reads a saved plan; JSON, schema and every field read are checked.
    public static func read(_ data: Data, fileName: String) throws -> SavedPlan {
        func fail(_ path: String, _ message: String) -> SavedPlanError {
            SavedPlanError(path.isEmpty ? "\(fileName): \(message)" : "\(fileName): \(path): \(message)")
        }
        // Strict JSON first: a trailing comma or a key given twice is an error at its place.
        let problem = StrictJSON.firstProblem(in: data)
        if let problem, problem.isLenient { throw SavedPlanError("\(fileName):\(problem.line):\(problem.column): \(problem.message())") }
        let parsed: Any
        do {
            parsed = try JSONSerialization.jsonObject(with: data, options: [])
        } catch {
            let detail = ((error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? error.localizedDescription)
                .replacingOccurrences(of: "\n", with: " ")
            throw fail("", "not valid JSON (\(detail))")
        }
        if let problem { throw SavedPlanError("\(fileName):\(problem.line):\(problem.column): not valid JSON (\(problem.message()))") }
        guard let root = parsed as? [String: Any] else { throw fail("", "a saved plan must be a JSON object") }
        guard let schema = root["schema"] as? String else { throw fail("schema", "missing; this is not a saved plan") }
        guard schema == JSONReport.schema else { throw fail("schema", "'\(schema)' is not \(JSONReport.schema)") }
        guard let version = try integer(root["schemaVersion"], "schemaVersion", fail) else { throw fail("schemaVersion", "missing") }
        guard JSONReport.readableVersions.contains(version) else {
            throw fail("schemaVersion", "version \(version) is not supported (this planner reads versions \(JSONReport.readableVersions.lowerBound) to \(JSONReport.readableVersions.upperBound))")
        }

        guard let requestObject = root["request"] as? [String: Any] else { throw fail("request", "expected an object") }
        var request: PlanRequest
        do {
            let requestData = try JSONSerialization.data(withJSONObject: requestObject, options: [.sortedKeys])
            request = try PlanRequestCoding.decode(requestData, fileName: fileName)
        } catch let error as PlanRequestError {
            // Point inside the embedded request: `plan.json: request.days: ...` for a key path,
            // `plan.json: request: days 0 is not in 1...28` for a rule that fails as a whole.
            let prefix = "\(fileName): "
            if case .badValue(_, let path, let problem) = error {
                throw SavedPlanError(PlanRequestCoding.oneLine(prefix + "request.\(path): \(problem)"))
            }
            let text = error.description
            guard text.hasPrefix(prefix) else { throw SavedPlanError(text) }
            throw SavedPlanError(prefix + "request: " + text.dropFirst(prefix.count))
        } catch {
            throw fail("request", "cannot be read (\(error))")
        }
        if let sources = root["requestRuleSources"], !(sources is NSNull) {
            guard let list = sources as? [Any], list.count == request.nutrientRules.count else {
                throw fail("requestRuleSources", "expected \(request.nutrientRules.count) strings, one per request.nutrients entry")
            }
            for (index, element) in list.enumerated() {
                guard let source = element as? String else { throw fail("requestRuleSources[\(index)]", "expected a string") }
                request.nutrientRules[index].source = source
            }
        }

        guard let rawItems = root["items"] as? [Any] else { throw fail("items", "expected a list") }
        var items: [Item] = []
        for (index, element) in rawItems.enumerated() {
            let path = "items[\(index)]"
            guard let item = element as? [String: Any] else { throw fail(path, "expected an object") }
            guard let foodID = item["foodId"] as? String, !foodID.isEmpty else { throw fail("\(path).foodId", "expected a food id") }
            guard let day = try integer(item["day"], "\(path).day", fail) else { throw fail("\(path).day", "expected a number") }
            guard (1 ... request.days).contains(day) else {
                throw fail("\(path).day", "day \(day) is not in 1...\(request.days)")
            }
            guard let mealName = item["meal"] as? String else { throw fail("\(path).meal", "expected a meal name") }
            guard let meal = MealSlot(rawValue: mealName) else {
                throw fail("\(path).meal", "'\(mealName)' is not a meal (breakfast, lunch, dinner, snack)")
            }
            guard let servings = try number(item["servings"], "\(path).servings", fail) else {
                throw fail("\(path).servings", "expected a number")
            }
            guard servings > 0 else { throw fail("\(path).servings", "expected a positive number") }
            items.append((foodID: foodID, day: day - 1, meal: meal, servings: servings))
        }

        guard let objective = root["objective"] as? [String: Any] else { throw fail("objective", "expected an object") }
        guard let value = try number(objective["value"], "objective.value", fail) else {
            throw fail("objective.value", "expected a number")
        }
        let bound = try number(objective["bound"], "objective.bound", fail)
        guard let quality = root["status"] as? String else { throw fail("status", "expected a string") }
        guard ["optimal", "feasible", "relaxed (continuous portions)"].contains(quality) else {
            throw fail("status", "'\(quality)' is not optimal, feasible or relaxed (continuous portions)")
        }
        let strategy: String
        switch root["strategy"] {
        case nil, is NSNull: strategy = ""
        case let text as String: strategy = text
        default: throw fail("strategy", "expected a string")
        }
        var notes: [String] = []
        if let rawNotes = root["notes"], !(rawNotes is NSNull) {
            guard let list = rawNotes as? [Any] else { throw fail("notes", "expected a list of strings") }
            for (index, element) in list.enumerated() {
                guard let note = element as? String else { throw fail("notes[\(index)]", "expected a string") }
                notes.append(note)
            }
        }
        let basis: String?
        switch root["explanationBasis"] {
        case nil, is NSNull: basis = nil
        case let text as String: basis = text
        default: throw fail("explanationBasis", "expected a string")
        }
        return SavedPlan(request: request, items: items, objectiveValue: value, bound: bound, quality: quality,
                         strategy: strategy, notes: notes, fileName: fileName, explanationBasis: basis, schemaVersion: version)
    }

    /// The items against a food table; an id the table does not hold is an error naming it.
    public func items(in table: FoodTable) throws -> [PlanItem] {
        try items.enumerated().map { index, item in
            guard let food = table.index(ofID: item.foodID) else {
                throw SavedPlanError("\(fileName): items[\(index)].foodId: '\(item.foodID)' is not in the food table")
            }
            return PlanItem(food: food, day: item.day, slot: item.meal, servings: item.servings)
        }
    }

    /// The plan against a food table, for rendering or comparing again. Timing, binding
    /// rules, marginal foods and excluded foods are not restored.
    public func plan(in table: FoodTable) throws -> Plan {
        let planQuality: PlanQuality
        switch quality {
        case "optimal": planQuality = .optimal
        case "feasible": planQuality = .feasible
        default: planQuality = .relaxed
        }
        var plan = Plan(request: request, items: try items(in: table), quality: planQuality, objective: objectiveValue,
                        bound: bound, strategy: strategy, seconds: 0, excluded: [])
        plan.notes = notes.map(PlanNote.text)
        plan.explanationBasis = explanationBasis
        return plan
    }

    // MARK: Field readers

    static func isBoolean(_ value: Any) -> Bool {
        if type(of: value) == Bool.self { return true }
        guard let number = value as? NSNumber else { return false }
        return String(cString: number.objCType) == "c"
    }

    /// nil for an absent key or `null`.
    static func number(_ value: Any?, _ path: String, _ fail: (String, String) -> SavedPlanError) throws -> Double? {
        guard let value, !(value is NSNull) else { return nil }
        guard !isBoolean(value), let number = value as? NSNumber else { throw fail(path, "expected a number") }
        // Foundation may parse long numbers (`49.199999999999996`) as decimals, whose
        // `doubleValue` is not the nearest Double; their text is exact.
        var double = number.doubleValue
        if let decimal = number as? NSDecimalNumber, let exact = Double(decimal.stringValue) { double = exact }
        guard double.isFinite else { throw fail(path, "expected a finite number") }
        return double
    }

    static func integer(_ value: Any?, _ path: String, _ fail: (String, String) -> SavedPlanError) throws -> Int? {
        guard let double = try number(value, path, fail) else { return nil }
        guard double == double.rounded(), abs(double) <= 1e9 else { throw fail(path, "expected an integer") }
        return Int(double)
    }
}
