/// The database schema as numbered migrations, applied in order and
/// recorded in `PRAGMA user_version`.
///
/// Never edit a migration that has shipped: add the next one. A database
/// whose version is higher than the last known migration was written by a
/// newer feedsift and is refused rather than misread.
enum Migrations {
    static let all: [String] = [
        // 1: feeds with their polling state, items, stories.
        """
        CREATE TABLE feeds (
            id                   INTEGER PRIMARY KEY,
            name                 TEXT NOT NULL UNIQUE,
            configured_url       TEXT NOT NULL,
            url                  TEXT NOT NULL,
            active               INTEGER NOT NULL DEFAULT 1,
            title                TEXT,
            site_link            TEXT,
            etag                 TEXT,
            last_modified        TEXT,
            polling_hints        TEXT,
            last_fetch_at        REAL,
            last_success_at      REAL,
            last_status          INTEGER,
            last_error           TEXT,
            consecutive_failures INTEGER NOT NULL DEFAULT 0,
            fetch_count          INTEGER NOT NULL DEFAULT 0,
            not_modified_count   INTEGER NOT NULL DEFAULT 0,
            unconditional_count  INTEGER NOT NULL DEFAULT 0,
            next_poll_at         REAL,
            interval_seconds     REAL,
            interval_reason      TEXT,
            disabled_reason      TEXT
        );

        CREATE TABLE stories (
            id                     INTEGER PRIMARY KEY,
            uid                    TEXT NOT NULL UNIQUE,
            title                  TEXT NOT NULL DEFAULT '',
            representative_item_id INTEGER,
            first_seen             REAL NOT NULL,
            updated                REAL NOT NULL,
            published              REAL,
            score                  INTEGER NOT NULL DEFAULT 0,
            categories             TEXT NOT NULL DEFAULT '',
            item_count             INTEGER NOT NULL DEFAULT 0,
            visible                INTEGER NOT NULL DEFAULT 0
        );
        CREATE INDEX stories_updated ON stories(updated);
        CREATE INDEX stories_first_seen ON stories(first_seen);

        CREATE TABLE story_categories (
            story_id INTEGER NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
            category TEXT NOT NULL,
            PRIMARY KEY (category, story_id)
        ) WITHOUT ROWID;
        CREATE INDEX story_categories_story ON story_categories(story_id);

        CREATE TABLE items (
            id               INTEGER PRIMARY KEY,
            feed_id          INTEGER NOT NULL REFERENCES feeds(id),
            entry_key        TEXT NOT NULL,
            entry_id         TEXT,
            link             TEXT,
            canonical_url    TEXT,
            title            TEXT NOT NULL DEFAULT '',
            summary_html     TEXT,
            content_html     TEXT,
            summary_text     TEXT,
            content_text     TEXT,
            authors          TEXT NOT NULL DEFAULT '[]',
            entry_categories TEXT NOT NULL DEFAULT '[]',
            enclosures       TEXT NOT NULL DEFAULT '[]',
            published        REAL,
            updated          REAL,
            first_seen       REAL NOT NULL,
            last_seen        REAL NOT NULL,
            content_hash     TEXT NOT NULL,
            story_id         INTEGER NOT NULL REFERENCES stories(id),
            copy_of          INTEGER REFERENCES items(id),
            join_reason      TEXT,
            categories       TEXT NOT NULL DEFAULT '',
            score            INTEGER NOT NULL DEFAULT 0,
            dropped          INTEGER NOT NULL DEFAULT 0,
            UNIQUE (feed_id, entry_key)
        );
        CREATE INDEX items_story ON items(story_id);
        CREATE INDEX items_first_seen ON items(first_seen);
        """,
        // 2: digest bookkeeping. One row per written (or skipped) day with
        // the window it covered, so `feedsift digest --date` rebuilds the
        // same content, and its delivery state, so a delivery is retried
        // across restarts and never repeated once sent. `digest_schedule`
        // remembers when digests began, so only days due after that count
        // as missed.
        """
        CREATE TABLE digests (
            day                TEXT PRIMARY KEY,
            window_start       REAL NOT NULL,
            cutoff             REAL NOT NULL,
            written_at         REAL NOT NULL,
            stories            INTEGER NOT NULL,
            path               TEXT,
            message_id         TEXT,
            delivery_state     TEXT NOT NULL DEFAULT 'none',
            delivery_attempts  INTEGER NOT NULL DEFAULT 0,
            next_attempt_at    REAL,
            last_attempt_at    REAL,
            last_error         TEXT,
            sent_at            REAL
        );
        CREATE INDEX digests_cutoff ON digests(cutoff);
        CREATE TABLE digest_schedule (
            id              INTEGER PRIMARY KEY CHECK (id = 1),
            tracking_since  REAL NOT NULL
        );
        """,
        // 3: full-text search over items' title and text (content, else
        // summary) for the control server's `search`. External content: the
        // index keeps only postings. New items are indexed in batches after
        // each poll cycle (`indexSearchBacklog`), not as they are stored, so
        // tokenizing text never delays a feed's transaction; `search_progress`
        // records how far indexing got, and the triggers keep indexed rows in
        // step when an item is edited or deleted. `unicode61 remove_diacritics
        // 2` folds case and diacritics as the rule language does. `entry_id`
        // is indexed so `explain` can name an item by the id `stories` prints.
        """
        ALTER TABLE items ADD COLUMN search_text TEXT
            GENERATED ALWAYS AS (COALESCE(content_text, summary_text)) VIRTUAL;
        CREATE VIRTUAL TABLE items_search USING fts5(
            title, search_text,
            content = 'items', content_rowid = 'id',
            tokenize = 'unicode61 remove_diacritics 2'
        );
        CREATE TABLE search_progress (
            id            INTEGER PRIMARY KEY CHECK (id = 1),
            indexed_up_to INTEGER NOT NULL
        );
        INSERT INTO search_progress (id, indexed_up_to) VALUES (1, 0);
        CREATE TRIGGER items_search_delete AFTER DELETE ON items
        WHEN old.id <= (SELECT indexed_up_to FROM search_progress) BEGIN
            INSERT INTO items_search (items_search, rowid, title, search_text)
                VALUES ('delete', old.id, old.title, old.search_text);
        END;
        CREATE TRIGGER items_search_update AFTER UPDATE OF title, summary_text, content_text ON items
        WHEN old.id <= (SELECT indexed_up_to FROM search_progress) BEGIN
            INSERT INTO items_search (items_search, rowid, title, search_text)
                VALUES ('delete', old.id, old.title, old.search_text);
            INSERT INTO items_search (rowid, title, search_text) VALUES (new.id, new.title, new.search_text);
        END;
        CREATE INDEX items_entry_id ON items(entry_id) WHERE entry_id IS NOT NULL;
        """,
        // 4: what the Atom files were last built from, so an unchanged store
        // (a cycle of 304s) is not read and rendered again, even by a new
        // process (`run --once` from cron); and each feed's recent
        // publication times, so scheduling a 304 reads no items.
        """
        CREATE TABLE publication_state (
            id          INTEGER PRIMARY KEY CHECK (id = 1),
            fingerprint TEXT NOT NULL
        );
        ALTER TABLE feeds ADD COLUMN publication_history TEXT;
        """,
        // 5: deduplication features per item, so the in-memory index is
        // rebuilt from the store at start-up, bounded by the window.
        """
        CREATE TABLE item_dedupe (
            item_id    INTEGER PRIMARY KEY REFERENCES items(id) ON DELETE CASCADE,
            event_time REAL NOT NULL,
            features   BLOB NOT NULL
        );
        CREATE INDEX item_dedupe_event_time ON item_dedupe(event_time);
        """,
        // 6: an earlier original arriving late re-points its copies by
        // `copy_of`; without an index that scanned every item.
        """
        CREATE INDEX items_copy_of ON items(copy_of) WHERE copy_of IS NOT NULL;
        """,
        // 7: what each item told about its source's boilerplate when it was
        // new (opaque bytes, owned by FeedSiftDedupe), so learning a feed's
        // boilerplate on each poll reads these instead of re-reading and
        // re-splitting its recent items' texts. NULL: learn from the text.
        """
        ALTER TABLE item_dedupe ADD COLUMN boilerplate BLOB;
        """,
        // 8: this installation's Atom feed id, a random UUID (RFC 9562,
        // version 4) drawn once: feed ids must be unique to the
        // installation and permanent, and `tag:feedsift,2026:feed` was
        // the same everywhere.
        """
        CREATE TABLE installation (
            id      INTEGER PRIMARY KEY CHECK (id = 1),
            feed_id TEXT NOT NULL
        );
        INSERT INTO installation (id, feed_id) VALUES (1,
            'urn:uuid:' || lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4'
            || substr(lower(hex(randomblob(2))), 2) || '-' || substr('89ab', 1 + abs(random() % 4), 1)
            || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6))));
        """,
        // 9: the search index splits words as the rule language does
        // (`SearchTokenizer`): each Han or kana character is a word, so a
        // Chinese term is found inside a longer run. The index is rebuilt
        // from scratch by the daemon's background indexing.
        """
        DROP TABLE items_search;
        CREATE VIRTUAL TABLE items_search USING fts5(
            title, search_text,
            content = 'items', content_rowid = 'id',
            tokenize = 'feedsift'
        );
        UPDATE search_progress SET indexed_up_to = 0;
        """,
        // 10: `explain` finds an item by its entry id through the
        // (feed_id, entry_key) index, one probe per feed, since an entry's
        // key is its trimmed id (else link) with a prefix. The index on
        // `entry_id` was written in random order: each feed's transaction
        // rewrote about one of its pages per new item.
        """
        DROP INDEX IF EXISTS items_entry_id;
        """,
        // 11: the deduplication index reaches back into the store through
        // `items(first_seen)` (an item's event time is never later than
        // when it was first seen). The index on `item_dedupe(event_time)`
        // was written in random order, about one page per new item.
        """
        DROP INDEX IF EXISTS item_dedupe_event_time;
        """,
        // 12: new items store their sanitized HTML and not its plain text,
        // which `feedsift_text` (`PlainTextFunction`) recovers from it:
        // the text was 45 % of the bytes a poll cycle wrote. Items stored
        // before keep their text, which the search text still prefers. The
        // search index reads its text from a view rather than a generated
        // column, so that tools without the function (the `sqlite3` shell,
        // Python) can still check the file and update items; only deleting
        // an indexed item or editing its text needs the function, as it
        // already needed the tokenizer. The index is rebuilt by the
        // daemon's background indexing.
        """
        DROP TRIGGER items_search_delete;
        DROP TRIGGER items_search_update;
        DROP TABLE items_search;
        ALTER TABLE items DROP COLUMN search_text;
        CREATE VIEW items_search_content AS
            SELECT id, title,
                COALESCE(content_text, feedsift_text(content_html), summary_text, feedsift_text(summary_html))
                    AS search_text
            FROM items;
        CREATE VIRTUAL TABLE items_search USING fts5(
            title, search_text,
            content = 'items_search_content', content_rowid = 'id',
            tokenize = 'feedsift'
        );
        UPDATE search_progress SET indexed_up_to = 0;
        CREATE TRIGGER items_search_delete AFTER DELETE ON items
        WHEN old.id <= (SELECT indexed_up_to FROM search_progress) BEGIN
            INSERT INTO items_search (items_search, rowid, title, search_text)
                VALUES ('delete', old.id, old.title, COALESCE(old.content_text, feedsift_text(old.content_html),
                    old.summary_text, feedsift_text(old.summary_html)));
        END;
        CREATE TRIGGER items_search_update
        AFTER UPDATE OF title, summary_html, content_html, summary_text, content_text ON items
        WHEN old.id <= (SELECT indexed_up_to FROM search_progress) BEGIN
            INSERT INTO items_search (items_search, rowid, title, search_text)
                VALUES ('delete', old.id, old.title, COALESCE(old.content_text, feedsift_text(old.content_html),
                    old.summary_text, feedsift_text(old.summary_html)));
            INSERT INTO items_search (rowid, title, search_text)
                VALUES (new.id, new.title, COALESCE(new.content_text, feedsift_text(new.content_html),
                    new.summary_text, feedsift_text(new.summary_html)));
        END;
        """,
        // 13: the categorized stories in update order, for the main feed
        // (which leaves uncategorized stories out by default): through
        // `stories_updated` it scanned every story when few had a category.
        // (IF NOT EXISTS: upgrade tests rewind a current file's version.)
        """
        CREATE INDEX IF NOT EXISTS stories_categorized ON stories(updated) WHERE categories != '';
        """,
        // 14: listings with `since` rely on no story being updated before
        // it was first seen; the writer keeps that since this version, and
        // a story stored when the clock stepped back is mended here.
        """
        UPDATE stories SET updated = first_seen WHERE updated < first_seen;
        """,
    ]
}
