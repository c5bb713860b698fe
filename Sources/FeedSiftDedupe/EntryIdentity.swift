public import FeedSiftCore

/// Decides which stored item an entry is: the same feed and the same
/// guid/atom:id, else the same link, else the same title and date. An entry
/// seen again under the same key updates its item instead of adding one.
public enum EntryIdentity {
    public static func key(for entry: ParsedEntry) -> String {
        if let id = entry.id, let key = EntryKey.id(id) { return key }
        if let link = entry.link, let key = EntryKey.link(link) { return key }
        let date = (entry.published ?? entry.updated).map { String($0.timeIntervalSince1970) }
        return EntryKey.hash(Fingerprint.hash(entry.title, date, entry.summaryText))
    }
}
