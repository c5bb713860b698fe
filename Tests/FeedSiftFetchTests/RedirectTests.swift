import FeedSiftFetch
import FeedSiftTestSupport
import Foundation
import Testing

/// Redirects are followed one hop at a time, reported exactly, and only to
/// http and https.
@Suite struct RedirectTests {
    /// `/r/<status>/<rest>` redirects with that status to `/<rest>`;
    /// `/hop/N` counts down to `/hop/0`, which answers 200.
    private static func redirectingServer() throws -> LoopbackHTTPServer {
        try LoopbackHTTPServer { request in
            let parts = request.path.split(separator: "/", maxSplits: 2).map(String.init)
            if parts.count == 3, parts[0] == "r", let status = Int(parts[1]) {
                return .response(
                    status: status, headers: [("Location", "/" + parts[2]), ("Set-Cookie", "hop=1")])
            }
            if parts.count == 2, parts[0] == "hop", let count = Int(parts[1]), count > 0 {
                return .response(status: 302, headers: [("Location", "/hop/\(count - 1)")])
            }
            if request.path == "/loop/a" { return .response(status: 302, headers: [("Location", "/loop/b")]) }
            if request.path == "/loop/b" { return .response(status: 301, headers: [("Location", "/loop/a")]) }
            return .ok("<feed/>", headers: [("ETag", "\"final\"")])
        }
    }

    @Test func permanentChainGivesTheURLToStore() async throws {
        let server = try Self.redirectingServer()
        let base = server.baseURL
        let fetcher = try HTTPFetcher()
        let response = try await fetcher.fetch(loopbackRequest(base + "/r/301/r/308/feed", etag: "\"old\""))

        #expect(response.status == 200)
        #expect(
            response.redirects == [
                RedirectHop(status: 301, from: base + "/r/301/r/308/feed", to: base + "/r/308/feed"),
                RedirectHop(status: 308, from: base + "/r/308/feed", to: base + "/feed"),
            ])
        #expect(response.permanentURL == base + "/feed")
        #expect(response.finalURL == base + "/feed")
        #expect(response.etag == "\"final\"")
        for request in server.requests {
            #expect(request.header("If-None-Match") == "\"old\"", "validators go with every hop")
            #expect(request.header("Cookie") == nil)
            #expect(request.header("Referer") == nil)
        }
    }

    @Test(
        arguments: [
            ("/r/301/r/302/feed", "/r/302/feed"),
            ("/r/308/r/307/feed", "/r/307/feed"),
            ("/r/302/r/301/feed", nil),
            ("/r/307/feed", nil),
            ("/r/303/feed", nil),
        ] as [(String, String?)])
    func temporaryHopsEndThePermanentURL(path: String, permanentPath: String?) async throws {
        let server = try Self.redirectingServer()
        let fetcher = try HTTPFetcher()
        let response = try await fetcher.fetch(loopbackRequest(server.baseURL + path))
        #expect(response.status == 200)
        #expect(response.finalURL == server.baseURL + "/feed")
        #expect(response.permanentURL == permanentPath.map { server.baseURL + $0 })
    }

    @Test func fiveRedirectsAreFollowedAndASixthIsNot() async throws {
        let server = try Self.redirectingServer()
        let fetcher = try HTTPFetcher()
        let five = try await fetcher.fetch(loopbackRequest(server.baseURL + "/hop/5"))
        #expect(five.redirects.count == 5)
        #expect(five.status == 200)

        let error = await fetchError { try await fetcher.fetch(loopbackRequest(server.baseURL + "/hop/6")) }
        #expect(error?.code == .tooManyRedirects)
        #expect(server.requests(for: "/hop/0").count == 1, "the sixth redirect target is never requested")
    }

    @Test func aLoopIsReportedAsALoop() async throws {
        let server = try Self.redirectingServer()
        let fetcher = try HTTPFetcher()
        let error = await fetchError { try await fetcher.fetch(loopbackRequest(server.baseURL + "/loop/a")) }
        #expect(error?.code == .redirectLoop)
        #expect(server.requests.count == 2)
    }

    @Test(arguments: ["file:///etc/passwd", "ftp://127.0.0.1/feed.xml", "gopher://127.0.0.1/"])
    func redirectsLeaveHTTPOnlyForHTTPS(location: String) async throws {
        let server = try LoopbackHTTPServer { _ in .response(status: 302, headers: [("Location", location)]) }
        let fetcher = try HTTPFetcher()
        let error = await fetchError { try await fetcher.fetch(loopbackRequest(server.baseURL + "/feed")) }
        #expect(error?.code == .forbiddenRedirect)
    }

    @Test func aRedirectWithoutLocationIsAResponse() async throws {
        let server = try LoopbackHTTPServer { _ in .response(status: 301) }
        let fetcher = try HTTPFetcher()
        let response = try await fetcher.fetch(loopbackRequest(server.baseURL + "/feed"))
        #expect(response.status == 301)
        #expect(response.redirects.isEmpty)
    }
}
