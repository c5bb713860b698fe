import FeedSiftCore

/// What the sanitizer and the text extractor do with each HTML element.
struct HTMLElementPolicy {
    enum Treatment {
        /// Kept, with its allowed attributes.
        case allowed
        /// The tags are removed; the text inside is kept.
        case unwrapped
        /// The element and everything inside are removed.
        case dropped
    }

    var treatment: Treatment
    /// Has no end tag.
    var isVoid = false
    /// What its tags put between words in plain text (set for every known
    /// element from `HTMLTextBoundary`).
    var textBoundary = HTMLTextBoundary.none

    /// Index of the element's canonical name in `names` (0: an unknown element).
    var id: UInt8 = 0

    /// The element's canonical (lower-case) name, for output.
    var name: [UInt8] { HTMLElementPolicy.names[Int(id)] }

    static let unknown = HTMLElementPolicy(treatment: .unwrapped)

    static let names: [[UInt8]] = [[]] + policies.keys.sorted().map { Array($0.utf8) }

    /// `names` end to end, so writing a name reads no array of arrays
    /// (which would retain and release one per tag). Name `id` is
    /// `nameBytes[nameOffsets[id]..<nameOffsets[id + 1]]`.
    static let nameBytes: [UInt8] = names.flatMap { $0 }
    static let nameOffsets: [Int] = {
        var offsets = [0]
        for name in names { offsets.append(offsets[offsets.count - 1] + name.count) }
        return offsets
    }()

    /// The policy for the tag name at `range` (case-insensitive, any `prefix:`
    /// ignored), without allocating.
    @inline(__always)
    static func lookup(_ input: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, in table: PackedNameTable<Self>)
        -> HTMLElementPolicy
    {
        var start = range.lowerBound
        for index in range where input[index] == UInt8(ascii: ":") { start = index + 1 }
        guard range.upperBound > start,
            let key = PackedName.key(UnsafeBufferPointer(rebasing: input[start..<range.upperBound]))
        else { return unknown }
        return table.value(for: key) ?? unknown
    }

    /// Every known element's policy, keyed by its packed name.
    static let table = PackedNameTable<HTMLElementPolicy>(
        names.indices.dropFirst().map { index in
            let name = String(decoding: names[index], as: UTF8.self)
            var policy = policies[name] ?? unknown
            policy.id = UInt8(index)
            policy.textBoundary = HTMLTextBoundary.of(element: name)
            return (name, policy)
        })

    private static let policies: [String: HTMLElementPolicy] = {
        var table: [String: HTMLElementPolicy] = [:]
        // Kept elements; what each one's tags do to plain text is
        // `HTMLTextBoundary`'s to say.
        let allowed = [
            "a", "abbr", "acronym", "b", "bdi", "bdo", "big", "cite", "code", "del", "dfn", "em", "font", "i", "ins",
            "kbd", "mark", "q", "s", "samp", "small", "span", "strike", "strong", "sub", "sup", "time", "tt", "u",
            "var", "wbr", "nobr", "rp", "rt", "ruby", "label", "map", "address", "article", "aside", "blockquote",
            "caption", "center", "dd", "details", "dir", "div", "dl", "dt", "figcaption", "figure", "footer", "h1",
            "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "li", "menu", "nav", "ol", "p", "pre", "section",
            "summary", "table", "tbody", "tfoot", "thead", "tr", "ul", "main", "fieldset", "legend", "listing",
            "multicol", "td", "th", "audio", "video",
        ]
        for name in allowed { table[name] = HTMLElementPolicy(treatment: .allowed) }
        for name in ["col", "colgroup"] { table[name] = HTMLElementPolicy(treatment: .allowed, isVoid: name == "col") }
        table["br"] = HTMLElementPolicy(treatment: .allowed, isVoid: true)
        table["hr"] = HTMLElementPolicy(treatment: .allowed, isVoid: true)
        table["img"] = HTMLElementPolicy(treatment: .allowed, isVoid: true)
        table["area"] = HTMLElementPolicy(treatment: .allowed, isVoid: true)
        table["source"] = HTMLElementPolicy(treatment: .allowed, isVoid: true)
        table["track"] = HTMLElementPolicy(treatment: .allowed, isVoid: true)
        // Active or document-level content: removed with everything inside.
        // Active content: removed with everything inside.
        for name in ["script", "style", "applet", "title"] {
            table[name] = HTMLElementPolicy(treatment: .dropped)
        }
        for name in ["embed", "param", "base", "link", "meta", "frame", "bgsound"] {
            table[name] = HTMLElementPolicy(treatment: .dropped, isVoid: true)
        }
        // Containers whose tags must go but whose text is fallback content a reader would see.
        for name in [
            "iframe", "frameset", "object", "noembed", "noframes", "xmp", "template", "head", "svg", "math",
            "canvas",
        ] {
            table[name] = HTMLElementPolicy(treatment: .unwrapped)
        }
        // Forms: tags removed, text kept (a form in a feed is a phishing vector).
        for name in ["form", "button", "select", "option", "optgroup", "textarea", "datalist", "output"] {
            table[name] = HTMLElementPolicy(treatment: .unwrapped)
        }
        for name in ["input", "keygen"] {
            table[name] = HTMLElementPolicy(treatment: .unwrapped, isVoid: true)
        }
        for name in ["html", "body", "noscript", "blink", "marquee", "layer", "ilayer", "nolayer"] {
            table[name] = HTMLElementPolicy(treatment: .unwrapped)
        }
        return table
    }()

    /// Attributes kept on allowed elements (values still checked: URLs, style).
    static let allowedAttributes: Set<String> = [
        "href", "src", "alt", "title", "width", "height", "colspan", "rowspan", "align", "valign", "cite",
        "datetime", "lang", "xml:lang", "dir", "rel", "hreflang", "type", "start", "reversed", "span", "headers",
        "scope", "abbr", "summary", "border", "cellpadding", "cellspacing", "poster", "controls", "loop", "muted",
        "class", "style", "longdesc", "clear", "color", "face", "size", "nowrap", "bgcolor", "char", "charoff",
        "coords", "shape", "label", "value", "compact", "noshade", "hspace", "vspace", "frame", "rules", "axis",
    ]

    enum AttributeKind: Sendable {
        case plain, url, style
    }

    /// An allowed attribute: how its value is checked, and a number of its own
    /// (to spot a repeated attribute with a bit mask).
    struct Attribute: Sendable {
        var kind: AttributeKind
        var bit: UInt128
    }

    /// The allowed attributes, keyed by their packed lower-case names.
    static let attributeTable: PackedNameTable<Attribute> = {
        precondition(allowedAttributes.count <= UInt128.bitWidth, "one bit per allowed attribute")
        return PackedNameTable(
            allowedAttributes.sorted().enumerated().map { number, name in
                let kind: AttributeKind = urlAttributes.contains(name) ? .url : name == "style" ? .style : .plain
                return (name, Attribute(kind: kind, bit: 1 << UInt128(number)))
            })
    }()

    /// Attributes whose value is a URL.
    static let urlAttributes: Set<String> = ["href", "src", "cite", "longdesc", "poster"]

    /// URL schemes allowed in links and media (relative URLs are always allowed).
    static let allowedSchemes: Set<String> = [
        "http", "https", "mailto", "ftp", "ftps", "news", "nntp", "tel", "sms", "xmpp", "irc", "ircs", "magnet",
        "gopher", "feed", "webcal", "geo", "sip", "rtsp", "mms",
    ]

    /// `allowedSchemes` keyed by packed name.
    static let schemeTable = PackedNameTable<Bool>(allowedSchemes.map { ($0, true) })
}
