/// The form of an item's key within its feed (`NewItem.entryKey`): "id:"
/// and the entry's guid or atom:id, else "link:" and its link, both
/// without surrounding white space, else "hash:" and a digest of its title
/// and date.
///
/// Deduplication decides which of these an entry gets; the store relies on
/// the form to find an item by the id or link a user names, through the
/// (feed, key) index, so both build keys here.
public enum EntryKey {
    /// The key of an entry with this guid or atom:id; nil when it is blank.
    public static func id(_ id: String) -> String? {
        prefixed("id:", id)
    }

    /// The key of an entry without an id, by its link; nil when it is blank.
    public static func link(_ link: String) -> String? {
        prefixed("link:", link)
    }

    /// The key of an entry with neither id nor link.
    public static func hash(_ digest: String) -> String {
        "hash:" + digest
    }

    private static func prefixed(_ prefix: String, _ value: String) -> String? {
        // By Character, as keys have always been trimmed (not by scalar, as
        // `trimmingWhitespace` does): a stored key must come out the same.
        var view = Substring(value)
        while let first = view.first, first.isWhitespace { view.removeFirst() }
        while let last = view.last, last.isWhitespace { view.removeLast() }
        return view.isEmpty ? nil : prefix + view
    }
}
