import FeedSiftCore
import Testing

@Suite("feeds.conf error messages")
struct ConfigurationErrorTests {
    /// Each case: a file and every message it must produce, exactly.
    static let cases: [(String, [String])] = [
        // Syntax.
        (
            "[fetch]\n  intervall = 30m\n",
            [#"feeds.conf:2:3: unknown key "intervall" in [fetch] (did you mean "interval"?)"#]
        ),
        ("[fetch]\ncolour = red\n", [#"feeds.conf:2:1: unknown key "colour" in [fetch]"#]),
        ("[fecth]\ninterval = 30m\n", ["feeds.conf:1:2: unknown section [fecth] (did you mean [fetch]?)"]),
        ("[rules \"x\"]\n", ["feeds.conf:1:2: unknown section [rules] (did you mean [rule]?)"]),
        ("title = x\n", [#"feeds.conf:1:1: key "title" is outside any section: put it under a [section]"#]),
        ("[output]\ntitle x\n", [#"feeds.conf:2:7: expected '=' after key "title""#]),
        ("[output]\n= x\n", ["feeds.conf:2:1: expected a key, a [section] or a comment, found '='"]),
        ("[output\n", ["feeds.conf:1:8: expected ']' to close '[' at 1:1"]),
        ("[]\n", ["feeds.conf:1:2: expected a section name after '['"]),
        ("[feed mofcom]\n", [#"feeds.conf:1:7: section names are quoted: write [feed "mofcom"]"#]),
        ("[feed \"mofcom]\n", [#"feeds.conf:1:7: expected '"' to close the name of [feed] started at 1:7"#]),
        ("[output] title = x\n", ["feeds.conf:1:10: unexpected text after ']'"]),
        ("[output]\ntitle = \"open\n", [#"feeds.conf:2:9: expected '"' to close the quote in the value of "title""#]),
        // Lines end at "\n" or "\r\n"; columns count Unicode scalars.
        ("[output]\r\ntitle x\r\n", [#"feeds.conf:2:7: expected '=' after key "title""#]),
        (
            "[output]\ntitle = Zürich \"open\n",
            [#"feeds.conf:2:16: expected '"' to close the quote in the value of "title""#]
        ),
        // Sections and names.
        ("[feed]\nurl = https://x.example/\n", [#"feeds.conf:1:2: [feed] needs a name: write [feed "name"]"#]),
        ("[fetch \"x\"]\n", ["feeds.conf:1:8: [fetch] takes no name"]),
        ("[rule \"\"]\n", [#"feeds.conf:1:7: empty name in [rule ""]"#]),
        (
            "[category \"Critical Minerals\"]\n",
            [
                #"feeds.conf:1:11: invalid category name "Critical Minerals": use lowercase letters, digits and '-' (it names files and URLs)"#
            ]
        ),
        ("[fetch]\n[fetch]\n", ["feeds.conf:2:2: duplicate section [fetch] (first at feeds.conf:1:2)"]),
        (
            "[feed \"a\"]\nurl = https://x.example/\n\n[feed \"a\"]\nurl = https://y.example/\n",
            [#"feeds.conf:4:7: duplicate feed "a" (first defined at feeds.conf:1:7)"#]
        ),
        (
            "[category \"a\"]\n[category \"a\"]\n",
            [#"feeds.conf:2:11: duplicate category "a" (first defined at feeds.conf:1:11)"#]
        ),
        (
            "[category \"c\"]\n[rule \"r\"]\ncategory = c\nmatch = x\n[rule \"r\"]\ncategory = c\nmatch = y\n",
            [#"feeds.conf:5:7: duplicate rule "r" (first defined at feeds.conf:2:7)"#]
        ),
        (
            "[fetch]\ntimeout = 5s\ntimeout = 9s\n",
            [#"feeds.conf:3:1: duplicate key "timeout" in [fetch] (first set at feeds.conf:2:1)"#]
        ),
        ("[feed \"mofcom\"]\ntags = a\n", [#"feeds.conf:1:1: missing required key "url" in [feed "mofcom"]"#]),
        (
            "[rule \"r\"]\nscore = 2\n",
            [
                #"feeds.conf:1:1: missing required key "category" in [rule "r"]"#,
                #"feeds.conf:1:1: missing required key "match" in [rule "r"]"#,
            ]
        ),
        // Values.
        (
            "[fetch]\ninterval = 15 minutes\n",
            [
                #"feeds.conf:2:12: invalid duration "15 minutes" for "interval": use a number and a unit (s, m, h, d), like 90s, 15m, 2h, 7d or 1h30m"#
            ]
        ),
        (
            "[fetch]\ninterval = 30\n",
            [
                #"feeds.conf:2:12: invalid duration "30" for "interval": use a number and a unit (s, m, h, d), like 90s, 15m, 2h, 7d or 1h30m"#
            ]
        ),
        ("[fetch]\ntimeout = 0s\n", [#"feeds.conf:2:11: invalid duration "0s" for "timeout": must be more than zero"#]),
        (
            "[fetch]\nmax-size = 10 MB\n",
            [
                #"feeds.conf:2:12: invalid size "10 MB" for "max-size": use a number and a unit (B, KB, MB, GB), like 512KB or 10MB"#
            ]
        ),
        ("[fetch]\nmax-size = 0KB\n", [#"feeds.conf:2:12: invalid size "0KB" for "max-size": must be more than zero"#]),
        (
            "[fetch]\nallow-private = maybe\n",
            [#"feeds.conf:2:17: invalid boolean "maybe" for "allow-private": use yes or no (or true/false, on/off)"#]
        ),
        (
            "[fetch]\nconcurrency = 0\n",
            [#"feeds.conf:2:15: invalid number "0" for "concurrency": use a whole number from 1 to 1000"#]
        ),
        (
            "[fetch]\nper-host = two\n",
            [#"feeds.conf:2:12: invalid number "two" for "per-host": use a whole number from 1 to 100"#]
        ),
        (
            "[fetch]\nretry-after-scope = hots\n",
            [
                #"feeds.conf:2:21: invalid value "hots" for "retry-after-scope": use one of feed, host (did you mean "host"?)"#
            ]
        ),
        (
            "[daemon]\nlog-level = verbose\n",
            [
                #"feeds.conf:2:13: invalid value "verbose" for "log-level": use one of trace, debug, info, notice, warning, error, critical"#
            ]
        ),
        (
            "[fetch]\nmin-interval = 2d\nmax-interval = 1d\n",
            [#"feeds.conf:2:16: "min-interval" (2d) is longer than "max-interval" (1d)"#]
        ),
        ("[output]\ntitle =\n", [#"feeds.conf:2:8: empty value for "title""#]),
        ("[output]\ntitle = # only a comment\n", [#"feeds.conf:2:9: empty value for "title""#]),
        (
            "[output]\nlisten = 8088\n",
            [#"feeds.conf:2:10: invalid address "8088" for "listen": use host:port, like 127.0.0.1:8088 or [::1]:8088"#]
        ),
        (
            "[output]\nlisten = localhost:99999\n",
            [
                #"feeds.conf:2:10: invalid address "localhost:99999" for "listen": use host:port, like 127.0.0.1:8088 or [::1]:8088"#
            ]
        ),
        (
            "[output]\nurl = feed.atom\n",
            [#"feeds.conf:2:7: invalid URL "feed.atom" for "url": use an http or https URL"#]
        ),
        (
            "[output]\nmax-entries = -1\n",
            [#"feeds.conf:2:15: invalid number "-1" for "max-entries": use a whole number from 1 to 100000"#]
        ),
        ("[digest]\nat = 7:00\n", [#"feeds.conf:2:6: invalid time "7:00" for "at": use HH:MM (24-hour), like 07:00"#]),
        (
            "[digest]\nat = 24:00\n",
            [#"feeds.conf:2:6: invalid time "24:00" for "at": use HH:MM (24-hour), like 07:00"#]
        ),
        (
            "[digest]\ntimezone = Europe/Brusels\n",
            [#"feeds.conf:2:12: unknown time zone "Europe/Brusels" (did you mean "Europe/Brussels"?)"#]
        ),
        ("[digest]\ntimezone = Mars/Olympus\n", [#"feeds.conf:2:12: unknown time zone "Mars/Olympus""#]),
        (
            "[digest]\ndeliver = mail\n",
            [
                #"feeds.conf:2:11: invalid delivery "mail" for "deliver": use none, sendmail, smtp://host:port or smtps://host:port"#
            ]
        ),
        ("[digest]\nfrom = feedsift\n", [#"feeds.conf:2:8: invalid address "feedsift" for "from": use user@host"#]),
        ("[digest]\nto = a@x.example, bob\n", [#"feeds.conf:2:6: invalid address "bob" for "to": use user@host"#]),
        (
            "[feed \"f\"]\nurl = ftp://x.example/feed\n",
            [
                #"feeds.conf:2:7: unsupported URL scheme "ftp" in "ftp://x.example/feed": use http, https or file (or a path)"#
            ]
        ),
        (
            "[feed \"f\"]\nurl = https:///feed\n",
            [#"feeds.conf:2:7: invalid URL "https:///feed" for "url": use an http or https URL"#]
        ),
        (
            "[feed \"f\"]\nurl = file://host/feed.xml\n",
            [
                #"feeds.conf:2:7: invalid file URL "file://host/feed.xml": use file:///absolute/path or file:relative/path"#
            ]
        ),
        (
            "[feed \"f\"]\nurl = https://x.example/\nenabled = perhaps\n",
            [#"feeds.conf:3:11: invalid boolean "perhaps" for "enabled": use yes or no (or true/false, on/off)"#]
        ),
        (
            "[category \"c\"]\n[rule \"r\"]\ncategory = c\nmatch = x\nscore = 1e3\n",
            [#"feeds.conf:5:9: invalid number "1e3" for "score": use a whole number from -1000 to 1000"#]
        ),
        ("include =\n", [#"feeds.conf:1:10: empty value for "include""#]),
    ]

    @Test("each mistake is reported exactly, at its token", arguments: cases)
    func message(file: String, expected: [String]) throws {
        #expect(try ConfigurationFixture(file).errors() == expected)
    }

    @Test("all errors are collected, not just the first, in reading order")
    func collectsAll() throws {
        let fixture = try ConfigurationFixture(
            """
            [fecth]
            [fetch]
            intervall = 30m
            timeout = forever
            [feed "mofcom"]
            url = https://english.mofcom.gov.cn/
            intervall = 1h
            broken line
            """)
        #expect(
            fixture.errors() == [
                #"feeds.conf:8:8: expected '=' after key "broken""#,
                "feeds.conf:1:2: unknown section [fecth] (did you mean [fetch]?)",
                #"feeds.conf:3:1: unknown key "intervall" in [fetch] (did you mean "interval"?)"#,
                #"feeds.conf:7:1: unknown key "intervall" in [feed "mofcom"] (did you mean "interval"?)"#,
                #"feeds.conf:4:11: invalid duration "forever" for "timeout": use a number and a unit (s, m, h, d), like 90s, 15m, 2h, 7d or 1h30m"#,
            ])
    }

    @Test("the error's description lists one diagnostic per line")
    func errorDescription() throws {
        let fixture = try ConfigurationFixture("[fecth]\n[otput]\n")
        do {
            _ = try fixture.load()
            Issue.record("expected an error")
        } catch {
            let prefix = fixture.path("feeds.conf")
            #expect(
                error.description == """
                    \(prefix):1:2: unknown section [fecth] (did you mean [fetch]?)
                    \(prefix):2:2: unknown section [otput] (did you mean [output]?)
                    """)
        }
    }

    @Test("diagnostics sort by file, line and column, unlocated first")
    func ordering() {
        func at(_ file: String, _ line: Int, _ column: Int) -> Diagnostic {
            Diagnostic(location: SourceLocation(file: file, line: line, column: column), message: "m")
        }
        let unsorted = [
            at("b.conf", 1, 1), at("a.conf", 2, 1), at("a.conf", 1, 9), Diagnostic(location: nil, message: "x"),
        ]
        #expect(unsorted.sorted().map(\.description) == ["x", "a.conf:1:9: m", "a.conf:2:1: m", "b.conf:1:1: m"])
    }
}
