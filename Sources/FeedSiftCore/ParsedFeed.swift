public import FoundationEssentials

/// The syntax a feed document was written in, as detected from the
/// document itself. The raw values are the contract names printed by
/// `feedsift parse --json`.
public enum FeedFormat: String, Sendable, Codable {
    case rss20
    case rss10
    case rss09x
    case atom10
    case atom03
    case jsonfeed
}

/// Something the parser had to work around in a document (recovered markup,
/// an unparseable date, a bad encoding declaration). Warnings never stop a
/// parse; they explain why a result may differ from what the publisher meant.
public struct ParseWarning: Sendable, Hashable, CustomStringConvertible {
    /// What kind of problem, so callers can tell a broken document from a
    /// well-formed one with an odd value.
    public enum Kind: String, Sendable, Hashable {
        /// The XML was not well-formed and had to be recovered.
        case malformed
        /// The character encoding was wrong or unknown.
        case encoding
        /// A safety limit cut something off (entity expansion, size, depth).
        case limit
        /// A well-formed value could not be interpreted (an unparseable date).
        case value
    }

    public var message: String
    public var kind: Kind
    /// Where in the document, when known (1-based).
    public var line: Int?
    public var column: Int?

    public init(_ message: String, kind: Kind = .malformed, line: Int? = nil, column: Int? = nil) {
        self.message = message
        self.kind = kind
        self.line = line
        self.column = column
    }

    public var description: String {
        guard let line else { return message }
        if let column { return "line \(line):\(column): \(message)" }
        return "line \(line): \(message)"
    }
}

/// What feedsift sees in one feed document: the format-independent result
/// of parsing RSS, RDF, Atom or JSON Feed.
///
/// Titles are plain text; `subtitle`, `rights` and entries' `summary` and
/// `content` are sanitized HTML, safe to republish. Relative URLs are
/// resolved against the document's base.
public struct ParsedFeed: Sendable {
    public var format: FeedFormat
    public var title: String?
    public var link: String?
    public var id: String?
    public var updated: Date?
    public var subtitle: String?
    public var rights: String?
    /// Atom 0.3 `info`: a note on what the feed is (sanitized HTML).
    public var info: String?
    public var language: String?
    public var entries: [ParsedEntry]
    public var warnings: [ParseWarning]
    /// Publisher hints for how often to poll (RSS `ttl`, `sy:update*`,
    /// `skipHours`/`skipDays`).
    public var pollingHints: PollingHints

    public init(
        format: FeedFormat,
        title: String? = nil,
        link: String? = nil,
        id: String? = nil,
        updated: Date? = nil,
        subtitle: String? = nil,
        rights: String? = nil,
        info: String? = nil,
        language: String? = nil,
        entries: [ParsedEntry] = [],
        warnings: [ParseWarning] = [],
        pollingHints: PollingHints = PollingHints()
    ) {
        self.format = format
        self.title = title
        self.link = link
        self.id = id
        self.updated = updated
        self.subtitle = subtitle
        self.rights = rights
        self.info = info
        self.language = language
        self.entries = entries
        self.warnings = warnings
        self.pollingHints = pollingHints
    }
}

/// One entry (RSS item, Atom entry, JSON Feed item) of a parsed document.
public struct ParsedEntry: Sendable {
    /// The document's own identifier (guid, atom:id, rdf:about, JSON id).
    public var id: String?
    public var title: String?
    /// The alternate link (RSS `link`, else a permalink guid).
    public var link: String?
    public var published: Date?
    public var updated: Date?
    public var authors: [ParsedAuthor]
    public var categories: [String]
    /// Sanitized HTML.
    public var summary: String?
    /// Sanitized HTML of the first full-content element.
    public var content: String?
    /// Plain text of `summary` and of `content`, for rules and deduplication.
    public var summaryText: String?
    public var contentText: String?
    public var enclosures: [ParsedEnclosure]
    /// `media:content` and `media:thumbnail` (Media RSS), kept apart from
    /// enclosures as feedparser does.
    public var media: [ParsedMedia]
    /// The entry's language (`xml:lang`), when the document states it.
    public var language: String?

    public init(
        id: String? = nil,
        title: String? = nil,
        link: String? = nil,
        published: Date? = nil,
        updated: Date? = nil,
        authors: [ParsedAuthor] = [],
        categories: [String] = [],
        summary: String? = nil,
        content: String? = nil,
        summaryText: String? = nil,
        contentText: String? = nil,
        enclosures: [ParsedEnclosure] = [],
        media: [ParsedMedia] = [],
        language: String? = nil
    ) {
        self.id = id
        self.title = title
        self.link = link
        self.published = published
        self.updated = updated
        self.authors = authors
        self.categories = categories
        self.summary = summary
        self.content = content
        self.summaryText = summaryText
        self.contentText = contentText
        self.enclosures = enclosures
        self.media = media
        self.language = language
    }

    /// The plain text of the content, else of the summary (the contract's
    /// `text` field).
    public var text: String? { contentText ?? summaryText }
}

/// An author or contributor of an entry.
public struct ParsedAuthor: Sendable, Hashable {
    public var name: String?
    public var email: String?
    public var uri: String?

    public init(name: String? = nil, email: String? = nil, uri: String? = nil) {
        self.name = name
        self.email = email
        self.uri = uri
    }
}

/// A media file attached to an entry (RSS enclosure, Atom `link
/// rel="enclosure"`, `media:content`, JSON Feed attachment).
public struct ParsedEnclosure: Sendable, Hashable {
    public var url: String
    public var type: String?
    public var length: Int?

    public init(url: String, type: String? = nil, length: Int? = nil) {
        self.url = url
        self.type = type
        self.length = length
    }
}

/// A Media RSS object of an entry: a `media:content` file or a `media:thumbnail` image.
public struct ParsedMedia: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        case content
        case thumbnail
    }

    public var kind: Kind
    public var url: String
    public var type: String?
    /// `image`, `audio`, `video`, … (`medium` attribute).
    public var medium: String?
    public var width: Int?
    public var height: Int?
    /// Size in bytes (`fileSize`).
    public var length: Int?

    public init(
        kind: Kind, url: String, type: String? = nil, medium: String? = nil, width: Int? = nil, height: Int? = nil,
        length: Int? = nil
    ) {
        self.kind = kind
        self.url = url
        self.type = type
        self.medium = medium
        self.width = width
        self.height = height
        self.length = length
    }
}

/// How often a publisher asks to be polled, as stated in the document.
public struct PollingHints: Sendable, Hashable {
    /// RSS `ttl`, in minutes.
    public var ttlMinutes: Int?
    /// `sy:updatePeriod` divided by `sy:updateFrequency`.
    public var syndicationInterval: Duration?
    /// RSS `skipHours` (0–23, in GMT).
    public var skipHours: Set<Int>
    /// RSS `skipDays` (1 = Sunday … 7 = Saturday).
    public var skipDays: Set<Int>

    public init(
        ttlMinutes: Int? = nil,
        syndicationInterval: Duration? = nil,
        skipHours: Set<Int> = [],
        skipDays: Set<Int> = []
    ) {
        self.ttlMinutes = ttlMinutes
        self.syndicationInterval = syndicationInterval
        self.skipHours = skipHours
        self.skipDays = skipDays
    }
}
