import ArgumentParser
import Foundation
import MealPlanning

/// `planner generate-foods`: a synthetic food table for benchmarks and scale tests.
public struct GenerateFoodsCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "generate-foods",
        abstract: "Write a generated food table (same seed, same bytes).",
        discussion: """
            Values are lognormal draws clipped to plausible ranges (kcal median 180, potassium \
            250 mg, sodium 150 mg with 15 % exactly 0, sugars 4 g, fiber 2 g, protein 7 g, price \
            $0.90), each food suiting 1 to 3 meals. Foods are not real: use them to measure scale.

            Example:
              planner generate-foods --count 100000 --seed 1 --output foods-100k.csv
              planner --request Datasets/requests/benchmark-week.json --foods foods-100k.csv --relax
            """
    )

    @Option(help: "Number of foods (1 to 10,000,000).")
    public var count: Int
    @Option(help: "Seed of the generator.")
    public var seed: UInt64 = 1
    @Option(name: .shortAndLong, help: ArgumentHelp("Write to this file instead of stdout.", valueName: "file"))
    public var output: String?

    public init() {}

    public func validate() throws {
        guard (1 ... 10_000_000).contains(count) else {
            throw ValidationError("--count \(count) is not in 1...10000000")
        }
    }

    public func run() throws {
        try reportingErrors {
            let text = SyntheticFoods.generate(count: count, seed: seed).csvText()
            if let output {
                try AtomicFile.write(text, to: URL(fileURLWithPath: output))
            } else {
                try StandardOutput.shared.write(text)
            }
        }
    }
}
