/// What an HTML element's tags put between the text before them and the
/// text after them, in plain text: nothing (inline elements), a space
/// (table cells, images), a line break (`br`) or a paragraph break (block
/// elements). Ordered: where several tags meet, the strongest wins.
///
/// The one table of it: the parser's text (`HTMLProcessor`, in
/// FeedSiftParse) and the text recovered from stored HTML
/// (`SanitizedHTMLText`) both read it, so the two cannot drift apart.
public enum HTMLTextBoundary: UInt8, Comparable, Sendable {
    case none = 0
    case space
    case line
    case paragraph

    public static func < (lhs: HTMLTextBoundary, rhs: HTMLTextBoundary) -> Bool { lhs.rawValue < rhs.rawValue }

    /// The boundary of the element named `name` (lower case).
    public static func of(element name: String) -> HTMLTextBoundary { table[name] ?? .none }

    private static let table: [String: HTMLTextBoundary] = {
        var table: [String: HTMLTextBoundary] = [:]
        let paragraphs = [
            "address", "article", "aside", "blockquote", "caption", "center", "dd", "details", "dir", "div", "dl",
            "dt", "figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "li",
            "menu", "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "tfoot", "thead", "tr", "ul",
            "main", "fieldset", "legend", "listing", "multicol", "hr", "audio", "video",
            // Removed by the sanitizer, their text kept as a paragraph.
            "iframe", "object", "form",
        ]
        for name in paragraphs { table[name] = .paragraph }
        table["br"] = .line
        for name in ["td", "th", "img"] { table[name] = .space }
        return table
    }()
}
