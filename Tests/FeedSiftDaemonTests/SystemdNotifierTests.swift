import FeedSiftDaemon
import FeedSiftTestSupport
import Foundation
import Testing

/// The `STATUS=` line systemd shows must stay one line.
@Suite struct SystemdNotifierTests {
    @Test func everyLineFeedInAStatusBecomesASpace() throws {
        let directory = try TemporaryDirectory(prefix: "feedsift-notify")
        let listener = try NotifySocketListener(path: directory.file("notify.sock"))
        let notifier = SystemdNotifier(environment: ["NOTIFY_SOCKET": listener.path])
        // Also a line feed before a combining mark, which Foundation's
        // `replacingOccurrences(of:with:)` did not replace.
        notifier.status("fetched 3 feeds\nnext poll in 5 min\n\u{301}x")
        let deadline = Date().addingTimeInterval(5)
        while listener.messages.isEmpty && Date() < deadline { usleep(10_000) }
        #expect(listener.messages == ["STATUS=fetched 3 feeds next poll in 5 min \u{301}x"])
    }
}
