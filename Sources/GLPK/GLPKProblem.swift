internal import CGLPK
import LinearProgramming

/// Owns one `glp_prob`. GLPK keeps its environment per thread, so an instance must be
/// created, used and destroyed on one thread; it is deliberately not `Sendable`.
final class GLPKProblem {
    let pointer: OpaquePointer

    /// Creates the problem and loads `model` with bulk calls. The model must be valid
    /// (`Model.validate()`): GLPK aborts the process on an out-of-range index or a repeated term.
    /// Integer columns must have an integer inside their bounds (``integerBoundsConflict(in:)``).
    init(loading model: Model, relaxIntegrality: Bool) {
        pointer = glp_create_prob()
        let m = model.constraintCount, n = model.variableCount
        glp_set_obj_dir(pointer, model.sense == .minimize ? GLP_MIN : GLP_MAX)
        if m > 0 { glp_add_rows(pointer, Int32(m)) }
        if n > 0 { glp_add_cols(pointer, Int32(n)) }
        glp_set_obj_coef(pointer, 0, model.objectiveConstant)

        for r in 0 ..< m {
            let (type, lower, upper) = Self.boundType(model.constraintLower[r], model.constraintUpper[r])
            glp_set_row_bnds(pointer, Int32(r + 1), type, lower, upper)
        }
        for j in 0 ..< n {
            // GLPK's MIP solver requires integral bounds on integer columns.
            let (lower, upper) = model.effectiveBounds(of: VariableID(index: j), relaxIntegrality: relaxIntegrality)
            if !relaxIntegrality && model.variableKinds[j] != .continuous {
                glp_set_col_kind(pointer, Int32(j + 1), GLP_IV)
            }
            let (type, l, u) = Self.boundType(lower, upper)
            glp_set_col_bnds(pointer, Int32(j + 1), type, l, u)
            let coefficient = model.objectiveCoefficients[j]
            if coefficient != 0 { glp_set_obj_coef(pointer, Int32(j + 1), coefficient) }
        }

        // One glp_load_matrix call from 1-based triplet arrays (element 0 is never read).
        let nonzeros = model.nonzeroCount
        var rowIndices = [Int32](repeating: 0, count: nonzeros + 1)
        var columnIndices = [Int32](repeating: 0, count: nonzeros + 1)
        var values = [Double](repeating: 0, count: nonzeros + 1)
        model.termColumns.withUnsafeBufferPointer { columns in
            model.termCoefficients.withUnsafeBufferPointer { coefficients in
                model.rowStarts.withUnsafeBufferPointer { starts in
                    for r in 0 ..< m {
                        let row = Int32(r + 1)
                        for k in starts[r] ..< starts[r + 1] {
                            rowIndices[k + 1] = row
                            columnIndices[k + 1] = columns[k] + 1
                            values[k + 1] = coefficients[k]
                        }
                    }
                }
            }
        }
        glp_load_matrix(pointer, Int32(nonzeros), &rowIndices, &columnIndices, &values)
    }

    deinit {
        glp_delete_prob(pointer)
    }

    /// The first integer variable whose bounds hold no integer, if any: such a MIP is infeasible,
    /// and GLPK must not see the crossed bounds that rounding would give.
    static func integerBoundsConflict(in model: Model) -> VariableID? {
        for j in 0 ..< model.variableCount where model.variableKinds[j] != .continuous {
            let (lower, upper) = model.effectiveBounds(of: VariableID(index: j))
            if lower > upper { return VariableID(index: j) }
        }
        return nil
    }

    static func boundType(_ lower: Double, _ upper: Double) -> (Int32, Double, Double) {
        switch (lower.isFinite, upper.isFinite) {
        case (false, false): return (GLP_FR, 0, 0)
        case (true, false): return (GLP_LO, lower, 0)
        case (false, true): return (GLP_UP, 0, upper)
        // GLP_DB with equal bounds makes glp_simplex fail with GLP_EBOUND.
        case (true, true): return lower == upper ? (GLP_FX, lower, upper) : (GLP_DB, lower, upper)
        }
    }

    var columnCount: Int { Int(glp_get_num_cols(pointer)) }
    var rowCount: Int { Int(glp_get_num_rows(pointer)) }
}
