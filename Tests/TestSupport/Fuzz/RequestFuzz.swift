import Foundation
import MealPlanning

// MARK: - Requests

/// A JSON value as text pieces, so that odd numbers (`1e400`, `-0`, 30 digits), duplicate keys
/// and invalid tokens can be written exactly.
public indirect enum JSONDraft: Sendable {
    case null
    case bool(Bool)
    case number(String)
    case string(String)
    case array([JSONDraft])
    case object([(String, JSONDraft)])
    /// Written as is: an invalid token such as `NaN`.
    case raw(String)

    public static func escaped(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }

    public func text(spaced: Bool) -> String {
        let space = spaced ? " " : ""
        switch self {
        case .null: return "null"
        case .bool(let value): return value ? "true" : "false"
        case .number(let text), .raw(let text): return text
        case .string(let text): return Self.escaped(text)
        case .array(let items): return "[" + items.map { $0.text(spaced: spaced) }.joined(separator: "," + space) + "]"
        case .object(let members):
            return "{" + members.map { Self.escaped($0.0) + ":" + space + $0.1.text(spaced: spaced) }
                .joined(separator: "," + space) + "}"
        }
    }
}

public enum RequestFuzz {
    public static let topKeys = [
        "version", "profile", "energy", "days", "meals", "mealShareReference", "useProfileTargets", "nutrients",
        "portions", "variety", "maxDailyGrams", "diets", "excludeAllergens", "excludeFoods", "excludeGroups",
        "includeFoods", "favoriteFoods", "objective", "timeLimit", "relativeGap",
    ]
    public static let oddNumbers = [
        "0", "-0", "1", "-1", "7", "1.5", "0.25", "0.5", "2.0", "1e308", "-1e308", "1e309", "-1e400", "1e-400", "4.9e-324",
        "123456789012345678901234567890", "9223372036854775807", "9223372036854775808", "-9223372036854775809",
        "1.0000000000000002", "2000.0000000000002", "1999.9999999999998", "0.30000000000000004", "1E2", "1e+2",
        "2.5e3", "28", "29", "1e9", "1000000001", "100000", "86400", "0.005", "0.1", "3.14159", "-2600",
        "49.199999999999996", "1e6", "1000001", "0.09999999999999999",
    ]
    public static let invalidTokens = ["NaN", "Infinity", "-Infinity", "01", "+1", ".5", "1.", "0x1F", "1e", "--1", "nul", "True", "'x'", "undefined"]
    public static let oddStrings = [
        "", "female", "male", "FEMALE", "NaN", "Infinity", "nan", "1e999", "-0", "7", "cost", "weights", "breakfast", "B",
        "day", "lunch\ndinner", "tab\there", "\"quoted\"", "back\\slash", "é", "😀", "\u{2028}", "\u{0}", "a\r\nb",
        "pregnant", "lactating", "vegan", "peanuts", "tree nuts", "potassium_mg", "sodium_mg", "none", "active",
        "energy", "sugar", "vegetable", "a vegetable", "snack", "  female", "female ", "\u{1B}[31mred",
    ]
    public static let nutrientKeys = ["potassium_mg", "sodium_mg", "kcal", "fiber_g", "iron_mg", "sugars_g", "protein_g", ""]

    public static func number(_ value: Double) -> JSONDraft { .number(value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : "\(value)") }

    /// A request that is mostly valid: random keys with values in their ranges.
    public static func plausible(_ rng: inout SplitMix64) -> JSONDraft {
        var members: [(String, JSONDraft)] = []
        func maybe(_ probability: Double = 0.5, _ key: String, _ value: () -> JSONDraft) {
            if rng.chance(probability) { members.append((key, value())) }
        }
        maybe(0.5, "version") { .number("1") }
        if rng.chance(0.8) {
            let female = rng.chance(0.6)
            var profile: [(String, JSONDraft)] = [("sex", .string(female ? "female" : "male"))]
            let stage = female ? rng.pick(["none", "none", "pregnant", "lactating"]) : "none"
            if rng.chance(0.6) { profile.append(("age", .number(String(stage == "none" ? rng.int(14 ... 120) : rng.int(14 ... 50))))) }
            if rng.chance(0.5) { profile.append(("lifeStage", .string(stage))) }
            if rng.chance(0.5) { profile.append(("activity", .string(rng.pick(["sedentary", "moderate", "active"])))) }
            members.append(("profile", .object(profile)))
        }
        maybe(0.3, "energy") { number(rng.double(500 ... 10000).rounded()) }
        maybe(0.6, "days") { .number(String(rng.int(1 ... 28))) }
        maybe(0.3, "meals") {
            var slots = ["breakfast", "lunch", "dinner", "snack"]
            rng.shuffle(&slots)
            return .array(slots.prefix(rng.int(1 ... 4)).map { slot in
                let low = rng.chance(0.7) ? rng.double(0 ... 0.4) : nil
                let high = rng.chance(0.7) ? min(1, (low ?? 0) + rng.double(0 ... 0.6)) : nil
                return .object([("slot", .string(slot)), ("minShare", low.map { number($0) } ?? .null),
                                ("maxShare", high.map { number($0) } ?? .null)])
            })
        }
        maybe(0.2, "mealShareReference") { rng.chance(0.2) ? .null : number(rng.double(100 ... 10000).rounded()) }
        maybe(0.2, "useProfileTargets") { .bool(rng.chance(0.5)) }
        maybe(0.4, "nutrients") {
            .array((0 ..< rng.int(0 ... 3)).map { _ in
                let low = rng.chance(0.6) ? rng.double(0 ... 3000).rounded() : nil
                let high = rng.chance(0.5) || low == nil ? (low ?? 0) + rng.double(0 ... 5000).rounded() : nil
                var rule: [(String, JSONDraft)] = [("nutrient", .string(rng.pick(Array(nutrientKeys.dropLast()))))]
                if let low { rule.append(("min", number(low))) }
                if let high { rule.append(("max", number(high))) }
                if rng.chance(0.4) { rule.append(("per", .string(rng.pick(["day", "breakfast", "lunch", "dinner", "snack", "D"])))) }
                return .object(rule)
            })
        }
        maybe(0.3, "portions") {
            .object([("step", .number(rng.pick(["0.25", "0.5", "1"]))), ("relax", .bool(rng.chance(0.3))),
                     ("maxServingsPerMeal", rng.chance(0.2) ? .null : .number(rng.pick(["0.25", "1", "2", "3.5", "20"]))),
                     ("minServingsPerUse", rng.chance(0.3) ? .null : .number(rng.pick(["0", "0.25", "0.5", "1"]))),
                     ("maxServingsPerDay", rng.chance(0.2) ? .null : .number(rng.pick(["0.25", "3", "60"]))),
                     ("maxServingsPerWeek", rng.chance(0.2) ? .null : .number(rng.pick(["0.25", "7", "400"])))])
        }
        maybe(0.3, "variety") {
            let low = rng.int(0 ... 3)
            var variety: [(String, JSONDraft)] = [
                ("maxFoodsPerMeal", rng.chance(0.2) ? .null : .number(String(low + rng.int(0 ... 5)))),
                ("minFoodsPerMeal", .number(String(low))),
                ("maxDaysPerFood", rng.chance(0.2) ? .null : .number(String(rng.int(0 ... 28)))),
                ("minFoodsPerDay", rng.chance(0.5) ? .null : .number(String(rng.int(0 ... 20)))),
                ("minFoodsPerWeek", rng.chance(0.5) ? .null : .number(String(rng.int(0 ... 60)))),
            ]
            if rng.chance(0.5) {
                variety.append(("mealGroups", rng.chance(0.2) ? .null : .array([.object([
                    ("name", .string("a vegetable")), ("meals", .array([.string("lunch"), .string("D")])),
                    ("groups", .array([.string("vegetable")])), ("minServings", .number(rng.pick(["0", "1", "2.5"]))),
                ])])))
            }
            return .object(variety)
        }
        maybe(0.2, "maxDailyGrams") { rng.chance(0.2) ? .null : number(rng.double(1 ... 100_000).rounded()) }
        maybe(0.3, "diets") { .array(Diet.allCases.filter { _ in rng.chance(0.3) }.map { .string($0.rawValue) }) }
        maybe(0.3, "excludeAllergens") { .array(["milk", "eggs", "tree nuts", "peanut", "dairy", "sesame"].filter { _ in rng.chance(0.3) }.map { .string($0) }) }
        for key in ["excludeFoods", "excludeGroups", "includeFoods", "favoriteFoods"] {
            maybe(0.15, key) { .array(["banana", "lentils", "fruit", "anything at all"].filter { _ in rng.chance(0.4) }.map { .string($0) }) }
        }
        maybe(0.4, "objective") {
            if rng.chance(0.6) { return .string(rng.pick(PlanObjective.Kind.allCases).rawValue) }
            // Each key once (the same draws as before: "cost" is drawn and then left out).
            return .object([("weights", .object(PlanObjective.Kind.allCases.filter { rng.chance(0.5) && $0 != .cost }.map {
                ($0.rawValue, number(rng.double(-1e6 ... 1e6)))
            } + [("cost", .number("1"))]))])
        }
        maybe(0.2, "timeLimit") { number(rng.double(0.1 ... 86400)) }
        maybe(0.2, "relativeGap") { number(rng.double(0 ... 1)) }
        rng.shuffle(&members)
        return .object(members)
    }

    /// Any JSON value, small.
    public static func randomValue(_ rng: inout SplitMix64, depth: Int = 0) -> JSONDraft {
        switch rng.below(depth > 3 ? 5 : 8) {
        case 0: return .null
        case 1: return .bool(rng.chance(0.5))
        case 2, 3: return .number(rng.pick(oddNumbers))
        case 4: return .string(rng.pick(oddStrings))
        case 5: return .array((0 ..< rng.int(0 ... 3)).map { _ in randomValue(&rng, depth: depth + 1) })
        case 6:
            return .object((0 ..< rng.int(0 ... 3)).map { _ in
                (rng.chance(0.7) ? rng.pick(topKeys + ["sex", "age", "slot", "min", "max", "per", "step", "weights", "groups"]) : rng.pick(oddStrings),
                 randomValue(&rng, depth: depth + 1))
            })
        default: return .raw(rng.pick(invalidTokens))
        }
    }

    /// The value inside `depth` arrays or objects, as text (a draft that deep would overflow
    /// the stack when it is written or freed).
    public static func nested(_ depth: Int, _ inner: JSONDraft, objects: Bool) -> JSONDraft {
        let open = objects ? "{\"a\":" : "["
        let close = objects ? "}" : "]"
        return .raw(String(repeating: open, count: depth) + inner.text(spaced: false) + String(repeating: close, count: depth))
    }

    /// Changes one place of a value: replaces it, deletes or adds a key, nests it deeply.
    public static func change(_ value: inout JSONDraft, _ rng: inout SplitMix64, depth: Int = 0) -> String {
        switch value {
        case .object(var members) where !members.isEmpty && rng.chance(0.6):
            let index = rng.below(members.count)
            switch rng.below(6) {
            case 0:
                let key = members.remove(at: index).0
                value = .object(members)
                return "removed \(key)"
            case 1:
                let key = rng.pick(["Version", "days ", "colour", "profile.sex", "", "unknown", "DAYS", "nutrient"] + oddStrings)
                members.insert((key, randomValue(&rng)), at: rng.below(members.count + 1))
                value = .object(members)
                return "added key \(key.debugDescription)"
            case 2:
                members.append(members[index])
                value = .object(members)
                return "duplicate key \(members[index].0)"
            default:
                let label = change(&members[index].1, &rng, depth: depth + 1)
                value = .object(members)
                return "\(members[index].0).\(label)"
            }
        case .array(var items) where !items.isEmpty && rng.chance(0.6):
            let index = rng.below(items.count)
            let label = change(&items[index], &rng, depth: depth + 1)
            if rng.chance(0.2) { items.append(items[index]) }
            value = .array(items)
            return "[\(index)].\(label)"
        default:
            switch rng.below(10) {
            case 0:
                value = nested(rng.pick([10, 100, 510, 511, 512, 513, 600, 5000]), value, objects: rng.chance(0.5))
                return "nested deeply"
            case 1:
                value = .raw(rng.pick(invalidTokens))
                return "invalid token"
            case 2:
                value = .string(String(repeating: rng.pick(["x", "é", "\n"]), count: rng.pick([1000, 100_000])))
                return "long string"
            case 3, 4:
                value = .number(rng.pick(oddNumbers))
                return "odd number"
            default:
                value = randomValue(&rng)
                return "replaced"
            }
        }
    }

    /// Re-encodes or damages the bytes of a request.
    public static func changeBytes(_ data: inout [UInt8], _ rng: inout SplitMix64) -> String {
        let place = rng.below(data.count + 1)
        switch rng.below(9) {
        case 0:
            data.removeSubrange(place...)
            return "truncated"
        case 1:
            for _ in 0 ..< rng.int(1 ... 3) where !data.isEmpty { data[rng.below(data.count)] = UInt8(rng.below(256)) }
            return "flipped bytes"
        case 2:
            data.insert(contentsOf: rng.pick(FoodTableFuzz.invalidUTF8), at: place)
            return "invalid UTF-8"
        case 3:
            let text = String(decoding: data, as: UTF8.self)
            var utf16: [UInt8] = rng.chance(0.5) ? [0xFF, 0xFE] : []
            for unit in text.utf16 { utf16 += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
            data = utf16
            return "UTF-16LE"
        case 4:
            let text = String(decoding: data, as: UTF8.self)
            var utf16: [UInt8] = rng.chance(0.5) ? [0xFE, 0xFF] : []
            for unit in text.utf16 { utf16 += [UInt8(unit >> 8), UInt8(unit & 0xFF)] }
            data = utf16
            return "UTF-16BE"
        case 5:
            data.insert(contentsOf: [0xEF, 0xBB, 0xBF], at: 0)
            return "byte order mark"
        case 6:
            data.insert(0, at: place)
            return "NUL byte"
        case 7:
            data.insert(contentsOf: Array(rng.pick(["\n", "\u{0B}", " ", "//", "/*x*/", ",", "}", "]", "\"", "\\"]).utf8), at: place)
            return "stray text"
        default:
            data = []
            return "empty"
        }
    }

    public static let fullExample = """
        {
          "version": 1,
          "profile": {"sex": "female", "age": 30, "lifeStage": "none", "activity": "moderate"},
          "energy": 2000,
          "days": 7,
          "meals": [{"slot": "breakfast", "minShare": 0.2, "maxShare": 0.3}, {"slot": "lunch", "minShare": null, "maxShare": null},
                    {"slot": "dinner", "minShare": 0.3, "maxShare": 0.4}],
          "mealShareReference": 2000,
          "useProfileTargets": true,
          "nutrients": [{"nutrient": "potassium_mg", "min": 3000, "max": null, "per": "day"}],
          "portions": {"step": 0.5, "relax": false, "maxServingsPerMeal": 2, "minServingsPerUse": 0.5,
                       "maxServingsPerDay": 3, "maxServingsPerWeek": 7},
          "variety": {"maxFoodsPerMeal": 4, "minFoodsPerMeal": 1, "maxDaysPerFood": 3,
                      "minFoodsPerDay": null, "minFoodsPerWeek": null,
                      "mealGroups": [{"name": "a vegetable", "meals": ["lunch", "dinner"],
                                      "groups": ["vegetable"], "minServings": 1}]},
          "maxDailyGrams": 2500,
          "diets": ["vegan"], "excludeAllergens": ["peanuts"], "excludeFoods": [], "excludeGroups": [],
          "includeFoods": [], "favoriteFoods": [],
          "objective": {"weights": {"cost": 1, "sugar": 0.1}},
          "timeLimit": 4, "relativeGap": 0.005
        }
        """

    /// The example of the request format as a draft (to change piece by piece).
    public static let fullDraft: JSONDraft = {
        func draft(_ value: Any) -> JSONDraft {
            if type(of: value) == Bool.self { return .bool(value as! Bool) }
            switch value {
            case is NSNull: return .null
            case let number as NSNumber where String(cString: number.objCType) == "c": return .bool(number.boolValue)
            case let number as NSNumber: return .number("\(number)")
            case let text as String: return .string(text)
            case let array as [Any]: return .array(array.map(draft))
            case let object as [String: Any]: return .object(object.keys.sorted().map { ($0, draft(object[$0]!)) })
            default: fatalError("unexpected JSON value \(value)")
            }
        }
        return draft(try! JSONSerialization.jsonObject(with: Data(fullExample.utf8)))
    }()

    public static func specialCases() -> [[UInt8]] {
        var cases: [String] = [
            "", " ", "null", "[]", "{}", "1", "\"x\"", "true", "{", "}", "{\"days\": NaN}", "{\"days\": Infinity}",
            "{\"days\": 1e400}", "{\"days\": -1e400}", "{\"days\": 7, \"days\": 8}", "{\"energy\": 1999.9999999999998}",
            "{\"portions\": {\"maxServingsPerMeal\": 1.0000000000000002}}", "{\"profile\": {}}", "{\"profile\": null}",
            "{\"objective\": {\"weights\": {}}}", "{\"objective\": {}}", "{\"variety\": {\"mealGroups\": [{}]}}",
            "{\"nutrients\": [{\"nutrient\": \"x\"}]}", "{\"meals\": []}", "{\"meals\": null}",
            "{\"profile\": {\"sex\": \"male\", \"lifeStage\": \"pregnant\"}}", "{\"profile\": {\"sex\": \"female\", \"age\": 5}}",
            "{\"excludeAllergens\": [\"fish\\nsauce\"]}", "{\"objective\": \"cost\\r\\nsugar\"}", "{\"weird\\nkey\": 1}",
            "{\"profile\": {\"sex\": \"fe\\u2028male\"}}", "{\"variety\": {\"mealGroups\": [{\"name\": \"a\\nb\", \"groups\": []}]}}",
            "{\"variety\": {\"mealGroups\": [{\"name\": \"x\\ny\", \"groups\": [\"vegetable\"], \"minServings\": 99}]}}",
            "{\"days\": \"\\ud800\"}", "{\"diets\": [\"\\udc00\\ud800\"]}", "{\"days\": 1}garbage", "{\"days\": 1}\n\n",
            "\u{FEFF}{\"days\": 2}",
        ]
        cases.append("{\"excludeFoods\": [\"" + String(repeating: "f", count: 1 << 20) + "\"]}")
        cases.append("{\"objective\": \"" + String(repeating: "o", count: 1 << 20) + "\"}")
        cases.append("{" + (0 ..< 10_000).map { "\"k\($0)\": \($0)" }.joined(separator: ", ") + "}")
        cases.append("{\"nutrients\": [" + (0 ..< 10_000).map { "{\"nutrient\": \"c\($0)_mg\", \"min\": \($0)}" }.joined(separator: ",") + "]}")
        for depth in [100, 511, 512, 513, 10_000, 100_000] {
            cases.append("{\"profile\": " + String(repeating: "[", count: depth) + String(repeating: "]", count: depth) + "}")
            cases.append("{\"meals\": " + String(repeating: "{\"a\":", count: depth) + "1" + String(repeating: "}", count: depth) + "}")
        }
        var bytes = cases.map { Array($0.utf8) }
        bytes.append([0xFF, 0xFE] + Array("{\"days\": 2}".utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
        bytes.append(Array("{\"days\": 2, \"excludeFoods\": [\"".utf8) + [0xC3, 0x28] + Array("\"]}".utf8))
        bytes.append(Array("{\"days\": 2, \"excludeFoods\": [\"".utf8) + [0xED, 0xA0, 0x80] + Array("\"]}".utf8))
        bytes.append([0x00, 0x00, 0x00, 0x7B, 0x00, 0x00, 0x00, 0x7D])
        return bytes
    }

    public static func makeCase(_ rng: inout SplitMix64) -> (bytes: [UInt8], label: String) {
        var value: JSONDraft
        var labels: [String] = []
        switch rng.below(10) {
        case 0 ..< 4:
            value = plausible(&rng)
            labels.append("plausible")
        case 4 ..< 6:
            value = fullDraft
            labels.append("example")
        case 6 ..< 8:
            value = plausible(&rng)
            labels.append("plausible, changed")
        default:
            value = rng.chance(0.8) ? .object((0 ..< rng.int(0 ... 6)).map { _ in (rng.pick(topKeys), randomValue(&rng)) }) : randomValue(&rng)
            labels.append("random")
        }
        if labels[0] != "plausible" {
            for _ in 0 ..< rng.int(labels[0] == "example" ? 1 ... 3 : 0 ... 2) { labels.append(change(&value, &rng)) }
        }
        var bytes = Array(value.text(spaced: rng.chance(0.5)).utf8)
        if rng.chance(0.12) { labels.append(changeBytes(&bytes, &rng)) }
        return (bytes, labels.joined(separator: ", "))
    }
}
