/// JSON string literals (RFC 8259) for feedsift's hand-written JSON: the
/// contract output of `feedsift parse --json`, the control protocol, and
/// the list columns of the store. Escapes the quote, the backslash and every
/// control character (U+0000–U+001F and U+007F), and U+2028/U+2029, which
/// some JavaScript parsers take for line ends; everything else is written
/// as it is.
public enum JSONString {
    /// Appends `value` as a quoted JSON string to `out`.
    ///
    /// Works on the UTF-8 bytes and copies each run that needs no escape
    /// at once: appending scalar by scalar cost over a hundred instructions
    /// a character, for every list column of every stored item.
    public static func append(_ value: String, to out: inout String) {
        out += "\""
        var runStart = 0
        func copyRun(to end: Int) {
            if runStart < end { out += value.substring(utf8Range: runStart..<end) }
        }
        var copy = value
        copy.withUTF8 { bytes in
            var index = 0
            while index < bytes.count {
                let (escape, length) = escapeSequence(bytes, at: index)
                guard let escape else {
                    index += 1
                    continue
                }
                copyRun(to: index)
                out += escape
                index += length
                runStart = index
            }
            copyRun(to: bytes.count)
        }
        out += "\""
    }

    /// The escape for the character starting at `index`, and its length in
    /// bytes; nil for a byte written as it is. Escapes start at ASCII bytes
    /// or at U+2028/U+2029 (`E2 80 A8`/`A9`), so a run between them always
    /// ends on a character boundary.
    @inline(__always)
    private static func escapeSequence(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> (String?, Int) {
        let byte = bytes[index]
        switch byte {
        case UInt8(ascii: "\""): return ("\\\"", 1)
        case UInt8(ascii: "\\"): return ("\\\\", 1)
        case UInt8(ascii: "\n"): return ("\\n", 1)
        case UInt8(ascii: "\r"): return ("\\r", 1)
        case UInt8(ascii: "\t"): return ("\\t", 1)
        case 0..<0x20, 0x7F: return ("\\u00" + Hexadecimal.digits(UInt64(byte), count: 2), 1)
        case 0xE2
        where index + 2 < bytes.count && bytes[index + 1] == 0x80
            && (bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9):
            return (bytes[index + 2] == 0xA8 ? "\\u2028" : "\\u2029", 3)
        default: return (nil, 1)
        }
    }

    /// `value` as a quoted JSON string.
    public static func literal(_ value: String) -> String {
        var out = ""
        out.reserveCapacity(value.utf8.count + 2)
        append(value, to: &out)
        return out
    }
}
