/// Trimming white space from both ends, scalar by scalar, with the sets
/// Foundation's `CharacterSet.whitespaces` and `.whitespacesAndNewlines`
/// name: what `trimmingCharacters(in:)` did before feedsift stopped linking
/// Foundation.
extension StringProtocol {
    /// Without leading and trailing space separators (category Zs) and tabs.
    public func trimmingWhitespace() -> String {
        trimmingScalars(where: WhitespaceTrimming.isWhitespace)
    }

    /// Without leading and trailing separators (Zs, Zl, Zp), tabs, line
    /// feeds, vertical tabs, form feeds, carriage returns and U+0085.
    public func trimmingWhitespaceAndNewlines() -> String {
        trimmingScalars(where: WhitespaceTrimming.isWhitespaceOrNewline)
    }

    /// Without the leading and trailing scalars that `isTrimmed` picks
    /// (`trimmingCharacters(in:)` with any other set).
    public func trimmingScalars(where isTrimmed: (Unicode.Scalar) -> Bool) -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !isTrimmed($0) }) else { return "" }
        let last = scalars.lastIndex(where: { !isTrimmed($0) })!
        // Most strings have nothing to trim: no copy.
        if first == scalars.startIndex && scalars.index(after: last) == scalars.endIndex { return String(self) }
        var trimmed = String.UnicodeScalarView()
        trimmed.append(contentsOf: scalars[first...last])
        return String(trimmed)
    }
}

/// The two sets, by Unicode general category as Foundation defines them;
/// like Foundation's tables they still count U+200B ZERO WIDTH SPACE, a
/// space separator before Unicode 4.0.1.
public enum WhitespaceTrimming {
    public static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "\t" || scalar == "\u{200B}" || scalar.properties.generalCategory == .spaceSeparator
    }

    public static func isWhitespaceOrNewline(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09...0x0D, 0x85, 0x200B: return true
        default:
            switch scalar.properties.generalCategory {
            case .spaceSeparator, .lineSeparator, .paragraphSeparator: return true
            default: return false
            }
        }
    }
}
