internal import CLibXML2

/// One attribute of an element as libxml2 reported it. `value` has had
/// libxml2's `&#38;` escapes undone.
struct XMLAttribute {
    var localName: String
    var prefix: String?
    var value: String
}

/// The attributes of the element being started, read from libxml2's array
/// on demand (most elements' attributes are never looked at). Valid only
/// during the `startElement` call.
struct XMLAttributes {
    fileprivate let pointer: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?
    let count: Int

    static var none: XMLAttributes { XMLAttributes(pointer: nil, count: 0) }

    /// The value of the attribute with this local name (ASCII, compared
    /// case-insensitively) and no prefix other than `rdf`.
    func value(_ name: StaticString) -> String? {
        guard let pointer else { return nil }
        for index in 0..<count {
            let base = 5 * index
            guard let local = pointer[base], matches(local, name) else { continue }
            if let prefix = pointer[base + 1], !matches(prefix, "rdf") { continue }
            guard let start = pointer[base + 3], let end = pointer[base + 4] else { return nil }
            return attributeValue(from: start, to: end)
        }
        return nil
    }

    /// Every attribute, for re-serializing markup and reading `xml:*`.
    var all: [XMLAttribute] {
        guard let pointer else { return [] }
        var list: [XMLAttribute] = []
        list.reserveCapacity(count)
        for index in 0..<count {
            let base = 5 * index
            guard let name = pointer[base], let start = pointer[base + 3], let end = pointer[base + 4] else { continue }
            list.append(
                XMLAttribute(
                    localName: String(cString: name), prefix: pointer[base + 1].map { String(cString: $0) },
                    value: attributeValue(from: start, to: end)))
        }
        return list
    }

    /// Whether any attribute is in the `xml:` namespace or is a plain `base` (CDF).
    var hasBaseOrLanguage: Bool {
        guard let pointer else { return false }
        for index in 0..<count {
            let base = 5 * index
            if let prefix = pointer[base + 1], matches(prefix, "xml") { return true }
            if pointer[base + 1] == nil, let local = pointer[base], matches(local, "base") { return true }
        }
        return false
    }

    private func matches(_ pointer: UnsafePointer<xmlChar>, _ name: StaticString) -> Bool {
        let bytes = name.utf8Start
        let length = name.utf8CodeUnitCount
        for offset in 0..<length {
            var byte = pointer[offset]
            if byte >= 0x41 && byte <= 0x5A { byte |= 0x20 }
            if byte != bytes[offset] { return false }
        }
        return pointer[length] == 0
    }
}

/// Receives the events of one document, in order. Implemented by the feed
/// builder (a value, mutated in place by the reader); kept as a protocol so
/// the C callbacks stay in this file. Text does not go through the handler:
/// it lands in the handler's `TextSink` directly.
protocol XMLEventHandler {
    var sink: TextSink { get }
    mutating func startElement(
        localName: UnsafePointer<UInt8>, prefix: UnsafePointer<UInt8>?, namespaceURI: UnsafePointer<UInt8>?,
        namespaces: [(prefix: String?, uri: String)], attributes: XMLAttributes)
    mutating func endElement()
    mutating func parserError(_ message: String, line: Int, column: Int)
    /// Whether the handler wants the parser to stop (a limit was reached).
    mutating func shouldStop() -> Bool
}

/// Drives libxml2's SAX2 parser over a UTF-8 buffer and forwards the events
/// to `handler`.
///
/// Guarantees: no network access, no DTD loading, no entity substitution
/// (the SAX handler has no entity or DTD callbacks at all and the options
/// exclude `XML_PARSE_NOENT`/`XML_PARSE_DTDLOAD`), libxml2's own depth and
/// text-size limits stay on (no `XML_PARSE_HUGE`), and nothing is printed:
/// every problem reaches the handler through `serror`.
final class XMLEventReader<Handler: XMLEventHandler> {
    private let context: xmlParserCtxtPtr
    private let box: HandlerBox<Handler>

    /// Prepares a parse. Returns nil only when libxml2 cannot allocate a context.
    init?(handler: Handler) {
        _ = xmlLibraryInitialized
        var sax = xmlSAXHandler()
        feedsift_xml_init_sax(&sax, onStartElement, onEndElement, onCharacters, onCharacters, onError)
        box = HandlerBox(handler)
        let userData = Unmanaged.passUnretained(box as XMLEventTarget).toOpaque()
        guard let context = xmlCreatePushParserCtxt(&sax, userData, nil, 0, nil) else { return nil }
        self.context = context
        box.context = context
        let options =
            Int32(XML_PARSE_RECOVER.rawValue) | Int32(XML_PARSE_NONET.rawValue)
            | Int32(XML_PARSE_IGNORE_ENC.rawValue) | Int32(XML_PARSE_NOWARNING.rawValue)
        xmlCtxtUseOptions(context, options)
        // The buffer is always UTF-8 by the time it gets here (DocumentDecoder).
        xmlSwitchEncoding(context, XML_CHAR_ENCODING_UTF8)
    }

    /// The handler, with every event so far applied.
    var handler: Handler { box.handler.pointee }

    /// Parses `bytes` (UTF-8) to the end, or until the handler asks to stop.
    func parse(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let base = bytes.baseAddress, !bytes.isEmpty else {
            _ = xmlParseChunk(context, nil, 0, 1)
            return
        }
        // Chunks let a handler stop a runaway document early.
        let chunk = 1 << 18
        var offset = 0
        while offset < bytes.count {
            let size = min(chunk, bytes.count - offset)
            let last = offset + size == bytes.count
            let pointer = UnsafeRawPointer(base + offset).assumingMemoryBound(to: CChar.self)
            _ = xmlParseChunk(context, pointer, Int32(size), last ? 1 : 0)
            offset += size
            if box.shouldStop() || context.pointee.disableSAX != 0 { break }
        }
    }

    deinit {
        xmlFreeParserCtxt(context)
    }
}

private let xmlLibraryInitialized: Void = {
    xmlInitParser()
    feedsift_xml_silence_generic_errors()
}()

/// What libxml2's callbacks reach through their `userData`. The callbacks
/// are C functions and cannot be generic, so they call these methods, which
/// `HandlerBox` overrides for its concrete handler.
private class XMLEventTarget {
    let sinkState: UnsafeMutablePointer<TextSink.State>
    var context: xmlParserCtxtPtr?

    init(sinkState: UnsafeMutablePointer<TextSink.State>) {
        self.sinkState = sinkState
    }

    /// Returns whether the handler wants the parser to stop.
    func startElement(
        localName: UnsafePointer<UInt8>, prefix: UnsafePointer<UInt8>?, namespaceURI: UnsafePointer<UInt8>?,
        namespaces: [(prefix: String?, uri: String)], attributes: XMLAttributes
    ) -> Bool { false }
    func endElement() {}
    func parserError(_ message: String, line: Int, column: Int) {}
    func shouldStop() -> Bool { false }
}

/// Owns the handler while libxml2 parses. The handler lives in memory the
/// box allocates, not in a stored property: the callbacks mutate it in place
/// without the run-time exclusivity check each access to a class's `var`
/// costs (tens of thousands of times per document).
private final class HandlerBox<Handler: XMLEventHandler>: XMLEventTarget {
    let handler: UnsafeMutablePointer<Handler>

    init(_ handler: Handler) {
        self.handler = .allocate(capacity: 1)
        self.handler.initialize(to: handler)
        super.init(sinkState: handler.sink.state)
    }

    deinit {
        handler.deinitialize(count: 1)
        handler.deallocate()
    }

    override func startElement(
        localName: UnsafePointer<UInt8>, prefix: UnsafePointer<UInt8>?, namespaceURI: UnsafePointer<UInt8>?,
        namespaces: [(prefix: String?, uri: String)], attributes: XMLAttributes
    ) -> Bool {
        handler.pointee.startElement(
            localName: localName, prefix: prefix, namespaceURI: namespaceURI, namespaces: namespaces,
            attributes: attributes)
        return handler.pointee.shouldStop()
    }

    override func endElement() { handler.pointee.endElement() }

    override func parserError(_ message: String, line: Int, column: Int) {
        handler.pointee.parserError(message, line: line, column: column)
    }

    override func shouldStop() -> Bool { handler.pointee.shouldStop() }
}

/// Calls `body` with the target behind libxml2's `userData`. The reader
/// keeps the target alive for the whole parse, so no reference counting is
/// needed around each of the (very many) callbacks.
@inline(__always)
private func withTarget<Result>(_ userData: UnsafeMutableRawPointer?, _ body: (XMLEventTarget) -> Result) -> Result? {
    guard let userData else { return nil }
    return Unmanaged<XMLEventTarget>.fromOpaque(userData)._withUnsafeGuaranteedRef(body)
}

private func string(_ pointer: UnsafePointer<xmlChar>?) -> String? {
    guard let pointer else { return nil }
    return String(cString: pointer)
}

/// libxml2 keeps `&amp;` in attribute values as `&#38;` when entities are not
/// substituted (so a tree could re-serialize it); undo that.
private func attributeValue(from start: UnsafePointer<xmlChar>, to end: UnsafePointer<xmlChar>) -> String {
    let buffer = UnsafeBufferPointer(start: start, count: end - start)
    guard buffer.contains(UInt8(ascii: "&")) else { return String(checkedUTF8: buffer) }
    var out: [UInt8] = []
    out.reserveCapacity(buffer.count)
    var index = 0
    while index < buffer.count {
        if buffer[index] == UInt8(ascii: "&"), index + 4 < buffer.count, buffer[index + 1] == UInt8(ascii: "#"),
            buffer[index + 2] == UInt8(ascii: "3"), buffer[index + 3] == UInt8(ascii: "8"),
            buffer[index + 4] == UInt8(ascii: ";")
        {
            out.append(UInt8(ascii: "&"))
            index += 5
        } else {
            out.append(buffer[index])
            index += 1
        }
    }
    return out.withUnsafeBufferPointer { String(checkedUTF8: $0) }
}

private let onStartElement: startElementNsSAX2Func = {
    userData, localName, prefix, uri, namespaceCount, namespaces, attributeCount, _, attributes in
    guard let localName else { return }
    var declared: [(prefix: String?, uri: String)] = []
    if namespaceCount > 0, let namespaces {
        declared.reserveCapacity(Int(namespaceCount))
        for index in 0..<Int(namespaceCount) {
            declared.append((string(namespaces[2 * index]), string(namespaces[2 * index + 1]) ?? ""))
        }
    }
    withTarget(userData) { target in
        let stop = target.startElement(
            localName: localName, prefix: prefix, namespaceURI: uri, namespaces: declared,
            attributes: XMLAttributes(pointer: attributes, count: attributes == nil ? 0 : Int(attributeCount)))
        if stop, let context = target.context {
            xmlStopParser(context)
        }
    }
}

private let onEndElement: endElementNsSAX2Func = { userData, _, _, _ in
    withTarget(userData) { $0.endElement() }
}

private let onCharacters: charactersSAXFunc = { userData, characters, length in
    guard let characters, length > 0 else { return }
    withTarget(userData) { target in
        let state = target.sinkState
        if state.pointee.active { TextSink.append(state, characters, Int(length)) }
    }
}

private let onError: xmlStructuredErrorFunc = { userData, error in
    guard let error else { return }
    let detail = error.pointee
    guard detail.level != XML_ERR_WARNING else { return }
    var message = detail.message.map { String(cString: $0) } ?? "XML error \(detail.code)"
    while message.last == "\n" || message.last == " " { message.removeLast() }
    withTarget(userData) { $0.parserError(message, line: Int(detail.line), column: Int(detail.int2)) }
}
