import FeedSiftCore
import Testing

@testable import FeedSiftRules

@Suite("Rule language grammar")
struct QueryParserTests {
    /// Query → its parse as an S-expression: binding NEAR, NOT, AND, OR
    /// from tightest to loosest, scopes, phrases, prefixes, folding.
    static let cases: [(String, String)] = [
        ("tariff", "tariff"),
        ("Tariff*", "tariff*"),
        ("\"Rare Earth*\"", "\"rare earth*\""),
        ("rare-earth", "\"rare earth\""),
        ("rare-earth*", "\"rare earth*\""),
        ("U.S.", "\"u s\""),
        ("Élysée", "elysee"),
        ("稀土", "\"稀 土\""),
        ("a b", "(AND a b)"),
        ("a AND b", "(AND a b)"),
        ("a OR b", "(OR a b)"),
        ("a b OR c", "(OR (AND a b) c)"),
        ("a OR b c", "(OR a (AND b c))"),
        ("a OR b AND c OR d", "(OR a (AND b c) d)"),
        ("NOT a b", "(AND (NOT a) b)"),
        ("-a b", "(AND (NOT a) b)"),
        ("a -b", "(AND a (NOT b))"),
        ("NOT NOT a", "(NOT (NOT a))"),
        ("-(a OR b)", "(NOT (OR a b))"),
        ("NOT a OR b", "(OR (NOT a) b)"),
        ("a NEAR/5 b", "(NEAR/5 a b)"),
        ("a NEAR b", "(NEAR/10 a b)"),
        ("NOT a NEAR/3 b", "(NOT (NEAR/3 a b))"),
        ("x a NEAR/3 \"b c\" OR y", "(OR (AND x (NEAR/3 a \"b c\")) y)"),
        ("export* NEAR/2 \"rare earth\"", "(NEAR/2 export* \"rare earth\")"),
        ("(a OR b) NEAR/3 (c OR \"d e\")", "(OR (NEAR/3 a c) (NEAR/3 a \"d e\") (NEAR/3 b c) (NEAR/3 b \"d e\"))"),
        ("a NEAR/3 (b)", "(NEAR/3 a b)"),
        ("(a OR b) c", "(AND (OR a b) c)"),
        ("((a))", "a"),
        ("title:a b", "(AND title:a b)"),
        ("title:(a OR b) c", "(AND (OR title:a title:b) c)"),
        ("title:(a NEAR/5 b)", "title:(NEAR/5 a b)"),
        ("summary:\"x y\" content:z* author:smith", "(AND summary:\"x y\" content:z* author:smith)"),
        ("feed:mofcom", "feed:mofcom"),
        ("feed:Mofcom-EN", "feed:mofcom en"),
        ("tag:offic*", "tag:offic*"),
        ("domain:Example.COM", "domain:example.com"),
        ("domain:\"gov.cn\"", "domain:gov.cn"),
        ("-tag:opinion tariff", "(AND (NOT tag:opinion) tariff)"),
        ("a and b or c", "(AND a and b or c)"),
        ("10:30", "\"10 30\""),
        ("\"earth day\"-x", "(AND \"earth day\" (NOT x))"),
    ]

    @Test("parses with DESIGN.md's binding order", arguments: cases)
    func parse(query: String, expected: String) throws {
        let expression = try QueryParser.parse(query, base: SourceLocation(file: "t", line: 1, column: 1))
        #expect(Self.render(expression) == expected)
    }

    static func render(_ expression: QueryExpression) -> String {
        switch expression {
        case .term(let term): return render(term)
        case .and(let operands): return "(AND \(operands.map(render).joined(separator: " ")))"
        case .or(let operands): return "(OR \(operands.map(render).joined(separator: " ")))"
        case .not(let operand): return "(NOT \(render(operand)))"
        }
    }

    static func render(_ term: QueryTerm) -> String {
        func scope(_ mask: UInt8) -> String {
            if mask == QueryField.defaultTextMask { return "" }
            return QueryField.allCases.first { $0.mask == mask }.map { $0.name + ":" } ?? "?:"
        }
        switch term {
        case .words(_, let mask):
            return scope(mask) + term.display
        case .near(let left, let right, let distance, let mask):
            let operands = [left, right].map { QueryTerm.words($0, fieldMask: mask).display }
            return scope(mask) + "(NEAR/\(distance) \(operands.joined(separator: " ")))"
        case .value(let field, _, _):
            return "\(field.name):\(term.display)"
        case .domain:
            return "domain:\(term.display)"
        }
    }
}
