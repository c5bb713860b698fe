/// The fields a query can look at. Unscoped terms search `title`,
/// `summary` and `content`; the others must be named with a scope.
enum QueryField: Int, CaseIterable, Comparable {
    case title, summary, content, author, feed, tag, domain

    /// As written in a scope (`title:`) and in explanations.
    var name: String {
        switch self {
        case .title: return "title"
        case .summary: return "summary"
        case .content: return "content"
        case .author: return "author"
        case .feed: return "feed"
        case .tag: return "tag"
        case .domain: return "domain"
        }
    }

    init?(name: String) {
        guard let field = Self.allCases.first(where: { $0.name == name }) else { return nil }
        self = field
    }

    /// Fields whose text is split into positioned words; the others are
    /// compared as whole values.
    var isText: Bool { rawValue <= QueryField.author.rawValue }

    var mask: UInt8 { 1 << UInt8(rawValue) }

    static let defaultTextMask: UInt8 = QueryField.title.mask | QueryField.summary.mask | QueryField.content.mask

    static func < (lhs: QueryField, rhs: QueryField) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// One folded word of a term; a prefix matches every word starting with it.
struct TermElement: Hashable {
    var word: String
    var isPrefix: Bool

    var display: String { isPrefix ? word + "*" : word }
}

/// The smallest thing a query tests against an item.
enum QueryTerm: Hashable {
    /// One word or prefix, or a phrase of consecutive ones, in text fields.
    case words([TermElement], fieldMask: UInt8)
    /// Two words/prefixes/phrases at most `distance` words apart, either order.
    case near([TermElement], [TermElement], distance: Int, fieldMask: UInt8)
    /// The feed name or one feed tag, as folded words joined by a space;
    /// with `isPrefix`, the value starts with `key`.
    case value(QueryField, key: String, isPrefix: Bool)
    /// The link's host or one of its parent domains, lower-cased.
    case domain(String)

    /// The term as a user would write it (without scope), for explanations.
    var display: String {
        switch self {
        case .words(let elements, _): return Self.display(elements)
        case .near(let left, let right, let distance, _):
            return "\(Self.display(left)) NEAR/\(distance) \(Self.display(right))"
        case .value(_, let key, let isPrefix): return Self.display([TermElement(word: key, isPrefix: isPrefix)])
        case .domain(let host): return host
        }
    }

    private static func display(_ elements: [TermElement]) -> String {
        let text = elements.map(\.display).joined(separator: " ")
        return elements.count == 1 ? text : "\"\(text)\""
    }
}

/// A parsed query: terms joined by AND, OR and NOT.
indirect enum QueryExpression: Equatable {
    case term(QueryTerm)
    case and([QueryExpression])
    case or([QueryExpression])
    case not(QueryExpression)
}
