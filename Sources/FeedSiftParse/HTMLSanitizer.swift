/// Cleans HTML from feeds with an allow-list, so it can be republished.
///
/// Guarantees of the output: only allowed elements (text formatting, links,
/// lists, tables, images, audio/video) and allowed attributes remain; no
/// `script`, `style`, `iframe`, `object`, `embed`, `applet`, `form`
/// controls, `svg`/`math`, `meta`/`link`/`base`, no event-handler
/// attributes, no URL whose scheme is not on the allow-list (`javascript:`,
/// `vbscript:`, `data:` except raster images in `img src`), and no CSS that
/// can load or execute anything (`url(`, `expression(`, `@import`, escapes).
/// Elements are balanced; relative URLs are resolved against `baseURL`.
public enum HTMLSanitizer {
    public static func sanitize(_ html: String, baseURL: String?) -> String {
        HTMLProcessor.process(html, baseURL: baseURL, wantHTML: true, wantText: false).html
    }
}

/// Plain text of HTML, for keyword rules and deduplication.
///
/// Markup, comments, attributes and the content of `script`/`style` never
/// become words; character references are decoded; block elements
/// (paragraphs, headings, list items, …) become paragraphs separated by
/// `"\n\n"`, `<br>` a line break; other whitespace runs collapse to one space.
public enum HTMLText {
    public static func plainText(fromHTML html: String) -> String {
        HTMLProcessor.process(html, baseURL: nil, wantHTML: false, wantText: true).text
    }
}

/// One pass over HTML producing sanitized HTML and/or plain text.
struct HTMLProcessor {
    struct Output {
        var html: String
        var text: String
    }

    static func process(_ html: String, baseURL: String?, wantHTML: Bool, wantText: Bool, maxDepth: Int = 200)
        -> Output
    {
        var copy = html
        return copy.withUTF8 { bytes in
            var processor = HTMLProcessor(
                input: bytes, baseURL: baseURL, wantHTML: wantHTML, wantText: wantText, maxDepth: maxDepth)
            processor.run()
            return Output(
                html: String(decoding: processor.html, as: UTF8.self),
                text: String(decoding: processor.text, as: UTF8.self))
        }
    }

    static let imageID = HTMLElementPolicy.names.firstIndex(of: Array("img".utf8)).map(UInt8.init) ?? 0

    let input: UnsafeBufferPointer<UInt8>
    let baseURL: String?
    let wantHTML: Bool
    let wantText: Bool
    let maxDepth: Int
    var html: [UInt8] = []
    var text: [UInt8] = []
    /// Open allowed elements, innermost last.
    var open: [HTMLElementPolicy] = []
    /// Depth of dropped elements we are inside (their content is skipped).
    var droppedDepth = 0
    var droppedID: UInt8 = 0
    /// Pending separator for the text output: 0 none, 1 space, 2 newline, 3 paragraph.
    var pendingBreak = 0

    init(input: UnsafeBufferPointer<UInt8>, baseURL: String?, wantHTML: Bool, wantText: Bool, maxDepth: Int) {
        self.input = input
        self.baseURL = baseURL
        self.wantHTML = wantHTML
        self.wantText = wantText
        self.maxDepth = maxDepth
        if wantHTML { html.reserveCapacity(input.count) }
        if wantText { text.reserveCapacity(input.count) }
    }

    mutating func run() {
        var tokenizer = HTMLTokenizer(input)
        while let token = tokenizer.next() {
            switch token {
            case .text(let range), .rawText(let range):
                if droppedDepth == 0 { emitText(range) }
            case .startTag(let name, let attributes, let selfClosing):
                startTag(HTMLElementPolicy.lookup(input, name), attributes: attributes, selfClosing: selfClosing)
            case .endTag(let name):
                endTag(HTMLElementPolicy.lookup(input, name))
            case .ignorable:
                break
            }
        }
        if wantHTML {
            while let policy = open.popLast() { appendClosingTag(policy.name) }
        }
    }

    // MARK: tags

    mutating func startTag(_ policy: HTMLElementPolicy, attributes: Range<Int>, selfClosing: Bool) {
        if droppedDepth > 0 {
            if policy.id == droppedID && policy.id != 0 && !policy.isVoid && !selfClosing { droppedDepth += 1 }
            return
        }
        switch policy.treatment {
        case .dropped:
            if !policy.isVoid && !selfClosing {
                droppedDepth = 1
                droppedID = policy.id
            }
            textBoundary(policy)
        case .unwrapped:
            textBoundary(policy)
        case .allowed:
            textBoundary(policy)
            guard wantHTML, open.count < maxDepth else { return }
            html.append(UInt8(ascii: "<"))
            html.append(contentsOf: policy.name)
            appendAttributes(attributes, isImage: policy.id == HTMLProcessor.imageID)
            if policy.isVoid {
                html.append(contentsOf: " />".utf8)
            } else if selfClosing {
                html.append(UInt8(ascii: ">"))
                appendClosingTag(policy.name)
            } else {
                html.append(UInt8(ascii: ">"))
                open.append(policy)
            }
        }
    }

    mutating func endTag(_ policy: HTMLElementPolicy) {
        if droppedDepth > 0 {
            if policy.id == droppedID && policy.id != 0 { droppedDepth -= 1 }
            return
        }
        textBoundary(policy)
        guard wantHTML, policy.treatment == .allowed, !policy.isVoid else { return }
        // Close intervening elements; ignore an end tag with no open element.
        guard let index = open.lastIndex(where: { $0.id == policy.id }) else { return }
        while open.count > index {
            appendClosingTag(open.removeLast().name)
        }
    }

    mutating func appendClosingTag(_ name: [UInt8]) {
        html.append(contentsOf: "</".utf8)
        html.append(contentsOf: name)
        html.append(UInt8(ascii: ">"))
    }

    mutating func textBoundary(_ policy: HTMLElementPolicy) {
        guard wantText else { return }
        if policy.isBlock {
            pendingBreak = max(pendingBreak, 3)
        } else if policy.isLineBreak {
            pendingBreak = max(pendingBreak, 2)
        } else if policy.separatesWords {
            pendingBreak = max(pendingBreak, 1)
        }
    }

    // MARK: attributes

    /// Parses the attributes of a start tag and appends the allowed ones, cleaned.
    mutating func appendAttributes(_ range: Range<Int>, isImage: Bool) {
        var index = range.lowerBound
        let end = range.upperBound
        var seen: [UInt128] = []
        while index < end {
            while index < end, isSpace(input[index]) || input[index] == UInt8(ascii: "/") { index += 1 }
            guard index < end else { break }
            let nameStart = index
            while index < end, !isSpace(input[index]), input[index] != UInt8(ascii: "="),
                input[index] != UInt8(ascii: "/")
            {
                index += 1
            }
            let nameEnd = index
            if nameEnd == nameStart {
                index += 1
                continue
            }
            while index < end, isSpace(input[index]) { index += 1 }
            var valueRange = index..<index
            if index < end, input[index] == UInt8(ascii: "=") {
                index += 1
                while index < end, isSpace(input[index]) { index += 1 }
                if index < end, input[index] == UInt8(ascii: "\"") || input[index] == UInt8(ascii: "'") {
                    let quote = input[index]
                    let valueStart = index + 1
                    index = valueStart
                    while index < end, input[index] != quote { index += 1 }
                    valueRange = valueStart..<index
                    index += 1
                } else {
                    let valueStart = index
                    while index < end, !isSpace(input[index]) { index += 1 }
                    valueRange = valueStart..<index
                }
            }
            guard nameEnd - nameStart <= 16 else { continue }
            let nameBytes = UnsafeBufferPointer(rebasing: input[nameStart..<nameEnd])
            let key = HTMLElementPolicy.packedKey(nameBytes)
            guard let kind = HTMLElementPolicy.attributeKind(key), !seen.contains(key) else { continue }
            seen.append(key)
            let raw = UnsafeBufferPointer(rebasing: input[valueRange])
            if kind == .plain && !raw.contains(UInt8(ascii: "&")) {
                appendAttributeName(nameBytes)
                appendEscaped(raw, attribute: true)
                html.append(UInt8(ascii: "\""))
                continue
            }
            let value = HTMLCharacterReferences.decode(raw, inAttribute: true)
            let cleaned: String?
            switch kind {
            case .url: cleaned = cleanURL(value, allowImageData: isImage && key == HTMLProcessor.srcKey)
            case .style: cleaned = CSSFilter.clean(value)
            case .plain: cleaned = value
            }
            guard var cleaned else { continue }
            appendAttributeName(nameBytes)
            cleaned.withUTF8 { appendEscaped($0, attribute: true) }
            html.append(UInt8(ascii: "\""))
        }
    }

    static let srcKey = HTMLElementPolicy.packedKey("src".utf8)

    /// ` name="` with the name lower-cased.
    mutating func appendAttributeName(_ name: UnsafeBufferPointer<UInt8>) {
        html.append(UInt8(ascii: " "))
        for byte in name { html.append(byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte) }
        html.append(contentsOf: "=\"".utf8)
    }

    @inline(__always) func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D || byte == 0x0C
    }

    func cleanURL(_ value: String, allowImageData: Bool) -> String? {
        // Browsers ignore control characters and whitespace inside a scheme ("java\tscript:").
        let needsCompacting = value.utf8.contains { $0 <= 0x20 || $0 == 0x7F }
        let compact =
            needsCompacting
            ? String(String.UnicodeScalarView(value.unicodeScalars.filter { $0.value > 0x20 && $0.value != 0x7F }))
            : value
        if let scheme = URLResolver.scheme(of: compact) {
            if scheme == "data" {
                let lower = compact.lowercased()
                let rasterImage = ["data:image/png", "data:image/gif", "data:image/jpeg", "data:image/webp"]
                    .contains { lower.hasPrefix($0) }
                return allowImageData && rasterImage ? compact : nil
            }
            return HTMLElementPolicy.allowedSchemes.contains(scheme) ? value.trimming(" \t\r\n") : nil
        }
        // No scheme: a relative reference, safe to resolve.
        return URLResolver.resolve(value, against: baseURL)
    }

    // MARK: output

    mutating func appendEscaped(_ bytes: UnsafeBufferPointer<UInt8>, attribute: Bool) {
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "&"): html.append(contentsOf: "&amp;".utf8)
            case UInt8(ascii: "<"): html.append(contentsOf: "&lt;".utf8)
            case UInt8(ascii: ">"): html.append(contentsOf: "&gt;".utf8)
            case UInt8(ascii: "\"") where attribute: html.append(contentsOf: "&quot;".utf8)
            default: html.append(byte)
            }
        }
    }

    mutating func emitText(_ range: Range<Int>) {
        if wantHTML { appendTextAsHTML(range) }
        if wantText { appendPlainText(range) }
    }

    /// Copies text, keeping valid character references and escaping stray `&`, `<`, `>`.
    mutating func appendTextAsHTML(_ range: Range<Int>) {
        var runStart = range.lowerBound
        var index = range.lowerBound
        guard let base = input.baseAddress else { return }
        while index < range.upperBound {
            index = ByteScan.first(
                UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "&"), in: base, from: index, to: range.upperBound)
            guard index < range.upperBound else { break }
            let byte = input[index]
            if byte == UInt8(ascii: "<") || byte == UInt8(ascii: ">") || byte == UInt8(ascii: "&") {
                html.append(contentsOf: UnsafeBufferPointer(rebasing: input[runStart..<index]))
                if byte == UInt8(ascii: "&") {
                    let slice = UnsafeBufferPointer(rebasing: input[index..<range.upperBound])
                    if let (scalars, length) = HTMLCharacterReferences.reference(in: slice, at: 0) {
                        // Re-spell as a canonical reference or the character itself.
                        for scalar in scalars {
                            switch scalar {
                            case 0x26: html.append(contentsOf: "&amp;".utf8)
                            case 0x3C: html.append(contentsOf: "&lt;".utf8)
                            case 0x3E: html.append(contentsOf: "&gt;".utf8)
                            default: TextEncoding.appendUTF8(scalar, to: &html)
                            }
                        }
                        index += length
                    } else {
                        html.append(contentsOf: "&amp;".utf8)
                        index += 1
                    }
                } else {
                    html.append(contentsOf: (byte == UInt8(ascii: "<") ? "&lt;" : "&gt;").utf8)
                    index += 1
                }
                runStart = index
            } else {
                index += 1
            }
        }
        html.append(contentsOf: UnsafeBufferPointer(rebasing: input[runStart..<range.upperBound]))
    }

    /// Appends text with references decoded and whitespace collapsed. Runs
    /// of ordinary bytes, including single spaces between words, are copied at once.
    mutating func appendPlainText(_ range: Range<Int>) {
        var index = range.lowerBound
        let end = range.upperBound
        guard let base = input.baseAddress else { return }
        while index < end {
            let byte = base[index]
            if isSpace(byte) {
                if pendingBreak == 0 { pendingBreak = 1 }
                index += 1
                continue
            }
            if byte == UInt8(ascii: "&") {
                let slice = UnsafeBufferPointer(rebasing: input[index..<end])
                if let (scalars, length) = HTMLCharacterReferences.reference(in: slice, at: 0) {
                    for scalar in scalars {
                        if scalar == 0x20 || scalar == 0x0A || scalar == 0x09 || scalar == 0x0D || scalar == 0xA0 {
                            if pendingBreak == 0 { pendingBreak = 1 }
                        } else {
                            flushBreak()
                            TextEncoding.appendUTF8(scalar, to: &text)
                        }
                    }
                    index += length
                    continue
                }
            }
            flushBreak()
            let start = index
            index += 1
            while index < end {
                let next = base[index]
                if next == UInt8(ascii: "&") { break }
                if next == 0x20 {
                    // A single space followed by a word stays inside the run.
                    if index + 1 < end, !isSpace(base[index + 1]), base[index + 1] != UInt8(ascii: "&") {
                        index += 2
                        continue
                    }
                    break
                }
                if next == 0x0A || next == 0x09 || next == 0x0D || next == 0x0C { break }
                index += 1
            }
            text.append(contentsOf: UnsafeBufferPointer(rebasing: input[start..<min(index, end)]))
            if index > end { index = end }
        }
    }

    mutating func flushBreak() {
        if pendingBreak > 0 && !text.isEmpty {
            switch pendingBreak {
            case 1: text.append(0x20)
            case 2: text.append(0x0A)
            default: text.append(contentsOf: [0x0A, 0x0A])
            }
        }
        pendingBreak = 0
    }
}
