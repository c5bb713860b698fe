import FeedSiftFetch
import FeedSiftTestSupport
import Foundation
import Testing

/// Hostile and broken servers end in a typed error, never in unbounded
/// memory or a hang. Time-outs are short; only the error kind is asserted.
@Suite struct SafetyLimitTests {
    private static let cap = 256 * 1024

    @Test func anHonestButOversizedBodyIsRefused() async throws {
        let server = try LoopbackHTTPServer { _ in
            .response(status: 200, body: [UInt8](repeating: 65, count: Self.cap + 1))
        }
        let fetcher = try HTTPFetcher()
        let error = await fetchError { try await fetcher.fetch(loopbackRequest(server.baseURL, maxSize: Self.cap)) }
        #expect(error?.code == .tooLarge)
    }

    @Test func aBodyOfExactlyTheCapIsAccepted() async throws {
        // Arrives in many pieces into the buffer its Content-Length sized.
        let body = (0..<Self.cap).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 >> 8) }
        let server = try LoopbackHTTPServer { _ in .response(status: 200, body: body) }
        let fetcher = try HTTPFetcher()
        let response = try await fetcher.fetch(loopbackRequest(server.baseURL, maxSize: Self.cap))
        #expect(response.body == body)
    }

    @Test func anEndlessBodyIsCutOffAtTheCap() async throws {
        let server = try LoopbackHTTPServer { _ in
            .endless(
                status: 200, headers: [("Content-Type", "application/xml")], chunk: [UInt8](repeating: 66, count: 8192))
        }
        let fetcher = try HTTPFetcher()
        let error = await fetchError { try await fetcher.fetch(loopbackRequest(server.baseURL, maxSize: Self.cap)) }
        #expect(error?.code == .tooLarge)
    }

    @Test func aGzipBombIsStoppedAfterDecompression() async throws {
        let bomb = GzipStream.bomb(decodedSize: 16 * 1024 * 1024)
        try #require(bomb.count < Self.cap, "the compressed bomb fits under the cap; only decoding exceeds it")
        let server = try LoopbackHTTPServer { _ in
            .response(status: 200, headers: [("Content-Encoding", "gzip")], body: bomb)
        }
        let fetcher = try HTTPFetcher()
        let error = await fetchError { try await fetcher.fetch(loopbackRequest(server.baseURL, maxSize: Self.cap)) }
        #expect(error?.code == .tooLarge)
    }

    @Test func aContentLengthLongerThanTheBodyIsATruncation() async throws {
        let server = try LoopbackHTTPServer { _ in
            .raw(Array("HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n<rss>short</rss>".utf8))
        }
        let fetcher = try HTTPFetcher()
        let error = await fetchError { try await fetcher.fetch(loopbackRequest(server.baseURL)) }
        #expect(error?.code == .truncated)
    }

    @Test func aSlowBodyTimesOut() async throws {
        let server = try LoopbackHTTPServer { _ in
            .slowBody(
                status: 200, headers: [], body: [UInt8](repeating: 67, count: 100), chunkSize: 1,
                delay: .milliseconds(100))
        }
        let fetcher = try HTTPFetcher()
        let error = await fetchError {
            try await fetcher.fetch(loopbackRequest(server.baseURL, timeout: .milliseconds(500)))
        }
        #expect(error?.code == .timedOut)
    }

    @Test func aSilentServerTimesOut() async throws {
        let server = try LoopbackHTTPServer { _ in .silence(.seconds(3)) }
        let fetcher = try HTTPFetcher()
        let error = await fetchError {
            try await fetcher.fetch(loopbackRequest(server.baseURL, timeout: .milliseconds(300)))
        }
        #expect(error?.code == .timedOut)
    }

    @Test func aResetConnectionFails() async throws {
        let server = try LoopbackHTTPServer { _ in .reset }
        let fetcher = try HTTPFetcher()
        let error = await fetchError { try await fetcher.fetch(loopbackRequest(server.baseURL)) }
        #expect(error?.code == .connectionFailed)
    }

    @Test func aNonHTTPReplyIsAProtocolError() async throws {
        let server = try LoopbackHTTPServer { _ in .raw(Array("SSH-2.0-OpenSSH_9.2\r\n\r\n".utf8)) }
        let fetcher = try HTTPFetcher()
        let error = await fetchError { try await fetcher.fetch(loopbackRequest(server.baseURL)) }
        #expect(error?.code == .protocolError, "\(String(describing: error))")
    }

    @Test func aCorruptContentEncodingIsAProtocolError() async throws {
        let server = try LoopbackHTTPServer { _ in
            .response(status: 200, headers: [("Content-Encoding", "gzip")], body: Array("not gzip at all".utf8))
        }
        let fetcher = try HTTPFetcher()
        let error = await fetchError { try await fetcher.fetch(loopbackRequest(server.baseURL)) }
        #expect(error?.code == .protocolError)
    }

    @Test func nobodyListeningIsAConnectionFailure() async throws {
        let server = try LoopbackHTTPServer { _ in .ok("x") }
        let url = server.baseURL
        server.stop()
        let fetcher = try HTTPFetcher()
        let error = await fetchError { try await fetcher.fetch(loopbackRequest(url)) }
        #expect(error?.code == .connectionFailed)
        #expect(error?.description.contains("loopback") == true, "errors name the feed")
    }
}
