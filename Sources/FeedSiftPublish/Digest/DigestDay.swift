import FeedSiftCore

/// A calendar day in the digest's time zone, the name of one digest
/// (`2026-11-29.eml`). Plain civil-date arithmetic: no time zone, no clock.
public struct DigestDay: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Days since 1970-01-01 in the proleptic Gregorian calendar.
    public let daysSinceEpoch: Int64

    public init(daysSinceEpoch: Int64) {
        self.daysSinceEpoch = daysSinceEpoch
    }

    /// The day named `year-month-day`, or nil when there is no such day.
    public init?(year: Int, month: Int, day: Int) {
        guard (1...12).contains(month), day >= 1, day <= CivilDate.daysIn(month: month, year: year) else {
            return nil
        }
        daysSinceEpoch = Int64(CivilDate.daysSinceEpoch(year: year, month: month, day: day))
    }

    /// Parses `YYYY-MM-DD` (as `feedsift digest --date` takes it).
    public init?(_ text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
            let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2])
        else { return nil }
        self.init(year: year, month: month, day: day)
    }

    public var year: Int { Int(CivilDate.from(daysSinceEpoch: daysSinceEpoch).year) }
    public var month: Int { Int(CivilDate.from(daysSinceEpoch: daysSinceEpoch).month) }
    public var day: Int { Int(CivilDate.from(daysSinceEpoch: daysSinceEpoch).day) }

    /// `YYYY-MM-DD`.
    public var description: String {
        let (year, month, day) = CivilDate.from(daysSinceEpoch: daysSinceEpoch)
        return "\(Self.pad(year, 4))-\(Self.pad(month, 2))-\(Self.pad(day, 2))"
    }

    /// `Sun 29 Nov 2026`, the form the subject line uses (English, like
    /// RFC 5322 dates, whatever the locale).
    public var displayName: String {
        let (year, month, day) = CivilDate.from(daysSinceEpoch: daysSinceEpoch)
        return "\(weekdayName) \(day) \(Self.monthNames[Int(month) - 1]) \(year)"
    }

    /// `Sun`: 1970-01-01 was a Thursday.
    public var weekdayName: String {
        Self.weekdayNames[Int(((daysSinceEpoch % 7) + 7) % 7)]
    }

    public func adding(days: Int) -> DigestDay {
        DigestDay(daysSinceEpoch: daysSinceEpoch + Int64(days))
    }

    public static func < (lhs: DigestDay, rhs: DigestDay) -> Bool {
        lhs.daysSinceEpoch < rhs.daysSinceEpoch
    }

    static let weekdayNames = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"]
    static let monthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    private static func pad(_ value: Int64, _ width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
