import FeedSiftTestSupport
import Foundation
import Testing

@testable import FeedSiftFetch

/// Statuses are responses, and the politeness headers are read into values
/// the poll policy can use.
@Suite struct ResponseHeaderTests {
    @Test(arguments: [404, 410, 429, 500, 503])
    func errorStatusesAreResponses(status: Int) async throws {
        let server = try LoopbackHTTPServer { _ in .response(status: status, body: Array("no".utf8)) }
        let fetcher = try HTTPFetcher()
        let response = try await fetcher.fetch(loopbackRequest(server.baseURL))
        #expect(response.status == status)
    }

    @Test func retryAfterInSecondsCountsFromTheResponse() async throws {
        let server = try LoopbackHTTPServer { _ in .response(status: 429, headers: [("Retry-After", "120")]) }
        let fetcher = try HTTPFetcher()
        let before = Date()
        let response = try await fetcher.fetch(loopbackRequest(server.baseURL))
        let after = Date()
        let retryAfter = try #require(response.retryAfter)
        #expect(retryAfter >= before.addingTimeInterval(120) && retryAfter <= after.addingTimeInterval(120))
    }

    @Test func retryAfterAsAnHTTPDate() async throws {
        let server = try LoopbackHTTPServer { _ in
            .response(
                status: 503,
                headers: [("Retry-After", "Wed, 21 Oct 2026 07:28:00 GMT"), ("Date", "Wed, 21 Oct 2026 07:00:00 GMT")])
        }
        let fetcher = try HTTPFetcher()
        let response = try await fetcher.fetch(loopbackRequest(server.baseURL))
        #expect(response.status == 503)
        #expect(response.retryAfter == Date(timeIntervalSince1970: 1_792_567_680))
        #expect(response.date == Date(timeIntervalSince1970: 1_792_566_000))
    }

    @Test func cachingHeaders() async throws {
        let server = try LoopbackHTTPServer { request in
            switch request.path {
            case "/max-age": .ok("x", headers: [("Cache-Control", "public, max-age=900")])
            case "/no-cache": .ok("x", headers: [("Cache-Control", "max-age=900, no-cache")])
            default:
                .ok(
                    "x",
                    headers: [("Expires", "Thu, 01 Jan 2026 01:00:00 GMT"), ("Date", "Thu, 01 Jan 2026 00:00:00 GMT")])
            }
        }
        let fetcher = try HTTPFetcher()
        let maxAge = try await fetcher.fetch(loopbackRequest(server.baseURL + "/max-age"))
        #expect(maxAge.cacheMaxAge == .seconds(900))
        let noCache = try await fetcher.fetch(loopbackRequest(server.baseURL + "/no-cache"))
        #expect(noCache.cacheMaxAge == nil)
        let expires = try await fetcher.fetch(loopbackRequest(server.baseURL + "/expires"))
        #expect(expires.expires == Date(timeIntervalSince1970: 1_767_229_200))
        #expect(expires.cacheMaxAge == nil)
    }

    @Test(arguments: [
        "Sun, 06 Nov 1994 08:49:37 GMT", "Sunday, 06-Nov-94 08:49:37 GMT", "Sun Nov  6 08:49:37 1994",
    ])
    func allThreeHTTPDateForms(text: String) {
        #expect(ResponseHeaders.httpDate(text) == Date(timeIntervalSince1970: 784_111_777))
    }

    @Test(arguments: ["0", "-1", "", "tomorrow"])
    func invalidDatesAreNil(text: String) {
        #expect(ResponseHeaders.httpDate(text) == nil)
    }

    /// The body buffer is sized from Content-Length, so only a plain
    /// decimal number counts.
    @Test(
        arguments: [
            ("1234", 1234), (" 56 ", 56), ("0", 0), ("12a", nil), ("-5", nil), ("+5", nil), ("", nil),
            ("99999999999999999999", nil),
        ] as [(String, Int?)])
    func contentLengthIsAPlainNumber(value: String, expected: Int?) {
        var headers = ResponseHeaders()
        for line in ["HTTP/1.1 200 OK\r\n", "Content-Length: \(value)\r\n", "\r\n"] {
            Array(line.utf8).withUnsafeBufferPointer { headers.add(line: $0) }
        }
        #expect(headers.contentLength == expected)
    }
}
