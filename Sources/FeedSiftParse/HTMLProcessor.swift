import FeedSiftCore

/// One pass over HTML producing sanitized HTML and/or plain text (see
/// `HTMLSanitizer` and `HTMLText` for what each output guarantees).
///
/// Both outputs are written as bytes into `ByteWriter`s and become Strings
/// once, at the end; tags, attributes and references are recognized on the
/// input bytes through integer-keyed tables, so the pass allocates nothing
/// per token (only `style` values and relative URLs go through the
/// String-based `CSSFilter` and `URLResolver`).
struct HTMLProcessor: ~Copyable {
    struct Output {
        var html: String
        var text: String
    }

    static func process(_ html: String, baseURL: String?, wantHTML: Bool, wantText: Bool, maxDepth: Int = 200)
        -> Output
    {
        var copy = html
        return copy.withUTF8 { bytes in
            guard let base = bytes.baseAddress, !bytes.isEmpty else { return Output(html: "", text: "") }
            var processor = HTMLProcessor(
                input: bytes, base: base, baseURL: baseURL, wantHTML: wantHTML, wantText: wantText,
                maxDepth: maxDepth)
            processor.run()
            return Output(
                html: wantHTML ? processor.html.string() : "", text: wantText ? processor.text.string() : "")
        }
    }

    let input: UnsafeBufferPointer<UInt8>
    /// `input.baseAddress`.
    let base: UnsafePointer<UInt8>
    let baseURL: String?
    let wantHTML: Bool
    let wantText: Bool
    let maxDepth: Int
    let elements = HTMLElementPolicy.table
    let attributes = HTMLElementPolicy.attributeTable
    let schemes = HTMLElementPolicy.schemeTable
    let nameBytes = HTMLElementPolicy.nameBytes
    let nameOffsets = HTMLElementPolicy.nameOffsets
    var html: ByteWriter
    var text: ByteWriter
    /// Decoded attribute values, reused from one attribute to the next.
    var scratch = ByteWriter(capacity: 256)
    /// Open allowed elements, innermost last.
    var open: [HTMLElementPolicy] = []
    /// Depth of dropped elements we are inside (their content is skipped).
    var droppedDepth = 0
    var droppedID: UInt8 = 0
    /// The separator the text output owes before its next word.
    var pendingBreak = HTMLTextBoundary.none

    private init(
        input: UnsafeBufferPointer<UInt8>, base: UnsafePointer<UInt8>, baseURL: String?, wantHTML: Bool,
        wantText: Bool, maxDepth: Int
    ) {
        self.input = input
        self.base = base
        self.baseURL = baseURL
        self.wantHTML = wantHTML
        self.wantText = wantText
        self.maxDepth = maxDepth
        html = ByteWriter(capacity: wantHTML ? input.count + input.count / 8 : 0)
        text = ByteWriter(capacity: wantText ? input.count : 0)
    }

    mutating func run() {
        var tokenizer = HTMLTokenizer(input)
        while let token = tokenizer.next() {
            switch token {
            case .text(let range), .rawText(let range):
                if droppedDepth == 0 { emitText(range) }
            case .startTag(let name, let attributes, let selfClosing):
                startTag(
                    HTMLElementPolicy.lookup(input, name, in: elements), attributes: attributes,
                    selfClosing: selfClosing)
            case .endTag(let name):
                endTag(HTMLElementPolicy.lookup(input, name, in: elements))
            case .ignorable:
                break
            }
        }
        if wantHTML {
            while let policy = open.popLast() { appendClosingTag(policy.id) }
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
            appendName(policy.id)
            appendAttributes(attributes, isImage: policy.id == HTMLProcessor.imageID)
            if policy.isVoid {
                html.append(" />")
            } else if selfClosing {
                html.append(UInt8(ascii: ">"))
                appendClosingTag(policy.id)
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
            appendClosingTag(open.removeLast().id)
        }
    }

    static let imageID = HTMLElementPolicy.names.firstIndex(of: Array("img".utf8)).map(UInt8.init) ?? 0

    mutating func appendName(_ id: UInt8) {
        let range = nameOffsets[Int(id)]..<nameOffsets[Int(id) + 1]
        nameBytes.withUnsafeBufferPointer { html.append(UnsafeBufferPointer(rebasing: $0[range])) }
    }

    mutating func appendClosingTag(_ id: UInt8) {
        html.append("</")
        appendName(id)
        html.append(UInt8(ascii: ">"))
    }

    mutating func textBoundary(_ policy: HTMLElementPolicy) {
        guard wantText else { return }
        pendingBreak = max(pendingBreak, policy.textBoundary)
    }

    // MARK: text

    mutating func emitText(_ range: Range<Int>) {
        let run = UnsafeBufferPointer(start: base + range.lowerBound, count: range.count)
        if wantHTML && wantText && appendPlainRun(run) { return }
        if wantHTML { appendTextAsHTML(run) }
        if wantText { appendPlainText(run) }
    }

    /// The usual text run, words and single spaces between whitespace at its
    /// ends, is its own HTML and (ends aside) its own plain text: both are
    /// written with one check of the run. Returns false, writing nothing,
    /// for any other run.
    mutating func appendPlainRun(_ run: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let start = run.baseAddress else { return true }
        var lower = 0
        var upper = run.count
        while lower < upper, isSpace(start[lower]) { lower += 1 }
        while upper > lower, isSpace(start[upper - 1]) { upper -= 1 }
        let words = UnsafeBufferPointer(start: start + lower, count: upper - lower)
        guard ByteScan.isPlainWords(words) else { return false }
        html.append(run)
        if lower > 0, pendingBreak == .none { pendingBreak = .space }
        if !words.isEmpty {
            flushBreak()
            text.append(words)
        }
        if upper < run.count, pendingBreak == .none { pendingBreak = .space }
        return true
    }

    /// Copies text, keeping valid character references and escaping stray `&`, `<`, `>`.
    mutating func appendTextAsHTML(_ run: UnsafeBufferPointer<UInt8>) {
        guard let start = run.baseAddress else { return }
        let end = run.count
        var index = 0
        while index < end {
            let special = ByteScan.first(
                UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "&"), in: start, from: index, to: end)
            html.append(start + index, count: special - index)
            index = special
            guard index < end else { break }
            switch start[index] {
            case UInt8(ascii: "<"):
                html.append("&lt;")
                index += 1
            case UInt8(ascii: ">"):
                html.append("&gt;")
                index += 1
            default:
                if let reference = HTMLCharacterReferences.reference(in: run, at: index) {
                    // Re-spelled as a canonical reference or the character itself.
                    appendCharacterAsHTML(reference.characters.first)
                    if reference.characters.second != 0 { appendCharacterAsHTML(reference.characters.second) }
                    index += reference.length
                } else {
                    html.append("&amp;")
                    index += 1
                }
            }
        }
    }

    mutating func appendCharacterAsHTML(_ scalar: UInt32) {
        switch scalar {
        case 0x26: html.append("&amp;")
        case 0x3C: html.append("&lt;")
        case 0x3E: html.append("&gt;")
        default: html.append(scalar: scalar)
        }
    }

    /// Appends text with references decoded and whitespace collapsed. Runs
    /// of ordinary bytes, including single spaces between words, are copied at once.
    mutating func appendPlainText(_ run: UnsafeBufferPointer<UInt8>) {
        guard let start = run.baseAddress else { return }
        let end = run.count
        var index = 0
        while index < end {
            let byte = start[index]
            if isSpace(byte) {
                if pendingBreak == .none { pendingBreak = .space }
                index += 1
                continue
            }
            if byte == UInt8(ascii: "&"), let reference = HTMLCharacterReferences.reference(in: run, at: index) {
                appendCharacterAsText(reference.characters.first)
                if reference.characters.second != 0 { appendCharacterAsText(reference.characters.second) }
                index += reference.length
                continue
            }
            flushBreak()
            let wordStart = index
            index += 1
            while index < end {
                if index + ByteScan.Block.scalarCount < end, ByteScan.isPlainWords(at: start + index) {
                    index += ByteScan.Block.scalarCount
                    continue
                }
                let next = start[index]
                if next == UInt8(ascii: "&") { break }
                if next == 0x20 {
                    // A single space followed by a word stays inside the run.
                    if index + 1 < end, !isSpace(start[index + 1]), start[index + 1] != UInt8(ascii: "&") {
                        index += 2
                        continue
                    }
                    break
                }
                if next == 0x0A || next == 0x09 || next == 0x0D || next == 0x0C { break }
                index += 1
            }
            index = min(index, end)
            text.append(start + wordStart, count: index - wordStart)
        }
    }

    mutating func appendCharacterAsText(_ scalar: UInt32) {
        if scalar == 0x20 || scalar == 0x0A || scalar == 0x09 || scalar == 0x0D || scalar == 0xA0 {
            if pendingBreak == .none { pendingBreak = .space }
        } else {
            flushBreak()
            text.append(scalar: scalar)
        }
    }

    mutating func flushBreak() {
        if pendingBreak != .none && !text.isEmpty {
            switch pendingBreak {
            case .space: text.append(0x20)
            case .line: text.append(0x0A)
            default: text.append("\n\n")
            }
        }
        pendingBreak = .none
    }

    @inline(__always) func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D || byte == 0x0C
    }
}
