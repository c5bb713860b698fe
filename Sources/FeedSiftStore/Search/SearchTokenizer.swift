internal import CSQLite
import FeedSiftCore

/// The FTS5 tokenizer `feedsift`, which the search index uses: words as the
/// rule language splits and folds them (`TextTokenizer`). FTS5's own
/// `unicode61` keeps a run of Han or kana characters as one token, so `稀土`
/// could only be found where a run starts with it; here each such
/// character is a token, and a query's run is a phrase of them.
///
/// Every connection registers it before touching the index (the writer's
/// triggers write to it too). A tool that does not know it, such as the
/// `sqlite3` shell, can read every table but cannot query or change the
/// search index.
enum SearchTokenizer {
    static let name = "feedsift"

    /// Registers the tokenizer on `connection`.
    static func register(on connection: OpaquePointer) -> Int32 {
        guard let api = fts5API(connection) else { return SQLITE_ERROR }
        var tokenizer = fts5_tokenizer(xCreate: create, xDelete: delete, xTokenize: tokenize)
        // FTS5 copies the name and the structure.
        return api.pointee.xCreateTokenizer(api, name, nil, &tokenizer, nil)
    }

    /// The connection's FTS5 API, fetched as SQLite documents it: a pointer
    /// handed out through `SELECT fts5(?1)`.
    private static func fts5API(_ connection: OpaquePointer) -> UnsafeMutablePointer<fts5_api>? {
        var statement: OpaquePointer?
        guard sqlite3_prepare_v2(connection, "SELECT fts5(?1)", -1, &statement, nil) == SQLITE_OK else { return nil }
        defer { sqlite3_finalize(statement) }
        var api: UnsafeMutablePointer<fts5_api>?
        withUnsafeMutablePointer(to: &api) { slot in
            // The type tag must outlive the statement: a static string.
            let tag = UnsafeRawPointer(pointerTypeTag.utf8Start).assumingMemoryBound(to: CChar.self)
            sqlite3_bind_pointer(statement, 1, slot, tag, nil)
            sqlite3_step(statement)
        }
        return api
    }

    private static let pointerTypeTag: StaticString = "fts5_api_ptr"

    /// The tokenizer keeps no state: an instance is a one-byte allocation,
    /// so that FTS5 has a pointer to hand back, freed with the instance.
    private static let create:
        @convention(c) (
            UnsafeMutableRawPointer?, UnsafeMutablePointer<UnsafePointer<CChar>?>?, Int32,
            UnsafeMutablePointer<OpaquePointer?>?
        ) -> Int32 = { _, _, _, output in
            output?.pointee = OpaquePointer(UnsafeMutableRawPointer.allocate(byteCount: 1, alignment: 1))
            return SQLITE_OK
        }

    private static let delete: @convention(c) (OpaquePointer?) -> Void = { instance in
        UnsafeMutableRawPointer(instance)?.deallocate()
    }

    private static let tokenize:
        @convention(c) (
            OpaquePointer?, UnsafeMutableRawPointer?, Int32, UnsafePointer<CChar>?, Int32,
            (@convention(c) (UnsafeMutableRawPointer?, Int32, UnsafePointer<CChar>?, Int32, Int32, Int32) -> Int32)?
        ) -> Int32 = { _, context, _, text, count, emit in
            guard let text, count > 0, let emit else { return SQLITE_OK }
            let bytes = UnsafeRawBufferPointer(start: text, count: Int(count)).bindMemory(to: UInt8.self)
            // SQLite hands over the stored text as written, valid UTF-8;
            // should it not be, the repaired text's offsets are clamped.
            let string = String(validating: bytes, as: UTF8.self) ?? String(decoding: bytes, as: UTF8.self)
            var result = SQLITE_OK
            TextTokenizer.forEachWord(in: string) { word in
                guard result == SQLITE_OK, let folded = word.folded.baseAddress else { return }
                let start = Int32(min(word.utf8Range.lowerBound, Int(count)))
                let end = Int32(min(word.utf8Range.upperBound, Int(count)))
                result = folded.withMemoryRebound(to: CChar.self, capacity: word.folded.count) {
                    emit(context, 0, $0, Int32(word.folded.count), start, end)
                }
            }
            return result
        }
}
