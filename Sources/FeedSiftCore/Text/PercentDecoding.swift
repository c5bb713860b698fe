/// Undoes URL percent-encoding (`%C3%A9` → `é`) exactly as Foundation's
/// `String.removingPercentEncoding` (CoreFoundation's decoder) did: every
/// `%` must start two hex digits and the decoded bytes must be UTF-8, else
/// there is no result; one leading byte order mark is dropped. One quirk of
/// that decoder is kept: a stray byte 0xA9 (a continuation byte without
/// its lead) reads as U+FFFD rather than failing the whole text.
public enum PercentDecoding {
    public static func decode(_ text: String) -> String? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var iterator = text.utf8.makeIterator()
        while let byte = iterator.next() {
            guard byte == UInt8(ascii: "%") else {
                bytes.append(byte)
                continue
            }
            guard let high = iterator.next().flatMap(Hexadecimal.digitValue),
                let low = iterator.next().flatMap(Hexadecimal.digitValue)
            else {
                return nil
            }
            bytes.append(high << 4 | low)
        }
        guard var scalars = decodeUTF8(bytes) else { return nil }
        if scalars.first == "\u{FEFF}" { scalars.removeFirst() }
        return String(scalars)
    }

    /// Strict UTF-8 (no overlong forms, surrogates or values past U+10FFFF),
    /// but for CoreFoundation's stray 0xA9.
    private static func decodeUTF8(_ bytes: [UInt8]) -> String.UnicodeScalarView? {
        var scalars = String.UnicodeScalarView()
        var index = 0
        while index < bytes.count {
            let lead = bytes[index]
            if lead < 0x80 {
                scalars.append(Unicode.Scalar(lead))
                index += 1
                continue
            }
            let length: Int
            var secondRange: ClosedRange<UInt8> = 0x80...0xBF
            switch lead {
            case 0xA9:
                scalars.append("\u{FFFD}")
                index += 1
                continue
            case 0xC2...0xDF: length = 2
            case 0xE0:
                length = 3
                secondRange = 0xA0...0xBF
            case 0xE1...0xEC, 0xEE, 0xEF: length = 3
            case 0xED:
                length = 3
                secondRange = 0x80...0x9F
            case 0xF0:
                length = 4
                secondRange = 0x90...0xBF
            case 0xF1...0xF3: length = 4
            case 0xF4:
                length = 4
                secondRange = 0x80...0x8F
            default: return nil
            }
            guard index + length <= bytes.count else { return nil }
            var value = UInt32(lead) & (0xFF >> (length + 1))
            for offset in 1..<length {
                let byte = bytes[index + offset]
                guard (offset == 1 ? secondRange : 0x80...0xBF).contains(byte) else { return nil }
                value = value << 6 | UInt32(byte & 0x3F)
            }
            guard let scalar = Unicode.Scalar(value) else { return nil }
            scalars.append(scalar)
            index += length
        }
        return scalars
    }
}
