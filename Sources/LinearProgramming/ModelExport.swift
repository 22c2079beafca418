/// Writes a ``Model`` in free MPS or CPLEX LP format, so that any user can hand the exact
/// model to glpsol, HiGHS, CBC or another solver.
///
/// Names are made safe for both formats (letters, digits and `!"#$%&()/,.;?@_`'{}|~`, not
/// starting with a digit, a period or a dollar sign); a name that had to change keeps its
/// readable part and gains a numeric suffix only when needed to stay unique. Unnamed variables
/// are `x1, x2, ...` and unnamed constraints `r1, r2, ...` (1-based, as solvers print them).
/// The same model always gives the same bytes.
public enum ModelFormat: String, Sendable, CaseIterable {
    case mps
    case lp
}

public enum ModelExport {
    /// Streams the model to `sink` in chunks of about 1 MiB.
    public static func write(
        _ model: Model, format: ModelFormat, to sink: (UnsafeRawBufferPointer) throws -> Void
    ) throws {
        try model.validate()
        let names = ExportNames(model)
        try withoutActuallyEscaping(sink) { sink in
            var writer = ChunkWriter(sink: sink)
            switch format {
            case .mps: try writeMPS(model, names: names, &writer)
            case .lp: try writeLP(model, names: names, &writer)
            }
            try writer.flush()
        }
    }

    /// The whole file as a string (for tests and small models).
    public static func string(_ model: Model, format: ModelFormat) throws -> String {
        var bytes: [UInt8] = []
        try write(model, format: format) { bytes.append(contentsOf: $0) }
        return String(decoding: bytes, as: UTF8.self)
    }

    // MARK: Free MPS

    private static func writeMPS(_ model: Model, names: ExportNames, _ out: inout ChunkWriter) throws {
        let objective = names.objective
        try out.line("* Free MPS written by the planner's LinearProgramming module")
        try out.line("* \(model.variableCount) columns, \(model.constraintCount) rows, \(model.nonzeroCount) nonzeros")
        if model.objectiveConstant != 0 {
            try out.line("* The objective constant is carried by the fixed variable \(names.constantVariable).")
        }
        try out.line("NAME model")
        if model.sense == .maximize {
            try out.line("OBJSENSE")
            try out.line("    MAX")
        }
        try out.line("ROWS")
        try out.line(" N \(objective)")
        for r in 0 ..< model.constraintCount {
            let lower = model.constraintLower[r], upper = model.constraintUpper[r]
            let type: String
            if lower == upper { type = "E" }
            else if lower.isFinite { type = "G" }
            else if upper.isFinite { type = "L" }
            else { type = "N" }
            try out.line(" \(type) \(names.constraints[r])")
        }
        try out.line("COLUMNS")
        let columns = ColumnMajor(model)
        var inIntegerBlock = false
        var markerCount = 0
        for j in 0 ..< model.variableCount {
            let isInteger = model.variableKinds[j] != .continuous
            if isInteger != inIntegerBlock {
                try out.line(" M\(markerCount) 'MARKER' '\(isInteger ? "INTORG" : "INTEND")'")
                markerCount += 1
                inIntegerBlock = isInteger
            }
            let name = names.variables[j]
            var wroteAny = false
            if model.objectiveCoefficients[j] != 0 {
                try out.line(" \(name) \(objective) \(format(model.objectiveCoefficients[j]))")
                wroteAny = true
            }
            for k in columns.starts[j] ..< columns.starts[j + 1] {
                try out.line(" \(name) \(names.constraints[Int(columns.rows[k])]) \(format(columns.values[k]))")
                wroteAny = true
            }
            if !wroteAny {
                // A column must appear in COLUMNS to exist.
                try out.line(" \(name) \(objective) 0")
            }
        }
        if inIntegerBlock { try out.line(" M\(markerCount) 'MARKER' 'INTEND'") }
        if model.objectiveConstant != 0 {
            // Readers disagree on the sign of a right-hand side on the objective row (glpsol takes
            // it as the constant, CPLEX and HiGHS as its negation), so, as in the LP format, the
            // constant is the cost of a column fixed at 1.
            try out.line(" \(names.constantVariable) \(objective) \(format(model.objectiveConstant))")
        }

        try out.line("RHS")
        for r in 0 ..< model.constraintCount {
            let lower = model.constraintLower[r], upper = model.constraintUpper[r]
            let rhs = lower.isFinite ? lower : (upper.isFinite ? upper : 0)
            if rhs != 0 { try out.line(" RHS \(names.constraints[r]) \(format(rhs))") }
        }
        var wroteRanges = false
        for r in 0 ..< model.constraintCount {
            let lower = model.constraintLower[r], upper = model.constraintUpper[r]
            guard lower.isFinite, upper.isFinite, lower != upper else { continue }
            if !wroteRanges {
                try out.line("RANGES")
                wroteRanges = true
            }
            // On a G row, R widens upward: [rhs, rhs + |R|].
            try out.line(" RNG \(names.constraints[r]) \(format(upper - lower))")
        }
        try out.line("BOUNDS")
        for j in 0 ..< model.variableCount {
            let name = names.variables[j]
            let kind = model.variableKinds[j]
            let (lower, upper) = model.effectiveBounds(of: VariableID(index: j))
            if lower == upper {
                try out.line(" FX BND \(name) \(format(lower))")
                continue
            }
            if lower == -.infinity && upper == .infinity {
                try out.line(" FR BND \(name)")
                continue
            }
            if lower == -.infinity {
                try out.line(" MI BND \(name)")
            } else if lower != 0 || kind != .continuous {
                // Integer columns get explicit bounds: some readers default them to [0, 1].
                try out.line(" LO BND \(name) \(format(lower))")
            }
            if upper.isFinite {
                try out.line(" UP BND \(name) \(format(upper))")
            } else if kind != .continuous {
                try out.line(" PL BND \(name)")
            }
        }
        if model.objectiveConstant != 0 { try out.line(" FX BND \(names.constantVariable) 1") }
        try out.line("ENDATA")
    }

    // MARK: CPLEX LP

    private static func writeLP(_ model: Model, names: ExportNames, _ out: inout ChunkWriter) throws {
        try out.line("\\ CPLEX LP written by the planner's LinearProgramming module")
        try out.line("\\ \(model.variableCount) columns, \(model.constraintCount) rows, \(model.nonzeroCount) nonzeros")
        if model.objectiveConstant != 0 {
            try out.line("\\ The objective constant is carried by the fixed variable \(names.constantVariable).")
        }
        try out.line(model.sense == .minimize ? "Minimize" : "Maximize")
        var line = " \(names.objective):"
        var termsOnLine = 0
        var anyObjectiveTerm = false
        func appendTerm(_ coefficient: Double, _ name: String, _ out: inout ChunkWriter) throws {
            let magnitude = format(abs(coefficient))
            line += coefficient < 0 ? " - \(magnitude) \(name)" : " + \(magnitude) \(name)"
            termsOnLine += 1
            if termsOnLine == 8 {
                try out.line(line)
                line = "   "
                termsOnLine = 0
            }
        }
        for j in 0 ..< model.variableCount where model.objectiveCoefficients[j] != 0 {
            try appendTerm(model.objectiveCoefficients[j], names.variables[j], &out)
            anyObjectiveTerm = true
        }
        if model.objectiveConstant != 0 {
            try appendTerm(model.objectiveConstant, names.constantVariable, &out)
            anyObjectiveTerm = true
        }
        if !anyObjectiveTerm { try appendTerm(0, names.variables[0], &out) }
        // With a multiple of 8 terms the last line is already written.
        if line.contains(where: { $0 != " " }) { try out.line(line) }

        try out.line("Subject To")
        for r in 0 ..< model.constraintCount {
            let lower = model.constraintLower[r], upper = model.constraintUpper[r]
            let range = model.rowStarts[r] ..< model.rowStarts[r + 1]
            // LP format has no ranged rows: a range becomes two rows, name_lo and name_hi.
            let name = names.constraints[r]
            var parts: [(name: String, sense: String, rhs: Double)] = []
            if lower == upper { parts = [(name, "=", lower)] }
            else if lower.isFinite && upper.isFinite, let halves = names.rangeHalves[r] {
                parts = [(halves.lower, ">=", lower), (halves.upper, "<=", upper)]
            }
            else if lower.isFinite { parts = [(name, ">=", lower)] }
            else if upper.isFinite { parts = [(name, "<=", upper)] }
            else {
                // A free row constrains nothing and LP format cannot state one.
                try out.line("\\ free row \(names.constraints[r]) omitted")
                continue
            }
            for part in parts {
                line = " \(part.name):"
                termsOnLine = 0
                if range.isEmpty {
                    try appendTerm(0, names.variables[0], &out)
                }
                for k in range {
                    try appendTerm(model.termCoefficients[k], names.variables[Int(model.termColumns[k])], &out)
                }
                line += " \(part.sense) \(format(part.rhs))"
                try out.line(line)
            }
        }
        try out.line("Bounds")
        for j in 0 ..< model.variableCount {
            let name = names.variables[j]
            let (lower, upper) = model.effectiveBounds(of: VariableID(index: j))
            if lower == upper {
                try out.line(" \(name) = \(format(lower))")
            } else if lower == -.infinity && upper == .infinity {
                try out.line(" \(name) free")
            } else if lower == 0 && upper == .infinity {
                continue
            } else {
                let lowerText = lower == -.infinity ? "-inf" : format(lower)
                let upperText = upper == .infinity ? "+inf" : format(upper)
                try out.line(" \(lowerText) <= \(name) <= \(upperText)")
            }
        }
        if model.objectiveConstant != 0 { try out.line(" \(names.constantVariable) = 1") }
        // Binary variables are written as general integers with explicit bounds, so that
        // bounds tighter than [0, 1] survive.
        var wroteHeader = false
        for j in 0 ..< model.variableCount where model.variableKinds[j] != .continuous {
            if !wroteHeader {
                try out.line("General")
                wroteHeader = true
            }
            try out.line(" \(names.variables[j])")
        }
        try out.line("End")
    }

    /// Every number of the export: the shortest text that reads back as the same Double.
    static func format(_ value: Double) -> String { NumberFormat.shortest(value) }
}

/// The constraint matrix by columns, built in O(nonzeros) by counting.
struct ColumnMajor {
    var starts: [Int]
    var rows: [Int32]
    var values: [Double]

    init(_ model: Model) {
        var counts = [Int](repeating: 0, count: model.variableCount + 1)
        for column in model.termColumns { counts[Int(column) + 1] += 1 }
        for j in 0 ..< model.variableCount { counts[j + 1] += counts[j] }
        starts = counts
        var next = counts
        rows = [Int32](repeating: 0, count: model.nonzeroCount)
        values = [Double](repeating: 0, count: model.nonzeroCount)
        for r in 0 ..< model.constraintCount {
            for k in model.rowStarts[r] ..< model.rowStarts[r + 1] {
                let j = Int(model.termColumns[k])
                rows[next[j]] = Int32(r)
                values[next[j]] = model.termCoefficients[k]
                next[j] += 1
            }
        }
    }
}

/// Names safe for MPS and LP files, unique across variables and constraints of each kind.
struct ExportNames {
    var variables: [String]
    var constraints: [String]
    /// LP-format names of the two halves of each ranged row, `name_lo` and `name_hi` unless taken.
    var rangeHalves: [Int: (lower: String, upper: String)] = [:]
    var objective: String
    var constantVariable: String

    init(_ model: Model) {
        var used = Set<String>(minimumCapacity: model.variableCount + model.constraintCount + 2)
        objective = Self.unique(Self.sanitize(model.objectiveName.isEmpty ? "obj" : model.objectiveName), &used)
        variables = []
        variables.reserveCapacity(model.variableCount)
        for j in 0 ..< model.variableCount {
            let name = model.name(of: VariableID(index: j))
            variables.append(Self.unique(name.isEmpty ? "x\(j + 1)" : Self.sanitize(name), &used))
        }
        constraints = []
        constraints.reserveCapacity(model.constraintCount)
        for r in 0 ..< model.constraintCount {
            let name = model.name(of: ConstraintID(index: r))
            constraints.append(Self.unique(name.isEmpty ? "r\(r + 1)" : Self.sanitize(name), &used))
        }
        // After every row has its name, so that a row really named "name_lo" keeps it.
        for r in 0 ..< model.constraintCount {
            let lower = model.constraintLower[r], upper = model.constraintUpper[r]
            guard lower.isFinite, upper.isFinite, lower != upper else { continue }
            rangeHalves[r] = (Self.unique(constraints[r] + "_lo", &used), Self.unique(constraints[r] + "_hi", &used))
        }
        constantVariable = Self.unique("objective_constant", &used)
    }

    private static let allowed: Set<UInt8> = Set(Array("!\"#$%&()/,.;?@_`'{}|~".utf8))
    private static let keywords: Set<String> = [
        "minimize", "minimum", "min", "maximize", "maximum", "max", "st", "bounds", "bound",
        "general", "generals", "gen", "integer", "integers", "int", "binary", "binaries",
        "bin", "infinity", "inf", "free", "end", "marker", "rhs", "rng", "bnd",
    ]

    static func sanitize(_ name: String) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(name.utf8.count)
        for byte in name.utf8 {
            let isAlphanumeric = (byte >= 48 && byte <= 57) || (byte >= 65 && byte <= 90) || (byte >= 97 && byte <= 122)
            if isAlphanumeric || allowed.contains(byte) { bytes.append(byte) }
            else if byte == UInt8(ascii: "-") || byte == UInt8(ascii: "[") || byte == UInt8(ascii: "]") {
                bytes.append(byte == UInt8(ascii: "-") ? UInt8(ascii: "_") : (byte == UInt8(ascii: "[") ? UInt8(ascii: "(") : UInt8(ascii: ")")))
            } else if byte < 0x80 || bytes.last != UInt8(ascii: "_") {
                bytes.append(UInt8(ascii: "_"))
            }
        }
        // Room for a prefix and a uniqueness suffix within readers' 255-character limit.
        if bytes.count > 240 { bytes.removeSubrange(240...) }
        var result = String(decoding: bytes, as: UTF8.self)
        // Names may not start with a digit or a period, nor with a dollar sign (free MPS readers
        // take a field starting with "$" for a comment), nor read as a keyword or a number with an
        // exponent (e1, E5).
        let startsLikeExponent = bytes.count >= 2 && (bytes[0] | 0x20) == UInt8(ascii: "e") && bytes[1] >= 48 && bytes[1] <= 57
        if let first = bytes.first,
            (first >= 48 && first <= 57) || first == UInt8(ascii: ".") || first == UInt8(ascii: "$") || startsLikeExponent
            || keywords.contains(result.lowercased())
        {
            result = "_" + result
        }
        if result.isEmpty { result = "_" }
        return result
    }

    private static func unique(_ candidate: String, _ used: inout Set<String>) -> String {
        if used.insert(candidate).inserted { return candidate }
        var suffix = 2
        while !used.insert("\(candidate)~\(suffix)").inserted { suffix += 1 }
        return "\(candidate)~\(suffix)"
    }
}

/// Collects text and hands it to a sink in chunks.
struct ChunkWriter {
    let sink: (UnsafeRawBufferPointer) throws -> Void
    var buffer: [UInt8] = []

    init(sink: @escaping (UnsafeRawBufferPointer) throws -> Void) {
        self.sink = sink
        buffer.reserveCapacity(1 << 20)
    }

    mutating func line(_ text: String) throws {
        buffer.append(contentsOf: text.utf8)
        buffer.append(10)
        if buffer.count >= 1 << 20 { try flush() }
    }

    mutating func flush() throws {
        try buffer.withUnsafeBytes { try sink($0) }
        buffer.removeAll(keepingCapacity: true)
    }
}
