import FeedSiftCore
import Testing

@testable import FeedSiftDaemon

/// The Atom feed's `self` link: the configured URL, else the listen address
/// when it names a place a reader can fetch from.
@Suite struct SelfLinkTests {
    private func selfURL(listen: String?, url: String? = nil) -> String? {
        var output = OutputSettings(atomPath: "out/feed.atom")
        output.listen = listen
        output.url = url
        return FeedPipeline.selfURL(output)
    }

    @Test func aConfiguredURLWins() {
        #expect(
            selfURL(listen: "0.0.0.0:8088", url: "https://feeds.example.org/feed.atom")
                == "https://feeds.example.org/feed.atom")
    }

    @Test func aSpecificListenAddressIsUsed() {
        #expect(selfURL(listen: "127.0.0.1:8088") == "http://127.0.0.1:8088/feed.atom")
        #expect(selfURL(listen: "[::1]:8088") == "http://[::1]:8088/feed.atom")
        #expect(selfURL(listen: "feeds.lan:80") == "http://feeds.lan:80/feed.atom")
    }

    @Test func wildcardAddressesAndPickedPortsGiveNoSelfLink() {
        for listen in ["0.0.0.0:8088", "[::]:8088", ":8088", "127.0.0.1:0", "127.0.0.1"] {
            #expect(selfURL(listen: listen) == nil, "\(listen)")
        }
        #expect(selfURL(listen: nil) == nil)
    }
}
