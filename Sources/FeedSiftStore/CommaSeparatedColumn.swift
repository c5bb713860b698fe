/// The store's comma-separated columns: a story's or item's category slugs,
/// a feed's publication times. Split on the comma byte (empty parts left
/// out), the same parts as splitting by characters gives for their ASCII
/// contents, without finding grapheme clusters: the columns are read for
/// every listed story and item and every feed at each cycle's due check.
enum CommaSeparatedColumn {
    static func parts(_ text: String) -> [Substring] {
        text.utf8.split(separator: UInt8(ascii: ",")).map { Substring($0) }
    }

    static func strings(_ text: String) -> [String] {
        text.utf8.split(separator: UInt8(ascii: ",")).map { String(Substring($0)) }
    }
}
