/// Headline conventions that change between copies of one story without
/// changing the story: wire prefixes (`UPDATE 1-`, `REFILE-`) and the
/// segments a site adds before or after every headline (`Industry News: …`,
/// `… | Agency Blog`), which `SourceBoilerplate` learns per source.
enum Headline {
    private static let wireMarkers: Set<String> = [
        "update", "wrapup", "refile", "corrected", "correction", "rpt", "repeat", "breaking", "flash", "urgent",
        "exclusive",
    ]

    /// `UPDATE 2-REFILE-Copper rises` → `Copper rises`.
    static func withoutWirePrefix(_ title: String) -> String {
        // Markers are upper-case words: most headlines fail on the second letter.
        var opening = title.utf8.makeIterator()
        guard let first = opening.next(), let second = opening.next(), Dateline.isUpper(first), Dateline.isUpper(second)
        else { return title }
        var rest = Substring(title)
        while let stripped = strippingOneMarker(rest) { rest = stripped }
        return String(rest)
    }

    private static func strippingOneMarker(_ title: Substring) -> Substring? {
        var index = title.startIndex
        while index < title.endIndex, title[index].isLetter { index = title.index(after: index) }
        guard index > title.startIndex, wireMarkers.contains(title[title.startIndex..<index].lowercased()) else {
            return nil
        }
        // Only upper-case markers: "Update on tariffs: …" is a headline.
        guard title[title.startIndex..<index].allSatisfy({ $0.isUppercase }) else { return nil }
        while index < title.endIndex, title[index] == " " || title[index].isNumber { index = title.index(after: index) }
        guard index < title.endIndex, title[index] == "-" || title[index] == ":" else { return nil }
        index = title.index(after: index)
        while index < title.endIndex, title[index] == " " { index = title.index(after: index) }
        return index < title.endIndex ? title[index...] : nil
    }

    /// The parts of a headline separated by ` | `, ` - ` or `: `.
    static func segments(_ title: String) -> [Substring] {
        var result: [Substring] = []
        var start = title.startIndex
        var index = title.startIndex
        while index < title.endIndex {
            let character = title[index]
            let next = title.index(after: index)
            if character == ":" && next < title.endIndex && title[next] == " " {
                result.append(title[start..<index])
                start = title.index(after: next)
                index = start
                continue
            }
            if character == " " && next < title.endIndex && (title[next] == "|" || title[next] == "-") {
                let after = title.index(after: next)
                if after < title.endIndex && title[after] == " " {
                    result.append(title[start..<index])
                    start = title.index(after: after)
                    index = start
                    continue
                }
            }
            index = next
        }
        result.append(title[start...])
        return result.filter { !$0.isEmpty }
    }
}
