internal import CLibXML2

/// One attribute of an element as libxml2 reported it. `value` has had
/// libxml2's `&#38;` escapes undone.
struct XMLAttribute {
    var localName: String
    var prefix: String?
    var namespaceURI: String?
    var value: String
}

/// Receives the events of one document, in order. Implemented by the feed
/// builder; kept as a protocol so the C callbacks stay in this file.
protocol XMLEventHandler: AnyObject {
    func startElement(
        localName: UnsafePointer<UInt8>, prefix: UnsafePointer<UInt8>?, namespaceURI: UnsafePointer<UInt8>?,
        namespaces: [(prefix: String?, uri: String)], attributes: [XMLAttribute])
    func endElement()
    func characters(_ bytes: UnsafeBufferPointer<UInt8>)
    func parserError(_ message: String, line: Int, column: Int)
    /// Whether the handler wants the parser to stop (a limit was reached).
    var shouldStop: Bool { get }
}

/// Drives libxml2's SAX2 parser over a UTF-8 buffer and forwards the events.
///
/// Guarantees: no network access, no DTD loading, no entity substitution
/// (the SAX handler has no entity or DTD callbacks at all and the options
/// exclude `XML_PARSE_NOENT`/`XML_PARSE_DTDLOAD`), libxml2's own depth and
/// text-size limits stay on (no `XML_PARSE_HUGE`), and nothing is printed:
/// every problem reaches the handler through `serror`.
final class XMLEventReader {
    private let context: xmlParserCtxtPtr
    private let box: HandlerBox

    /// Prepares a parse. Returns nil only when libxml2 cannot allocate a context.
    init?(handler: any XMLEventHandler) {
        XMLEventReader.initializeLibraryOnce
        var sax = xmlSAXHandler()
        feedsift_xml_init_sax(&sax, onStartElement, onEndElement, onCharacters, onCharacters, onError)
        box = HandlerBox(handler)
        let userData = Unmanaged.passUnretained(box).toOpaque()
        guard let context = xmlCreatePushParserCtxt(&sax, userData, nil, 0, nil) else { return nil }
        self.context = context
        let options =
            Int32(XML_PARSE_RECOVER.rawValue) | Int32(XML_PARSE_NONET.rawValue)
            | Int32(XML_PARSE_IGNORE_ENC.rawValue) | Int32(XML_PARSE_NOWARNING.rawValue)
        xmlCtxtUseOptions(context, options)
        // The buffer is always UTF-8 by the time it gets here (DocumentDecoder).
        xmlSwitchEncoding(context, XML_CHAR_ENCODING_UTF8)
    }

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
            if box.handler.shouldStop || context.pointee.disableSAX != 0 { break }
        }
    }

    deinit {
        xmlFreeParserCtxt(context)
    }

    private static let initializeLibraryOnce: Void = {
        xmlInitParser()
        feedsift_xml_silence_generic_errors()
    }()
}

private final class HandlerBox {
    let handler: any XMLEventHandler
    init(_ handler: any XMLEventHandler) { self.handler = handler }
}

private func handler(_ userData: UnsafeMutableRawPointer?) -> (any XMLEventHandler)? {
    guard let userData else { return nil }
    return Unmanaged<HandlerBox>.fromOpaque(userData).takeUnretainedValue().handler
}

private func string(_ pointer: UnsafePointer<xmlChar>?) -> String? {
    guard let pointer else { return nil }
    return String(cString: pointer)
}

/// libxml2 keeps `&amp;` in attribute values as `&#38;` when entities are not
/// substituted (so a tree could re-serialize it); undo that.
private func attributeValue(from start: UnsafePointer<xmlChar>, to end: UnsafePointer<xmlChar>) -> String {
    let buffer = UnsafeBufferPointer(start: start, count: end - start)
    guard buffer.contains(UInt8(ascii: "&")) else { return String(decoding: buffer, as: UTF8.self) }
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
    return String(decoding: out, as: UTF8.self)
}

private let onStartElement: startElementNsSAX2Func = {
    userData, localName, prefix, uri, namespaceCount, namespaces, attributeCount, _, attributes in
    guard let target = handler(userData), let localName else { return }
    var declared: [(prefix: String?, uri: String)] = []
    if namespaceCount > 0, let namespaces {
        declared.reserveCapacity(Int(namespaceCount))
        for index in 0..<Int(namespaceCount) {
            declared.append((string(namespaces[2 * index]), string(namespaces[2 * index + 1]) ?? ""))
        }
    }
    var attributeList: [XMLAttribute] = []
    if attributeCount > 0, let attributes {
        attributeList.reserveCapacity(Int(attributeCount))
        for index in 0..<Int(attributeCount) {
            let base = 5 * index
            guard let name = attributes[base], let start = attributes[base + 3], let end = attributes[base + 4]
            else { continue }
            attributeList.append(
                XMLAttribute(
                    localName: String(cString: name), prefix: string(attributes[base + 1]),
                    namespaceURI: string(attributes[base + 2]), value: attributeValue(from: start, to: end)))
        }
    }
    target.startElement(
        localName: localName, prefix: prefix, namespaceURI: uri, namespaces: declared, attributes: attributeList)
}

private let onEndElement: endElementNsSAX2Func = { userData, _, _, _ in
    handler(userData)?.endElement()
}

private let onCharacters: charactersSAXFunc = { userData, characters, length in
    guard let characters, length > 0 else { return }
    handler(userData)?.characters(UnsafeBufferPointer(start: characters, count: Int(length)))
}

private let onError: xmlStructuredErrorFunc = { userData, error in
    guard let error, let target = handler(userData) else { return }
    let detail = error.pointee
    guard detail.level != XML_ERR_WARNING else { return }
    var message = detail.message.map { String(cString: $0) } ?? "XML error \(detail.code)"
    while message.last == "\n" || message.last == " " { message.removeLast() }
    target.parserError(message, line: Int(detail.line), column: Int(detail.int2))
}
