import DietBenchmarkModel
import Foundation
import MealPlanning

// Builds and solves the reference diet LP once per repeat, by one path, and prints what it
// found and how long it took. Meant for instruction counts, which are steady where wall time
// is not:
//
//     swift build -c release --product DietLPProbe
//     valgrind --tool=callgrind .build/release/DietLPProbe 10000 layer
//
// Arguments: food count (default 10000), path `layer`, `raw` or `none` (only generates the
// table, to subtract), repeats (default 1).
let arguments = CommandLine.arguments.dropFirst().map { $0 }
guard arguments.count <= 3,
    let foodCount = arguments.count > 0 ? Int(arguments[0]) : 10_000, foodCount > 0,
    let repeats = arguments.count > 2 ? Int(arguments[2]) : 1, repeats > 0
else {
    print("usage: DietLPProbe [FOOD_COUNT] [layer|raw|none] [REPEATS]")
    exit(64)
}
let path = arguments.count > 1 ? arguments[1] : "layer"
guard ["layer", "raw", "none"].contains(path) else {
    print("unknown path '\(path)': use layer, raw or none")
    exit(64)
}

let data = DietModel.Data(SyntheticFoods.generate(count: foodCount, seed: 1))
print("\(foodCount) foods: \(data.layout.columnCount) columns, \(data.layout.rowCount) rows")
let clock = ContinuousClock()
for _ in 0 ..< (path == "none" ? 0 : repeats) {
    let start = clock.now
    let outcome = path == "layer" ? DietModel.solveThroughLayer(data) : RawGLPKReference.solve(data)
    let elapsed = clock.now - start
    print("\(path): optimal \(outcome.optimal), objective \(outcome.objective), \(outcome.iterations) iterations, \(elapsed)")
}
