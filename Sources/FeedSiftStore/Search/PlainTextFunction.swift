internal import CSQLite
import FeedSiftCore

/// The SQL function `feedsift_text(html)`: the plain text of an item's
/// stored HTML (`SanitizedHTMLText`), NULL when the HTML is NULL or has no
/// text.
///
/// Items store their sanitized HTML and not its text, which the parser
/// derived from the same markup: the text would have been 45 % of what a
/// poll cycle writes. What reads the text in SQL gets it through this
/// function: the search index (its content view `items_search_content`
/// and its triggers), reclassification and boilerplate samples. Every
/// connection registers it, like the search tokenizer; the `sqlite3` shell
/// lacks both, and can read every table but not that view.
enum PlainTextFunction {
    static let name = "feedsift_text"

    /// Registers the function on `connection`, deterministic and without
    /// side effects.
    static func register(on connection: OpaquePointer) -> Int32 {
        sqlite3_create_function_v2(
            connection, name, 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, nil, call, nil, nil, nil)
    }

    private static let call: @convention(c) (OpaquePointer?, Int32, UnsafeMutablePointer<OpaquePointer?>?) -> Void = {
        context, count, arguments in
        guard count == 1, let argument = arguments?[0], sqlite3_value_type(argument) != SQLITE_NULL,
            let bytes = sqlite3_value_text(argument)
        else {
            sqlite3_result_null(context)
            return
        }
        let text = SanitizedHTMLText.plainTextBytes(
            ofUTF8: UnsafeBufferPointer(start: bytes, count: Int(sqlite3_value_bytes(argument))))
        guard !text.isEmpty else {
            sqlite3_result_null(context)
            return
        }
        text.withUnsafeBytes { utf8 in
            // SQLite frees the copy with `sqlite3_free` when done with it.
            guard let source = utf8.baseAddress, let copy = sqlite3_malloc64(sqlite3_uint64(utf8.count)) else {
                sqlite3_result_error_nomem(context)
                return
            }
            copy.copyMemory(from: source, byteCount: utf8.count)
            sqlite3_result_text64(
                context, copy.assumingMemoryBound(to: CChar.self), sqlite3_uint64(utf8.count), sqlite3_free,
                UInt8(SQLITE_UTF8))
        }
    }
}
