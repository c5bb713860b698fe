import FeedSiftCore
import FeedSiftPublish
import Foundation
import Testing

@Suite struct DigestCalendarTests {
    static func utc(_ text: String) -> Date {
        ISO8601DateFormatter().date(from: text)!
    }

    static func brussels(hour: Int = 7, minute: Int = 0) -> DigestCalendar {
        DigestCalendar(timeZone: IANATimeZone(identifier: "Europe/Brussels")!, hour: hour, minute: minute)
    }

    @Test func daysParseFormatAndName() throws {
        let day = try #require(DigestDay("2026-11-29"))
        #expect(day.description == "2026-11-29")
        #expect(day.displayName == "Sun 29 Nov 2026")
        #expect(DigestDay("2024-02-29")?.adding(days: 1).description == "2024-03-01")
        #expect(DigestDay("1999-12-31")?.adding(days: 1).description == "2000-01-01")
        for bad in ["2026-02-29", "2026-13-01", "2026-11-31", "26-11-29", "2026-1-29", "2026-11-29x", ""] {
            #expect(DigestDay(bad) == nil, "\(bad)")
        }
    }

    @Test func cutoffFollowsTheLocalClockAcrossDaylightSaving() throws {
        let calendar = Self.brussels()
        // Winter (UTC+1), summer (UTC+2), and the days the clocks change.
        #expect(calendar.cutoff(of: DigestDay("2026-11-29")!) == Self.utc("2026-11-29T06:00:00Z"))
        #expect(calendar.cutoff(of: DigestDay("2026-07-01")!) == Self.utc("2026-07-01T05:00:00Z"))
        #expect(calendar.cutoff(of: DigestDay("2026-03-29")!) == Self.utc("2026-03-29T05:00:00Z"))
        #expect(calendar.cutoff(of: DigestDay("2026-03-28")!) == Self.utc("2026-03-28T06:00:00Z"))
        #expect(calendar.cutoff(of: DigestDay("2026-10-25")!) == Self.utc("2026-10-25T06:00:00Z"))
        #expect(calendar.cutoff(of: DigestDay("2026-10-24")!) == Self.utc("2026-10-24T05:00:00Z"))
        let newYork = DigestCalendar(timeZone: IANATimeZone(identifier: "America/New_York")!, hour: 7, minute: 30)
        #expect(newYork.cutoff(of: DigestDay("2026-03-08")!) == Self.utc("2026-03-08T11:30:00Z"))
        #expect(newYork.cutoff(of: DigestDay("2026-03-07")!) == Self.utc("2026-03-07T12:30:00Z"))
    }

    @Test func missingAndRepeatedLocalTimesGiveOneCutoffEach() {
        let calendar = Self.brussels(hour: 2, minute: 30)
        // 02:30 does not exist on 2026-03-29 (02:00 jumps to 03:00): 03:30 CEST.
        #expect(calendar.cutoff(of: DigestDay("2026-03-29")!) == Self.utc("2026-03-29T01:30:00Z"))
        // 02:30 happens twice on 2026-10-25: the first, still CEST.
        #expect(calendar.cutoff(of: DigestDay("2026-10-25")!) == Self.utc("2026-10-25T00:30:00Z"))
        // Cut-offs strictly increase day after day across both changes.
        var day = DigestDay("2026-03-20")!
        var previous = calendar.cutoff(of: day)
        while day < DigestDay("2026-11-05")! {
            day = day.adding(days: 1)
            let next = calendar.cutoff(of: day)
            #expect(next > previous)
            #expect(calendar.day(containing: next) == day)
            previous = next
        }
    }

    @Test func latestAndNextDueDays() {
        let calendar = Self.brussels()
        // 05:59 UTC is 06:59 in Brussels: today's digest is not due yet.
        #expect(calendar.latestDueDay(at: Self.utc("2026-11-29T05:59:00Z")).description == "2026-11-28")
        #expect(calendar.latestDueDay(at: Self.utc("2026-11-29T06:00:00Z")).description == "2026-11-29")
        #expect(calendar.nextDueDay(after: Self.utc("2026-11-29T06:00:00Z")).description == "2026-11-30")
        // 23:30 UTC is already the next day in Brussels.
        #expect(calendar.day(containing: Self.utc("2026-11-29T23:30:00Z")).description == "2026-11-30")
        #expect(calendar.localDescription(of: Self.utc("2026-07-01T05:00:00Z")) == "Wed 1 Jul 2026 07:00")
    }
}
