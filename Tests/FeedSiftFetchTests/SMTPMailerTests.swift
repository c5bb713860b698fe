import FeedSiftFetch
import FeedSiftTestSupport
import Foundation
import Testing

/// SMTP delivery through libcurl against a real SMTP server on loopback.
@Suite struct SMTPMailerTests {
    /// CRLF lines, one of them a lone dot and one starting with dots, which
    /// SMTP must carry through dot-stuffing unchanged.
    static let message = Array(
        "From: a@example.com\r\nTo: b@example.com\r\nSubject: test\r\n\r\nline one\r\n.\r\n..two dots\r\nend\r\n".utf8)

    @Test func deliversTheExactBytesToEveryRecipientWithCredentials() async throws {
        let sink = try SMTPSink()
        defer { sink.stop() }
        let mailer = SMTPMailer(url: sink.url, credentials: SMTPCredentials(user: "u", password: "p:w"))
        try await mailer.send(Self.message, from: "a@example.com", to: ["b@example.com", "c@example.org"])
        let received = try #require(sink.messages.first)
        #expect(received.data == Self.message)
        #expect(received.sender == "a@example.com")
        #expect(received.recipients == ["b@example.com", "c@example.org"])
        #expect(received.user == "u" && received.password == "p:w")
    }

    @Test func aRefusalIsATypedErrorWithTheReplyCode() async throws {
        let sink = try SMTPSink(refusingFirst: 1)
        defer { sink.stop() }
        await #expect {
            try await SMTPMailer(url: sink.url).send(Self.message, from: "a@example.com", to: ["b@example.com"])
        } throws: { error in
            guard let error = error as? MailError else { return false }
            return error.code == .rejected && error.replyCode == 451 && error.target == sink.url
        }
        #expect(sink.messages.isEmpty)
    }

    @Test func aServerThatIsNotThereIsAConnectionFailure() async throws {
        let sink = try SMTPSink()
        let url = sink.url
        sink.stop()
        // Give the listener's thread a moment to close the socket.
        try await Task.sleep(for: .milliseconds(100))
        // The refusal is immediate; the generous time-out only keeps a
        // starved test process (2 cores, CPU-bound suites alongside) from
        // timing out before it gets to see the refusal.
        await #expect {
            try await SMTPMailer(url: url, connectTimeout: .seconds(30)).send(
                Self.message, from: "a@example.com", to: ["b@example.com"])
        } throws: { error in
            (error as? MailError)?.code == .connectionFailed
        }
    }

    @Test func credentialsFileHoldsUserColonPassword() throws {
        let directory = try TemporaryDirectory()
        let good = try directory.write("good", "digest:se:cret\n")
        #expect(try SMTPCredentials.load(from: good) == SMTPCredentials(user: "digest", password: "se:cret"))
        let bad = try directory.write("bad", "no separator\n")
        #expect(throws: MailError.self) { try SMTPCredentials.load(from: bad) }
        #expect(throws: MailError.self) { try SMTPCredentials.load(from: directory.file("missing")) }
    }
}
