import FeedSiftDaemon
import Foundation
import Testing

@Suite struct ControlTimeTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    @Test func agesCountBackFromNow() {
        #expect(ControlTime.instant("90s", now: now) == now.addingTimeInterval(-90))
        #expect(ControlTime.instant("15m", now: now) == now.addingTimeInterval(-900))
        #expect(ControlTime.instant("7d", now: now) == now.addingTimeInterval(-7 * 86400))
        #expect(ControlTime.instant("2w", now: now) == now.addingTimeInterval(-14 * 86400))
    }

    @Test func timestampsAndDates() {
        #expect(ControlTime.timestamp("2026-11-29T07:00:00Z") == Date(timeIntervalSince1970: 1_795_935_600))
        #expect(ControlTime.timestamp("2026-11-29T08:00:00+01:00") == Date(timeIntervalSince1970: 1_795_935_600))
        #expect(ControlTime.timestamp("2026-11-29T07:00:00.250Z") == Date(timeIntervalSince1970: 1_795_935_600.25))
        #expect(ControlTime.timestamp("2026-11-29") == Date(timeIntervalSince1970: 1_795_910_400))
        #expect(ControlTime.timestamp("2000-02-29") == Date(timeIntervalSince1970: 951_782_400))
    }

    @Test(arguments: [
        "", "yesterday", "7", "d", "-1d", "2026-13-01", "2026-11-29T07:00:00", "2026-11-29 07:00:00Z",
        "2026-11-29T25:00:00Z", "99999999999999999999d",
    ])
    func rejectsWhatItDoesNotUnderstand(text: String) {
        #expect(ControlTime.instant(text, now: now) == nil)
    }
}
