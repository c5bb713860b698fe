import FeedSiftCore
import FoundationEssentials

/// Turns the SAX events of an RSS, RDF or Atom document into feed and entry
/// records. Element names match case-insensitively after mapping their
/// namespace to a canonical prefix (FeedNamespaces), so the same code
/// serves every RSS version, RSS 1.0 and both Atom versions.
///
/// Text is collected only for elements that carry a value (a capture);
/// inside content-like elements (title, summary, content, …) child
/// elements are serialized back to markup, which is how inline XHTML (and
/// HTML a publisher forgot to escape) survives.
struct FeedBuilder: XMLEventHandler {
    let limits: ParseLimits
    var warnings: [ParseWarning] = []
    var version = DetectedVersion.unknown
    var feed = FeedRecord()
    var entries: [EntryRecord] = []
    var sawRootElement = false
    var entryLimitReported = false
    var overflowReported = false
    var depthExceeded = false

    var frames: [Frame] = []
    /// `xml:base`/`xml:lang` scopes, the document's own first.
    var scopes: [Scope]
    var captures: [Capture] = []
    /// Declared prefixes of the document mapped to canonical ones.
    var prefixMap: [String: String] = [:]

    // Context, as nesting counters.
    var inEntry = 0
    var inSource = 0
    var inImage = 0
    var inTextInput = 0
    var inAuthor = 0
    var inContributor = 0
    var inPublisher = 0
    var inSkipHours = 0
    var inSkipDays = 0
    var guidIsLink = false

    /// Where element text is collected (filled by libxml2's callback directly).
    let sink: TextSink
    /// Element names already seen in this parse, classified.
    var names = ElementNameTable()

    init(limits: ParseLimits, documentURL: String?) {
        self.limits = limits
        self.scopes = [Scope(base: documentURL, lang: nil)]
        self.sink = TextSink(limit: 16 << 20)
    }

    mutating func shouldStop() -> Bool {
        if depthExceeded { return true }
        if sink.state.pointee.overflowed && !overflowReported {
            overflowReported = true
            warnings.append(ParseWarning("an element's text exceeds 16 MiB; parsing stopped", kind: .limit))
        }
        return sink.state.pointee.overflowed
    }

    // MARK: XMLEventHandler

    mutating func parserError(_ message: String, line: Int, column: Int) {
        guard warnings.count < 50 else { return }
        warnings.append(ParseWarning(message, line: line > 0 ? line : nil, column: column > 0 ? column : nil))
    }

    mutating func startElement(
        localName: UnsafePointer<UInt8>, prefix: UnsafePointer<UInt8>?, namespaceURI: UnsafePointer<UInt8>?,
        namespaces: [(prefix: String?, uri: String)], attributes: XMLAttributes
    ) {
        guard frames.count < limits.maxDepth else {
            if !depthExceeded {
                depthExceeded = true
                warnings.append(
                    ParseWarning("elements nested deeper than \(limits.maxDepth); parsing stopped", kind: .limit))
            }
            return
        }
        for declaration in namespaces { trackNamespace(prefix: declaration.prefix, uri: declaration.uri) }
        let namePrefix = namespaceURI == nil ? prefix : nil
        let nameIndex: Int
        if namespaces.isEmpty, let known = names.index(local: localName, uri: namespaceURI, prefix: namePrefix) {
            nameIndex = known
        } else {
            let local = lowercasedName(localName)
            let canonical = canonicalPrefix(uri: namespaceURI, prefix: prefix)
            let key = canonical.isEmpty ? local : canonical + "_" + local
            nameIndex = names.set(
                ElementNameTable.Name(element: FeedElement(key: key), local: local), local: localName,
                uri: namespaceURI, prefix: namePrefix)
        }
        let element = names[nameIndex].element

        if element == .entry, frames.contains(where: \.isMarkup) || !captures.isEmpty {
            // An entry starting inside another entry's text: the publisher left elements
            // unclosed (libxml2 would nest the rest of the feed in them). Close up to the
            // enclosing entry so every entry is read; libxml2's late end tags then close
            // outer elements early, which costs nothing: entries are read anywhere.
            closeOpenEntry()
        }
        let hasParent = !frames.isEmpty
        let parentIndex = frames.count - 1
        var frame = Frame(element: element, nameIndex: nameIndex, scope: hasParent ? frames[parentIndex].scope : 0)
        if attributes.hasBaseOrLanguage {
            var scope = scopes[frame.scope]
            for attribute in attributes.all where attribute.prefix == "xml" || attribute.prefix == nil {
                let attributeName = attribute.prefix == nil ? attribute.localName.lowercased() : attribute.localName
                if attributeName == "base" {
                    scope.base = URLResolver.resolve(attribute.value, against: scope.base)
                } else if attributeName == "lang" && attribute.prefix == "xml" {
                    scope.lang = attribute.value
                }
            }
            scopes.append(scope)
            frame.scope = scopes.count - 1
            frame.ownsScope = true
        }

        // Inside content-like elements, children are markup.
        if !captures.isEmpty, captures[captures.count - 1].isContent, hasParent,
            frames[parentIndex].ownsCapture || frames[parentIndex].isMarkup
        {
            frame.isMarkup = true
            let local = names[nameIndex].local
            if !captures[captures.count - 1].isMarkup && local == "div" {
                // Escaped HTML wrapped in an XHTML div (TypePad): the div is a wrapper, its text stays HTML.
                frame.isTransparentWrapper = true
                frame.ownsCapture = true
                frames.append(frame)
                updateSink()
                return
            }
            frames.append(frame)
            appendStartTag(local: local, attributes: attributes)
            updateSink()
            return
        }
        if !sawRootElement {
            sawRootElement = true
            feed.language = scopes[frame.scope].lang
        }
        frames.append(frame)
        if element != .other { handleStart(element, attributes: attributes) }
        updateSink()
    }

    mutating func endElement() {
        guard let frame = frames.popLast() else { return }
        if frame.isMarkup {
            if !frame.isTransparentWrapper { appendEndTag(names[frame.nameIndex].local) }
        } else {
            handleEnd(frame)
        }
        if frame.ownsScope { scopes.removeLast() }
        updateSink()
    }

    /// The scope of the innermost open element.
    var currentScope: Scope { scopes[frames.last?.scope ?? 0] }

    private mutating func closeOpenEntry() {
        guard let entryIndex = frames.lastIndex(where: \.opensEntry) else {
            while frames.last?.isMarkup == true || frames.last?.ownsCapture == true { endElement() }
            return
        }
        while frames.count > entryIndex { endElement() }
    }

    /// Text is collected only while the innermost element owns a capture or is markup inside one.
    func updateSink() {
        let state = sink.state
        guard !captures.isEmpty, !frames.isEmpty else {
            state.pointee.active = false
            return
        }
        let top = frames.count - 1
        state.pointee.active = frames[top].ownsCapture || frames[top].isMarkup
        state.pointee.escapes = captures[captures.count - 1].isMarkup
    }

    /// Closes what a truncated document left open, so its last entry counts.
    mutating func finish() {
        while !frames.isEmpty { endElement() }
    }

    // MARK: names and namespaces

    private func lowercasedName(_ pointer: UnsafePointer<UInt8>) -> String {
        var length = 0
        var hasUpper = false
        while pointer[length] != 0 {
            if pointer[length] >= 0x41 && pointer[length] <= 0x5A { hasUpper = true }
            length += 1
        }
        let buffer = UnsafeBufferPointer(start: pointer, count: length)
        if !hasUpper { return String(decoding: buffer, as: UTF8.self) }
        return String(decoding: buffer.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }, as: UTF8.self)
    }

    private func canonicalPrefix(uri: UnsafePointer<UInt8>?, prefix: UnsafePointer<UInt8>?) -> String {
        if let uri {
            let uriString = String(cString: uri)
            return FeedNamespaces.canonicalPrefix(forURI: uriString)
                ?? prefix.map { String(cString: $0).lowercased() } ?? "ns"
        }
        guard let prefix else { return "" }
        // An undeclared prefix (a namespace error libxml2 reported): go by the prefix itself.
        let given = String(cString: prefix).lowercased()
        return prefixMap[given] ?? given
    }

    private mutating func trackNamespace(prefix: String?, uri: String) {
        let lower = uri.lowercased()
        if case .unknown = version {
            if prefix == nil && lower == FeedNamespaces.rss090 {
                version = .rss090
            } else if lower == FeedNamespaces.rss10 {
                version = .rss10
            } else if lower == FeedNamespaces.atom10 {
                version = .atom10
            }
        }
        if let prefix, let canonical = FeedNamespaces.canonicalPrefix(forURI: uri) {
            prefixMap[prefix.lowercased()] = canonical
        }
    }

    // MARK: markup inside content

    private mutating func appendStartTag(local: String, attributes: XMLAttributes) {
        let index = captures.count - 1
        if !captures[index].isMarkup {
            // Content declared as escaped text that holds real elements: read as XHTML from here on.
            captures[index].isMarkup = true
            captures[index].type = .xhtml
        }
        var tag = "<" + local
        for attribute in attributes.all {
            let name = attribute.prefix == "xml" ? "xml:" + attribute.localName : attribute.localName
            tag += " \(name)=\"\(escapeAttribute(attribute.value))\""
        }
        tag += ">"
        sink.state.pointee.escapes = false
        sink.append(tag)
    }

    private func appendEndTag(_ local: String) {
        guard !captures.isEmpty else { return }
        sink.state.pointee.escapes = false
        sink.append("</" + local + ">")
    }

    private func escapeAttribute(_ value: String) -> String {
        guard value.contains(where: { $0 == "&" || $0 == "<" || $0 == "\"" }) else { return value }
        var out = ""
        for character in value {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case "\"": out += "&quot;"
            default: out.append(character)
            }
        }
        return out
    }
}
