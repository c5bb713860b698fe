internal import CCurl
import Foundation

/// The header fields of one HTTP response, as curl hands them over line by
/// line, and the caching and politeness values feedsift reads from them.
struct ResponseHeaders: Sendable {
    /// Field names lower-cased; values without surrounding whitespace.
    private(set) var fields: [(name: String, value: String)] = []
    private var totalBytes = 0

    /// Headers beyond this many bytes are ignored (curl already caps a
    /// single header at 100 KB).
    static let maximumBytes = 256 * 1024

    /// Adds one raw header line. A status line starts a new response (after
    /// `100 Continue`, say), so earlier fields are forgotten.
    mutating func add(line bytes: UnsafeBufferPointer<UInt8>) {
        let text = Self.decode(bytes)
        if text.hasPrefix("HTTP/") {
            fields.removeAll()
            totalBytes = 0
            return
        }
        totalBytes += bytes.count
        guard totalBytes <= Self.maximumBytes else { return }
        let line = text.trimmingCharacters(in: .newlines)
        guard !line.isEmpty else { return }
        if let first = line.unicodeScalars.first, first == " " || first == "\t", !fields.isEmpty {
            fields[fields.count - 1].value += " " + Self.trimmed(Substring(line))  // obsolete line folding
            return
        }
        guard let colon = line.firstIndex(of: ":") else { return }
        fields.append((line[..<colon].lowercased(), Self.trimmed(line[line.index(after: colon)...])))
    }

    /// The first field of that name (case-insensitive).
    subscript(name: String) -> String? {
        let key = name.lowercased()
        return fields.first { $0.name == key }?.value
    }

    var etag: String? { nonEmpty(self["etag"]) }
    var lastModified: String? { nonEmpty(self["last-modified"]) }
    var contentType: String? { nonEmpty(self["content-type"]) }
    var date: Date? { self["date"].flatMap(Self.httpDate) }

    /// `Expires` as a date; nil when absent or invalid (`0`, `-1`), which
    /// HTTP says means "already expired" — no reason to wait either way.
    var expires: Date? { self["expires"].flatMap(Self.httpDate) }

    /// `Retry-After` in either form: delay-seconds counted from `receivedAt`,
    /// or an HTTP-date.
    func retryAfter(receivedAt: Date) -> Date? {
        guard let value = self["retry-after"] else { return nil }
        if !value.isEmpty, value.allSatisfy(\.isASCIIDigit) {
            let seconds = Int(value.prefix(10)) ?? 0  // beyond 300 years means "very long" anyway
            return receivedAt.addingTimeInterval(TimeInterval(seconds))
        }
        return Self.httpDate(value)
    }

    /// `Cache-Control: max-age`, unless `no-cache` or `no-store` says the
    /// response must not be reused without asking.
    var cacheMaxAge: Duration? {
        let directives = fields.filter { $0.name == "cache-control" }
            .flatMap { $0.value.split(separator: ",") }
            .map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        if directives.contains(where: { $0 == "no-cache" || $0 == "no-store" }) { return nil }
        for directive in directives where directive.hasPrefix("max-age=") {
            let value = directive.dropFirst("max-age=".count).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            guard !value.isEmpty, value.allSatisfy(\.isASCIIDigit) else { return nil }
            return .seconds(Int(value.prefix(10)) ?? 0)
        }
        return nil
    }

    /// Parses the three HTTP-date forms (IMF-fixdate, RFC 850, asctime) with
    /// curl's own parser.
    static func httpDate(_ text: String) -> Date? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty, !trimmed.allSatisfy(\.isASCIIDigit), !trimmed.hasPrefix("-") else { return nil }
        let seconds = curl_getdate(trimmed, nil)
        guard seconds >= 0 else { return nil }
        return Date(timeIntervalSince1970: TimeInterval(seconds))
    }

    private func nonEmpty(_ value: String?) -> String? {
        guard let value, !value.isEmpty else { return nil }
        return value
    }

    private static func trimmed(_ text: Substring) -> String {
        String(text.drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
    }

    /// UTF-8 when valid, so validators round-trip byte for byte; otherwise
    /// Latin-1, so no byte is lost.
    private static func decode(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        if let text = String(validating: bytes, as: UTF8.self) { return text }
        return String(bytes.map { Character(Unicode.Scalar($0)) })
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isWholeNumber }
}
