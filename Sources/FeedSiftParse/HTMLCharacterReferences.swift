/// Decoding of HTML character references (`&amp;`, `&#233;`, `&eacute;`,
/// legacy `&copy` without a semicolon) the way browsers read them.
enum HTMLCharacterReferences {
    /// A reference in text: the characters it stands for and its length in bytes.
    struct Reference {
        var characters: HTMLEntities.Characters
        var length: Int
    }

    /// Appends `bytes` to `out` with every reference decoded. In attributes, a
    /// legacy name without `;` followed by `=` or an alphanumeric is left
    /// alone (HTML's rule).
    static func decode(_ bytes: UnsafeBufferPointer<UInt8>, inAttribute: Bool, into out: inout ByteWriter) {
        guard let base = bytes.baseAddress else { return }
        var index = 0
        while index < bytes.count {
            let ampersand = ByteScan.first(UInt8(ascii: "&"), in: base, from: index, to: bytes.count)
            out.append(base + index, count: ampersand - index)
            index = ampersand
            guard index < bytes.count else { break }
            if let reference = reference(in: bytes, at: index, inAttribute: inAttribute) {
                out.append(scalar: reference.characters.first)
                if reference.characters.second != 0 { out.append(scalar: reference.characters.second) }
                index += reference.length
            } else {
                out.append(UInt8(ascii: "&"))
                index += 1
            }
        }
    }

    /// The reference at `start` (which holds `&`), or nil when none starts there.
    static func reference(in bytes: UnsafeBufferPointer<UInt8>, at start: Int, inAttribute: Bool = false)
        -> Reference?
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
            return Reference(characters: HTMLEntities.Characters(first: numericValue(value)), length: index - start)
        }
        let nameStart = index
        while index < bytes.count, index - nameStart < HTMLEntities.maximumNameLength, isAlphanumeric(bytes[index]) {
            index += 1
        }
        guard index > nameStart else { return nil }
        if index < bytes.count, bytes[index] == UInt8(ascii: ";"),
            let found = HTMLEntities.lookup(UnsafeBufferPointer(rebasing: bytes[nameStart..<index]))
        {
            return Reference(characters: found.characters, length: index + 1 - start)
        }
        // Legacy references without ";": the longest known prefix.
        var end = index
        while end - nameStart >= 2 {
            if let found = HTMLEntities.lookup(UnsafeBufferPointer(rebasing: bytes[nameStart..<end])), found.legacy {
                if inAttribute, end < bytes.count, isAlphanumeric(bytes[end]) || bytes[end] == UInt8(ascii: "=") {
                    return nil
                }
                return Reference(characters: found.characters, length: end - start)
            }
            end -= 1
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
