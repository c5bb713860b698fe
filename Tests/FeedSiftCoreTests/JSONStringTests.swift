import FeedSiftCore
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
}
