import FeedSiftCore
import FeedSiftFetch
import FeedSiftTestSupport
import Foundation
import Testing

@testable import FeedSiftDaemon

/// `SendmailMailer` runs sendmail with `posix_spawn`; what it reports when
/// the program is missing, fails or stops reading names the cause in the
/// system's words.
@Suite struct SendmailMailerTests {
    static func send(with script: String?, program: String? = nil) async throws -> String? {
        let directory = try TemporaryDirectory(prefix: "feedsift-sendmail")
        var path = program ?? directory.file("sendmail")
        if let script {
            path = try directory.writeExecutable("sendmail", script)
        }
        // The tests start programs in parallel: one forked between the
        // script's creation and its closing may keep it open for an instant
        // (close-on-exec covers the rest), which makes starting it fail with
        // ETXTBSY. That is the harness, not the mailer: try again.
        for attempt in 1...5 {
            do throws(MailError) {
                try await SendmailMailer(program: path).send(Array(repeating: UInt8(ascii: "x"), count: 1 << 20))
                return nil
            } catch {
                if error.message.hasSuffix("Text file busy") && attempt < 5 {
                    try await Task.sleep(for: .milliseconds(50))
                    continue
                }
                return error.message
            }
        }
        return nil
    }

    @Test func aMissingProgramOrADirectoryIsReported() async throws {
        #expect(
            try await Self.send(with: nil, program: "/nonexistent/sendmail")
                == "cannot start it: No such file or directory")
        #expect(try await Self.send(with: nil, program: "/tmp") == "cannot start it: not a regular file")
    }

    @Test func aProgramThatIsNotExecutableIsReported() async throws {
        let directory = try TemporaryDirectory(prefix: "feedsift-sendmail")
        let path = try directory.write("sendmail", "#!/bin/sh\n")
        chmod(path, 0o644)
        #expect(
            try await Self.send(with: nil, program: path)
                == "cannot start it: Permission denied")
    }

    @Test func exitStatusSignalAndFirstLineOfErrorsAreReported() async throws {
        #expect(try await Self.send(with: "#!/bin/sh\ncat > /dev/null\n") == nil)
        #expect(
            try await Self.send(with: "#!/bin/sh\ncat > /dev/null\necho 'no such user' >&2\necho more >&2\nexit 67\n")
                == "exited with status 67: no such user")
        #expect(try await Self.send(with: "#!/bin/sh\ncat > /dev/null\nkill -9 $$\n") == "was killed by signal 9")
    }

    @Test func aProgramThatStopsReadingIsReported() async throws {
        // The daemon ignores SIGPIPE (ProcessSetup); so must this test process.
        signal(SIGPIPE, SIG_IGN)
        let message = try #require(try await Self.send(with: "#!/bin/sh\nexit 0\n"))
        // The pipe holds up to 64 KiB before the child is gone.
        let pattern = /stopped reading the message after (\d+) of 1048576 bytes: Broken pipe/
        let written = try #require(try pattern.wholeMatch(in: message), "\(message)").output.1
        #expect(Int(written).map { $0 < 1 << 20 } == true)
    }
}
