import FeedSiftFetch
import FeedSiftTestSupport
import Foundation
import Testing

/// Configured `file:` URLs are read by curl, under the same size cap.
@Suite struct FileURLTests {
    @Test func aLocalFileReadsAsA200() async throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write("feeds/local.xml", "<rss version=\"2.0\"/>")
        let fetcher = try HTTPFetcher()
        let response = try await fetcher.fetch(loopbackRequest("file://" + path))
        #expect(response.status == 200)
        #expect(response.body == Array("<rss version=\"2.0\"/>".utf8))
        #expect(response.isLocalFile)
        #expect(response.etag == nil && response.lastModified == nil, "no validators are invented for files")
    }

    @Test func aLargeFileIsRefused() async throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write("big.xml", String(repeating: "x", count: 2048))
        let fetcher = try HTTPFetcher()
        let error = await fetchError { try await fetcher.fetch(loopbackRequest("file://" + path, maxSize: 1024)) }
        #expect(error?.code == .tooLarge)
    }

    @Test func aMissingFileIsUnreadable() async throws {
        let directory = try TemporaryDirectory()
        let fetcher = try HTTPFetcher()
        let error = await fetchError {
            try await fetcher.fetch(loopbackRequest("file://" + directory.file("none.xml")))
        }
        #expect(error?.code == .fileUnreadable)
    }

    @Test(arguments: ["ftp://127.0.0.1/feed.xml", "not a url", "gopher://example.org/"])
    func otherSchemesAreNotFetched(url: String) async throws {
        let fetcher = try HTTPFetcher()
        let error = await fetchError { try await fetcher.fetch(loopbackRequest(url)) }
        #expect(error?.code == .invalidURL)
    }
}
