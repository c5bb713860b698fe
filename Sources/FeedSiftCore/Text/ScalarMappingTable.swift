/// Reads the text form of the generated Unicode tables (the folding
/// exceptions, the NFKC decompositions): entries separated by white space,
/// each `scalar:mapped` in hexadecimal, the mapped scalars joined by `+`.
/// An entry without exactly one `:`, a valid scalar before it and something
/// after it is skipped, as is a mapped scalar that is not hexadecimal.
///
/// Byte by byte: splitting the String by Characters took 68 M instructions
/// (about 15 ms) for NFKC's 3,812 entries, at the first use of the table
/// in every process.
public enum ScalarMappingTable {
    /// Calls `body` with each entry's scalar and what it maps to, in order.
    public static func forEachEntry(in text: String, _ body: (UInt32, [UInt32]) -> Void) {
        var text = text
        text.withUTF8 { bytes in
            var mapped: [UInt32] = []
            var index = 0
            while index < bytes.count {
                while index < bytes.count && isSpace(bytes[index]) { index += 1 }
                let start = index
                while index < bytes.count && !isSpace(bytes[index]) { index += 1 }
                guard start < index else { continue }
                let entry = UnsafeBufferPointer(rebasing: bytes[start..<index])
                guard let colon = entry.firstIndex(of: UInt8(ascii: ":")), colon + 1 < entry.count,
                    !entry[(colon + 1)...].contains(UInt8(ascii: ":")),
                    let key = hexadecimal(entry[..<colon])
                else { continue }
                mapped.removeAll(keepingCapacity: true)
                for piece in entry[(colon + 1)...].split(separator: UInt8(ascii: "+")) {
                    if let value = hexadecimal(piece) { mapped.append(value) }
                }
                body(key, mapped)
            }
        }
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\t")
            || byte == UInt8(ascii: "\r")
    }

    /// The value of 1 to 8 hexadecimal digits.
    private static func hexadecimal(_ digits: Slice<UnsafeBufferPointer<UInt8>>) -> UInt32? {
        guard !digits.isEmpty, digits.count <= 8 else { return nil }
        var value: UInt32 = 0
        for byte in digits {
            guard let digit = Hexadecimal.digitValue(byte) else { return nil }
            value = value << 4 | UInt32(digit)
        }
        return value
    }
}
