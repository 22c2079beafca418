import CGLPKRaw

/// The reference path: the same diet LP loaded into GLPK with direct C calls, with no model
/// object in between, and solved with the parameters `GLPKSolver` uses for dual simplex without
/// presolve and with automatic scaling (`glp_scale_prob(GLP_SF_AUTO)`, `meth = GLP_DUALP`,
/// `presolve = GLP_OFF`, messages off). It reads back the same values the layer reads: primal
/// values and activities, row duals and reduced costs.
///
/// This is what a careful hand-written C program would do, and so the floor for the layer.
public enum RawGLPKReference {
    public static func solve(_ data: DietModel.Data) -> DietModel.Outcome {
        let layout = data.layout
        let n = layout.foodCount
        let days = DietModel.days
        let rowCount = layout.rowCount
        let columnCount = layout.columnCount

        // glp_scale_prob prints regardless of msg_lev; the layer swallows that with a terminal hook.
        let previousOutput = glp_term_out(GLP_OFF)
        let problem = glp_create_prob()!
        defer {
            glp_delete_prob(problem)
            glp_term_out(previousOutput)
        }
        glp_set_obj_dir(problem, GLP_MIN)
        glp_add_rows(problem, Int32(rowCount))
        glp_add_cols(problem, Int32(columnCount))
        glp_set_obj_coef(problem, 0, 0)

        for j in 0 ..< columnCount {
            glp_set_col_bnds(problem, Int32(j + 1), GLP_DB, 0, DietModel.maxServingsPerMeal)
        }
        for f in 0 ..< n {
            let price = data.prices[f]
            if price == 0 { continue }
            for column in layout.columnStarts[f] ..< layout.columnStarts[f + 1] {
                glp_set_obj_coef(problem, Int32(column + 1), price)
            }
        }

        // Triplets row by row, in the same order as the layer's model, 1-based (element 0 unused).
        let capacity = data.nonzeroEstimate + 1
        var rowIndices = [Int32](repeating: 0, count: capacity)
        var columnIndices = [Int32](repeating: 0, count: capacity)
        var values = [Double](repeating: 0, count: capacity)
        var count = 0
        var row: Int32 = 0

        rowIndices.withUnsafeMutableBufferPointer { ia in
            columnIndices.withUnsafeMutableBufferPointer { ja in
                values.withUnsafeMutableBufferPointer { ar in
                    @inline(__always) func add(_ value: Double, _ column: Int) {
                        count += 1
                        ia[count] = row
                        ja[count] = Int32(column + 1)
                        ar[count] = value
                    }
                    func setBounds(_ lower: Double, _ upper: Double) {
                        row += 1
                        if lower.isFinite && upper.isFinite {
                            glp_set_row_bnds(problem, row, GLP_DB, lower, upper)
                        } else if lower.isFinite {
                            glp_set_row_bnds(problem, row, GLP_LO, lower, 0)
                        } else {
                            glp_set_row_bnds(problem, row, GLP_UP, 0, upper)
                        }
                    }
                    for day in 0 ..< days {
                        for (limit, nutrient) in zip(DietModel.dailyLimits, data.dailyValues) {
                            setBounds(limit.bounds.lower, limit.bounds.upper)
                            for f in 0 ..< n {
                                let value = nutrient[f]
                                if value == 0 { continue }
                                let meals = layout.mealsPerDay(f)
                                let first = layout.columnStarts[f] + day * meals
                                for column in first ..< first + meals { add(value, column) }
                            }
                        }
                        for meal in DietModel.mealShares.indices {
                            let bounds = DietModel.mealBounds(meal)
                            setBounds(bounds.lower, bounds.upper)
                            for f in 0 ..< n {
                                let value = data.kcal[f]
                                if value == 0 { continue }
                                if let column = layout.column(food: f, day: day, meal: meal) { add(value, column) }
                            }
                        }
                    }
                    for f in 0 ..< n {
                        let meals = layout.mealsPerDay(f)
                        for day in 0 ..< days {
                            setBounds(-.infinity, DietModel.maxServingsPerDay)
                            let first = layout.columnStarts[f] + day * meals
                            for column in first ..< first + meals { add(1, column) }
                        }
                    }
                    for f in 0 ..< n {
                        setBounds(-.infinity, DietModel.maxServingsPerWeek)
                        for column in layout.columnStarts[f] ..< layout.columnStarts[f + 1] { add(1, column) }
                    }
                }
            }
        }
        precondition(Int(row) == rowCount, "row count mismatch")
        glp_load_matrix(problem, Int32(count), &rowIndices, &columnIndices, &values)

        glp_scale_prob(problem, GLP_SF_AUTO)
        var parameters = glp_smcp()
        glp_init_smcp(&parameters)
        parameters.msg_lev = GLP_MSG_OFF
        parameters.meth = GLP_DUALP
        parameters.presolve = GLP_OFF
        let code = glp_simplex(problem, &parameters)
        let optimal = code == 0 && glp_get_status(problem) == GLP_OPT

        var checksum = 0.0
        var primal = [Double](repeating: 0, count: columnCount)
        var reducedCosts = [Double](repeating: 0, count: columnCount)
        for j in 0 ..< columnCount {
            primal[j] = glp_get_col_prim(problem, Int32(j + 1))
            reducedCosts[j] = glp_get_col_dual(problem, Int32(j + 1))
        }
        var activities = [Double](repeating: 0, count: rowCount)
        var duals = [Double](repeating: 0, count: rowCount)
        for i in 0 ..< rowCount {
            activities[i] = glp_get_row_prim(problem, Int32(i + 1))
            duals[i] = glp_get_row_dual(problem, Int32(i + 1))
        }
        for value in primal { checksum += value }
        for value in activities { checksum += value }
        for value in duals { checksum += value }
        for value in reducedCosts { checksum += value }
        return DietModel.Outcome(
            optimal: optimal, objective: glp_get_obj_val(problem),
            iterations: Int(glp_get_it_cnt(problem)), checksum: checksum)
    }
}
