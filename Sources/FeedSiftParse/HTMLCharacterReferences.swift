/// Decoding of HTML character references (`&amp;`, `&#233;`, `&eacute;`,
/// legacy `&copy` without a semicolon) the way browsers read them.
enum HTMLCharacterReferences {
    /// Decodes every reference in `bytes`. In attributes, a legacy name
    /// without `;` followed by `=` or an alphanumeric is left alone (HTML's rule).
    static func decode(_ bytes: UnsafeBufferPointer<UInt8>, inAttribute: Bool = false) -> String {
        guard bytes.contains(UInt8(ascii: "&")) else { return String(decoding: bytes, as: UTF8.self) }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte != UInt8(ascii: "&") {
                out.append(byte)
                index += 1
                continue
            }
            if let (scalars, length) = reference(in: bytes, at: index, inAttribute: inAttribute) {
                for scalar in scalars { TextEncoding.appendUTF8(scalar, to: &out) }
                index += length
            } else {
                out.append(byte)
                index += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func decode(_ string: String) -> String {
        var copy = string
        return copy.withUTF8 { decode($0) }
    }

    /// The code points of the reference at `start` (which holds `&`) and its length in bytes.
    static func reference(in bytes: UnsafeBufferPointer<UInt8>, at start: Int, inAttribute: Bool = false)
        -> ([UInt32], Int)?
    {
        var index = start + 1
        guard index < bytes.count else { return nil }
        if bytes[index] == UInt8(ascii: "#") {
            index += 1
            var hex = false
            if index < bytes.count, bytes[index] | 0x20 == UInt8(ascii: "x") {
                hex = true
                index += 1
            }
            let digitsStart = index
            var value: UInt32 = 0
            while index < bytes.count, index - digitsStart < 8 {
                let byte = bytes[index]
                let digit: UInt32
                if byte >= 0x30 && byte <= 0x39 {
                    digit = UInt32(byte - 0x30)
                } else if hex, (byte | 0x20) >= 0x61, (byte | 0x20) <= 0x66 {
                    digit = UInt32((byte | 0x20) - 0x61 + 10)
                } else {
                    break
                }
                value = value * (hex ? 16 : 10) + digit
                index += 1
            }
            guard index > digitsStart else { return nil }
            if index < bytes.count, bytes[index] == UInt8(ascii: ";") { index += 1 }
            return ([numericValue(value)], index - start)
        }
        let nameStart = index
        while index < bytes.count, index - nameStart < HTMLEntities.maximumNameLength, isAlphanumeric(bytes[index]) {
            index += 1
        }
        guard index > nameStart else { return nil }
        let name = String(decoding: UnsafeBufferPointer(rebasing: bytes[nameStart..<index]), as: UTF8.self)
        if index < bytes.count, bytes[index] == UInt8(ascii: ";"), let value = HTMLEntities.value(named: name) {
            return (value.unicodeScalars.map(\.value), index + 1 - start)
        }
        // Legacy references without ";": the longest known prefix.
        var length = name.utf8.count
        while length >= 2 {
            let prefix = String(name.utf8.prefix(length))!
            if HTMLEntities.legacyWithoutSemicolon.contains(prefix), let value = HTMLEntities.value(named: prefix) {
                let after = nameStart + length
                if inAttribute, after < bytes.count, isAlphanumeric(bytes[after]) || bytes[after] == UInt8(ascii: "=") {
                    return nil
                }
                return (value.unicodeScalars.map(\.value), after - start)
            }
            length -= 1
        }
        return nil
    }

    /// HTML's replacements for numeric references (NUL, surrogates, C1 controls as Windows-1252).
    static func numericValue(_ value: UInt32) -> UInt32 {
        switch value {
        case 0, 0xD800...0xDFFF, 0x110000...: return 0xFFFD
        case 0x80...0x9F: return TextEncoding.windows1252High[Int(value - 0x80)]
        default: return value
        }
    }

    @inline(__always) static func isAlphanumeric(_ byte: UInt8) -> Bool {
        (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A || byte >= 0x30 && byte <= 0x39
    }
}
