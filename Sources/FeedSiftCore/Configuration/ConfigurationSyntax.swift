/// A `[section]` or `[section "name"]` with the entries written under it.
/// Entries of one section always come from one file: an included file
/// starts outside any section, and the including file resumes its own.
struct RawSection {
    var kind: String
    var name: String?
    /// The `[` of the header.
    var location: SourceLocation
    var kindLocation: SourceLocation
    /// The opening quote of the name.
    var nameLocation: SourceLocation?
    /// Absolute directory of the file, for relative paths.
    var directory: String
    var entries: [RawEntry] = []

    /// `[feed "mofcom"]` or `[fetch]`, as messages show it.
    var title: String {
        guard let name else { return "[\(kind)]" }
        return "[\(kind) \"\(name)\"]"
    }
}

/// `key = value`, with the value as written: comment and surrounding
/// blanks removed, quotes kept (the key decides whether they go).
struct RawEntry {
    var key: String
    var keyLocation: SourceLocation
    var value: String
    var valueLocation: SourceLocation

    /// The value without its quotes when it is wholly in double quotes
    /// (`"a \"b\""` → `a "b"`), else as written.
    var unquotedValue: String {
        let scalars = Array(value.unicodeScalars)
        guard scalars.first == "\"" else { return value }
        var result = String.UnicodeScalarView()
        var index = 1
        while index < scalars.count {
            let scalar = scalars[index]
            if scalar == "\\", index + 1 < scalars.count {
                result.append(scalars[index + 1])
                index += 2
                continue
            }
            if scalar == "\"" {
                return index == scalars.count - 1 ? String(result) : value
            }
            result.append(scalar)
            index += 1
        }
        return value
    }
}

/// One meaningful line of a configuration file.
enum ConfigurationStatement {
    case section(RawSection)
    case entry(RawEntry)
}

/// Turns the text of one configuration file into statements, reporting
/// malformed lines. Columns count Unicode scalars from 1.
enum ConfigurationSyntax {
    static func parse(
        _ text: String, file: String, directory: String, diagnostics: inout [Diagnostic]
    ) -> [ConfigurationStatement] {
        var statements: [ConfigurationStatement] = []
        var lineNumber = 0
        // Lines split on the line-feed byte, a carriage return before it
        // dropped: the same lines as splitting on "\n" and "\r\n"
        // characters, without finding grapheme clusters.
        for bytes in text.utf8.split(separator: 0x0A, omittingEmptySubsequences: false) {
            lineNumber += 1
            let line = Substring(bytes.last == 0x0D ? bytes.dropLast() : bytes)
            var scalars = Array(line.unicodeScalars)
            if lineNumber == 1, scalars.first == "\u{FEFF}" { scalars[0] = " " }
            var parser = LineParser(scalars: scalars, file: file, line: lineNumber, directory: directory)
            if let statement = parser.parse() {
                statements.append(statement)
            }
            diagnostics.append(contentsOf: parser.diagnostics)
        }
        return statements
    }
}

private struct LineParser {
    let scalars: [Unicode.Scalar]
    let file: String
    let line: Int
    let directory: String
    var index = 0
    var diagnostics: [Diagnostic] = []

    init(scalars: [Unicode.Scalar], file: String, line: Int, directory: String) {
        self.scalars = scalars
        self.file = file
        self.line = line
        self.directory = directory
    }

    mutating func parse() -> ConfigurationStatement? {
        skipBlanks()
        guard index < scalars.count else { return nil }
        let first = scalars[index]
        if first == "#" || first == ";" { return nil }
        if first == "[" { return parseSectionHeader() }
        if isKeyCharacter(first) { return parseEntry() }
        fail(at: index, "expected a key, a [section] or a comment, found '\(first)'")
        return nil
    }

    private mutating func parseSectionHeader() -> ConfigurationStatement? {
        let open = index
        index += 1
        skipBlanks()
        let kindStart = index
        while index < scalars.count, isKeyCharacter(scalars[index]) { index += 1 }
        guard index > kindStart else {
            fail(at: index, "expected a section name after '['")
            return nil
        }
        let kind = text(kindStart..<index)
        skipBlanks()
        var name: String?
        var nameLocation: SourceLocation?
        if index < scalars.count, scalars[index] == "\"" {
            let quote = index
            guard let closing = closingQuote(after: quote) else {
                fail(
                    at: quote,
                    "expected '\"' to close the name of [\(kind)] started at \(location(quote).lineAndColumn)")
                return nil
            }
            name = unescaped(quote + 1..<closing)
            nameLocation = location(quote)
            index = closing + 1
            skipBlanks()
        } else if index < scalars.count, isKeyCharacter(scalars[index]) {
            fail(at: index, "section names are quoted: write [\(kind) \"\(restOfName())\"]")
            return nil
        }
        guard index < scalars.count, scalars[index] == "]" else {
            fail(at: index, "expected ']' to close '[' at \(location(open).lineAndColumn)")
            return nil
        }
        index += 1
        skipBlanks()
        if index < scalars.count, scalars[index] != "#", scalars[index] != ";" {
            fail(at: index, "unexpected text after ']'")
        }
        return .section(
            RawSection(
                kind: kind, name: name, location: location(open), kindLocation: location(kindStart),
                nameLocation: nameLocation, directory: directory))
    }

    private mutating func parseEntry() -> ConfigurationStatement? {
        let keyStart = index
        while index < scalars.count, isKeyCharacter(scalars[index]) { index += 1 }
        let key = text(keyStart..<index)
        skipBlanks()
        guard index < scalars.count, scalars[index] == "=" else {
            fail(at: index, "expected '=' after key \"\(key)\"")
            return nil
        }
        index += 1
        skipBlanks()
        let valueStart = index
        var end = scalars.count
        var openQuote: Int?
        var cursor = valueStart
        while cursor < scalars.count {
            let scalar = scalars[cursor]
            if openQuote != nil {
                if scalar == "\\" {
                    cursor += 2
                    continue
                }
                if scalar == "\"" { openQuote = nil }
            } else if scalar == "\"" {
                openQuote = cursor
            } else if scalar == "#" || scalar == ";", cursor == valueStart || isBlank(scalars[cursor - 1]) {
                end = cursor
                break
            }
            cursor += 1
        }
        if let openQuote {
            // In a query the quote opens a phrase; the rule compiler reports
            // it in its own words, so the value runs to the end of the line.
            guard SectionKind.queryKeys.contains(key) else {
                fail(at: openQuote, "expected '\"' to close the quote in the value of \"\(key)\"")
                return nil
            }
            end = scalars.count
        }
        while end > valueStart, isBlank(scalars[end - 1]) { end -= 1 }
        return .entry(
            RawEntry(
                key: key, keyLocation: location(keyStart), value: text(valueStart..<end),
                valueLocation: location(valueStart)))
    }

    /// Index of the quote closing the one at `open`, honouring `\"`.
    private func closingQuote(after open: Int) -> Int? {
        var cursor = open + 1
        while cursor < scalars.count {
            if scalars[cursor] == "\\" {
                cursor += 2
                continue
            }
            if scalars[cursor] == "\"" { return cursor }
            cursor += 1
        }
        return nil
    }

    private func restOfName() -> String {
        var end = index
        while end < scalars.count, scalars[end] != "]" { end += 1 }
        return text(index..<end).trimmingBlanks()
    }

    private func unescaped(_ range: Range<Int>) -> String {
        var result = String.UnicodeScalarView()
        var cursor = range.lowerBound
        while cursor < range.upperBound {
            if scalars[cursor] == "\\", cursor + 1 < range.upperBound { cursor += 1 }
            result.append(scalars[cursor])
            cursor += 1
        }
        return String(result)
    }

    private mutating func skipBlanks() {
        while index < scalars.count, isBlank(scalars[index]) { index += 1 }
    }

    private func text(_ range: Range<Int>) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(range.count)
        for scalar in scalars[range] {
            UTF8.encode(scalar) { bytes.append($0) }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private func location(_ offset: Int) -> SourceLocation {
        SourceLocation(file: file, line: line, column: offset + 1)
    }

    private mutating func fail(at offset: Int, _ message: String) {
        diagnostics.append(Diagnostic(location: location(offset), message: message))
    }

    private func isBlank(_ scalar: Unicode.Scalar) -> Bool { scalar == " " || scalar == "\t" }

    private func isKeyCharacter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "a"..."z", "A"..."Z", "0"..."9", "-", "_", ".": return true
        default: return false
        }
    }
}

extension SourceLocation {
    /// `12:3`, for messages that point back to an earlier token in the same file.
    var lineAndColumn: String { "\(line):\(column)" }
}

extension String {
    func trimmingBlanks() -> String {
        var scalars = Substring(self).unicodeScalars
        while let first = scalars.first, first == " " || first == "\t" { scalars.removeFirst() }
        while let last = scalars.last, last == " " || last == "\t" { scalars.removeLast() }
        return String(scalars)
    }
}
