import FeedSiftTestSupport
import Foundation
import Testing

/// The built-in HTTP server of a running daemon, probed over loopback.
@Suite struct FeedHTTPServerEndToEndTests {
    @Test func servesTheFeedWithValidatorsGzipAndConditionalAnswers() throws {
        let upstream = try PollingEndToEndTests.makeServer()
        defer { upstream.stop() }
        let directory = try TemporaryDirectory()
        let port = try HTTPProbe.freePort()
        let config = PollingEndToEndTests.configuration(server: upstream, state: directory.file("state"))
            .replacingOccurrences(of: "listen =\n", with: "listen = 127.0.0.1:\(port)\n")
        let path = try directory.write("feeds.conf", config)
        let daemon = try DaemonProcess(arguments: ["run", "--config", path])
        let published = daemon.wait {
            FileManager.default.fileExists(atPath: directory.file("state/out/categories/shipping.atom"))
                && (try? HTTPProbe.request(port: port, path: "/healthz").status) == 200
        }
        #expect(published, "daemon did not publish and listen: \(daemon.stderr)")

        let full = try HTTPProbe.request(port: port, path: "/feed.atom")
        #expect(full.status == 200)
        #expect(full.header("Content-Type") == "application/atom+xml; charset=utf-8")
        let onDisk = try Data(contentsOf: URL(fileURLWithPath: directory.file("state/out/feed.atom")))
        #expect(full.body == [UInt8](onDisk))
        let etag = try #require(full.header("ETag"))
        let lastModified = try #require(full.header("Last-Modified"))

        #expect(try HTTPProbe.request(port: port, path: "/feed.atom", headers: [("If-None-Match", etag)]).status == 304)
        #expect(
            try HTTPProbe.request(port: port, path: "/feed.atom", headers: [("If-Modified-Since", lastModified)]).status
                == 304)
        #expect(
            try HTTPProbe.request(port: port, path: "/feed.atom", headers: [("If-None-Match", "\"other\"")]).status
                == 200)

        let head = try HTTPProbe.request(port: port, method: "HEAD", path: "/feed.atom")
        #expect(head.status == 200 && head.body.isEmpty)
        #expect(head.header("Content-Length") == String(onDisk.count))

        let gzipped = try HTTPProbe.request(port: port, path: "/feed.atom", headers: [("Accept-Encoding", "gzip")])
        #expect(gzipped.header("Content-Encoding") == "gzip")
        #expect(gzipped.header("ETag") != etag)
        #expect(Array(gzipped.body.prefix(2)) == [0x1f, 0x8b])
        let refused = try HTTPProbe.request(
            port: port, path: "/feed.atom", headers: [("Accept-Encoding", "gzip;q=0")])
        #expect(refused.header("Content-Encoding") == nil)

        let category = try HTTPProbe.request(port: port, path: "/categories/critical-minerals.atom")
        #expect(category.status == 200)
        #expect(String(decoding: category.body, as: UTF8.self).contains("Gallium export licences"))
        #expect(try HTTPProbe.request(port: port, path: "/categories/../feedsift.db").status == 404)
        #expect(try HTTPProbe.request(port: port, path: "/nothing").status == 404)
        #expect(try HTTPProbe.request(port: port, method: "POST", path: "/feed.atom").status == 405)

        let health = try HTTPProbe.request(port: port, path: "/healthz")
        #expect(String(decoding: health.body, as: UTF8.self).hasPrefix("ok: the pipeline answered"))

        let metrics = String(decoding: try HTTPProbe.request(port: port, path: "/metrics").body, as: UTF8.self)
        #expect(metrics.contains("feedsift_fetches_total{status=\"200\"} 3"), "\(metrics)")
        #expect(metrics.contains("feedsift_rule_hits_total{rule=\"minerals\"}"), "\(metrics)")
        #expect(metrics.contains("feedsift_items_new_total"), "\(metrics)")

        #expect(daemon.stop() == 0, "daemon did not exit cleanly on SIGTERM: \(daemon.stderr)")
    }
}
