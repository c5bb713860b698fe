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
