/// Reads the text form of the generated Unicode tables (the folding
/// exceptions, the NFKC decompositions): entries separated by white space,
/// each `scalar:mapped` in hexadecimal, the mapped scalars joined by `+`.
public enum ScalarMappingTable {
    /// Calls `body` with each entry's scalar and what it maps to, in order.
    public static func forEachEntry(in text: String, _ body: (UInt32, [UInt32]) -> Void) {
        for entry in text.split(whereSeparator: \.isWhitespace) {
            let parts = entry.split(separator: ":")
            guard parts.count == 2, let key = UInt32(parts[0], radix: 16) else { continue }
            body(key, parts[1].split(separator: "+").compactMap { UInt32($0, radix: 16) })
        }
    }
}
