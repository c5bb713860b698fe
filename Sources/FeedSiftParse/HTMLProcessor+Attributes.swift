/// The attributes of an allowed element: parsed from the start tag's bytes,
/// kept only when on the allow-list, values decoded, URLs and styles
/// checked, and written out escaped and double-quoted.
extension HTMLProcessor {
    /// Parses the attributes of a start tag and appends the allowed ones, cleaned.
    mutating func appendAttributes(_ range: Range<Int>, isImage: Bool) {
        var index = range.lowerBound
        let end = range.upperBound
        var seen: UInt128 = 0
        while index < end {
            while index < end, isSpace(base[index]) || base[index] == UInt8(ascii: "/") { index += 1 }
            guard index < end else { break }
            let nameStart = index
            while index < end, !isSpace(base[index]), base[index] != UInt8(ascii: "="),
                base[index] != UInt8(ascii: "/")
            {
                index += 1
            }
            let nameEnd = index
            if nameEnd == nameStart {
                index += 1
                continue
            }
            while index < end, isSpace(base[index]) { index += 1 }
            var valueRange = index..<index
            if index < end, base[index] == UInt8(ascii: "=") {
                index += 1
                while index < end, isSpace(base[index]) { index += 1 }
                if index < end, base[index] == UInt8(ascii: "\"") || base[index] == UInt8(ascii: "'") {
                    let quote = base[index]
                    let valueStart = index + 1
                    index = valueStart
                    while index < end, base[index] != quote { index += 1 }
                    valueRange = valueStart..<index
                    index += 1
                } else {
                    let valueStart = index
                    while index < end, !isSpace(base[index]) { index += 1 }
                    valueRange = valueStart..<index
                }
            }
            let name = UnsafeBufferPointer(start: base + nameStart, count: nameEnd - nameStart)
            guard let key = PackedName.key(name), let attribute = attributes.value(for: key),
                seen & attribute.bit == 0
            else { continue }
            seen |= attribute.bit
            let raw = UnsafeBufferPointer(start: base + valueRange.lowerBound, count: valueRange.count)
            if attribute.kind == .plain && !raw.contains(UInt8(ascii: "&")) {
                appendAttribute(name: name, value: raw)
                continue
            }
            scratch.truncate(to: 0)
            HTMLCharacterReferences.decode(raw, inAttribute: true, into: &scratch)
            let value = scratch.bytes
            switch attribute.kind {
            case .plain:
                appendAttribute(name: name, value: value)
            case .url:
                appendURLAttribute(name: name, value: value, allowImageData: isImage && key == HTMLProcessor.srcKey)
            case .style:
                guard var cleaned = CSSFilter.clean(String(checkedUTF8: value)) else { continue }
                cleaned.withUTF8 { appendAttribute(name: name, value: $0) }
            }
        }
    }

    static let srcKey = PackedName.key("src")

    /// ` name="value"`, the name lower-cased and the value escaped.
    mutating func appendAttribute(name: UnsafeBufferPointer<UInt8>, value: UnsafeBufferPointer<UInt8>) {
        html.append(UInt8(ascii: " "))
        for byte in name { html.append(byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte) }
        html.append("=\"")
        if let start = value.baseAddress {
            var index = 0
            while index < value.count {
                let special = ByteScan.first(
                    UInt8(ascii: "&"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "\""), in: start, from: index,
                    to: value.count)
                html.append(start + index, count: special - index)
                guard special < value.count else { break }
                switch start[special] {
                case UInt8(ascii: "&"): html.append("&amp;")
                case UInt8(ascii: "<"): html.append("&lt;")
                case UInt8(ascii: ">"): html.append("&gt;")
                default: html.append("&quot;")
                }
                index = special + 1
            }
        }
        html.append(UInt8(ascii: "\""))
    }

    /// A URL attribute if its scheme is allowed (`data:` only for raster
    /// images in `img src`), relative URLs resolved against the base.
    mutating func appendURLAttribute(
        name: UnsafeBufferPointer<UInt8>, value: UnsafeBufferPointer<UInt8>, allowImageData: Bool
    ) {
        // Browsers ignore control characters and whitespace inside a scheme ("java\tscript:").
        if Self.containsSpaceOrControl(value) {
            let compact = value.filter { $0 > 0x20 && $0 != 0x7F }
            compact.withUnsafeBufferPointer { compact in
                appendURLAttribute(name: name, value: value, compact: compact, allowImageData: allowImageData)
            }
        } else {
            appendURLAttribute(name: name, value: value, compact: value, allowImageData: allowImageData)
        }
    }

    private mutating func appendURLAttribute(
        name: UnsafeBufferPointer<UInt8>, value: UnsafeBufferPointer<UInt8>, compact: UnsafeBufferPointer<UInt8>,
        allowImageData: Bool
    ) {
        guard let schemeLength = Self.schemeLength(compact) else {
            // No scheme: a relative reference, safe to resolve.
            let trimmed = Self.trimmed(value)
            if let baseURL, !baseURL.isEmpty {
                var resolved = URLResolver.resolve(String(checkedUTF8: trimmed), against: baseURL)
                resolved.withUTF8 { appendAttribute(name: name, value: $0) }
            } else {
                appendAttribute(name: name, value: trimmed)
            }
            return
        }
        let scheme = UnsafeBufferPointer(rebasing: compact[..<schemeLength])
        guard let key = PackedName.key(scheme) else { return }
        if key == Self.dataKey {
            let rasterImage = ["data:image/png", "data:image/gif", "data:image/jpeg", "data:image/webp"].contains {
                Self.hasPrefixIgnoringCase(compact, $0)
            }
            if allowImageData && rasterImage { appendAttribute(name: name, value: compact) }
            return
        }
        if schemes.value(for: key) != nil { appendAttribute(name: name, value: Self.trimmed(value)) }
    }

    static let dataKey = PackedName.key("data")

    /// Whether `bytes` has a byte up to 0x20 (spaces, controls) or 0x7F.
    static func containsSpaceOrControl(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return false }
        var index = 0
        while index + ByteScan.Block.scalarCount <= bytes.count {
            if ByteScan.any(ByteScan.spacesAndControls(ByteScan.block(at: base + index))) { return true }
            index += ByteScan.Block.scalarCount
        }
        return UnsafeBufferPointer(rebasing: bytes[index...]).contains { $0 <= 0x20 || $0 == 0x7F }
    }

    /// The length of the scheme of an absolute URL (letters, then letters,
    /// digits, `+`, `-`, `.`, up to a `:`), or nil for a relative reference.
    static func schemeLength(_ url: UnsafeBufferPointer<UInt8>) -> Int? {
        for (length, byte) in url.enumerated() {
            switch byte {
            case UInt8(ascii: ":"):
                return length > 0 ? length : nil
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"):
                continue
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."):
                if length == 0 { return nil }
            default:
                return nil
            }
        }
        return nil
    }

    static func hasPrefixIgnoringCase(_ bytes: UnsafeBufferPointer<UInt8>, _ prefix: StaticString) -> Bool {
        guard bytes.count >= prefix.utf8CodeUnitCount else { return false }
        for offset in 0..<prefix.utf8CodeUnitCount {
            var byte = bytes[offset]
            if byte >= 0x41 && byte <= 0x5A { byte |= 0x20 }
            if byte != prefix.utf8Start[offset] { return false }
        }
        return true
    }

    /// `bytes` without leading and trailing spaces, tabs and line breaks.
    static func trimmed(_ bytes: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        var start = 0
        var end = bytes.count
        func isTrimmed(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }
        while start < end, isTrimmed(bytes[start]) { start += 1 }
        while end > start, isTrimmed(bytes[end - 1]) { end -= 1 }
        return UnsafeBufferPointer(rebasing: bytes[start..<end])
    }
}
