/// Escapes text for XML character data and attribute values, dropping the
/// characters XML 1.0 forbids (control characters other than tab, CR, LF;
/// U+FFFE, U+FFFF; lone surrogates cannot occur in a Swift String), so the
/// output is always well-formed whatever a feed contained.
///
/// Works on UTF-8 bytes and appends to the document being written: the
/// runs between bytes that need work are copied at once, never character
/// by character, and no intermediate string is made.
enum XMLEscaping {
    static func text(_ value: String) -> String {
        var out: [UInt8] = []
        append(value, attribute: false, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    static func attribute(_ value: String) -> String {
        var out: [UInt8] = []
        append(value, attribute: true, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends `value`, escaped for character data or (`attribute`) for a
    /// double-quoted attribute value, to `out`.
    static func append(_ value: String, attribute: Bool, to out: inout [UInt8]) {
        var value = value
        value.withUTF8 { bytes in
            guard let base = bytes.baseAddress else { return }
            let stops = attribute ? attributeStops : textStops
            let count = bytes.count
            var runStart = 0
            var index = 0
            while index < count {
                let byte = base[index]
                guard stops[Int(byte)] else {
                    index += 1
                    continue
                }
                out.append(contentsOf: UnsafeBufferPointer(start: base + runStart, count: index - runStart))
                switch byte {
                case UInt8(ascii: "&"): out.append(contentsOf: "&amp;".utf8)
                case UInt8(ascii: "<"): out.append(contentsOf: "&lt;".utf8)
                case UInt8(ascii: ">"): out.append(contentsOf: "&gt;".utf8)
                case UInt8(ascii: "\""): out.append(contentsOf: "&quot;".utf8)
                case 0x0A: out.append(contentsOf: "&#10;".utf8)
                case 0x09: out.append(contentsOf: "&#9;".utf8)
                case 0x0D: out.append(contentsOf: "&#13;".utf8)
                case ..<0x20: break  // forbidden control character
                default:
                    // 0xEF: U+FFFE and U+FFFF are dropped, any other
                    // character it starts is copied with the next run.
                    if index + 2 < count && base[index + 1] == 0xBF
                        && (base[index + 2] == 0xBE || base[index + 2] == 0xBF)
                    {
                        index += 2
                    } else {
                        runStart = index
                        index += 1
                        continue
                    }
                }
                index += 1
                runStart = index
            }
            out.append(contentsOf: UnsafeBufferPointer(start: base + runStart, count: count - runStart))
        }
    }

    /// The bytes that end a run: markup characters, controls (tab and line
    /// feed are copied as they are in character data) and 0xEF, the lead
    /// byte of U+FFFE and U+FFFF.
    private static let textStops: [Bool] = (0...255).map { byte in
        switch byte {
        case 0x09, 0x0A: false
        case ..<0x20, 0x26, 0x3C, 0x3E, 0xEF: true
        default: false
        }
    }

    /// In an attribute value, also the double quote, and tab and line feed
    /// as character references (an attribute value's white space is
    /// normalized away otherwise).
    private static let attributeStops: [Bool] = (0...255).map { byte in
        byte == 0x22 || byte == 0x09 || byte == 0x0A || textStops[byte]
    }
}
