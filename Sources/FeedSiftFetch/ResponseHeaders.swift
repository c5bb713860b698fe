internal import CCurl
import FeedSiftCore
import FoundationEssentials

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
        // Byte-level: this runs for every header of every response.
        if bytes.starts(with: "HTTP/".utf8) {
            fields.removeAll()
            totalBytes = 0
            return
        }
        totalBytes += bytes.count
        guard totalBytes <= Self.maximumBytes else { return }
        var end = bytes.count
        while end > 0, bytes[end - 1] == 0x0D || bytes[end - 1] == 0x0A { end -= 1 }
        guard end > 0 else { return }
        let line = UnsafeBufferPointer(rebasing: bytes[..<end])
        if line[0] == 0x20 || line[0] == 0x09 {
            if !fields.isEmpty {  // obsolete line folding
                fields[fields.count - 1].value += " " + Self.decode(Self.trimmed(line[...]))
            }
            return
        }
        guard let colon = line.firstIndex(of: UInt8(ascii: ":")) else { return }
        let name = Self.decode(UnsafeBufferPointer(rebasing: line[..<colon])).lowercased()
        fields.append((name, Self.decode(Self.trimmed(line[(colon + 1)...]))))
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

    /// `Content-Length` when it is a plain decimal number.
    var contentLength: Int? {
        guard let value = self["content-length"], !value.isEmpty, value.utf8.count <= 18,
            value.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") })
        else { return nil }
        return Int(value)
    }

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
            .map { $0.trimmingWhitespace().lowercased() }
        if directives.contains(where: { $0 == "no-cache" || $0 == "no-store" }) { return nil }
        for directive in directives where directive.hasPrefix("max-age=") {
            let value = directive.dropFirst("max-age=".count).trimmingScalars(where: { $0 == "\"" })
            guard !value.isEmpty, value.allSatisfy(\.isASCIIDigit) else { return nil }
            return .seconds(Int(value.prefix(10)) ?? 0)
        }
        return nil
    }

    /// Parses the three HTTP-date forms (IMF-fixdate, RFC 850, asctime) with
    /// curl's own parser.
    static func httpDate(_ text: String) -> Date? {
        let trimmed = text.trimmingWhitespace()
        guard !trimmed.isEmpty, !trimmed.allSatisfy(\.isASCIIDigit), !trimmed.hasPrefix("-") else { return nil }
        let seconds = curl_getdate(trimmed, nil)
        guard seconds >= 0 else { return nil }
        return Date(timeIntervalSince1970: TimeInterval(seconds))
    }

    private func nonEmpty(_ value: String?) -> String? {
        guard let value, !value.isEmpty else { return nil }
        return value
    }

    /// The bytes without surrounding spaces and tabs.
    private static func trimmed(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) -> UnsafeBufferPointer<UInt8> {
        var slice = bytes
        while let first = slice.first, first == 0x20 || first == 0x09 { slice.removeFirst() }
        while let last = slice.last, last == 0x20 || last == 0x09 { slice.removeLast() }
        return UnsafeBufferPointer(rebasing: slice)
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
