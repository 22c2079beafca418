import Foundation

/// Reads and writes plan requests as JSON (the request file format, also embedded in saved plans).
///
/// Reading is strict: an unknown key, a wrong type or an impossible value is an error that
/// names the file and the key path (`week.json: variety.maxDaysPerFood: expected an integer`).
/// A key that is absent keeps the default; `null` turns a rule off.
///
/// ```json
/// {
///   "version": 1,
///   "profile": {"sex": "female", "age": 30, "lifeStage": "none", "activity": "moderate"},
///   "energy": 2000,
///   "days": 7,
///   "meals": [{"slot": "breakfast", "minShare": 0.2, "maxShare": 0.3}],
///   "mealShareReference": 2000,
///   "useProfileTargets": true,
///   "nutrients": [{"nutrient": "potassium_mg", "min": 3000, "max": null, "per": "day"}],
///   "portions": {"step": 0.5, "relax": false, "maxServingsPerMeal": 2, "minServingsPerUse": 0.5,
///                "maxServingsPerDay": 3, "maxServingsPerWeek": 7},
///   "variety": {"maxFoodsPerMeal": 4, "minFoodsPerMeal": 1, "maxDaysPerFood": 3,
///               "minFoodsPerDay": null, "minFoodsPerWeek": null,
///               "mealGroups": [{"name": "a vegetable", "meals": ["lunch", "dinner"],
///                               "groups": ["vegetable"], "minServings": 1}]},
///   "maxDailyGrams": 2500,
///   "diets": ["vegan"], "excludeAllergens": ["peanuts"], "excludeFoods": [], "excludeGroups": [],
///   "includeFoods": [], "favoriteFoods": {"banana": 3}  (or ["banana"]: on at least 2 days),
///   "objective": "cost"  (or {"weights": {"cost": 1, "sugar": 0.1}}), "budget": 40  (US dollars a week),
///   "timeLimit": 4, "relativeGap": 0.005,
///   "household": "h0000001"  (an id that `planner batch` copies to the result line)
/// }
/// ```
public enum PlanRequestCoding {
    public static let version = 1

    // MARK: Reading

    /// The largest request file or batch line read.
    public static let maximumBytes = 1 << 20

    public static func load(contentsOf url: URL) throws -> PlanRequest {
        let data: Data
        if let size = (try? FileManager.default.attributesOfItem(atPath: url.path))?[.size] as? Int, size > maximumBytes {
            throw PlanRequestError.fileTooLarge(file: url.path, bytes: size, limit: maximumBytes, isFile: true)
        }
        // A FIFO or a device (/dev/null) is read to its end.
        guard let read = FileReading.contents(of: url.path, maximumBytes: maximumBytes) else {
            throw PlanRequestError.fileUnreadable(path: url.path)
        }
        data = read
        return try decode(data, fileName: url.lastPathComponent)
    }

    /// Reads a request. `line` is the line of a larger file where the text starts (a batch
    /// line): messages then start `FILE:LINE:` instead of `FILE:`.
    ///
    /// The syntax is checked first: strictly (``StrictJSON``: a trailing comma or a key given
    /// twice is an error at its place, `FILE:LINE:COLUMN: message`), and by Foundation's parser,
    /// whose messages name the character where the text stops being JSON. `JSONDecoder` then
    /// decodes the request (``RequestDocument``), naming the key path of a wrong key or value.
    public static func decode(_ data: Data, fileName: String, line: Int? = nil) throws -> PlanRequest {
        let name = line.map { "\(fileName):\($0)" } ?? fileName
        guard data.count <= maximumBytes else {
            throw PlanRequestError.fileTooLarge(file: name, bytes: data.count, limit: maximumBytes, isFile: false)
        }
        func syntax(_ problem: StrictJSON.Problem, _ message: String) -> PlanRequestError {
            .syntax(file: fileName, line: (line ?? 1) + problem.line - 1, column: problem.column, message: message)
        }
        let problem = StrictJSON.firstProblem(in: data)
        if let problem, problem.isLenient { throw syntax(problem, problem.message(firstLineNumber: line ?? 1)) }
        do {
            _ = try JSONSerialization.jsonObject(with: data, options: [])
        } catch {
            throw PlanRequestError.notJSON(file: name, detail: jsonErrorDetail(error))
        }
        // What Foundation let through is still not JSON.
        if let problem { throw syntax(problem, oneLine("not valid JSON (\(problem.message()))")) }
        let decoder = JSONDecoder()
        decoder.userInfo[RequestDocument.fileNameKey] = name
        let request: PlanRequest
        do {
            request = try decoder.decode(RequestDocument.self, from: data).request
        } catch let error as PlanRequestError {
            throw error
        } catch {
            throw PlanRequestError.notJSON(file: name, detail: decodingErrorDetail(error))
        }
        do {
            try request.validate()
        } catch {
            throw PlanRequestError.inFile(file: name, error)
        }
        return request
    }

    /// A message on one line: line breaks and other control characters (from keys and values
    /// quoted in it) are escaped, `\n` or `\u{B}`.
    public static func oneLine(_ text: String) -> String {
        func isControl(_ scalar: Unicode.Scalar) -> Bool {
            scalar.value < 0x20 || (0x7F ... 0x9F).contains(scalar.value) || scalar == "\u{2028}" || scalar == "\u{2029}"
        }
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        var result = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case _ where isControl(scalar): result += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// What `JSONDecoder` says of text that Foundation's parser read.
    static func decodingErrorDetail(_ error: Error) -> String {
        guard case DecodingError.dataCorrupted(let context) = error else { return jsonErrorDetail(error) }
        let underlying = context.underlyingError.map { ": \($0)" } ?? ""
        return (context.debugDescription + underlying).replacingOccurrences(of: "\n", with: " ")
    }

    static func jsonErrorDetail(_ error: Error) -> String {
        let text = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? "\(error.localizedDescription)"
        return text.replacingOccurrences(of: "\n", with: " ")
    }

    // MARK: Writing

    /// The request as a JSON-compatible dictionary (every field written, so a saved plan is self-contained).
    public static func jsonObject(_ request: PlanRequest) -> [String: Any] {
        func optional(_ value: Double?) -> Any { value.map { $0 as Any } ?? NSNull() }
        func optional(_ value: Int?) -> Any { value.map { $0 as Any } ?? NSNull() }
        var root: [String: Any] = ["version": version]
        if let profile = request.profile {
            root["profile"] = ["sex": profile.sex.rawValue, "age": profile.age, "lifeStage": profile.lifeStage.rawValue,
                               "activity": profile.activity.rawValue]
        } else {
            root["profile"] = NSNull()
        }
        root["energy"] = optional(request.energyTarget)
        root["days"] = request.days
        root["meals"] = request.meals.map { ["slot": $0.slot.rawValue, "minShare": optional($0.minShare), "maxShare": optional($0.maxShare)] }
        root["mealShareReference"] = optional(request.mealShareReference)
        root["useProfileTargets"] = request.useProfileTargets
        root["nutrients"] = request.nutrientRules.map { rule -> [String: Any] in
            ["nutrient": rule.nutrient, "min": optional(rule.minimum), "max": optional(rule.maximum), "per": rule.scope.text]
        }
        root["portions"] = [
            "step": request.portionStep, "relax": request.relaxPortions,
            "maxServingsPerMeal": optional(request.maxServingsPerMeal), "minServingsPerUse": optional(request.minServingsPerUse),
            "maxServingsPerDay": optional(request.maxServingsPerDay), "maxServingsPerWeek": optional(request.maxServingsPerWeek),
        ] as [String: Any]
        root["variety"] = [
            "maxFoodsPerMeal": optional(request.maxFoodsPerMeal), "minFoodsPerMeal": optional(request.minFoodsPerMeal),
            "maxDaysPerFood": optional(request.maxDaysPerFood), "minFoodsPerDay": optional(request.minFoodsPerDay),
            "minFoodsPerWeek": optional(request.minFoodsPerWeek),
            "mealPatterns": !request.mealPatterns.isEmpty, "pairing": request.pairing,
            "foodGroups": request.foodGroups.map { ["daily": $0.daily, "weekly": $0.weekly, "omitted": $0.omitted] as Any } ?? NSNull(),
            "familyOncePerDay": request.familyOncePerDay, "familyAllowance": request.familyAllowance,
            "maxSharedLunchDinner": optional(request.maxSharedLunchDinner), "maxDaysPerMain": optional(request.maxDaysPerMain),
            "distinctDays": request.distinctDays,
            "potassiumFoods": request.potassiumFoods.map { ["kinds": $0.kinds, "atLeast": $0.atLeast] as Any } ?? NSNull(),
            "mealGroups": request.mealGroupRules.map {
                ["name": $0.name, "meals": $0.meals.map(\.rawValue), "groups": $0.groups, "minServings": $0.minServings,
                 "maxServings": optional($0.maxServings)] as [String: Any]
            },
        ] as [String: Any]
        root["maxDailyGrams"] = optional(request.maxDailyGrams)
        root["diets"] = request.diets.map(\.rawValue)
        root["excludeAllergens"] = request.excludeAllergens.map(\.rawValue)
        root["excludeFoods"] = request.excludeFoods
        root["excludeGroups"] = request.excludeGroups
        root["includeFoods"] = request.includeFoods
        root["favoriteFoods"] = request.favoriteDays
        switch request.objective {
        case .weighted(let terms):
            var weights: [String: Any] = [:]
            for term in terms { weights[term.kind.rawValue] = term.weight }
            root["objective"] = ["weights": weights]
        default:
            root["objective"] = request.objective.terms[0].kind.rawValue
        }
        // Written only when set, so that plans without one read as before.
        if let budget = request.budget { root["budget"] = budget }
        root["timeLimit"] = request.timeLimit
        root["relativeGap"] = request.relativeGap
        root["effort"] = request.effort
        return root
    }

    /// Pretty, key-sorted JSON bytes: the same request always gives the same bytes.
    public static func encode(_ request: PlanRequest) -> Data {
        (try? JSONSerialization.data(withJSONObject: jsonObject(request), options: [.prettyPrinted, .sortedKeys])) ?? Data()
    }
}

extension PlanObjective {
    public static func plain(_ kind: Kind) -> PlanObjective {
        switch kind {
        case .cost: return .cost
        case .sugar: return .sugar
        case .sodium: return .sodium
        case .potassium: return .potassium
        case .energy: return .energy
        }
    }
}
