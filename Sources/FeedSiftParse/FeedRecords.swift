import FeedSiftCore
import FoundationEssentials

// The state FeedBuilder keeps while reading a document: the open elements,
// the values being captured, and the feed and entry records they fill.

/// The format as the root element and namespaces reveal it.
enum DetectedVersion {
    case unknown
    case rss(String?)  // version attribute
    case rss10
    case rss090
    case atom10
    case atom03
    case atomUnknown

    var isAtom: Bool {
        switch self {
        case .atom10, .atom03, .atomUnknown: return true
        default: return false
        }
    }
}

/// The `xml:base` and `xml:lang` in force. Elements share their parent's;
/// only an element that sets either pushes a new one.
struct Scope {
    var base: String?
    var lang: String?
}

/// One open element. Plain data (no references), so the stack of open
/// elements costs no reference counting.
struct Frame {
    var element: FeedElement
    /// Where the element's name is in the document's `ElementNameTable`.
    var nameIndex: Int
    /// Where the element's `Scope` is in `FeedBuilder.scopes`.
    var scope: Int
    /// The element pushed its scope (it had `xml:base` or `xml:lang`).
    var ownsScope = false
    /// The element's text goes to `captures.last`.
    var ownsCapture = false
    /// A child element serialized into a content capture.
    var isMarkup = false
    /// A wrapper `div` inside escaped HTML content: neither serialized nor a text boundary.
    var isTransparentWrapper = false
    /// Context counters this element raised (bits of `ContextFlag`, undone at its end).
    var raised: UInt8 = 0
    /// The entry this element opened, if it is an item/entry.
    var opensEntry = false
}

enum ContextFlag: UInt8, CaseIterable {
    case source, image, textInput, author, contributor, publisher, skipHours, skipDays

    var bit: UInt8 { 1 << rawValue }
}

/// The declared type of a text construct.
enum ContentType: Equatable {
    case text
    case html
    case xhtml
    /// Another MIME type (Atom `type="image/png"` …): base64 unless textual
    /// or XML; read as HTML when the type mentions it, else as text.
    case other(isHTML: Bool, isTextual: Bool)

    init(attribute: String?, default defaultType: ContentType) {
        guard let attribute = attribute?.trimming(" \t\r\n").lowercased(), !attribute.isEmpty else {
            self = defaultType
            return
        }
        switch attribute {
        case "text", "plain", "text/plain": self = .text
        case "html", "text/html": self = .html
        case "xhtml", "application/xhtml+xml": self = .xhtml
        default:
            self = .other(
                isHTML: attribute.contains("html"),
                isTextual: attribute.hasPrefix("text/") || attribute.hasSuffix("+xml") || attribute.hasSuffix("/xml"))
        }
    }

    var isHTMLish: Bool { self == .html || self == .xhtml }
}

/// An element whose text becomes a value. Plain data (no references), so
/// the stack of captures costs no reference counting.
struct Capture {
    enum Kind {
        case title, mediaTitle, link, id, summary, content, description, subtitle, rights, info
        case published, updated, authorText, authorName, authorEmail, authorURI
        case category, keywords, ttl, updatePeriod, updateFrequency, skipHour, skipDay, language, source
    }

    var kind: Kind
    var type: ContentType = .text
    /// Where this capture's text starts in the TextSink.
    var start: Int
    /// Whether child elements are serialized as markup (XHTML content).
    var isMarkup = false
    /// The `Scope` in force where the capture started (its base resolves relative URLs).
    var scope: Int
    var depth: Int
    var base64 = false
    /// Atom content with `src`: it lives elsewhere.
    var hasSource = false

    var isContent: Bool {
        switch kind {
        case .title, .mediaTitle, .summary, .content, .description, .subtitle, .rights, .info: return true
        default: return false
        }
    }
}

/// Feed-level values as collected.
struct FeedRecord {
    var title: TextValue?
    var titleDepth = Int.max
    var link: String?
    var guidLink: String?
    var id: String?
    var updated: Date?
    var subtitle: TextValue?
    var rights: TextValue?
    var info: TextValue?
    var language: String?
    var hints = PollingHints()
    var updatePeriod: String?
    var updateFrequency: Int?
}

/// A text construct's value with its type, before sanitizing.
struct TextValue {
    var value: String
    var type: ContentType
    var base: String?
}

/// One entry as collected.
struct EntryRecord {
    var id: String?
    var title: TextValue?
    var titleDepth = Int.max
    var titleIsMedia = false
    var link: String?
    var guidLink: String?
    var published: Date?
    var updated: Date?
    var authors: [ParsedAuthor] = []
    var categories: [(term: String?, scheme: String?, label: String?)] = []
    var summary: TextValue?
    var summaryDepth = Int.max
    var contents: [TextValue] = []
    var hasContent = false
    var enclosures: [ParsedEnclosure] = []
    var media: [ParsedMedia] = []
    var language: String?
}
