import FeedSiftCore

/// A token of the rule language, with its offset (in Unicode scalars) in
/// the query text.
struct QueryToken: Equatable {
    enum Kind: Equatable {
        /// A run of text up to a blank, parenthesis or quote; may end in `*`.
        case bare(String)
        /// The text between double quotes.
        case phrase(String)
        case openParenthesis, closeParenthesis
        case and, or, not, minus
        case near(distance: Int)
        case scope(QueryField)
        case end
    }

    var kind: Kind
    var offset: Int

    /// How messages name the token: `')'`, `OR`, `"tariff"`, `end of query`.
    var description: String {
        switch kind {
        case .bare(let text): return "\"\(text)\""
        case .phrase(let text): return "\"\(text)\""
        case .openParenthesis: return "'('"
        case .closeParenthesis: return "')'"
        case .and: return "AND"
        case .or: return "OR"
        case .not: return "NOT"
        case .minus: return "'-'"
        case .near(let distance): return "NEAR/\(distance)"
        case .scope(let field): return "\(field.name):"
        case .end: return "end of query"
        }
    }
}

/// A syntax error at a scalar offset of the query text.
struct QuerySyntaxError: Error {
    var offset: Int
    var message: String
}

/// Splits a query into tokens. Operators are upper-case words (`AND`, `OR`,
/// `NOT`, `NEAR`, `NEAR/5`); lower-case `and` is a word to search for.
struct QueryLexer {
    static let defaultNearDistance = 10
    static let maximumNearDistance = 100

    private let scalars: [Unicode.Scalar]
    /// Where the query text starts, to name earlier tokens in messages.
    private let base: SourceLocation
    private var index = 0

    init(_ text: String, base: SourceLocation) {
        scalars = Array(text.unicodeScalars)
        self.base = base
    }

    mutating func tokenize() throws(QuerySyntaxError) -> [QueryToken] {
        var tokens: [QueryToken] = []
        while true {
            while index < scalars.count, scalars[index].properties.isWhitespace { index += 1 }
            guard index < scalars.count else {
                tokens.append(QueryToken(kind: .end, offset: scalars.count))
                return tokens
            }
            let start = index
            switch scalars[index] {
            case "(":
                index += 1
                tokens.append(QueryToken(kind: .openParenthesis, offset: start))
            case ")":
                index += 1
                tokens.append(QueryToken(kind: .closeParenthesis, offset: start))
            case "\"":
                tokens.append(try phrase())
            case "-":
                index += 1
                guard index < scalars.count, !scalars[index].properties.isWhitespace else {
                    throw QuerySyntaxError(offset: start, message: "expected a term after '-'")
                }
                tokens.append(QueryToken(kind: .minus, offset: start))
            default:
                tokens.append(try bare())
            }
        }
    }

    private mutating func phrase() throws(QuerySyntaxError) -> QueryToken {
        let open = index
        index += 1
        let start = index
        while index < scalars.count, scalars[index] != "\"" { index += 1 }
        guard index < scalars.count else {
            throw QuerySyntaxError(
                offset: scalars.count,
                message: "expected '\"' to close the phrase started at \(base.advanced(by: open).lineAndColumn)")
        }
        let text = String(String.UnicodeScalarView(scalars[start..<index]))
        index += 1
        return QueryToken(kind: .phrase(text), offset: open)
    }

    private mutating func bare() throws(QuerySyntaxError) -> QueryToken {
        let start = index
        while index < scalars.count {
            let scalar = scalars[index]
            if scalar.properties.isWhitespace || scalar == "(" || scalar == ")" || scalar == "\"" { break }
            if scalar == ":", let field = try scope(from: start) {
                index += 1
                guard index < scalars.count, !scalars[index].properties.isWhitespace else {
                    throw QuerySyntaxError(
                        offset: start, message: "expected a term or '(' right after \(field.name):, without a space")
                }
                return QueryToken(kind: .scope(field), offset: start)
            }
            index += 1
        }
        let text = String(String.UnicodeScalarView(scalars[start..<index]))
        switch text {
        case "AND": return QueryToken(kind: .and, offset: start)
        case "OR": return QueryToken(kind: .or, offset: start)
        case "NOT": return QueryToken(kind: .not, offset: start)
        case "NEAR": return QueryToken(kind: .near(distance: Self.defaultNearDistance), offset: start)
        default:
            if text.hasPrefix("NEAR/") {
                guard let distance = Int(text.dropFirst(5)), (1...Self.maximumNearDistance).contains(distance) else {
                    throw QuerySyntaxError(
                        offset: start,
                        message:
                            "invalid distance in \"\(text)\": use NEAR/N with N from 1 to \(Self.maximumNearDistance)"
                    )
                }
                return QueryToken(kind: .near(distance: distance), offset: start)
            }
            return QueryToken(kind: .bare(text), offset: start)
        }
    }

    /// The field named before the `:` at `index`, when the text from
    /// `start` is a plain name (so `10:30` stays a term).
    private func scope(from start: Int) throws(QuerySyntaxError) -> QueryField? {
        let name = String(String.UnicodeScalarView(scalars[start..<index]))
        guard !name.isEmpty, name.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) || ("A"..."Z").contains($0) })
        else { return nil }
        if let field = QueryField(name: name) { return field }
        var message = "unknown field scope \"\(name):\""
        let names = QueryField.allCases.map(\.name)
        if let suggestion = SpellingSuggestion.closest(to: name, in: names) {
            message += " (did you mean \"\(suggestion):\"?)"
        } else {
            message += " (scopes are \(names.map { $0 + ":" }.joined(separator: " ")); quote text containing ':')"
        }
        throw QuerySyntaxError(offset: start, message: message)
    }
}
