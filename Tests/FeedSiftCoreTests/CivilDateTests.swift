import Foundation
import Testing

@testable import FeedSiftCore

/// The calendar arithmetic every date parser and formatter shares.
@Suite struct CivilDateTests {
    @Test func instantsSplitIntoTheirDayAndSecondAlsoBefore1970() {
        #expect(CivilDate.split(secondsSinceEpoch: 0) == (0, 0))
        #expect(CivilDate.split(secondsSinceEpoch: 86399) == (0, 86399))
        #expect(CivilDate.split(secondsSinceEpoch: 86400) == (1, 0))
        #expect(CivilDate.split(secondsSinceEpoch: -1) == (-1, 86399))
        #expect(CivilDate.split(secondsSinceEpoch: -86400) == (-1, 0))
        #expect(CivilDate.split(secondsSinceEpoch: -86401) == (-2, 86399))
    }

    @Test func daysAndDatesConvertBothWays() {
        for days in stride(from: Int64(-800_000), through: 800_000, by: 997) {
            let (year, month, day) = CivilDate.from(daysSinceEpoch: days)
            #expect((1...12).contains(month) && day >= 1 && day <= CivilDate.daysIn(month: Int(month), year: Int(year)))
            #expect(Int64(CivilDate.daysSinceEpoch(year: Int(year), month: Int(month), day: Int(day))) == days)
        }
        #expect(CivilDate.from(daysSinceEpoch: 20_786) == (2026, 11, 29))
        #expect(CivilDate.daysIn(month: 2, year: 2000) == 29 && CivilDate.daysIn(month: 2, year: 2100) == 28)
    }

    @Test func formattersWriteTheSecondBefore1970OnItsOwnDay() {
        let instant = Date(timeIntervalSince1970: -1)
        #expect(RFC3339.format(instant) == "1969-12-31T23:59:59Z")
        #expect(HTTPDate.format(instant) == "Wed, 31 Dec 1969 23:59:59 GMT")
    }
}
