public import FoundationEssentials

/// `2025-06-03T08:15:00Z` as Foundation's `ISO8601DateFormatter` with
/// `.withInternetDateTime` wrote it (`feedsift parse`): UTC, whole seconds
/// (a fraction is dropped), and, like ICU's calendar behind that
/// formatter, the Julian calendar before the Gregorian reform of
/// 1582-10-15, so a feed's `0001-01-01` prints as `0001-01-03`. Years
/// before 1 count back from 1 (1 BC is `0001`), as ICU's era years do.
///
/// `RFC3339.format` is the proleptic Gregorian form the JSON outputs use.
public enum InternetDateTime {
    /// 1582-10-15T00:00:00Z, the first day of the Gregorian calendar.
    private static let gregorianReform: Int64 = -12_219_292_800

    public static func format(_ date: Date) -> String {
        let seconds = Int64(date.timeIntervalSince1970.rounded(.down))
        let (days, secondOfDay) = CivilDate.split(secondsSinceEpoch: seconds)
        var (year, month, day) =
            seconds < gregorianReform ? julianDate(daysSinceEpoch: days) : CivilDate.from(daysSinceEpoch: days)
        if year <= 0 { year = 1 - year }
        return RFC3339.format(year: year, month: month, day: day, secondOfDay: secondOfDay)
    }

    /// The Julian calendar date (astronomical year) of a day since 1970-01-01.
    private static func julianDate(daysSinceEpoch days: Int64) -> (year: Int64, month: Int64, day: Int64) {
        // Julian day number, then Richards' algorithm; shifted by whole
        // 4-year cycles so the divisions stay non-negative.
        let cycles: Int64 = 10_000
        let c = days + 2_440_588 + 32_082 + cycles * 1461
        let d = (4 * c + 3) / 1461
        let e = c - 1461 * d / 4
        let m = (5 * e + 2) / 153
        let day = e - (153 * m + 2) / 5 + 1
        let month = m + 3 - 12 * (m / 10)
        let year = d - 4800 + m / 10 - cycles * 4
        return (year, month, day)
    }
}
