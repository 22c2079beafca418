/// Fixed-width text for terminals. Widths count Characters; colours are added after layout, so
/// they never change what fits.
struct TextLayout {
    enum Style {
        case bold, good, bad
    }

    let width: Int
    let color: Bool

    init(width: Int, color: Bool) {
        self.width = max(width, 40)
        self.color = color
    }

    func paint(_ text: String, _ style: Style?) -> String {
        guard color, let style, !text.isEmpty else { return text }
        let code: String
        switch style {
        case .bold: code = "1"
        case .good: code = "32"
        case .bad: code = "31"
        }
        return "\u{1B}[\(code)m\(text)\u{1B}[0m"
    }

    static func truncate(_ text: String, to length: Int) -> String {
        guard text.count > length else { return text }
        guard length > 1 else { return length == 1 ? "…" : "" }
        return String(text.prefix(length - 1)) + "…"
    }

    static func pad(_ text: String, to length: Int, right: Bool = false) -> String {
        let fill = String(repeating: " ", count: max(0, length - text.count))
        return right ? fill + text : text + fill
    }

    /// Words of `text` in lines of at most `width` characters, the first prefixed by `first`,
    /// the others by `rest`. A word longer than a line is cut.
    func wrap(_ text: String, first: String = "", rest: String = "") -> [String] {
        var lines: [String] = []
        var line = first
        var lineHasWord = false
        for word in text.split(separator: " ", omittingEmptySubsequences: true) {
            var word = String(word)
            let room = width - line.count - (lineHasWord ? 1 : 0)
            if word.count <= room {
                line += (lineHasWord ? " " : "") + word
                lineHasWord = true
                continue
            }
            if lineHasWord {
                lines.append(line)
                line = rest
                lineHasWord = false
            }
            while word.count > width - line.count {
                let cut = max(1, width - line.count)
                lines.append(line + word.prefix(cut))
                word = String(word.dropFirst(cut))
                line = rest
            }
            if !word.isEmpty {
                line += word
                lineHasWord = true
            }
        }
        if lineHasWord || lines.isEmpty { lines.append(line) }
        return lines
    }

    struct Column {
        var title: String
        var right = false
        /// Shrunk (its cells cut with …) when the table is too wide.
        var flexible = false
    }

    struct Cell {
        var text: String
        var style: Style?
        init(_ text: String, _ style: Style? = nil) {
            self.text = text
            self.style = style
        }
    }

    /// Width of a table with these columns and rows, two spaces between columns.
    static func naturalWidths(_ columns: [Column], _ rows: [[Cell]]) -> [Int] {
        columns.indices.map { index in
            rows.reduce(columns[index].title.count) { max($0, index < $1.count ? $1[index].text.count : 0) }
        }
    }

    /// An aligned table with a bold title row, indented by `indent` spaces, at most `width` wide.
    func table(_ columns: [Column], _ rows: [[Cell]], indent: Int = 0) -> [String] {
        var widths = Self.naturalWidths(columns, rows)
        let gap = 2
        var total = indent + widths.reduce(0, +) + gap * max(0, columns.count - 1)
        // Shrink the widest flexible column, one character at a time, down to 6.
        while total > width {
            let candidates = columns.indices.filter { columns[$0].flexible && widths[$0] > 6 }
            guard let widest = candidates.max(by: { (widths[$0], $1) < (widths[$1], $0) }) else { break }
            widths[widest] -= 1
            total -= 1
        }
        func line(_ cells: [Cell], title: Bool) -> String {
            var visible = String(repeating: " ", count: indent)
            var painted = visible
            for index in columns.indices {
                let cell = index < cells.count ? cells[index] : Cell("")
                let last = index == columns.count - 1
                var text = Self.truncate(cell.text, to: widths[index])
                if !(last && !columns[index].right) { text = Self.pad(text, to: widths[index], right: columns[index].right) }
                let separator = last ? "" : String(repeating: " ", count: gap)
                visible += text + separator
                let style = title ? Style.bold : cell.style
                // Paint only the text, not its padding.
                if let style, color {
                    let trimmed = text.trimmingSpaces
                    let leading = String(text.prefix { $0 == " " })
                    let trailing = String(repeating: " ", count: text.count - leading.count - trimmed.count)
                    painted += leading + paint(trimmed, style) + trailing + separator
                } else {
                    painted += text + separator
                }
            }
            visible = visible.trimmingTrailingSpaces
            if visible.count > width { return Self.truncate(visible, to: width) }
            return color ? painted.trimmingTrailingSpaces : visible
        }
        return [line(columns.map { Cell($0.title) }, title: true)] + rows.map { line($0, title: false) }
    }
}

extension String {
    var trimmingTrailingSpaces: String {
        var text = self
        while text.last == " " { text.removeLast() }
        return text
    }

    var trimmingSpaces: String {
        var text = trimmingTrailingSpaces
        while text.first == " " { text.removeFirst() }
        return text
    }
}
