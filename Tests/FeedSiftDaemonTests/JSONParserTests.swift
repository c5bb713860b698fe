import FeedSiftDaemon
import Testing

@Suite struct JSONParserTests {
    @Test func parsesEveryKindAndKeepsMemberOrder() throws {
        let value = try JSONParser.parse(
            #" {"b": [1, -2.5, 3e2, true, false, null], "a": "x\"\\\/\n\u00e9\ud83d\ude00", "c": {}} "#)
        #expect(value.objectValue?.keys == ["b", "a", "c"])
        #expect(value["b"] == [1, -2.5, 300.0, true, false, nil])
        #expect(value["a"] == "x\"\\/\né😀")
        #expect(value["c"] == .object(JSONObject()))
    }

    @Test func roundTripsThroughTheSerializer() throws {
        let original: JSONValue = [
            "text": "line\nbreak \"quoted\" \u{1} é", "list": [1, 2.5, nil, false], "nested": ["deep": ["x"]],
        ]
        let compact = original.serialized()
        #expect(!compact.contains("\n"), "one line per message")
        #expect(try JSONParser.parse(compact) == original)
        #expect(try JSONParser.parse(original.serialized(pretty: true)) == original)
    }

    @Test func integersStayExact() throws {
        #expect(try JSONParser.parse("9007199254740993") == .int(9_007_199_254_740_993))
        #expect(try JSONParser.parse("-0") == .int(0))
        #expect(try JSONParser.parse("1.0").intValue == 1)
        #expect(try JSONParser.parse("1.5").intValue == nil)
    }

    @Test(arguments: [
        "", "{", "[1,]", "{\"a\":1,}", "01", "1.", ".5", "+1", "\"unterminated", "\"tab\there\"", "tru", "nul",
        "{\"a\" 1}", "{1:2}", "[1 2]", "\"\\x\"", "\"\\ud800\"", "\"\\udc00x\"", "1e999", "[] []",
    ])
    func rejectsMalformedText(text: String) {
        #expect(throws: JSONSyntaxError.self) { try JSONParser.parse(text) }
    }

    @Test func rejectsInvalidUTF8InStrings() {
        #expect(throws: JSONSyntaxError.self) { try JSONParser.parse([0x22, 0xFF, 0xFE, 0x22]) }
    }

    @Test func limitsNestingSoHostileInputCannotExhaustTheStack() throws {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(throws: JSONSyntaxError.self) { try JSONParser.parse(deep) }
        let allowed =
            String(repeating: "[", count: JSONParser.maximumDepth)
            + String(repeating: "]", count: JSONParser.maximumDepth)
        #expect(throws: Never.self) { try JSONParser.parse(allowed) }
    }
}
