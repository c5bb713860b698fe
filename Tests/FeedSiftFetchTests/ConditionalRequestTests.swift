import FeedSiftFetch
import FeedSiftTestSupport
import Foundation
import Testing

/// What the fetcher sends (validators, manners) and returns for ordinary
/// and conditional requests.
@Suite struct ConditionalRequestTests {
    @Test func firstFetchIsUnconditionalAndSendsNothingExtra() async throws {
        let server = try LoopbackHTTPServer { request in
            .ok(
                "<rss/>", contentType: "application/rss+xml; charset=utf-8",
                headers: [
                    ("ETag", "W/\"v1-abc\""), ("Last-Modified", "Tue, 15 Nov 1994 12:45:26 GMT"),
                    ("Set-Cookie", "session=secret; Path=/"),
                ])
        }
        let fetcher = try HTTPFetcher()
        let url = server.baseURL + "/feeds/a.xml?x=1&y=%2F"
        let first = try await fetcher.fetch(loopbackRequest(url))
        _ = try await fetcher.fetch(loopbackRequest(url))

        #expect(first.status == 200)
        #expect(first.body == Array("<rss/>".utf8))
        #expect(first.etag == "W/\"v1-abc\"")
        #expect(first.lastModified == "Tue, 15 Nov 1994 12:45:26 GMT")
        #expect(first.contentType == "application/rss+xml; charset=utf-8")
        #expect(first.finalURL == url)
        #expect(first.redirects.isEmpty && first.permanentURL == nil)
        #expect(!first.wasConditional)
        #expect(first.httpVersion == "1.1")

        let requests = server.requests
        try #require(requests.count == 2)
        for request in requests {
            #expect(request.method == "GET")
            #expect(request.target == "/feeds/a.xml?x=1&y=%2F")
            #expect(request.header("User-Agent") == "feedsift-test/1.0 (+https://example.org/feedsift)")
            #expect(request.header("If-None-Match") == nil)
            #expect(request.header("If-Modified-Since") == nil)
            #expect(request.header("Cookie") == nil, "a Set-Cookie must never come back")
            #expect(request.header("Referer") == nil)
            let encodings = request.header("Accept-Encoding") ?? ""
            #expect(encodings.contains("gzip") && encodings.contains("deflate"))
        }
    }

    @Test func storedValidatorsAreSentVerbatimAnd304CarriesNewOnes() async throws {
        let server = try LoopbackHTTPServer { _ in
            .response(status: 304, headers: [("ETag", "\"v2\""), ("Last-Modified", "Wed, 16 Nov 1994 08:00:00 GMT")])
        }
        let fetcher = try HTTPFetcher()
        let response = try await fetcher.fetch(
            loopbackRequest(
                server.baseURL + "/a.xml", etag: "W/\"v1 with space\"", lastModified: "Tue, 15 Nov 1994 12:45:26 GMT"))

        let request = try #require(server.requests.first)
        #expect(request.header("If-None-Match") == "W/\"v1 with space\"")
        #expect(request.header("If-Modified-Since") == "Tue, 15 Nov 1994 12:45:26 GMT")
        #expect(response.status == 304)
        #expect(response.body.isEmpty)
        #expect(response.wasConditional)
        #expect(response.etag == "\"v2\"")
        #expect(response.lastModified == "Wed, 16 Nov 1994 08:00:00 GMT")
    }

    @Test(arguments: [("\"only-etag\"", nil), (nil, "Tue, 15 Nov 1994 12:45:26 GMT")] as [(String?, String?)])
    func onlyTheValidatorGivenIsSent(etag: String?, lastModified: String?) async throws {
        let server = try LoopbackHTTPServer { _ in .response(status: 304) }
        let fetcher = try HTTPFetcher()
        let response = try await fetcher.fetch(
            loopbackRequest(server.baseURL + "/a.xml", etag: etag, lastModified: lastModified))

        let request = try #require(server.requests.first)
        #expect(request.header("If-None-Match") == etag)
        #expect(request.header("If-Modified-Since") == lastModified)
        #expect(response.wasConditional)
        #expect(response.etag == nil, "a 304 without validators must not invent any")
    }

    @Test func aValidatorWithALineBreakIsRefusedBeforeAnythingIsSent() async throws {
        let server = try LoopbackHTTPServer { _ in .ok("x") }
        let fetcher = try HTTPFetcher()
        let error = await fetchError {
            try await fetcher.fetch(loopbackRequest(server.baseURL + "/a.xml", etag: "\"a\"\r\nCookie: x=1"))
        }
        #expect(error?.code == .invalidRequest)
        #expect(server.requests.isEmpty)
    }

    @Test func gzipBodiesAreDecoded() async throws {
        let document = Array(String(repeating: "<item>gallium export controls</item>\n", count: 50).utf8)
        let compressed = GzipStream.stored(document)
        let server = try LoopbackHTTPServer { request in
            guard request.header("Accept-Encoding")?.contains("gzip") == true else { return .ok("not compressed") }
            return .response(status: 200, headers: [("Content-Encoding", "gzip")], body: compressed)
        }
        let fetcher = try HTTPFetcher()
        let response = try await fetcher.fetch(loopbackRequest(server.baseURL + "/a.xml"))
        #expect(response.body == document)
        #expect(response.bodyBytesOnWire == compressed.count)
    }
}
