import FeedSiftCore

/// Unicode normalization form KC (compatibility decomposition, then
/// canonical composition) without Foundation, whose
/// `precomposedStringWithCompatibilityMapping` needs ICU on Linux.
///
/// Each scalar is replaced by its compatibility decomposition from
/// `NFKCDecompositions` when it has one (and the four characters whose
/// canonical decomposition starts with a mark by that decomposition, which
/// the standard library's NFC does not reorder across); the standard
/// library's NFC then orders the marks canonically and composes. That is
/// NFKC: NFC decomposes what it is given canonically, and a scalar without
/// a compatibility mapping decomposes the same under both forms.
enum NFKC {
    static func normalize(_ text: String) -> String {
        let table = Table.shared
        var expanded = String.UnicodeScalarView()
        var changed = false
        for scalar in text.unicodeScalars {
            if scalar.value >= 0xA0, let range = table.decomposition(of: scalar.value) {
                for index in range { expanded.append(Unicode.Scalar(table.values[index])!) }
                changed = true
            } else if let marks = nonStarterDecompositions[scalar.value] {
                expanded.append(contentsOf: marks)
                changed = true
            } else {
                expanded.append(scalar)
            }
        }
        let source = changed ? String(expanded) : text
        return String(decoding: source._nfcCodeUnits, as: UTF8.self)
    }

    /// Whether `value` has a compatibility decomposition (its NFKC differs
    /// from its NFC).
    static func hasCompatibilityDecomposition(_ value: UInt32) -> Bool {
        Table.shared.decomposition(of: value) != nil
    }

    /// Canonical decompositions that begin with a mark (Unicode's
    /// "non-starter decompositions"): GREEK DIALYTIKA TONOS and three
    /// Tibetan vowel signs.
    private static let nonStarterDecompositions: [UInt32: [Unicode.Scalar]] = [
        0x0344: ["\u{0308}", "\u{0301}"], 0x0F73: ["\u{0F71}", "\u{0F72}"], 0x0F75: ["\u{0F71}", "\u{0F74}"],
        0x0F81: ["\u{0F71}", "\u{0F80}"],
    ]

    /// The decompositions, parsed once: sorted scalars, and for each the
    /// range of its decomposition in `values`.
    private final class Table: Sendable {
        static let shared = Table()

        private let keys: [UInt32]
        private let ends: [Int32]
        let values: [UInt32]

        private init() {
            var keys: [UInt32] = []
            var ends: [Int32] = []
            var values: [UInt32] = []
            ScalarMappingTable.forEachEntry(in: NFKCDecompositions.entries) { key, decomposition in
                keys.append(key)
                values.append(contentsOf: decomposition)
                ends.append(Int32(values.count))
            }
            self.keys = keys
            self.ends = ends
            self.values = values
        }

        func decomposition(of value: UInt32) -> Range<Int>? {
            var low = 0
            var high = keys.count
            while low < high {
                let middle = (low + high) / 2
                if keys[middle] < value { low = middle + 1 } else { high = middle }
            }
            guard low < keys.count, keys[low] == value else { return nil }
            return (low == 0 ? 0 : Int(ends[low - 1]))..<Int(ends[low])
        }
    }
}
