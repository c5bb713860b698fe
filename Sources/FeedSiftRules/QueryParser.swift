import FeedSiftCore

/// Parses a rule-language query into a `QueryExpression`.
///
/// Grammar, loosest binding first (DESIGN.md: NEAR, NOT, AND, OR from
/// tightest to loosest):
///
///     query   := or END
///     or      := and ("OR" and)*
///     and     := not (["AND"] not)*          juxtaposition is AND
///     not     := ("NOT" | "-") not | near
///     near    := primary [NEAR[/n] primary]  two terms, or ORs of terms in ( )
///     primary := scope ":" primary | term | "(" or ")"
///     term    := word | word* | "phrase"
///
/// A scope applies to the following term or parenthesised group; scopes do
/// not nest. The first error ends parsing of that query.
struct QueryParser {
    private let tokens: [QueryToken]
    private let base: SourceLocation
    private var index = 0

    init(tokens: [QueryToken], base: SourceLocation) {
        self.tokens = tokens
        self.base = base
    }

    /// Parses `text` written at `base`; an empty query is the caller's to report.
    static func parse(_ text: String, base: SourceLocation) throws(QuerySyntaxError) -> QueryExpression {
        var lexer = QueryLexer(text, base: base)
        var parser = QueryParser(tokens: try lexer.tokenize(), base: base)
        return try parser.parseQuery()
    }

    mutating func parseQuery() throws(QuerySyntaxError) -> QueryExpression {
        let expression = try parseOr(scope: nil, after: nil)
        switch current.kind {
        case .end: return expression
        case .closeParenthesis: throw error("unexpected ')' without a matching '('")
        default: throw error("unexpected \(current.description)")
        }
    }

    private var current: QueryToken { tokens[index] }

    private mutating func advance() { if index < tokens.count - 1 { index += 1 } }

    private mutating func parseOr(scope: QueryField?, after context: String?) throws(QuerySyntaxError)
        -> QueryExpression
    {
        var operands = [try parseAnd(scope: scope, after: context)]
        while current.kind == .or {
            advance()
            operands.append(try parseAnd(scope: scope, after: "OR"))
        }
        return operands.count == 1 ? operands[0] : .or(operands)
    }

    private mutating func parseAnd(scope: QueryField?, after context: String?) throws(QuerySyntaxError)
        -> QueryExpression
    {
        var operands = [try parseNot(scope: scope, after: context)]
        while true {
            if current.kind == .and {
                advance()
                operands.append(try parseNot(scope: scope, after: "AND"))
            } else if startsOperand(current.kind) {
                operands.append(try parseNot(scope: scope, after: nil))
            } else {
                break
            }
        }
        return operands.count == 1 ? operands[0] : .and(operands)
    }

    private func startsOperand(_ kind: QueryToken.Kind) -> Bool {
        switch kind {
        case .bare, .phrase, .openParenthesis, .not, .minus, .scope: return true
        default: return false
        }
    }

    private mutating func parseNot(scope: QueryField?, after context: String?) throws(QuerySyntaxError)
        -> QueryExpression
    {
        switch current.kind {
        case .not:
            advance()
            return .not(try parseNot(scope: scope, after: "NOT"))
        case .minus:
            advance()
            return .not(try parseNot(scope: scope, after: "'-'"))
        default:
            return try parseNear(scope: scope, after: context)
        }
    }

    private mutating func parseNear(scope: QueryField?, after context: String?) throws(QuerySyntaxError)
        -> QueryExpression
    {
        let left = try parsePrimary(scope: scope, after: context)
        guard case .near(let distance) = current.kind else { return left }
        let nearToken = current
        if scope == .feed || scope == .tag || scope == .domain {
            throw error("NEAR cannot be used in \(scope!.name): scope", at: nearToken)
        }
        guard let leftTerms = Self.nearOperands(left) else {
            throw error(
                "NEAR joins words, prefixes, phrases, or ORs of them in parentheses; found a group with AND or NOT before it",
                at: nearToken)
        }
        advance()
        let rightToken = current
        switch rightToken.kind {
        case .bare, .phrase, .openParenthesis: break
        default:
            throw error(
                "expected a word, prefix or phrase after \(nearToken.description), found \(rightToken.description)")
        }
        let right = try parsePrimary(scope: scope, after: nearToken.description)
        guard let rightTerms = Self.nearOperands(right) else {
            throw error(
                "NEAR joins words, prefixes, phrases, or ORs of them in parentheses; found a group with AND or NOT after it",
                at: nearToken)
        }
        if case .near = current.kind {
            throw error("NEAR joins exactly two terms: combine NEAR groups with AND")
        }
        // (a OR b) NEAR/5 c is (a NEAR/5 c) OR (b NEAR/5 c).
        var pairs: [QueryExpression] = []
        for (leftElements, mask) in leftTerms {
            for (rightElements, _) in rightTerms {
                pairs.append(.term(.near(leftElements, rightElements, distance: distance, fieldMask: mask)))
            }
        }
        return pairs.count == 1 ? pairs[0] : .or(pairs)
    }

    /// The words/prefixes/phrases a NEAR operand stands for: one term, or
    /// an OR of them; nil for anything else.
    private static func nearOperands(_ expression: QueryExpression) -> [([TermElement], UInt8)]? {
        switch expression {
        case .term(.words(let elements, let mask)): return [(elements, mask)]
        case .or(let operands):
            var result: [([TermElement], UInt8)] = []
            for operand in operands {
                guard let terms = nearOperands(operand) else { return nil }
                result += terms
            }
            return result
        default: return nil
        }
    }

    private mutating func parsePrimary(scope: QueryField?, after context: String?) throws(QuerySyntaxError)
        -> QueryExpression
    {
        let token = current
        switch token.kind {
        case .bare, .phrase:
            advance()
            return try term(token, scope: scope)
        case .openParenthesis:
            advance()
            let inner = try parseOr(scope: scope, after: "'('")
            guard current.kind == .closeParenthesis else {
                throw error("expected ')' to close '(' at \(base.advanced(by: token.offset).lineAndColumn)")
            }
            advance()
            return inner
        case .scope(let field):
            if let scope {
                throw error("field scope \(field.name): inside \(scope.name):; scopes do not nest")
            }
            advance()
            switch current.kind {
            case .bare, .phrase, .openParenthesis: break
            default: throw error("expected a term or '(' after \(field.name):, found \(current.description)")
            }
            let scoped = try parsePrimary(scope: field, after: nil)
            if case .near = current.kind {
                throw error(
                    "a field scope on a NEAR operand: scope the whole group, like \(field.name):(a NEAR/5 b)")
            }
            return scoped
        default:
            let place = context.map { " after \($0)" } ?? ""
            throw error("expected a term\(place), found \(token.description)")
        }
    }

    /// Builds the term a word or phrase token stands for under `scope`.
    private func term(_ token: QueryToken, scope: QueryField?) throws(QuerySyntaxError) -> QueryExpression {
        let raw: String
        let isPhrase: Bool
        switch token.kind {
        case .bare(let text): (raw, isPhrase) = (text, false)
        case .phrase(let text): (raw, isPhrase) = (text, true)
        default: throw error("expected a term, found \(token.description)", at: token)
        }
        if scope == .domain { return .term(.domain(try host(raw, token: token))) }
        var elements: [TermElement] = []
        let chunks = isPhrase ? raw.split(whereSeparator: { $0.isWhitespace }).map(String.init) : [raw]
        for chunk in chunks {
            elements += try self.elements(of: chunk, token: token)
        }
        guard !elements.isEmpty else {
            if isPhrase { throw error("empty phrase \"\(raw)\"", at: token) }
            throw error("\"\(raw)\" has no letters or digits to match", at: token)
        }
        switch scope {
        case .feed?, .tag?:
            guard elements.dropLast().allSatisfy({ !$0.isPrefix }) else {
                throw error("in \(scope!.name): only the last word may end in '*'", at: token)
            }
            let key = elements.map(\.word).joined(separator: " ")
            return .term(.value(scope!, key: key, isPrefix: elements.last!.isPrefix))
        case let field?:
            return .term(.words(elements, fieldMask: field.mask))
        case nil:
            return .term(.words(elements, fieldMask: QueryField.defaultTextMask))
        }
    }

    /// The words of one blank-free chunk; a trailing `*` makes its last word a prefix.
    private func elements(of chunk: String, token: QueryToken) throws(QuerySyntaxError) -> [TermElement] {
        var body = Substring(chunk)
        let isPrefix = body.hasSuffix("*")
        if isPrefix { body = body.dropLast() }
        if body.contains("*") {
            throw error("'*' may only end a word, as in tariff*; found \"\(chunk)\"", at: token)
        }
        if isPrefix, body.isEmpty { throw error("'*' must follow a word, as in tariff*", at: token) }
        let words = TextTokenizer.words(in: String(body))
        if isPrefix, words.isEmpty {
            throw error("\"\(chunk)\" has no letters or digits to match", at: token)
        }
        return words.enumerated().map { index, word in
            TermElement(word: word, isPrefix: isPrefix && index == words.count - 1)
        }
    }

    /// A host name for `domain:`, lower-cased.
    private func host(_ raw: String, token: QueryToken) throws(QuerySyntaxError) -> String {
        let host = raw.split(whereSeparator: \.isWhitespace).joined(separator: " ").lowercased()
        let labels = host.split(separator: ".", omittingEmptySubsequences: false)
        let valid =
            !host.isEmpty
            && labels.allSatisfy { label in
                !label.isEmpty
                    && label.unicodeScalars.allSatisfy {
                        ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-"
                    }
            }
        guard valid else { throw error("domain: takes a host name like example.com, found \"\(raw)\"", at: token) }
        return host
    }

    private func error(_ message: String, at token: QueryToken? = nil) -> QuerySyntaxError {
        QuerySyntaxError(offset: (token ?? current).offset, message: message)
    }
}

extension SourceLocation {
    /// `12:3`, for messages that point back to an earlier token.
    var lineAndColumn: String { "\(line):\(column)" }
}
