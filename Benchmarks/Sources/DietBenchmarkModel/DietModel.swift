import GLPK
import LinearProgramming
import MealPlanning

/// The reference weekly diet LP of the benchmarks, over a generated food table:
///
/// - servings x[f, d, m] in [0, 2] for each food f, day d = 1...7 and each meal m the food allows;
/// - per day: potassium >= 2,600 mg, sodium <= 2,300 mg, sugars <= 50 g, 1,800 <= kcal <= 2,200,
///   fiber >= 25 g, protein >= 46 g;
/// - per day and meal, kcal within a share of 2,000 kcal (B 20-30 %, L 25-35 %, D 30-40 %, S 5-15 %);
/// - per food and day at most 3 servings, per food and week at most 7;
/// - minimize the week's total price.
///
/// Columns are numbered food by food, then day, then meal in breakfast-lunch-dinner-snack order.
/// Rows come in this order: the 6 daily nutrient rows of each day, the 4 meal rows of each day,
/// the 7 daily rows of each food, then each food's weekly row (70 + 8n rows in all).
/// ``buildModel(_:)`` and ``RawGLPKReference`` both follow this layout exactly, term for term,
/// so that GLPK sees the same matrix in the same order from either path.
public enum DietModel {
    public static let days = 7
    public static let maxServingsPerMeal = 2.0
    public static let maxServingsPerDay = 3.0
    public static let maxServingsPerWeek = 7.0
    public static let referenceKcal = 2000.0

    /// The daily nutrient limits, in row order.
    public static let dailyLimits: [(nutrient: Nutrient, bounds: ConstraintBounds)] = [
        (.potassium, .atLeast(2600)),
        (.sodium, .atMost(2300)),
        (.sugars, .atMost(50)),
        (.energy, .between(1800, 2200)),
        (.fiber, .atLeast(25)),
        (.protein, .atLeast(46)),
    ]

    /// Each meal's share of ``referenceKcal``, in row order (and in ``MealSlot`` order).
    public static let mealShares: [(meal: MealSlot, lower: Double, upper: Double)] = [
        (.breakfast, 0.20, 0.30),
        (.lunch, 0.25, 0.35),
        (.dinner, 0.30, 0.40),
        (.snack, 0.05, 0.15),
    ]

    public static func mealBounds(_ index: Int) -> ConstraintBounds {
        .between(mealShares[index].lower * referenceKcal, mealShares[index].upper * referenceKcal)
    }

    /// The solve options used by both paths: dual simplex, no presolve, automatic scaling.
    public static var solveOptions: SolveOptions {
        var options = SolveOptions()
        options.method = .dualSimplex
        options.presolve = false
        options.scaling = .automatic
        return options
    }

    // MARK: Layout

    /// Where each food's columns start, and which meals it allows.
    public struct Layout: Sendable {
        /// `columnStarts[f] ..< columnStarts[f + 1]` are food f's columns (days x allowed meals).
        public let columnStarts: [Int]
        /// The bit set of meals food f allows (``MealSlot/bit``).
        public let mealMasks: [UInt8]

        public init(_ foods: FoodTable) {
            var starts = [Int]()
            starts.reserveCapacity(foods.count + 1)
            var masks = [UInt8]()
            masks.reserveCapacity(foods.count)
            var next = 0
            for f in 0 ..< foods.count {
                starts.append(next)
                let mask = foods.meals[f].rawValue & 0x0F
                masks.append(mask)
                next += DietModel.days * mask.nonzeroBitCount
            }
            starts.append(next)
            columnStarts = starts
            mealMasks = masks
        }

        public var columnCount: Int { columnStarts[columnStarts.count - 1] }
        public var foodCount: Int { mealMasks.count }
        public var rowCount: Int { DietModel.days * (DietModel.dailyLimits.count + DietModel.mealShares.count) + 8 * foodCount }

        @inline(__always)
        public func mealsPerDay(_ food: Int) -> Int { mealMasks[food].nonzeroBitCount }

        /// Food f's column for day d and meal index m (its position in ``DietModel/mealShares``),
        /// or nil when the food does not suit that meal.
        @inline(__always)
        public func column(food: Int, day: Int, meal: Int) -> Int? {
            let mask = mealMasks[food]
            let bit = UInt8(1) << UInt8(meal)
            guard mask & bit != 0 else { return nil }
            let position = (mask & (bit &- 1)).nonzeroBitCount
            return columnStarts[food] + day * mask.nonzeroBitCount + position
        }
    }

    /// The per-food numbers both builders read, taken once from the table.
    public struct Data: Sendable {
        public let layout: Layout
        /// `dailyValues[i][f]`: food f's amount of `dailyLimits[i].nutrient` per serving.
        public let dailyValues: [[Double]]
        public let kcal: [Double]
        public let prices: [Double]

        public init(_ foods: FoodTable) {
            layout = Layout(foods)
            dailyValues = DietModel.dailyLimits.map { limit in
                guard let column = foods.nutrientIndex(limit.nutrient) else {
                    preconditionFailure("the food table has no \(limit.nutrient.key) column")
                }
                return foods.nutrientValues[column]
            }
            kcal = foods.nutrientValues[foods.nutrientIndex(.energy)!]
            prices = foods.prices
        }

        public var nonzeroEstimate: Int { 9 * layout.columnCount }
    }

    // MARK: Through the planner's layer

    /// Builds the model through `LinearProgramming.Model`, as the planner would.
    public static func buildModel(_ data: Data) -> Model {
        let layout = data.layout
        let n = layout.foodCount
        var model = Model(sense: .minimize)
        model.reserveCapacity(variables: layout.columnCount, constraints: layout.rowCount, nonzeros: data.nonzeroEstimate)
        for f in 0 ..< n {
            let price = data.prices[f]
            for _ in 0 ..< days * layout.mealsPerDay(f) {
                model.addVariable(lower: 0, upper: maxServingsPerMeal, objective: price)
            }
        }
        for day in 0 ..< days {
            for (limit, values) in zip(dailyLimits, data.dailyValues) {
                model.addConstraint(limit.bounds) { row in
                    for f in 0 ..< n {
                        let value = values[f]
                        if value == 0 { continue }
                        let first = layout.columnStarts[f] + day * layout.mealsPerDay(f)
                        for column in first ..< first + layout.mealsPerDay(f) {
                            row.add(value, VariableID(index: column))
                        }
                    }
                }
            }
            for meal in mealShares.indices {
                model.addConstraint(mealBounds(meal)) { row in
                    for f in 0 ..< n {
                        let value = data.kcal[f]
                        if value == 0 { continue }
                        if let column = layout.column(food: f, day: day, meal: meal) {
                            row.add(value, VariableID(index: column))
                        }
                    }
                }
            }
        }
        for f in 0 ..< n {
            for day in 0 ..< days {
                model.addConstraint(.atMost(maxServingsPerDay)) { row in
                    let first = layout.columnStarts[f] + day * layout.mealsPerDay(f)
                    for column in first ..< first + layout.mealsPerDay(f) {
                        row.add(1, VariableID(index: column))
                    }
                }
            }
        }
        for f in 0 ..< n {
            model.addConstraint(.atMost(maxServingsPerWeek)) { row in
                for column in layout.columnStarts[f] ..< layout.columnStarts[f + 1] {
                    row.add(1, VariableID(index: column))
                }
            }
        }
        return model
    }

    /// What one solve returned, for checks and to keep the optimizer from dropping work.
    public struct Outcome: Sendable {
        public var optimal: Bool
        public var objective: Double
        public var iterations: Int
        /// Sum of all primal values, row activities and duals read back: touches every value.
        public var checksum: Double

        public init(optimal: Bool, objective: Double, iterations: Int, checksum: Double) {
            self.optimal = optimal
            self.objective = objective
            self.iterations = iterations
            self.checksum = checksum
        }
    }

    /// Builds through the layer and solves with `GLPKSolver` (validation included, as in the product).
    public static func solveThroughLayer(_ data: Data) -> Outcome {
        let model = buildModel(data)
        let solution: Solution
        do {
            solution = try GLPKSolver().solve(model, options: solveOptions)
        } catch {
            preconditionFailure("GLPKSolver failed: \(error)")
        }
        var checksum = 0.0
        for value in solution.values { checksum += value }
        for value in solution.rowActivities { checksum += value }
        for value in solution.rowDuals ?? [] { checksum += value }
        for value in solution.reducedCosts ?? [] { checksum += value }
        return Outcome(
            optimal: solution.status == .optimal, objective: solution.objectiveValue ?? .nan,
            iterations: solution.statistics.simplexIterations, checksum: checksum)
    }

    /// Checks that two objectives agree to `1e-7` relative (and that both solves were optimal).
    public static func checkAgreement(_ outcome: Outcome, _ reference: Outcome, _ context: String) {
        precondition(outcome.optimal && reference.optimal, "\(context): not optimal")
        let difference = abs(outcome.objective - reference.objective)
        precondition(
            difference <= 1e-7 * max(1, abs(reference.objective)),
            "\(context): objectives differ: \(outcome.objective) vs \(reference.objective)")
    }
}
