import FeedSiftCore
import Foundation
import Testing

@Suite("feeds.conf grammar")
struct ConfigurationGrammarTests {
    static let sample = """
        # A full configuration, every key set.
        [daemon]
        state-dir = state                     # trailing comment
        socket = run/feedsift.sock
        user-agent = "feedsift-test/1.0 (#1; contact@example.org)"
        log-level = debug

        [fetch]
        interval = 1h30m
        min-interval = 15m
        max-interval = 2d
        concurrency = 8
        per-host = 3
        timeout = 45s
        connect-timeout = 5s
        max-size = 512KB
        allow-private = on
        retention = 90d
        retry-after-scope = feed
        backoff-cap = 12h

        ; semicolons start comments too
        [output]
        atom = out/watch.atom
        title = "Trade & commodities watch"
        listen = 127.0.0.1:8088
        url = https://feeds.example.org/feed.atom
        max-entries = 50
        uncategorized = yes

        [digest]
        dir = /srv/digests
        at = 07:30
        timezone = Europe/Brussels
        from = feedsift@example.org
        to = a@example.com, b@example.com
        deliver = smtps://mail.example.org:465
        credentials = secrets/smtp
        skip-empty = true
        title = Morning digest

        [dedupe]
        window = 3d

        [filter]
        drop = "sponsored content" OR title:advert*

        [category "critical-minerals"]
        label = Critical minerals

        [category "tariffs"]

        [feed "mofcom"]
        url = https://english.mofcom.gov.cn/rss.xml
        interval = 2h
        tags = official, china
        allow-private = no
        enabled = no
        title = "MOFCOM (English)"

        [feed "local"]
        url = feeds/local file.xml

        [feed "file-url"]
        url = file:feeds/other.xml

        [rule "rare-earths"]
        category = critical-minerals
        match = "rare earth*" OR gallium   # queries keep their quotes
        exclude = "earth day"
        score = 10
        enabled = false
        """

    @Test("every section and key of the sample reaches the model")
    func fullSample() throws {
        let fixture = try ConfigurationFixture(Self.sample)
        let configuration = try fixture.load()
        let root = fixture.directory.path
        #expect(configuration.file == fixture.path("feeds.conf"))

        #expect(configuration.daemon.stateDirectory == "\(root)/state")
        #expect(configuration.daemon.socketPath == "\(root)/run/feedsift.sock")
        #expect(configuration.daemon.userAgent == "feedsift-test/1.0 (#1; contact@example.org)")
        #expect(configuration.daemon.logLevel == .debug)

        let fetch = configuration.fetch
        #expect(fetch.interval == .seconds(5400))
        #expect(fetch.minInterval == .seconds(900))
        #expect(fetch.maxInterval == .seconds(2 * 86400))
        #expect(fetch.concurrency == 8)
        #expect(fetch.perHost == 3)
        #expect(fetch.timeout == .seconds(45))
        #expect(fetch.connectTimeout == .seconds(5))
        #expect(fetch.maxSize == 512 * 1024)
        #expect(fetch.allowPrivate)
        #expect(fetch.retention == .seconds(90 * 86400))
        #expect(fetch.retryAfterScope == .feed)
        #expect(fetch.backoffCap == .seconds(12 * 3600))

        let output = configuration.output
        #expect(output.atomPath == "\(root)/out/watch.atom")
        #expect(output.title == "Trade & commodities watch")
        #expect(output.listen == "127.0.0.1:8088")
        #expect(output.url == "https://feeds.example.org/feed.atom")
        #expect(output.maxEntries == 50)
        #expect(output.uncategorized)

        let digest = configuration.digest
        #expect(digest.directory == "/srv/digests")
        #expect(digest.hour == 7 && digest.minute == 30)
        #expect(digest.timeZone == "Europe/Brussels")
        #expect(digest.from == "feedsift@example.org")
        #expect(digest.to == ["a@example.com", "b@example.com"])
        #expect(digest.deliver == .smtp(url: "smtps://mail.example.org:465"))
        #expect(digest.credentialsFile == "\(root)/secrets/smtp")
        #expect(digest.skipEmpty)
        #expect(digest.title == "Morning digest")

        #expect(configuration.dedupe.window == .seconds(3 * 86400))
        #expect(configuration.filter.drop?.text == "\"sponsored content\" OR title:advert*")
        #expect(configuration.filter.drop?.location.description == "\(root)/feeds.conf:46:8")

        #expect(configuration.categories.map(\.slug) == ["critical-minerals", "tariffs"])
        #expect(configuration.categories.map(\.label) == ["Critical minerals", "tariffs"])

        #expect(configuration.feeds.map(\.name) == ["mofcom", "local", "file-url"])
        let mofcom = configuration.feeds[0]
        #expect(mofcom.url == "https://english.mofcom.gov.cn/rss.xml")
        #expect(mofcom.interval == .seconds(7200))
        #expect(mofcom.tags == ["official", "china"])
        #expect(mofcom.allowPrivate == false)
        #expect(!mofcom.enabled)
        #expect(mofcom.title == "MOFCOM (English)")
        #expect(configuration.feeds[1].url == "file://\(root)/feeds/local%20file.xml")
        #expect(configuration.feeds[1].interval == nil && configuration.feeds[1].enabled)
        #expect(configuration.feeds[2].url == "file://\(root)/feeds/other.xml")

        let rule = try #require(configuration.rules.first)
        #expect(rule.name == "rare-earths")
        #expect(rule.category == "critical-minerals")
        #expect(rule.categoryLocation?.description == "\(root)/feeds.conf:68:12")
        #expect(rule.match.text == "\"rare earth*\" OR gallium")
        #expect(rule.match.location.description == "\(root)/feeds.conf:69:9")
        #expect(rule.exclude?.text == "\"earth day\"")
        #expect(rule.score == 10)
        #expect(!rule.enabled)
    }

    @Test("defaults: state under var/ next to the main file, outputs under the state directory")
    func defaults() throws {
        let fixture = try ConfigurationFixture("")
        let configuration = try fixture.load()
        let state = "\(fixture.directory.path)/var"
        #expect(configuration.daemon.stateDirectory == state)
        #expect(configuration.daemon.socketPath == "\(state)/feedsift.sock")
        #expect(configuration.daemon.userAgent == DaemonSettings.defaultUserAgent)
        #expect(configuration.output.atomPath == "\(state)/out/feed.atom")
        #expect(configuration.output.listen == nil)
        #expect(!configuration.output.uncategorized)
        #expect(configuration.digest.directory == "\(state)/digests")
        #expect(configuration.digest.deliver == .none)
        #expect(configuration.fetch.interval == .seconds(1800))
        #expect(configuration.fetch.maxSize == 10 * 1024 * 1024)
        #expect(configuration.filter.drop == nil)
    }

    @Test("a changed state directory moves the default outputs with it")
    func outputsFollowStateDirectory() throws {
        let configuration = try ConfigurationFixture("[daemon]\nstate-dir = /srv/feedsift\n").load()
        #expect(configuration.daemon.socketPath == "/srv/feedsift/feedsift.sock")
        #expect(configuration.output.atomPath == "/srv/feedsift/out/feed.atom")
        #expect(configuration.digest.directory == "/srv/feedsift/digests")
    }

    @Test(
        "values: comments, quotes, durations, sizes, booleans and lists",
        arguments: [
            ("title = plain # comment", "plain"),
            ("title = a#b", "a#b"),
            ("title = \"a # b ; c\"  # comment", "a # b ; c"),
            ("title = \"say \\\"hi\\\"\"", "say \"hi\""),
            ("title = \"a\" and \"b\"", "\"a\" and \"b\""),
            ("title = tabs\tinside  ", "tabs\tinside"),
            ("title = https://x.example/#frag", "https://x.example/#frag"),
        ])
    func outputTitle(line: String, expected: String) throws {
        let configuration = try ConfigurationFixture("[output]\n\(line)\n").load()
        #expect(configuration.output.title == expected)
    }

    @Test(
        "durations in seconds",
        arguments: [("90s", 90), ("15m", 900), ("2h", 7200), ("7d", 604_800), ("1h30m", 5400), ("1d2h3m4s", 93784)])
    func durations(text: String, seconds: Int64) throws {
        let configuration = try ConfigurationFixture("[fetch]\ninterval = \(text)\n").load()
        #expect(configuration.fetch.interval == .seconds(seconds))
    }

    @Test(
        "sizes are powers of 1024",
        arguments: [
            ("2048", 2048), ("100B", 100), ("512KB", 524_288), ("512kib", 524_288), ("10MB", 10_485_760),
            ("1GB", 1_073_741_824),
        ])
    func sizes(text: String, bytes: Int) throws {
        let configuration = try ConfigurationFixture("[fetch]\nmax-size = \(text)\n").load()
        #expect(configuration.fetch.maxSize == bytes)
    }

    @Test("booleans: yes/no, true/false, on/off in any case", arguments: ["yes", "True", "ON"])
    func booleans(text: String) throws {
        #expect(try ConfigurationFixture("[fetch]\nallow-private = \(text)\n").load().fetch.allowPrivate)
        let negative = text == "yes" ? "no" : text == "True" ? "FALSE" : "off"
        #expect(try !ConfigurationFixture("[fetch]\nallow-private = \(negative)\n").load().fetch.allowPrivate)
    }

    @Test("lists skip blanks and empty items; an empty listen disables the server")
    func listsAndEmptyValues() throws {
        let configuration = try ConfigurationFixture(
            """
            [output]
            listen =
            [digest]
            to = a@x.example ,, b@y.example,
            [feed "f"]
            url = https://x.example/feed
            tags =
            """
        ).load()
        #expect(configuration.output.listen == nil)
        #expect(configuration.digest.to == ["a@x.example", "b@y.example"])
        #expect(configuration.feeds[0].tags == [])
    }

    @Test("CRLF line ends, a byte-order mark and indentation are accepted")
    func lineEndsAndIndentation() throws {
        let fixture = try ConfigurationFixture(
            "\u{FEFF}[output]\r\n    title = Indented\r\n\t[dedupe]\r\n\twindow = 2d\r\n")
        let configuration = try fixture.load()
        #expect(configuration.output.title == "Indented")
        #expect(configuration.dedupe.window == .seconds(172_800))
    }

    @Test("listen accepts IPv6 and port 0; deliver accepts none, sendmail and smtp")
    func listenAndDeliver() throws {
        #expect(try ConfigurationFixture("[output]\nlisten = [::1]:0\n").load().output.listen == "[::1]:0")
        #expect(try ConfigurationFixture("[digest]\ndeliver = sendmail\n").load().digest.deliver == .sendmail)
        #expect(
            try ConfigurationFixture("[digest]\ndeliver = smtp://relay.example:587\n").load().digest.deliver
                == .smtp(url: "smtp://relay.example:587"))
    }

    @Test("feed URLs: absolute paths and file:/// URLs become file URLs; relative ones resolve against the file")
    func feedLocations() throws {
        let fixture = try ConfigurationFixture(
            """
            [feed "a"]
            url = /data/a.xml
            [feed "b"]
            url = file:///data/b.xml
            [feed "c"]
            url = ../shared/c.xml
            [feed "d"]
            url = HTTP://Example.org/feed
            """)
        let configuration = try fixture.load()
        let parent = (fixture.directory.path as NSString).deletingLastPathComponent
        #expect(
            configuration.feeds.map(\.url) == [
                "file:///data/a.xml", "file:///data/b.xml", "file://\(parent)/shared/c.xml", "HTTP://Example.org/feed",
            ])
    }

    @Test("the default path is ./feeds.conf when it exists, else /etc/feedsift/feeds.conf")
    func defaultPath() {
        let expected =
            FileManager.default.fileExists(atPath: "feeds.conf") ? "feeds.conf" : "/etc/feedsift/feeds.conf"
        #expect(ConfigurationLoader.defaultPath() == expected)
    }
}
