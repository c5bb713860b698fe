/// Keeps the harmless part of a `style` attribute: declarations of
/// presentational properties whose values are plain keywords, numbers,
/// lengths and colours. Anything that can fetch (`url(`, `@import`,
/// `image-set(`) or execute (`expression(`, `behavior`, `-moz-binding`),
/// and any escape or comment that could hide those, removes the declaration.
enum CSSFilter {
    static func clean(_ style: String) -> String? {
        var kept: [String] = []
        for declaration in style.split(separator: ";") {
            guard let colon = declaration.firstIndex(of: ":") else { continue }
            let property = declaration[..<colon].trimming(" \t\r\n").lowercased()
            let value = declaration[declaration.index(after: colon)...].trimming(" \t\r\n")
            guard allowedProperties.contains(property) || allowedPrefixes.contains(where: { property.hasPrefix($0) }),
                !value.isEmpty, value.unicodeScalars.allSatisfy(isSafeValueCharacter)
            else { continue }
            let lower = value.lowercased()
            if lower.contains("url") || lower.contains("expression") || lower.contains("image") { continue }
            kept.append("\(property): \(value)")
        }
        return kept.isEmpty ? nil : kept.joined(separator: "; ")
    }

    private static let allowedProperties: Set<String> = [
        "color", "background-color", "font-weight", "font-style", "font-size", "font-family", "font-variant",
        "text-align", "text-decoration", "text-indent", "text-transform", "vertical-align", "white-space",
        "letter-spacing", "word-spacing", "line-height", "width", "height", "max-width", "min-width", "float",
        "clear", "display", "list-style-type", "border-collapse", "border-spacing", "direction",
    ]
    private static let allowedPrefixes = ["margin", "padding", "border"]

    /// Letters, digits, spaces and `# % . , - + ' "`; no parentheses except in colour functions is too
    /// subtle to check here, so `rgb(…)` is allowed only through its characters below.
    private static func isSafeValueCharacter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "a"..."z", "A"..."Z", "0"..."9", " ", "#", "%", ".", ",", "-", "+", "'", "\"", "(", ")": return true
        default: return false
        }
    }
}
