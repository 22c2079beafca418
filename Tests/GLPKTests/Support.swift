import Foundation
import LinearProgramming
import Testing
import TestSupport

/// Absolute tolerance used for every known optimum in this target.
let tolerance = 1e-6

func isClose(_ actual: Double?, _ expected: Double, tolerance: Double = tolerance) -> Bool {
    guard let actual else { return false }
    return abs(actual - expected) <= tolerance
}

func isClose(_ actual: [Double]?, _ expected: [Double], tolerance: Double = tolerance) -> Bool {
    guard let actual, actual.count == expected.count else { return false }
    return zip(actual, expected).allSatisfy { abs($0 - $1) <= tolerance }
}

/// The shared SplitMix64 generator, so that "random" models are the same on every run.
typealias SeededGenerator = SplitMix64

extension SplitMix64 {
    mutating func int(in range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &self) }
}

// MARK: Models with known optima

enum Fixtures {
    /// max 3x + 5y + z
    ///   r1: x           <= 4
    ///   r2:      2y     <= 12
    ///   r3: 3x + 2y + 2z <= 18
    /// Optimum x = 2, y = 6, z = 0, objective 36. z is nonbasic with reduced cost 1 - 2 * 1 = -1.
    static func textbook() -> (model: Model, x: VariableID, y: VariableID, z: VariableID, rows: [ConstraintID]) {
        var model = Model(sense: .maximize)
        let x = model.addVariable(objective: 3, name: "x")
        let y = model.addVariable(objective: 5, name: "y")
        let z = model.addVariable(objective: 1, name: "z")
        let r1 = model.addConstraint([(x, 1)], .atMost(4), name: "r1")
        let r2 = model.addConstraint([(y, 2)], .atMost(12), name: "r2")
        let r3 = model.addConstraint([(x, 3), (y, 2), (z, 2)], .atMost(18), name: "r3")
        return (model, x, y, z, [r1, r2, r3])
    }

    /// A knapsack with several constraints: maximise value, binary items, each row a capacity.
    static func multiKnapsack(values: [Int], weights: [[Int]], capacities: [Int]) -> Model {
        var model = Model(sense: .maximize)
        let items = values.indices.map { model.addVariable(kind: .binary, objective: Double(values[$0]), name: "item\($0)") }
        for (row, capacity) in capacities.enumerated() {
            model.addConstraint(.atMost(Double(capacity)), name: "capacity\(row)") { writer in
                for (item, variable) in items.enumerated() { writer.add(Double(weights[row][item]), variable) }
            }
        }
        return model
    }

    /// 40 items, 2 capacity rows, seeded weights: too big for the root LP alone, small enough for
    /// an exact dynamic programme.
    static func fortyItemKnapsack() -> (model: Model, values: [Int], weights: [[Int]], capacities: [Int]) {
        var random = SeededGenerator(seed: 20_240_611)
        let count = 40
        var weights: [[Int]] = [[], []]
        var values: [Int] = []
        for _ in 0 ..< count {
            let a = random.int(in: 5 ... 30), b = random.int(in: 5 ... 30)
            weights[0].append(a)
            weights[1].append(b)
            // Values correlated with weights make the problem harder for branch and bound.
            values.append(a + b + random.int(in: 0 ... 10))
        }
        let capacities = weights.map { $0.reduce(0, +) / 2 }
        return (multiKnapsack(values: values, weights: weights, capacities: capacities), values, weights, capacities)
    }

    /// Exact optimum of a 2-row 0/1 knapsack by dynamic programming over both capacities.
    static func knapsackOptimum(values: [Int], weights: [[Int]], capacities: [Int]) -> Int {
        precondition(weights.count == 2 && capacities.count == 2)
        let c0 = capacities[0], c1 = capacities[1]
        var best = [Int](repeating: 0, count: (c0 + 1) * (c1 + 1))
        for item in values.indices {
            let w0 = weights[0][item], w1 = weights[1][item], value = values[item]
            if w0 > c0 || w1 > c1 { continue }
            for a in stride(from: c0, through: w0, by: -1) {
                for b in stride(from: c1, through: w1, by: -1) {
                    let candidate = best[(a - w0) * (c1 + 1) + (b - w1)] + value
                    if candidate > best[a * (c1 + 1) + b] { best[a * (c1 + 1) + b] = candidate }
                }
            }
        }
        return best[c0 * (c1 + 1) + c1]
    }

    /// Jeroslow's problem: 2 * (x1 + ... + xn) = n with n odd has no integer solution, yet
    /// every branch-and-bound node with fewer than about n/2 fixings has a feasible relaxation.
    static func jeroslow(_ n: Int) -> Model {
        var model = Model(sense: .maximize)
        let items = (0 ..< n).map { _ in model.addVariable(kind: .binary, objective: 1) }
        model.addConstraint(.equalTo(Double(n))) { row in
            for item in items { row.add(2, item) }
        }
        return model
    }

    /// A random bounded LP: max c x, A x <= b, 0 <= x <= 10, all data positive.
    static func randomLP(seed: UInt64, variables: Int = 60, constraints: Int = 40) -> Model {
        var random = SeededGenerator(seed: seed)
        var model = Model(sense: .maximize)
        let columns = (0 ..< variables).map { _ in
            model.addVariable(upper: 10, objective: Double(random.int(in: 1 ... 20)))
        }
        for _ in 0 ..< constraints {
            var terms: [(Int, Double)] = []
            for column in columns.indices where random.int(in: 0 ... 3) == 0 {
                terms.append((column, Double(random.int(in: 1 ... 9))))
            }
            let capacity = Double(random.int(in: 20 ... 80))
            model.addConstraint(.atMost(capacity)) { row in
                for (column, coefficient) in terms { row.add(coefficient, columns[column]) }
            }
        }
        return model
    }

    /// A random bounded MIP: min cost covering random demands with integer amounts in [0, 4],
    /// plus one expensive column in every row that keeps each demand satisfiable.
    static func randomMIP(seed: UInt64, variables: Int = 20, constraints: Int = 12) -> Model {
        var random = SeededGenerator(seed: seed)
        var model = Model(sense: .minimize)
        let columns = (0 ..< variables).map { _ in
            model.addVariable(upper: 4, kind: .integer, objective: Double(random.int(in: 3 ... 17)))
        }
        let backup = model.addVariable(upper: 100, kind: .integer, objective: 50)
        for _ in 0 ..< constraints {
            let demand = Double(random.int(in: 10 ... 30))
            model.addConstraint(.atLeast(demand)) { row in
                for column in columns where random.int(in: 0 ... 2) == 0 {
                    row.add(Double(random.int(in: 1 ... 7)), column)
                }
                row.add(1, backup)
            }
        }
        return model
    }
}

// MARK: glpsol

enum Glpsol {
    /// The glpsol executable found on PATH, if any.
    static let path: String? = {
        let directories = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":")
        for directory in directories {
            let candidate = "\(directory)/glpsol"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }()

    static var isCI: Bool { ProcessInfo.processInfo.environment["CI"].map { !$0.isEmpty } ?? false }

    /// Round-trip tests run when glpsol exists, and also on CI, where a missing glpsol is a failure.
    static var shouldRun: Bool { path != nil || isCI }

    struct Result {
        var status: String
        var objective: Double?
        var output: String
    }

    /// Runs glpsol on a model file and reads the status and objective from its printed solution.
    static func solve(file: URL, arguments: [String]) throws -> Result {
        let path = try #require(path, "glpsol is not on PATH; CI must install it (apt-get install glpk-utils)")
        let report = file.deletingPathExtension().appendingPathExtension("out")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments + [file.path, "-o", report.path]
        let console = Pipe()
        process.standardOutput = console
        process.standardError = console
        try process.run()
        let consoleText = String(decoding: console.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "glpsol failed:\n\(consoleText)")
        let text = (try? String(contentsOf: report, encoding: .utf8)) ?? ""
        var status = "", objective: Double?
        for line in text.split(separator: "\n") {
            if line.hasPrefix("Status:") {
                status = line.dropFirst("Status:".count).trimmingCharacters(in: .whitespaces)
            } else if line.hasPrefix("Objective:"), let equals = line.firstIndex(of: "=") {
                // "Objective:  cost = 36 (MAXimum)"
                let rest = line[line.index(after: equals)...].split(separator: " ")
                objective = rest.first.flatMap { Double($0) }
            }
        }
        return Result(status: status, objective: objective, output: consoleText + text)
    }
}

func temporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("lp-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}
