import FeedSiftCore
import FeedSiftParse
import Foundation

/// Fixture files next to these tests, and small helpers to parse strings.
enum Fixtures {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures")

    static func bytes(_ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: directory.appendingPathComponent(name)))
    }

    static func parse(_ name: String, documentURL: String? = nil) throws -> ParsedFeed {
        try FeedParser().parse(try bytes(name), documentURL: documentURL)
    }
}

func parse(_ xml: String, documentURL: String? = nil, contentType: String? = nil) throws -> ParsedFeed {
    try FeedParser().parse(Array(xml.utf8), documentURL: documentURL, contentType: contentType)
}

/// Whole seconds since 1970 for `2025-06-03T08:15:00Z`-style strings (test expectations).
func instant(_ rfc3339: String) -> Date {
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withInternetDateTime]
    return formatter.date(from: rfc3339)!
}

extension ParsedFeed {
    /// Whether any warning is about the document itself (not a single value).
    var isMalformed: Bool { warnings.contains { $0.kind != .value } }
}
