extension FoodTable {
    /// `" (did you mean 'lentils'?)"` for the id nearest to a mistyped one, or "" when none is near.
    public static func suggestion(_ wrong: String, among candidates: some Sequence<String>) -> String {
        guard let best = nearest(wrong, among: candidates) else { return "" }
        return " (did you mean '\(best)'?)"
    }

    /// The candidate at the smallest edit distance, if it is at most a third of the word's
    /// length (at least 1, at most 3); ties go to the first in order.
    public static func nearest(_ wrong: String, among candidates: some Sequence<String>) -> String? {
        let word = Array(wrong.lowercased().unicodeScalars)
        guard !word.isEmpty, word.count <= 64 else { return nil }
        let limit = min(3, max(1, word.count / 3))
        var best: (name: String, distance: Int)?
        for candidate in candidates {
            let other = Array(candidate.lowercased().unicodeScalars)
            guard abs(other.count - word.count) <= limit else { continue }
            let distance = editDistance(word, other, limit: best.map { min($0.distance - 1, limit) } ?? limit)
            if let distance, distance < (best?.distance ?? Int.max) { best = (candidate, distance) }
        }
        return best?.name
    }

    /// Edit distance counting a swap of two neighbouring letters as one edit (optimal string
    /// alignment), or nil when it is above `limit`.
    static func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar], limit: Int) -> Int? {
        guard limit >= 0 else { return nil }
        if a.isEmpty || b.isEmpty { return max(a.count, b.count) <= limit ? max(a.count, b.count) : nil }
        var beforePrevious = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0 ... b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1 ... a.count {
            current[0] = i
            var rowMinimum = i
            for j in 1 ... b.count {
                var distance = min(previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1), previous[j] + 1, current[j - 1] + 1)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] { distance = min(distance, beforePrevious[j - 2] + 1) }
                current[j] = distance
                rowMinimum = min(rowMinimum, distance)
            }
            if rowMinimum > limit { return nil }
            (beforePrevious, previous, current) = (previous, current, beforePrevious)
        }
        return previous[b.count] <= limit ? previous[b.count] : nil
    }
}
