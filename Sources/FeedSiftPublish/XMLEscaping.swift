/// Escapes text for XML character data and attribute values, dropping the
/// characters XML 1.0 forbids (control characters other than tab, CR, LF;
/// U+FFFE, U+FFFF; lone surrogates cannot occur in a Swift String), so the
/// output is always well-formed whatever a feed contained.
///
/// Works on UTF-8 bytes: text with nothing to escape (the common case) is
/// returned as is, and the rest is copied in runs, never character by
/// character.
enum XMLEscaping {
    static func text(_ value: String) -> String {
        escape(value, attribute: false)
    }

    static func attribute(_ value: String) -> String {
        escape(value, attribute: true)
    }

    private static func escape(_ value: String, attribute: Bool) -> String {
        var value = value
        return value.withUTF8 { bytes -> String? in
            guard let first = bytes.firstIndex(where: { needsWork($0, attribute: attribute) }) else { return nil }
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count + 32)
            out.append(contentsOf: bytes[..<first])
            var index = first
            while index < bytes.count {
                // The run up to the next byte that needs work is copied at once.
                let runEnd = bytes[index...].firstIndex { needsWork($0, attribute: attribute) } ?? bytes.count
                if runEnd > index {
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[index..<runEnd]))
                    index = runEnd
                    continue
                }
                let byte = bytes[index]
                switch byte {
                case UInt8(ascii: "&"): out.append(contentsOf: "&amp;".utf8)
                case UInt8(ascii: "<"): out.append(contentsOf: "&lt;".utf8)
                case UInt8(ascii: ">"): out.append(contentsOf: "&gt;".utf8)
                case UInt8(ascii: "\"") where attribute: out.append(contentsOf: "&quot;".utf8)
                case 0x0A where attribute: out.append(contentsOf: "&#10;".utf8)
                case 0x09 where attribute: out.append(contentsOf: "&#9;".utf8)
                case 0x0D: out.append(contentsOf: "&#13;".utf8)
                case 0x09, 0x0A: out.append(byte)
                case ..<0x20: break  // forbidden control character
                case 0xEF
                where index + 2 < bytes.count && bytes[index + 1] == 0xBF
                    && (bytes[index + 2] == 0xBE || bytes[index + 2] == 0xBF):
                    index += 2  // U+FFFE, U+FFFF
                default: out.append(byte)
                }
                index += 1
            }
            return String(decoding: out, as: UTF8.self)
        } ?? value
    }

    private static func needsWork(_ byte: UInt8, attribute: Bool) -> Bool {
        switch byte {
        case UInt8(ascii: "&"), UInt8(ascii: "<"), UInt8(ascii: ">"), 0x0D, 0xEF: true
        case UInt8(ascii: "\""), 0x09, 0x0A: attribute
        case ..<0x20: true
        default: false
        }
    }
}
