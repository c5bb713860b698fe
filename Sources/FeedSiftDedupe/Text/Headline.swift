import FeedSiftCore

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
        var copy = title
        if let bounds = copy.withUTF8(asciiSegmentBounds) {
            return bounds.map { title.substring(utf8Range: $0) }
        }
        return characterSegments(title)
    }

    /// `segments` of an ASCII headline (most of them), as byte ranges, in
    /// one pass over its bytes: walking a string by `Character` costs
    /// grapheme breaking at every step. In ASCII every byte is a character
    /// of its own except CR LF, which is no separator and so splits nothing
    /// differently. Nil for any other headline.
    private static func asciiSegmentBounds(_ bytes: UnsafeBufferPointer<UInt8>) -> [Range<Int>]? {
        var result: [Range<Int>] = []
        var start = 0
        var index = 0
        let space = UInt8(ascii: " ")
        while index < bytes.count {
            let byte = bytes[index]
            if byte >= 0x80 { return nil }
            let next = index + 1
            if byte == UInt8(ascii: ":") && next < bytes.count && bytes[next] == space {
                if start < index { result.append(start..<index) }
                start = next + 1
                index = start
                continue
            }
            if byte == space && next < bytes.count
                && (bytes[next] == UInt8(ascii: "|") || bytes[next] == UInt8(ascii: "-")),
                next + 1 < bytes.count && bytes[next + 1] == space
            {
                if start < index { result.append(start..<index) }
                start = next + 2
                index = start
                continue
            }
            index = next
        }
        if start < bytes.count { result.append(start..<bytes.count) }
        return result
    }

    /// `segments` by characters, for headlines with non-ASCII text.
    static func characterSegments(_ title: String) -> [Substring] {
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
