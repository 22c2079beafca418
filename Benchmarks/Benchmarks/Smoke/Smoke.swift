import Benchmark
import DietBenchmarkModel
import MealPlanning

// A short run for CI: builds and solves the 1k reference LP both ways and checks that the
// optimum agrees. Measures little; it proves the suites build and run.
let benchmarks: @Sendable () -> Void = {
    Benchmark(
        "Smoke LP build+solve 1k layer and raw C API",
        configuration: .init(
            metrics: [.wallClock, .peakMemoryResident],
            timeUnits: .milliseconds,
            warmupIterations: 0,
            maxDuration: .seconds(10),
            maxIterations: 2
        )
    ) { benchmark, data in
        for _ in benchmark.scaledIterations {
            let layer = DietModel.solveThroughLayer(data)
            let raw = RawGLPKReference.solve(data)
            DietModel.checkAgreement(raw, layer, "smoke 1k")
            blackHole(layer.checksum + raw.checksum)
        }
    } setup: {
        DietModel.Data(SyntheticFoods.generate(count: 1_000, seed: 1))
    }
}
