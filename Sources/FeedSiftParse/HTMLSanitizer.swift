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

    let input: UnsafeBufferPointer<UInt8>
    let baseURL: String?
    let wantHTML: Bool
    let wantText: Bool
    let maxDepth: Int
    var html: [UInt8] = []
    var text: [UInt8] = []
    /// Open allowed elements, innermost last.
    var open: [String] = []
    /// Depth of dropped elements we are inside (their content is skipped).
    var droppedDepth = 0
    var droppedName = ""
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
            case .text(let range):
                if droppedDepth == 0 { emitText(range) }
            case .rawText(let range):
                // Raw text of textarea/title-like elements we keep is text; script/style are dropped.
                if droppedDepth == 0 { emitText(range) }
            case .startTag(let nameRange, let attributes, let selfClosing):
                startTag(name: lowerName(nameRange), attributes: attributes, selfClosing: selfClosing)
            case .endTag(let nameRange):
                endTag(name: lowerName(nameRange))
            case .ignorable:
                break
            }
        }
        if wantHTML {
            while let name = open.popLast() { appendHTML("</\(name)>") }
        }
    }

    func lowerName(_ range: Range<Int>) -> String {
        var hasUpper = false
        for index in range where input[index] >= 0x41 && input[index] <= 0x5A {
            hasUpper = true
            break
        }
        if !hasUpper { return String(decoding: UnsafeBufferPointer(rebasing: input[range]), as: UTF8.self) }
        return String(decoding: input[range].map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }, as: UTF8.self)
    }

    // MARK: tags

    mutating func startTag(name rawName: String, attributes: Range<Int>, selfClosing: Bool) {
        let name = localName(rawName)
        let policy = HTMLElementPolicy.policy(for: name)
        if droppedDepth > 0 {
            if name == droppedName && !policy.isVoid && !selfClosing { droppedDepth += 1 }
            return
        }
        switch policy.treatment {
        case .dropped:
            if !policy.isVoid && !selfClosing {
                droppedDepth = 1
                droppedName = name
            }
            textBoundary(policy)
        case .unwrapped:
            textBoundary(policy)
        case .allowed:
            textBoundary(policy)
            guard wantHTML, open.count < maxDepth else { return }
            appendHTML("<" + name)
            for (attribute, value) in HTMLTokenizer.attributes(in: input, attributes) {
                if let cleaned = cleanAttribute(attribute, value, element: name) {
                    appendHTML(" \(attribute)=\"")
                    appendEscaped(cleaned, attribute: true)
                    appendHTML("\"")
                }
            }
            if policy.isVoid {
                appendHTML(" />")
            } else if selfClosing {
                appendHTML("></\(name)>")
            } else {
                appendHTML(">")
                open.append(name)
            }
        }
    }

    mutating func endTag(name rawName: String) {
        let name = localName(rawName)
        if droppedDepth > 0 {
            if name == droppedName { droppedDepth -= 1 }
            return
        }
        let policy = HTMLElementPolicy.policy(for: name)
        textBoundary(policy)
        guard wantHTML, policy.treatment == .allowed, !policy.isVoid else { return }
        // Close intervening elements; ignore an end tag with no open element.
        guard let index = open.lastIndex(of: name) else { return }
        while open.count > index {
            appendHTML("</\(open.removeLast())>")
        }
    }

    /// `xhtml:p` and `P` are `p`.
    func localName(_ name: String) -> String {
        guard let colon = name.lastIndex(of: ":") else { return name }
        return String(name[name.index(after: colon)...])
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

    func cleanAttribute(_ name: String, _ value: String, element: String) -> String? {
        guard HTMLElementPolicy.allowedAttributes.contains(name) else { return nil }
        if HTMLElementPolicy.urlAttributes.contains(name) {
            return cleanURL(value, allowImageData: element == "img" && name == "src")
        }
        if name == "style" { return CSSFilter.clean(value) }
        return value
    }

    func cleanURL(_ value: String, allowImageData: Bool) -> String? {
        // Browsers ignore control characters and whitespace inside a scheme ("java\tscript:").
        let compact = String(
            String.UnicodeScalarView(value.unicodeScalars.filter { $0.value > 0x20 && $0.value != 0x7F }))
        if let scheme = URLResolver.scheme(of: compact) {
            if scheme == "data" {
                let lower = compact.lowercased()
                let rasterImage = ["data:image/png", "data:image/gif", "data:image/jpeg", "data:image/webp"]
                    .contains { lower.hasPrefix($0) }
                return allowImageData && rasterImage ? compact : nil
            }
            return HTMLElementPolicy.allowedSchemes.contains(scheme) ? value.trimming(" \t\r\n") : nil
        }
        // Something before a ":" that is not a valid scheme ("javascript&colon;" decoded, "&#106;ava…")
        // was decoded already; a relative reference is safe to resolve.
        return URLResolver.resolve(value, against: baseURL)
    }

    // MARK: output

    mutating func appendHTML(_ string: String) {
        html.append(contentsOf: string.utf8)
    }

    mutating func appendEscaped(_ string: String, attribute: Bool) {
        for byte in string.utf8 {
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
        while index < range.upperBound {
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

    /// Appends text with references decoded and whitespace collapsed.
    mutating func appendPlainText(_ range: Range<Int>) {
        var index = range.lowerBound
        while index < range.upperBound {
            let byte = input[index]
            if byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D || byte == 0x0C {
                if pendingBreak == 0 { pendingBreak = 1 }
                index += 1
                continue
            }
            if byte == UInt8(ascii: "&") {
                let slice = UnsafeBufferPointer(rebasing: input[index..<range.upperBound])
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
            // Copy the run of ordinary bytes in one go.
            let start = index
            index += 1
            while index < range.upperBound {
                let next = input[index]
                if next == 0x20 || next == 0x0A || next == 0x09 || next == 0x0D || next == 0x0C
                    || next == UInt8(ascii: "&")
                {
                    break
                }
                index += 1
            }
            text.append(contentsOf: UnsafeBufferPointer(rebasing: input[start..<index]))
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
