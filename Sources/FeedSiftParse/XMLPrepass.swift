import FeedSiftCore

/// A byte-level pass over a UTF-8 XML document before libxml2 sees it. It
/// makes the document safe and repairs the mistakes publishers make most:
///
/// - The DOCTYPE is removed, so libxml2 never sees an entity declaration,
///   an external subset or a parameter entity: billion-laughs, quadratic
///   blow-up and XXE documents have nothing to expand. Internal entities
///   whose value is plain text are expanded here instead, up to
///   `ParseLimits.maxEntityExpansionBytes` in total.
/// - References to entities XML does not define (`&nbsp;`, `&eacute;`) are
///   replaced by numeric references when HTML defines them, and escaped
///   (`&amp;name;`) otherwise; a bare `&` becomes `&amp;`; a `<` that cannot
///   start markup becomes `&lt;`.
/// - Junk before the first `<` is dropped.
///
/// Comments, CDATA sections and processing instructions are copied
/// untouched. Every repair is reported as a warning. The pass copies the
/// document only when it changes something.
struct XMLPrepass {
    struct Result {
        var bytes: [UInt8]?  // nil: unchanged
        var warnings: [ParseWarning]
    }

    let limits: ParseLimits
    /// Spell the five predefined entities as numeric references. libxml2
    /// (2.9) drops named references once a document has had a
    /// well-formedness error, so the recovery parse needs this.
    var numericPredefinedEntities = false

    func run(_ input: [UInt8]) -> Result {
        input.withUnsafeBufferPointer { buffer in
            var state = State(input: buffer, limits: limits, numericPredefined: numericPredefinedEntities)
            state.run()
            return Result(bytes: state.output, warnings: state.warnings)
        }
    }
}

private let lt = UInt8(ascii: "<")
private let amp = UInt8(ascii: "&")
private let semicolon = UInt8(ascii: ";")
private let gt = UInt8(ascii: ">")

private struct State {
    let input: UnsafeBufferPointer<UInt8>
    let limits: ParseLimits
    let numericPredefined: Bool
    var output: [UInt8]?
    var copiedUpTo = 0
    var warnings: [ParseWarning] = []
    var warnedNames: Set<String> = []
    var entities: [String: [UInt8]] = [:]
    var unsupportedEntities: Set<String> = []
    var expandedBytes = 0
    var expansionLimitReported = false

    init(input: UnsafeBufferPointer<UInt8>, limits: ParseLimits, numericPredefined: Bool) {
        self.input = input
        self.limits = limits
        self.numericPredefined = numericPredefined
    }

    // MARK: output

    /// Replaces input[start..<end] by `replacement`.
    mutating func replace(_ start: Int, _ end: Int, with replacement: [UInt8]) {
        if output == nil {
            output = []
            output!.reserveCapacity(input.count + 256)
        }
        output!.append(contentsOf: UnsafeBufferPointer(rebasing: input[copiedUpTo..<start]))
        output!.append(contentsOf: replacement)
        copiedUpTo = end
    }

    mutating func finish() {
        if output != nil {
            output!.append(contentsOf: UnsafeBufferPointer(rebasing: input[copiedUpTo...]))
        }
    }

    mutating func warn(_ message: String, at offset: Int, kind: ParseWarning.Kind = .malformed) {
        guard warnings.count < 50 else { return }
        var line = 1
        for index in 0..<min(offset, input.count) where input[index] == 0x0A { line += 1 }
        warnings.append(ParseWarning(message, kind: kind, line: line))
    }

    // MARK: scanning helpers

    func starts(with literal: StaticString, at index: Int) -> Bool {
        let count = literal.utf8CodeUnitCount
        guard index + count <= input.count else { return false }
        let bytes = literal.utf8Start
        for offset in 0..<count where input[index + offset] != bytes[offset] { return false }
        return true
    }

    func startsCaseInsensitive(with literal: StaticString, at index: Int) -> Bool {
        let count = literal.utf8CodeUnitCount
        guard index + count <= input.count else { return false }
        let bytes = literal.utf8Start
        for offset in 0..<count {
            var byte = input[index + offset]
            if byte >= 0x61 && byte <= 0x7A { byte -= 0x20 }
            if byte != bytes[offset] { return false }
        }
        return true
    }

    /// Index just past the first occurrence of `terminator` at or after `index`, or the end.
    func skip(past terminator: StaticString, from index: Int) -> Int {
        let count = terminator.utf8CodeUnitCount
        let first = terminator.utf8Start[0]
        guard let base = input.baseAddress else { return input.count }
        var position = index
        while position + count <= input.count {
            position = ByteScan.first(first, in: base, from: position, to: input.count)
            guard position + count <= input.count else { break }
            if starts(with: terminator, at: position) { return position + count }
            position += 1
        }
        return input.count
    }

    func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
    }

    func isNameStart(_ byte: UInt8) -> Bool {
        (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ":")
            || byte >= 0x80
    }

    // MARK: prolog

    mutating func run() {
        var index = 0
        // Whitespace or junk before the XML declaration or root element.
        while index < input.count, isSpace(input[index]) { index += 1 }
        if index < input.count, input[index] != lt {
            let junkStart = index
            while index < input.count, input[index] != lt { index += 1 }
            warn("text before the first element ignored", at: junkStart)
        }
        if index > 0 { replace(0, index, with: []) }
        index = prolog(from: index)
        body(from: index)
        finish()
    }

    /// Copies the XML declaration, comments and PIs, removes the DOCTYPE;
    /// returns the index of the root element (or the first thing that is not prolog).
    mutating func prolog(from start: Int) -> Int {
        var index = start
        while index < input.count {
            if isSpace(input[index]) {
                index += 1
            } else if starts(with: "<?", at: index) {
                index = skip(past: "?>", from: index)
            } else if starts(with: "<!--", at: index) {
                index = skip(past: "-->", from: index)
            } else if startsCaseInsensitive(with: "<!DOCTYPE", at: index) {
                let end = doctype(from: index)
                replace(index, end, with: [])
                index = end
            } else {
                return index
            }
        }
        return index
    }

    /// Parses a DOCTYPE declaration starting at `start`, records its plain
    /// internal entities, and returns the index just past it.
    mutating func doctype(from start: Int) -> Int {
        var index = start + 9
        var quote: UInt8 = 0
        while index < input.count {
            let byte = input[index]
            if quote != 0 {
                if byte == quote { quote = 0 }
            } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                quote = byte
            } else if byte == UInt8(ascii: "[") {
                index = internalSubset(from: index + 1)
                continue
            } else if byte == gt {
                return index + 1
            }
            index += 1
        }
        return input.count
    }

    mutating func internalSubset(from start: Int) -> Int {
        var index = start
        while index < input.count {
            let byte = input[index]
            if byte == UInt8(ascii: "]") { return index + 1 }
            if starts(with: "<!--", at: index) {
                index = skip(past: "-->", from: index)
            } else if starts(with: "<!ENTITY", at: index) {
                index = entityDeclaration(from: index + 8)
            } else if byte == lt {
                index = declarationEnd(from: index + 1)
            } else {
                index += 1
            }
        }
        return input.count
    }

    /// Index just past the `>` that ends a markup declaration, skipping quoted strings.
    func declarationEnd(from start: Int) -> Int {
        var index = start
        var quote: UInt8 = 0
        while index < input.count {
            let byte = input[index]
            if quote != 0 {
                if byte == quote { quote = 0 }
            } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                quote = byte
            } else if byte == gt {
                return index + 1
            }
            index += 1
        }
        return input.count
    }

    mutating func entityDeclaration(from start: Int) -> Int {
        let end = declarationEnd(from: start)
        var index = start
        while index < end, isSpace(input[index]) { index += 1 }
        if index < end, input[index] == UInt8(ascii: "%") { return end }  // parameter entity: ignored
        let nameStart = index
        while index < end, !isSpace(input[index]), input[index] != gt { index += 1 }
        let name = String(decoding: UnsafeBufferPointer(rebasing: input[nameStart..<index]), as: UTF8.self)
        while index < end, isSpace(input[index]) { index += 1 }
        guard !name.isEmpty, index < end else { return end }
        let quote = input[index]
        guard quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") else {
            unsupportedEntities.insert(name)  // SYSTEM or PUBLIC: never loaded
            warn("external entity \"\(name)\" ignored", at: start, kind: .limit)
            return end
        }
        var valueEnd = index + 1
        while valueEnd < end, input[valueEnd] != quote { valueEnd += 1 }
        let raw = UnsafeBufferPointer(rebasing: input[(index + 1)..<valueEnd])
        if let value = plainEntityValue(raw) {
            if entities[name] == nil { entities[name] = value }
        } else {
            unsupportedEntities.insert(name)
            warn("entity \"\(name)\" refers to other entities and is not expanded", at: start, kind: .limit)
        }
        return end
    }

    /// The text of an entity value if it holds only text and character
    /// references (no entity or parameter-entity references).
    func plainEntityValue(_ raw: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        var value: [UInt8] = []
        var index = 0
        while index < raw.count {
            let byte = raw[index]
            if byte == UInt8(ascii: "%") { return nil }
            if byte == amp {
                guard index + 2 < raw.count, raw[index + 1] == UInt8(ascii: "#"),
                    let close = raw[index...].firstIndex(of: semicolon),
                    let scalar = characterReference(UnsafeBufferPointer(rebasing: raw[(index + 2)..<close]))
                else { return nil }
                TextEncoding.appendUTF8(scalar, to: &value)
                index = close + 1
                continue
            }
            value.append(byte)
            index += 1
        }
        return value
    }

    // MARK: body

    mutating func body(from start: Int) {
        var index = start
        let count = input.count
        guard let base = input.baseAddress else { return }
        while index < count {
            index = ByteScan.first(lt, or: amp, in: base, from: index, to: count)
            guard index < count else { break }
            let byte = base[index]
            if byte == amp {
                // The predefined entities are most references (escaped HTML is full of them): nothing to repair.
                if !numericPredefined, let length = predefinedReferenceLength(base, count, at: index) {
                    index += length
                } else {
                    index = reference(at: index)
                }
                continue
            }
            // byte == "<"
            guard index + 1 < count else {
                replace(index, index + 1, with: Array("&lt;".utf8))
                index += 1
                continue
            }
            let next = base[index + 1]
            if next == UInt8(ascii: "!") {
                if starts(with: "<!--", at: index) {
                    index = skip(past: "-->", from: index + 4)
                } else if starts(with: "<![CDATA[", at: index) {
                    index = skip(past: "]]>", from: index + 9)
                } else if startsCaseInsensitive(with: "<!DOCTYPE", at: index) {
                    let end = doctype(from: index)
                    replace(index, end, with: [])
                    warn("DOCTYPE inside the document ignored", at: index)
                    index = end
                } else {
                    index += 2
                }
            } else if next == UInt8(ascii: "?") {
                index = skip(past: "?>", from: index + 2)
            } else if next == UInt8(ascii: "/") || isNameStart(next) {
                index += 2
            } else {
                replace(index, index + 1, with: Array("&lt;".utf8))
                warn("unescaped \"<\" in text", at: index)
                index += 1
            }
        }
    }

    /// Handles the `&` at `start`; returns the index to continue from.
    mutating func reference(at start: Int) -> Int {
        let count = input.count
        var index = start + 1
        if index < count, input[index] == UInt8(ascii: "#") {
            return numericReference(at: start)
        }
        while index < count, index - start <= HTMLEntities.maximumNameLength + 1,
            isEntityNameByte(input[index])
        {
            index += 1
        }
        let nameBytes = UnsafeBufferPointer(rebasing: input[(start + 1)..<index])
        guard index < count, input[index] == semicolon, !nameBytes.isEmpty else {
            replace(start, start + 1, with: Array("&amp;".utf8))
            warn("unescaped \"&\"", at: start)
            return start + 1
        }
        let end = index + 1
        if isPredefined(nameBytes) {
            if numericPredefined, let predefined = predefinedNumeric(nameBytes) {
                replace(start, end, with: predefined)
            }
            return end
        }
        let name = String(decoding: nameBytes, as: UTF8.self)
        if let value = entities[name] {
            expandedBytes += value.count
            if expandedBytes > limits.maxEntityExpansionBytes {
                if !expansionLimitReported {
                    expansionLimitReported = true
                    warn(
                        "entity expansion exceeds \(limits.maxEntityExpansionBytes) bytes; further references dropped",
                        at: start, kind: .limit)
                }
                replace(start, end, with: [])
            } else {
                replace(start, end, with: escaped(value))
            }
            return end
        }
        if !unsupportedEntities.contains(name), let value = HTMLEntities.html4Value(named: name) {
            var replacement: [UInt8] = []
            for scalar in value.unicodeScalars {
                replacement.append(contentsOf: Array("&#\(scalar.value);".utf8))
            }
            replace(start, end, with: replacement)
            if warnedNames.insert(name).inserted { warn("undefined entity &\(name); read as HTML", at: start) }
            return end
        }
        replace(start, start + 1, with: Array("&amp;".utf8))
        if warnedNames.insert(name).inserted { warn("undefined entity &\(name); kept as text", at: start) }
        return end
    }

    mutating func numericReference(at start: Int) -> Int {
        let count = input.count
        var index = start + 2
        let digitsStart = index
        let hex = index < count && (input[index] | 0x20) == UInt8(ascii: "x")
        if hex { index += 1 }
        while index < count, isHexOrDigit(input[index], hex: hex), index - digitsStart < 10 { index += 1 }
        let body = UnsafeBufferPointer(rebasing: input[digitsStart..<index])
        let terminated = index < count && input[index] == semicolon
        guard let scalar = characterReference(body) else {
            replace(start, start + 1, with: Array("&amp;".utf8))
            warn("malformed character reference", at: start)
            return start + 1
        }
        if !isXMLCharacter(scalar) {
            let replacement = Array("&#xFFFD;".utf8)
            replace(start, terminated ? index + 1 : index, with: replacement)
            warn("character reference to an invalid XML character", at: start)
            return terminated ? index + 1 : index
        }
        if !terminated {
            replace(start, index, with: Array("&#\(scalar);".utf8))
            warn("character reference without \";\"", at: start)
            return index
        }
        if hex && input[start + 2] == UInt8(ascii: "X") {
            replace(start, index + 1, with: Array("&#\(scalar);".utf8))
            warn("character reference with an upper-case X", at: start)
        }
        return index + 1
    }

    func isHexOrDigit(_ byte: UInt8, hex: Bool) -> Bool {
        if byte >= 0x30 && byte <= 0x39 { return true }
        let lower = byte | 0x20
        return hex && lower >= 0x61 && lower <= 0x66
    }

    func isEntityNameByte(_ byte: UInt8) -> Bool {
        (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A || byte >= 0x30 && byte <= 0x39
            || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")
    }

    /// The length of `&lt;`, `&gt;`, `&amp;`, `&quot;` or `&apos;` at `start` (which holds `&`), if one is there.
    @inline(__always)
    func predefinedReferenceLength(_ base: UnsafePointer<UInt8>, _ count: Int, at start: Int) -> Int? {
        func byte(_ offset: Int) -> UInt8 { start + offset < count ? base[start + offset] : 0 }
        switch byte(1) {
        case UInt8(ascii: "l"), UInt8(ascii: "g"):
            return byte(2) == UInt8(ascii: "t") && byte(3) == semicolon ? 4 : nil
        case UInt8(ascii: "a"):
            if byte(2) == UInt8(ascii: "m") { return byte(3) == UInt8(ascii: "p") && byte(4) == semicolon ? 5 : nil }
            return starts(with: "&apos;", at: start) ? 6 : nil
        case UInt8(ascii: "q"):
            return starts(with: "&quot;", at: start) ? 6 : nil
        default:
            return nil
        }
    }

    func predefinedNumeric(_ name: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        switch name.count {
        case 2 where name[1] == UInt8(ascii: "t"):
            if name[0] == UInt8(ascii: "l") { return Array("&#60;".utf8) }
            if name[0] == UInt8(ascii: "g") { return Array("&#62;".utf8) }
            return nil
        case 3 where name.elementsEqual("amp".utf8): return Array("&#38;".utf8)
        case 4 where name.elementsEqual("quot".utf8): return Array("&#34;".utf8)
        case 4 where name.elementsEqual("apos".utf8): return Array("&#39;".utf8)
        default: return nil
        }
    }

    @inline(__always) func isPredefined(_ name: UnsafeBufferPointer<UInt8>) -> Bool {
        switch name.count {
        case 2: return name[1] == UInt8(ascii: "t") && (name[0] == UInt8(ascii: "l") || name[0] == UInt8(ascii: "g"))
        case 3: return name[0] == UInt8(ascii: "a") && name[1] == UInt8(ascii: "m") && name[2] == UInt8(ascii: "p")
        case 4: return name.elementsEqual("quot".utf8) || name.elementsEqual("apos".utf8)
        default: return false
        }
    }

    func escaped(_ value: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(value.count)
        for byte in value {
            switch byte {
            case amp: out.append(contentsOf: Array("&#38;".utf8))
            case lt: out.append(contentsOf: Array("&#60;".utf8))
            default: out.append(byte)
            }
        }
        return out
    }
}
