public import FeedSiftCore

/// Decides which stored item an entry is: the same feed and the same
/// guid/atom:id, else the same link, else the same title and date. An entry
/// seen again under the same key updates its item instead of adding one.
public enum EntryIdentity {
    public static func key(for entry: ParsedEntry) -> String {
        if let id = entry.id?.trimmed, !id.isEmpty { return "id:" + id }
        if let link = entry.link?.trimmed, !link.isEmpty { return "link:" + link }
        let date = (entry.published ?? entry.updated).map { String($0.timeIntervalSince1970) }
        return "hash:" + Fingerprint.hash(entry.title, date, entry.summaryText)
    }
}

extension String {
    var trimmed: String {
        var view = Substring(self)
        while let first = view.first, first.isWhitespace { view.removeFirst() }
        while let last = view.last, last.isWhitespace { view.removeLast() }
        return String(view)
    }
}
