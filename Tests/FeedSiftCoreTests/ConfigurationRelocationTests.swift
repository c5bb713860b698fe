import FeedSiftCore
import FeedSiftTestSupport
import Testing

@Suite struct ConfigurationRelocationTests {
    @Test func stateDirectoryOverrideMovesWhatLivesInsideIt() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write(
            "feeds.conf",
            """
            [daemon]
            state-dir = var

            [output]
            atom = var/out/feed.atom

            [digest]
            dir = /srv/digests
            """)
        let moved = try ConfigurationLoader.load(path: path, stateDirectoryOverride: directory.file("elsewhere"))
        #expect(moved.daemon.stateDirectory == directory.file("elsewhere"))
        #expect(moved.daemon.socketPath == directory.file("elsewhere/feedsift.sock"))
        #expect(moved.output.atomPath == directory.file("elsewhere/out/feed.atom"))
        // Configured outside the state directory: stays.
        #expect(moved.digest.directory == "/srv/digests")
    }
}

@Suite struct ConfigurationFeedLookupTests {
    @Test func feedsAreFoundByNameAfterTheListChanges() throws {
        let fixture = try ConfigurationFixture(
            """
            [feed "wire"]
            url = https://wire.example/feed.xml

            [feed "mofcom"]
            url = https://mofcom.example/rss
            """)
        var configuration = try fixture.load()
        #expect(configuration.feed(named: "mofcom")?.url == "https://mofcom.example/rss")
        #expect(configuration.feed(named: "missing") == nil)
        var renamed = configuration.feeds[0]
        renamed.name = "agency"
        configuration.feeds.remove(at: 0)
        configuration.feeds.append(renamed)
        #expect(configuration.feed(named: "wire") == nil, "the index follows the list")
        #expect(configuration.feed(named: "agency")?.url == "https://wire.example/feed.xml")
        #expect(configuration.feed(named: "mofcom")?.url == "https://mofcom.example/rss")
    }
}
