import FeedSiftCore
import FeedSiftParse
import Testing

/// JSON Feed documents are read with `LenientJSON`, which replaced
/// Foundation's `JSONSerialization`: what that reader let through, how it
/// printed numeric ids and sizes, and its message for invalid JSON stay.
@Suite struct JSONFeedReadingTests {
    static func feed(items: String) throws -> ParsedFeed {
        try parse(#"{"version":"https://jsonfeed.org/version/1.1","items":[\#(items)],}"#)
    }

    @Test func numericIdsReadAsFoundationPrintedThem() throws {
        let feed = try Self.feed(
            items: #"{"id":42},{"id":1.0},{"id":1.5e3},{"id":true},{"id":12345678901234567890},"#
                + #"{"id":123456789012345678901234567890},{"id":0.30000000000000004},{"id":-0},{"id":null}"#)
        #expect(
            feed.entries.map(\.id) == [
                "42", "1.0", "1500.0", "1", "12345678901234567890", "123456789012345678901234567890",
                "0.30000000000000004", "0", nil,
            ])
    }

    @Test func attachmentSizesReadAsFoundationConvertedThem() throws {
        let sizes = ["5120", "12.9", "-3", "true", "\"7\"", "18446744073709551615", "1e19"]
        let feed = try Self.feed(
            items: sizes.map { #"{"attachments":[{"url":"https://x.example/a","size_in_bytes":\#($0)}]}"# }
                .joined(separator: ","))
        #expect(
            feed.entries.map { $0.enclosures.first?.length } == [5120, 12, -3, 1, nil, -1, Int.min])
    }

    @Test func trailingCommasAreAcceptedAndErrorsKeepFoundationsText() throws {
        #expect(try Self.feed(items: #"{"id":"a","tags":["x","y",],},"#).entries.map(\.categories) == [["x", "y"]])
        do {
            _ = try parse(#"{"version":"https://jsonfeed.org/version/1.1","items":[}"#)
            Issue.record("invalid JSON was accepted")
        } catch {
            #expect(
                (error as? ParseError)?.message
                    == "document is not valid JSON: The operation could not be completed. The data is not in the correct format."
            )
        }
    }
}
