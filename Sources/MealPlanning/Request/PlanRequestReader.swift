import Foundation

/// The key of any member of a JSON object.
struct JSONKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }

    init(_ name: String) { stringValue = name }
    init(stringValue: String) { self.init(stringValue) }
    init?(intValue: Int) { nil }
}

/// A request file, decoded with `JSONDecoder` through its keyed and unkeyed containers: every
/// key checked against the keys its object may have, every value against its type, each error
/// naming the file and the key path (``PlanRequestError/badValue(file:path:problem:)``). A key
/// that is absent keeps the default; `null` turns a rule off. The file's name comes in the
/// decoder's `userInfo` (``fileNameKey``).
struct RequestDocument: Decodable {
    static let fileNameKey = CodingUserInfoKey(rawValue: "planner.requestFileName")!

    var request: PlanRequest

    init(from decoder: Decoder) throws {
        let fileName = decoder.userInfo[Self.fileNameKey] as? String ?? "request"
        let container: KeyedDecodingContainer<JSONKey>
        do {
            container = try decoder.container(keyedBy: JSONKey.self)
        } catch is DecodingError {
            throw PlanRequestError.notAnObject(file: fileName)
        }
        request = try JSONObject(container, path: "", fileName: fileName).planRequest()
    }
}

/// One object of a request file at its key path; each read names the key when the value is wrong.
struct JSONObject {
    let container: KeyedDecodingContainer<JSONKey>
    let path: String
    let fileName: String

    init(_ container: KeyedDecodingContainer<JSONKey>, path: String, fileName: String) {
        self.container = container
        self.path = path
        self.fileName = fileName
    }

    func place(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    func fail(_ place: String, _ problem: String) -> PlanRequestError {
        .badValue(file: fileName, path: place, problem: problem)
    }

    /// Whether the key is there, `null` or not.
    func has(_ key: String) -> Bool { container.contains(JSONKey(key)) }

    /// Absent or `null`.
    func isNull(_ key: String) -> Bool {
        !has(key) || ((try? container.decodeNil(forKey: JSONKey(key))) ?? false)
    }

    func checkKeys(_ allowed: Set<String>) throws {
        for key in container.allKeys.map(\.stringValue).sorted() where !allowed.contains(key) {
            throw fail(place(key), "unknown key (expected one of \(allowed.sorted().joined(separator: ", ")))")
        }
    }

    /// The value of `key` as `T`, nil when absent or `null`; a value of another type is `expected`.
    func value<T: Decodable>(_ key: String, _: T.Type, expected: String) throws -> T? {
        guard !isNull(key) else { return nil }
        do {
            return try container.decode(T.self, forKey: JSONKey(key))
        } catch is DecodingError {
            throw fail(place(key), expected)
        }
    }

    func number(_ key: String) throws -> Double? {
        guard !isNull(key) else { return nil }
        let double: Double
        do {
            double = try container.decode(Double.self, forKey: JSONKey(key))
        } catch is DecodingError {
            throw fail(place(key), "expected a number")
        } catch {
            // Beyond a Double's range: Foundation's parser, which checked the file first, turned
            // away an exponent too large, so this one is too small, and reads as 0.
            double = 0
        }
        guard double.isFinite else { throw fail(place(key), "expected a finite number") }
        return double
    }

    func integer(_ key: String) throws -> Int? {
        guard let double = try number(key) else { return nil }
        guard double == double.rounded() else { throw fail(place(key), "expected an integer") }
        guard abs(double) <= 1e9 else { throw fail(place(key), "\(double.cleanText) is too large (at most 1000000000)") }
        return Int(double)
    }

    func bool(_ key: String) throws -> Bool? { try value(key, Bool.self, expected: "expected true or false") }

    func string(_ key: String) throws -> String? { try value(key, String.self, expected: "expected a string") }

    func strings(_ key: String) throws -> [String]? {
        guard var list = try list(key, expected: "expected a list of strings") else { return nil }
        var result: [String] = []
        while !list.isAtEnd {
            do {
                result.append(try list.decode(String.self))
            } catch is DecodingError {
                throw fail("\(place(key))[\(result.count)]", "expected a string")
            }
        }
        return result
    }

    func list(_ key: String, expected: String) throws -> UnkeyedDecodingContainer? {
        guard !isNull(key) else { return nil }
        do {
            return try container.nestedUnkeyedContainer(forKey: JSONKey(key))
        } catch is DecodingError {
            throw fail(place(key), expected)
        }
    }

    func object(_ key: String) throws -> JSONObject? {
        guard !isNull(key) else { return nil }
        do {
            return JSONObject(try container.nestedContainer(keyedBy: JSONKey.self, forKey: JSONKey(key)), path: place(key), fileName: fileName)
        } catch is DecodingError {
            throw fail(place(key), "expected an object")
        }
    }

    /// The objects of a list, each at `key[index]`.
    func objects(_ key: String, expected: String) throws -> [JSONObject]? {
        guard var list = try list(key, expected: expected) else { return nil }
        var result: [JSONObject] = []
        while !list.isAtEnd {
            let path = "\(place(key))[\(result.count)]"
            do {
                result.append(JSONObject(try list.nestedContainer(keyedBy: JSONKey.self), path: path, fileName: fileName))
            } catch is DecodingError {
                throw fail(path, "expected an object")
            }
        }
        return result
    }

    func enumValue<T: RawRepresentable & CaseIterable>(_ key: String, _: T.Type) throws -> T? where T.RawValue == String {
        guard let text = try string(key) else { return nil }
        guard let result = T(rawValue: text) else {
            throw fail(place(key), "'\(text)' is not one of \(T.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return result
    }

    /// Each entry of a list of names as a `T`, or the entry's error.
    func names<T>(_ key: String, _ make: (String) -> T?, _ problem: (String) -> String) throws -> [T]? {
        guard let texts = try strings(key) else { return nil }
        return try texts.enumerated().map { index, text in
            guard let value = make(text) else { throw fail("\(place(key))[\(index)]", problem(text)) }
            return value
        }
    }

    /// Favourites: a list of ids (each on at least ``PlanRequest/defaultFavoriteDays`` days) or
    /// an object of ids and their days.
    func favorites(_ key: String) throws -> [String: Int] {
        guard !isNull(key) else { return [:] }
        if (try? container.nestedUnkeyedContainer(forKey: JSONKey(key))) != nil {
            let ids = try strings(key) ?? []
            return Dictionary(ids.map { ($0, PlanRequest.defaultFavoriteDays) }, uniquingKeysWith: { first, _ in first })
        }
        guard let object = try object(key) else { return [:] }
        var result: [String: Int] = [:]
        for id in object.container.allKeys.map(\.stringValue).sorted() {
            guard let days = try object.integer(id), (1 ... 28).contains(days) else {
                throw object.fail(object.place(id), "expected a number of days from 1 to 28")
            }
            result[id] = days
        }
        return result
    }
}
