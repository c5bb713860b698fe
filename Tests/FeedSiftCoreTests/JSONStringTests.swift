import FeedSiftCore
import FeedSiftTestSupport
import Foundation
import Testing

/// The one JSON string writer behind `parse --json`, the control protocol
/// and the store's list columns.
@Suite struct JSONStringTests {
    @Test func escapesWhatJSONAndJavaScriptNeedAndKeepsTheRest() throws {
        let value = "a\"b\\c\nd\re\tf\u{0}\u{1F}\u{7F}\u{2028}\u{2029}é日"
        let literal = JSONString.literal(value)
        #expect(literal == "\"a\\\"b\\\\c\\nd\\re\\tf\\u0000\\u001f\\u007f\\u2028\\u2029é日\"")
        let decoded = try JSONSerialization.jsonObject(with: Data(literal.utf8), options: .fragmentsAllowed)
        #expect(decoded as? String == value)
    }

    /// The writer copies runs of bytes between escapes; it must write what
    /// escaping character by character writes, for any mix of escapes,
    /// multi-byte characters and plain text.
    @Test func writesWhatACharacterByCharacterWriterWrites() throws {
        let pieces = [
            "a", "plain words ", "\"", "\\", "\n", "\r\n", "\t", "\u{0}", "\u{1B}", "\u{7F}", "\u{2028}",
            "\u{2029}", "\u{2027}", "\u{202A}", "é", "日本", "🇨🇳", "e\u{301}", "\u{80}",
        ]
        var random = SeededRandom(seed: 7)
        for _ in 0..<2_000 {
            let value = (0..<random.uniform(12)).map { _ in random.pick(pieces) }.joined()
            let literal = JSONString.literal(value)
            #expect(literal == Self.characterByCharacter(value), "\(value.debugDescription)")
            let decoded = try JSONSerialization.jsonObject(with: Data(literal.utf8), options: .fragmentsAllowed)
            #expect(decoded as? String == value)
        }
    }

    private static func characterByCharacter(_ value: String) -> String {
        var out = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F || scalar == "\u{2028}" || scalar == "\u{2029}":
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
