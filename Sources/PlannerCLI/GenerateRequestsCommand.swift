import ArgumentParser
import Foundation
import MealPlanning

/// `planner generate-requests`: household requests for `planner batch`, for tests and benchmarks.
public struct GenerateRequestsCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "generate-requests",
        abstract: "Write generated household requests as JSON Lines (same seed, same bytes).",
        discussion: """
            One request object per line with a "household" id (PREFIX and the 1-based index in 7 \
            digits, so ids are stable for a given count). The mix: sexes half and half; ages 14-85 \
            (8 % 14-18, 20 % 19-30, 32 % 31-50, 28 % 51-70, 12 % 71-85); women of 18-45 pregnant \
            6 % and lactating 4 %; activity sedentary 40 %, moderate 40 %, active 20 %; diets \
            vegetarian 12 %, pescatarian 6 %, vegan 4 %, gluten-free 3 % on top; allergens \
            excluded on some (peanuts 6 %, tree nuts 4 %, shellfish 4 %, milk 3 %, egg 2 %, soy 2 %, \
            fish 2 %, sesame 1 %); 7 days for 85 %, 1-6 days otherwise; minimum cost but 5 % \
            minimum sodium and 5 % minimum sugars. --days and --gap set every request's days and \
            relative gap instead (short plans for tests: --days 1 --gap 0.05).

            Example:
              planner generate-requests --count 1000 --seed 1 > households.jsonl
              planner batch households.jsonl --jobs 2 > plans.jsonl
            """
    )

    @Option(help: "Number of requests (1 to 10,000,000).")
    public var count: Int
    @Option(help: "Seed of the generator.")
    public var seed: UInt64 = 1
    @Option(help: ArgumentHelp("Every request plans this many days (1-28) instead of the mix.", valueName: "n"))
    public var days: Int?
    @Option(help: ArgumentHelp("Every request stops once proven within this relative gap (\"relativeGap\").", valueName: "x"))
    public var gap: Double?
    @Option(help: "The household ids' prefix.")
    public var prefix = "h"
    @Option(name: .shortAndLong, help: ArgumentHelp("Write to this file (atomically) instead of stdout.", valueName: "file"))
    public var output: String?

    public init() {}

    public func validate() throws {
        guard (1 ... 10_000_000).contains(count) else { throw ValidationError("--count \(count) is not in 1...10000000") }
        if let days, !(1 ... 28).contains(days) { throw ValidationError("--days \(days) is not in 1...28") }
        if let gap, !(gap >= 0 && gap < 1) { throw ValidationError("--gap \(gap) is not in [0, 1)") }
        guard prefix.unicodeScalars.allSatisfy({ $0.isASCII && $0.value > 0x20 && $0 != "\"" && $0 != "\\" }) else {
            throw ValidationError("--prefix must be printable ASCII without spaces, quotes or backslashes")
        }
    }

    public func run() throws {
        try reportingErrors {
            // Streamed in chunks, to the file or stdout: ten million lines need not sit in memory.
            let file = try output.map { try AtomicFile.open(URL(fileURLWithPath: $0)) }
            defer { file?.discard() }
            func write(_ text: String) throws {
                if let file { try file.write(text) } else { try StandardOutput.shared.write(text) }
            }
            var chunk = ""
            for line in HouseholdRequests.lines(count: count, seed: seed, days: days, gap: gap, prefix: prefix) {
                chunk += line
                if chunk.utf8.count >= 1 << 16 {
                    try write(chunk)
                    chunk = ""
                }
            }
            try write(chunk)
            try file?.commit()
        }
    }
}

/// The generated requests: each line a JSON object in a fixed key order, ending in a line feed.
public enum HouseholdRequests {
    public static func lines(count: Int, seed: UInt64, days: Int? = nil, gap: Double? = nil, prefix: String = "h") -> LazyMapSequence<ClosedRange<Int>, String> {
        (1 ... max(1, count)).lazy.map { index in line(index: index, seed: seed, days: days, gap: gap, prefix: prefix) }
    }

    /// Household `index` (1-based) of `seed`: its own stream, so that a line does not depend on
    /// the count or on the lines before it.
    public static func line(index: Int, seed: UInt64, days: Int? = nil, gap: Double? = nil, prefix: String = "h") -> String {
        var random = SplitMix(seed: seed &* 0x9E37_79B9_7F4A_7C15 ^ UInt64(index))
        let sex = random.chance(0.5) ? "female" : "male"
        let age: Int = {
            let band = random.unit()
            if band < 0.08 { return random.integer(14 ... 18) }
            if band < 0.28 { return random.integer(19 ... 30) }
            if band < 0.60 { return random.integer(31 ... 50) }
            if band < 0.88 { return random.integer(51 ... 70) }
            return random.integer(71 ... 85)
        }()
        var lifeStage: String?
        let stage = random.unit()
        if sex == "female" && (18 ... 45).contains(age) {
            if stage < 0.06 { lifeStage = "pregnant" } else if stage < 0.10 { lifeStage = "lactating" }
        }
        let activity = random.pick([(0.4, "sedentary"), (0.4, "moderate"), (0.2, "active")])
        var diets: [String] = []
        let diet = random.pick([(0.12, "vegetarian"), (0.06, "pescatarian"), (0.04, "vegan"), (0.78, "")])
        if !diet.isEmpty { diets.append(diet) }
        if random.chance(0.03) { diets.append("gluten-free") }
        var allergens: [String] = []
        for (share, allergen) in [(0.06, "peanuts"), (0.04, "tree-nuts"), (0.04, "shellfish"), (0.03, "milk"), (0.02, "egg"), (0.02, "soy"), (0.02, "fish"), (0.01, "sesame")] {
            let drawn = random.chance(share)
            // A vegan diet already leaves out milk, egg, fish and shellfish; a pescatarian eats fish.
            if !drawn || (diet == "vegan" && ["milk", "egg", "fish", "shellfish"].contains(allergen)) || (diet == "pescatarian" && allergen == "fish") { continue }
            allergens.append(allergen)
        }
        let drawnDays = random.chance(0.85) ? 7 : random.integer(1 ... 6)
        let objective = random.pick([(0.90, "cost"), (0.05, "sodium"), (0.05, "sugar")])

        func list(_ items: [String]) -> String { "[" + items.map { "\"\($0)\"" }.joined(separator: ",") + "]" }
        var text = #"{"household":""# + prefix + String(index).leftPadded(to: 7) + #"","profile":{"sex":""# + sex + #"","age":"# + String(age)
        if let lifeStage { text += #","lifeStage":""# + lifeStage + "\"" }
        text += #","activity":""# + activity + #""},"days":"# + String(days ?? drawnDays)
        if !diets.isEmpty { text += #","diets":"# + list(diets) }
        if !allergens.isEmpty { text += #","excludeAllergens":"# + list(allergens) }
        if objective != "cost" { text += #","objective":""# + objective + "\"" }
        if let gap { text += #","relativeGap":"# + "\(gap)" }
        return text + "}\n"
    }

    /// Draws from MealPlanning's SplitMix64 generator: the same numbers on every platform.
    struct SplitMix {
        var source: SeededRandom
        init(seed: UInt64) { source = SeededRandom(seed: seed) }

        mutating func next() -> UInt64 { source.next() }

        /// Uniform in [0, 1), from the top 53 bits.
        mutating func unit() -> Double { Double(next() >> 11) * 0x1p-53 }
        mutating func chance(_ probability: Double) -> Bool { unit() < probability }
        mutating func integer(_ range: ClosedRange<Int>) -> Int { range.lowerBound + Int(next() % UInt64(range.count)) }

        /// One of the values, by their shares (which sum to 1).
        mutating func pick(_ choices: [(Double, String)]) -> String {
            var draw = unit()
            for (share, value) in choices {
                if draw < share { return value }
                draw -= share
            }
            return choices[choices.count - 1].1
        }
    }
}

private extension String {
    func leftPadded(to width: Int) -> String { count >= width ? self : String(repeating: "0", count: width - count) + self }
}
