import FeedSiftTestSupport
import Foundation
import Testing

/// The daily digest through the real `feedsift` binary: written at
/// start-up when it was missed, checked by a strict MIME parser, delivered
/// over SMTP to a sink the test runs (retried across restarts, never twice)
/// and through a `sendmail` program.
@Suite(.enabled(if: RepositoryPaths.hasProgram("python3"), "needs python3 (strict MIME parser, sqlite3)"))
struct DigestEndToEndTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
    static let zone = TimeZone(identifier: "Europe/Brussels")!

    /// A state directory, feeds on a loopback server, and a configuration
    /// whose `at` was an hour ago in Brussels.
    struct Setup {
        let server: LoopbackHTTPServer
        let directory: TemporaryDirectory
        let config: String
        let state: String
        let digests: String
        /// The day whose digest fell due an hour ago.
        let day: String

        var database: String { state + "/feedsift.db" }
        var eml: String { "\(digests)/\(day).eml" }
        var txt: String { "\(digests)/\(day).txt" }

        func run(environment: [String: String] = [:]) throws -> ProcessResult {
            try ProcessRunner.run(
                RepositoryPaths.feedsiftBinary, ["run", "--once", "--config", config], environment: environment)
        }

        @discardableResult
        func sql(_ statement: String) throws -> String {
            let script = """
                import sqlite3, sys
                c = sqlite3.connect(sys.argv[1]); rows = c.execute(sys.argv[2]).fetchall(); c.commit()
                print("|".join(str(v) for v in rows[0]) if rows else "")
                """
            return try ProcessRunner.run("python3", ["-c", script, database, statement]).stdout
                .trimmingCharacters(in: .whitespacesAndNewlines)
        }

        /// What an outage looks like: the stories arrived two hours ago,
        /// digests have been kept for days, and the daemon was down at `at`.
        func backdate() throws {
            try sql("UPDATE items SET first_seen = first_seen - 7200, last_seen = last_seen - 7200")
            try sql("UPDATE stories SET first_seen = first_seen - 7200, updated = updated - 7200")
            try sql("UPDATE digest_schedule SET tracking_since = tracking_since - 3 * 86400")
        }

        init(digest extra: String = "") throws {
            let files = try ["alpha.xml", "charlie-1.xml", "bravo.atom", "digest-wire.xml"].map {
                ($0, Array(try Data(contentsOf: DigestEndToEndTests.fixtures.appendingPathComponent($0))))
            }
            let served = Dictionary(uniqueKeysWithValues: files)
            server = try LoopbackHTTPServer { request in
                guard let body = served[String(request.path.dropFirst())] else { return .response(status: 404) }
                return .response(status: 200, headers: [("Content-Type", "application/xml")], body: body)
            }
            directory = try TemporaryDirectory(prefix: "feedsift-digest-e2e")
            state = directory.file("state")
            digests = directory.file("digests")
            let due = Date().addingTimeInterval(-3600)
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = DigestEndToEndTests.zone
            let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: due)
            func two(_ value: Int?) -> String { String(format: "%02d", value ?? 0) }
            day = "\(parts.year ?? 0)-\(two(parts.month))-\(two(parts.day))"
            config = try directory.write(
                "feeds.conf",
                """
                [daemon]
                state-dir = \(state)

                [fetch]
                allow-private = yes
                timeout = 10s

                [output]
                listen =

                [digest]
                dir = \(digests)
                at = \(two(parts.hour)):\(two(parts.minute))
                timezone = Europe/Brussels
                from = feedsift@desk.example
                to = analyst@example.com, desk@example.org
                \(extra)

                [category "critical-minerals"]
                label = Critical minerals

                [category "tariffs"]
                label = Tariffs

                [rule "minerals"]
                category = critical-minerals
                match = gallium OR germanium
                score = 10

                [rule "tariffs"]
                category = tariffs
                match = tariff OR tariffs

                [feed "alpha"]
                url = \(server.baseURL)/alpha.xml

                [feed "charlie"]
                url = \(server.baseURL)/charlie-1.xml

                [feed "bravo"]
                url = \(server.baseURL)/bravo.atom

                [feed "wire"]
                url = \(server.baseURL)/digest-wire.xml
                """)
        }
    }

    @Test func missedDigestIsWrittenAtStartUpAndParsesStrictly() throws {
        let setup = try Setup()
        defer { setup.server.stop() }
        let first = try setup.run()
        #expect(first.status == 0, "\(first.stderr)")
        // The first start does not invent a digest for a time before it existed.
        #expect(!FileManager.default.fileExists(atPath: setup.eml))

        try setup.backdate()
        let daemon = try DaemonProcess(arguments: ["run", "--config", setup.config])
        let written = daemon.wait { FileManager.default.fileExists(atPath: setup.eml) }
        #expect(daemon.stop() == 0)
        try #require(written, "no digest written at start-up: \(daemon.stderr)")

        let mail = try ParsedMail.parse(file: setup.eml)
        #expect(mail.subject.hasPrefix("Trade & commodities digest — "))
        #expect(mail.subject.hasSuffix(" (3 stories)"))
        #expect(mail.from == ["feedsift@desk.example"])
        #expect(mail.to == ["analyst@example.com", "desk@example.org"])
        #expect(mail.messageID.hasPrefix("<digest.\(setup.day)."))
        #expect(mail.headers["MIME-Version"] == "1.0")
        #expect(mail.longestLine <= 78 && !mail.hasBareLineFeed)
        #expect(mail.parts.map(\.contentType) == ["text/plain", "text/html"])
        let text = mail.parts[0].content
        #expect(text == (try String(contentsOfFile: setup.txt, encoding: .utf8)))
        let flat = text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(flat.contains("Gallium export licences slow as China tightens controls"))
        // Which copy represents the story depends on which feed was fetched first.
        #expect(
            flat.contains("Alpha Metals; also reported by Charlie Roundup")
                || flat.contains("Charlie Roundup; also reported by Alpha Metals"))
        #expect(flat.contains("US raises tariffs on steel derivatives to 50%"))
        #expect(!flat.contains("Football") && !flat.contains("Aluminium"))
        // The feed's script arrives as text, never as markup.
        let elements = try ParsedMail.htmlElements(mail.parts[1].content)
        #expect(!elements.contains { ["script", "img", "iframe"].contains($0.tag) })
        #expect(!elements.contains { $0.attributes.keys.contains { $0.hasPrefix("on") } })
        #expect(elements.compactMap { $0.attributes["href"] }.allSatisfy { $0.hasPrefix("https://") })
        #expect(try setup.sql("SELECT day, stories, delivery_state FROM digests") == "\(setup.day)|3|none")

        // Started again, the daemon leaves the written day alone.
        let before = try Data(contentsOf: URL(fileURLWithPath: setup.eml))
        #expect(try setup.run().status == 0)
        #expect(try Data(contentsOf: URL(fileURLWithPath: setup.eml)) == before)
        #expect(try setup.sql("SELECT count(*) FROM digests") == "1")
    }

    @Test func smtpDeliveryIsRetriedAcrossRestartsAndNeverRepeated() throws {
        let sink = try SMTPSink(refusingFirst: 1)
        defer { sink.stop() }
        let credentials = try TemporaryDirectory(prefix: "feedsift-credentials")
        let file = try credentials.write("smtp.secret", "digest-user:pa:ss word\n")
        let setup = try Setup(digest: "deliver = \(sink.url)\ncredentials = \(file)")
        defer { setup.server.stop() }
        #expect(try setup.run().status == 0)
        try setup.backdate()

        // The server refuses: the digest is written and stays queued.
        let refused = try setup.run()
        #expect(refused.status == 0, "\(refused.stderr)")
        #expect(sink.refusedCount == 1 && sink.messages.isEmpty)
        #expect(try setup.sql("SELECT delivery_state, delivery_attempts FROM digests") == "pending|1")
        #expect(try setup.sql("SELECT last_error FROM digests").contains("451"))
        let written = try Data(contentsOf: URL(fileURLWithPath: setup.eml))

        // Next start, after the back-off (skipped here), and with the file
        // gone: it is rebuilt from the recorded window, byte for byte.
        try setup.sql("UPDATE digests SET next_attempt_at = 0")
        try FileManager.default.removeItem(atPath: setup.eml)
        let retried = try setup.run()
        #expect(retried.status == 0, "\(retried.stderr)")
        let delivered = try #require(sink.messages.first)
        #expect(Data(delivered.data) == written)
        #expect(delivered.sender == "feedsift@desk.example")
        #expect(delivered.recipients == ["analyst@example.com", "desk@example.org"])
        #expect(delivered.user == "digest-user" && delivered.password == "pa:ss word")
        #expect(try setup.sql("SELECT delivery_state, delivery_attempts FROM digests") == "sent|2")
        #expect(try Data(contentsOf: URL(fileURLWithPath: setup.eml)) == written)

        // Sent is final.
        try setup.sql("UPDATE digests SET next_attempt_at = 0")
        #expect(try setup.run().status == 0)
        #expect(sink.messages.count == 1)
    }

    @Test func sendmailGetsTheSameBytes() throws {
        let setup = try Setup(digest: "deliver = sendmail")
        defer { setup.server.stop() }
        let bin = try TemporaryDirectory(prefix: "feedsift-sendmail")
        try bin.writeExecutable(
            "sendmail", "#!/bin/sh\nprintf '%s\\n' \"$*\" > \"\(bin.path)/args\"\ncat > \"\(bin.path)/message\"\n")
        let environment = ["PATH": bin.path + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")]
        #expect(try setup.run(environment: environment).status == 0)
        try setup.backdate()
        let result = try setup.run(environment: environment)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try String(contentsOfFile: bin.file("args"), encoding: .utf8) == "-t -i\n")
        #expect(
            try Data(contentsOf: URL(fileURLWithPath: bin.file("message")))
                == Data(contentsOf: URL(fileURLWithPath: setup.eml)))
        #expect(try setup.sql("SELECT delivery_state FROM digests") == "sent")
    }

    @Test(arguments: [true, false]) func emptyDayFollowsSkipEmpty(skip: Bool) throws {
        let setup = try Setup(digest: "skip-empty = \(skip ? "yes" : "no")")
        defer { setup.server.stop() }
        #expect(try setup.run().status == 0)
        // Digests kept for days, but every story arrived after today's cut-off.
        try setup.sql("UPDATE digest_schedule SET tracking_since = tracking_since - 3 * 86400")
        #expect(try setup.run().status == 0)
        #expect(try setup.sql("SELECT day, stories FROM digests") == "\(setup.day)|0")
        #expect(FileManager.default.fileExists(atPath: setup.eml) == !skip)
        if !skip {
            #expect(try ParsedMail.parse(file: setup.eml).subject.hasSuffix("(0 stories)"))
        }
    }
}
