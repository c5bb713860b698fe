/// A table of text with aligned columns, fitted to the terminal width:
/// when it is too wide, the flexible columns (titles, errors) give up room
/// first, down to a minimum, and cut cells end in `…`.
///
/// Widths count terminal cells: wide (East Asian) characters take two,
/// combining marks none.
struct TextTable {
    struct Column {
        var header: String
        var alignRight = false
        /// May shrink below its content's width to fit the terminal.
        var flexible = false
        var minimumWidth = 8
    }

    struct Cell {
        var text: String
        var style: TextStyle = .plain
    }

    var columns: [Column]
    var rows: [[Cell]] = []

    init(_ columns: [Column]) {
        self.columns = columns
    }

    mutating func append(_ cells: [Cell]) {
        rows.append(cells)
    }

    /// The table with a header line, each line ending in a newline;
    /// trailing spaces are trimmed.
    func rendered(for terminal: Terminal) -> String {
        let gap = 2
        var widths = columns.indices.map { index in
            rows.reduce(Self.width(of: columns[index].header)) { max($0, Self.width(of: $1[index].text)) }
        }
        var excess = widths.reduce(0, +) + gap * max(columns.count - 1, 0) - terminal.width
        // Shrink the widest flexible column first, a cell at a time, so the
        // room is shared fairly.
        while excess > 0 {
            let candidates = columns.indices.filter {
                columns[$0].flexible && widths[$0] > max(columns[$0].minimumWidth, Self.width(of: columns[$0].header))
            }
            guard let widest = candidates.max(by: { widths[$0] < widths[$1] }) else { break }
            widths[widest] -= 1
            excess -= 1
        }
        var out = ""
        let header = columns.indices.map { Cell(text: columns[$0].header, style: .bold) }
        for cells in [header] + rows {
            var line = ""
            for index in columns.indices {
                let text = Self.truncate(cells[index].text, to: widths[index])
                let padding = String(repeating: " ", count: widths[index] - Self.width(of: text))
                let isLast = index == columns.count - 1
                let styled = terminal.styled(text, cells[index].style)
                line += columns[index].alignRight ? padding + styled : styled + (isLast ? "" : padding)
                if !isLast { line += String(repeating: " ", count: gap) }
            }
            while line.last == " " { line.removeLast() }
            out += line + "\n"
        }
        return out
    }

    /// Terminal cells `text` takes.
    static func width(of text: String) -> Int {
        text.unicodeScalars.reduce(0) { $0 + width(of: $1) }
    }

    private static func width(of scalar: Unicode.Scalar) -> Int {
        let value = scalar.value
        if value < 0x20 || (0x7F..<0xA0).contains(value) { return 0 }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format: return 0
        default: break
        }
        // East Asian wide and fullwidth ranges (CJK, Hangul, kana, fullwidth forms, emoji).
        let wide: [ClosedRange<UInt32>] = [
            0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF,
            0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x1F300...0x1F64F,
            0x1F900...0x1F9FF, 0x20000...0x3FFFD,
        ]
        return wide.contains { $0.contains(value) } ? 2 : 1
    }

    /// `text` cut to `width` cells, ending in `…` when cut; newlines and
    /// tabs become spaces so a cell stays on its line.
    static func truncate(_ text: String, to width: Int) -> String {
        let flat = String(text.map { $0.isNewline || $0 == "\t" ? " " : $0 })
        guard Self.width(of: flat) > width else { return flat }
        guard width > 0 else { return "" }
        var out = ""
        var used = 0
        for character in flat {
            let cells = Self.width(of: String(character))
            if used + cells > width - 1 { break }
            out.append(character)
            used += cells
        }
        return out + "…"
    }
}
