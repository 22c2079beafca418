import Benchmark
import DietBenchmarkModel
import LinearProgramming
import MealPlanning

// The reference diet LP (Benchmarks/README.md) on generated food tables, solved through the
// planner's layer and through raw GLPK calls, plus the layer's build, validation and export alone.
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .peakMemoryResident],
        timeUnits: .milliseconds,
        warmupIterations: 1,
        scalingFactor: .one,
        maxDuration: .seconds(20),
        maxIterations: 5
    )
    let seed: UInt64 = 1

    for foodCount in [1_000, 10_000] {
        let size = foodCount >= 1_000 ? "\(foodCount / 1_000)k" : "\(foodCount)"
        // About 0.1 s per solve at 1k and 1.4 s at 10k on 2 cores: enough samples for a median
        // within a minute or so per size.
        let configuration = Benchmark.Configuration(maxIterations: foodCount <= 1_000 ? 20 : 8)

        Benchmark("LP build+solve via layer \(size)", configuration: configuration) { benchmark, data in
            var first: DietModel.Outcome?
            for _ in benchmark.scaledIterations {
                let outcome = DietModel.solveThroughLayer(data)
                // Every run must find the same optimum as the first one.
                DietModel.checkAgreement(outcome, first ?? outcome, "layer \(size)")
                if first == nil { first = outcome }
                blackHole(outcome.checksum)
            }
        } setup: {
            DietModel.Data(SyntheticFoods.generate(count: foodCount, seed: seed))
        }

        Benchmark("LP build+solve raw C API \(size)", configuration: configuration) { (benchmark: Benchmark, state: CheckedData) in
            for _ in benchmark.scaledIterations {
                let outcome = RawGLPKReference.solve(state.data)
                DietModel.checkAgreement(outcome, state.layer, "raw C API vs layer \(size)")
                blackHole(outcome.checksum)
            }
        } setup: { () -> CheckedData in
            // One unmeasured solve through the layer, to check the reference against it.
            let data = DietModel.Data(SyntheticFoods.generate(count: foodCount, seed: seed))
            return CheckedData(data: data, layer: DietModel.solveThroughLayer(data))
        }
    }

    let size = "10k"
    let foodCount = 10_000
    let quick = Benchmark.Configuration(maxDuration: .seconds(10), maxIterations: 10)

    Benchmark("Model build only \(size)", configuration: quick) { benchmark, data in
        for _ in benchmark.scaledIterations {
            blackHole(DietModel.buildModel(data).nonzeroCount)
        }
    } setup: {
        DietModel.Data(SyntheticFoods.generate(count: foodCount, seed: seed))
    }

    Benchmark("Model validate \(size)", configuration: quick) { benchmark, model in
        for _ in benchmark.scaledIterations {
            do {
                try model.validate()
            } catch {
                preconditionFailure("the benchmark model is invalid: \(error)")
            }
        }
    } setup: {
        DietModel.buildModel(DietModel.Data(SyntheticFoods.generate(count: foodCount, seed: seed)))
    }

    Benchmark("MPS export \(size)", configuration: quick) { benchmark, model in
        for _ in benchmark.scaledIterations {
            // Counts the bytes instead of writing a file, so that the disk is not measured.
            var bytes = 0
            do {
                try ModelExport.write(model, format: .mps) { chunk in bytes += chunk.count }
            } catch {
                preconditionFailure("MPS export failed: \(error)")
            }
            blackHole(bytes)
        }
    } setup: {
        DietModel.buildModel(DietModel.Data(SyntheticFoods.generate(count: foodCount, seed: seed)))
    }
}

/// A table's model data with the optimum found through the layer, which the reference must match.
struct CheckedData {
    let data: DietModel.Data
    let layer: DietModel.Outcome
}
