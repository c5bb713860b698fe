/// The label set of one time series, e.g. `status="304"`. Order of
/// insertion does not matter: two sets with the same pairs are equal.
public struct MetricLabels: Sendable, Hashable, Comparable, ExpressibleByDictionaryLiteral {
    /// Sorted by name.
    public let pairs: [(name: String, value: String)]

    public init(_ labels: [String: String]) {
        pairs = labels.sorted { $0.key < $1.key }.map { (name: $0.key, value: $0.value) }
    }

    public init(dictionaryLiteral elements: (String, String)...) {
        self.init(Dictionary(elements, uniquingKeysWith: { _, last in last }))
    }

    public static func == (lhs: MetricLabels, rhs: MetricLabels) -> Bool {
        lhs.pairs.elementsEqual(rhs.pairs) { $0.name == $1.name && $0.value == $1.value }
    }

    public func hash(into hasher: inout Hasher) {
        for pair in pairs {
            hasher.combine(pair.name)
            hasher.combine(pair.value)
        }
    }

    public static func < (lhs: MetricLabels, rhs: MetricLabels) -> Bool {
        lhs.pairs.lexicographicallyPrecedes(rhs.pairs) { ($0.name, $0.value) < ($1.name, $1.value) }
    }

    /// `{a="1",b="x"}`, or nothing for no labels; `extra` goes last (`le`).
    func rendered(adding extra: (String, String)? = nil) -> String {
        var all = pairs
        if let extra { all.append((name: extra.0, value: extra.1)) }
        guard !all.isEmpty else { return "" }
        return "{" + all.map { "\($0.name)=\"\(Self.escape($0.value))\"" }.joined(separator: ",") + "}"
    }

    private static func escape(_ value: String) -> String {
        var out = ""
        for character in value {
            switch character {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            default: out.append(character)
            }
        }
        return out
    }
}
