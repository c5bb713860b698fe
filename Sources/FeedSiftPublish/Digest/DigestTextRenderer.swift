/// The digest as plain text: the `text/plain` part and the `.txt` file,
/// for reading in a terminal or a text-only mail client. Lines are wrapped
/// at 72 columns except links, which are never broken.
enum DigestTextRenderer {
    static let width = 72

    static func render(_ content: DigestContent, heading: DigestHeading) -> String {
        var out = heading.title + "\n"
        out += wrap(heading.period, indent: "")
        for section in content.sections {
            let title = "\(section.label) (\(section.entries.count))"
            out += "\n\(title)\n\(String(repeating: "-", count: min(title.count, width)))\n"
            for entry in section.entries {
                out += "\n" + wrap((entry.isUpdate ? "[updated] " : "") + entry.title, indent: "  ", first: "* ")
                if !entry.summary.isEmpty { out += wrap(entry.summary, indent: "  ") }
                if let link = entry.link { out += "  \(link)\n" }
                out += wrap(entry.sourcesLine, indent: "  ")
            }
        }
        out += "\n-- \nWritten by feedsift. Stories are grouped by category, highest score first.\n"
        return out
    }

    /// `text` broken into lines of at most `width` columns at spaces, each
    /// line after the first starting with `indent`.
    static func wrap(_ text: String, indent: String, first: String? = nil) -> String {
        var out = ""
        var line = first ?? indent
        var lineHasWord = false
        for word in text.split(whereSeparator: \.isWhitespace) {
            if lineHasWord && line.count + 1 + word.count > width {
                out += line + "\n"
                line = indent
                lineHasWord = false
            }
            line += (lineHasWord ? " " : "") + word
            lineHasWord = true
        }
        return out + line + "\n"
    }
}
