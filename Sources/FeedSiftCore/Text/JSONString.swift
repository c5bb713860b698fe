/// JSON string literals (RFC 8259) for feedsift's hand-written JSON: the
/// contract output of `feedsift parse --json`, the control protocol, and
/// the list columns of the store. Escapes the quote, the backslash and every
/// control character (U+0000–U+001F and U+007F), and U+2028/U+2029, which
/// some JavaScript parsers take for line ends; everything else is written
/// as it is.
public enum JSONString {
    /// Appends `value` as a quoted JSON string to `out`.
    public static func append(_ value: String, to out: inout String) {
        out += "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F || scalar == "\u{2028}" || scalar == "\u{2029}":
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
    }

    /// `value` as a quoted JSON string.
    public static func literal(_ value: String) -> String {
        var out = ""
        out.reserveCapacity(value.utf8.count + 2)
        append(value, to: &out)
        return out
    }
}
