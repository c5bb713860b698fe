public import FoundationEssentials

/// Formats instants as UTC RFC 3339 timestamps (`2026-11-29T07:00:00Z`), the
/// form feedsift prints everywhere: Atom, JSON output, logs.
///
/// Hand-written civil-date arithmetic, because formatters are slow and this
/// runs for every entry of every published feed.
public enum RFC3339 {
    public static func format(_ date: Date) -> String {
        let (days, secondOfDay) = CivilDate.split(secondsSinceEpoch: Int64(date.timeIntervalSince1970.rounded(.down)))
        let (year, month, day) = CivilDate.from(daysSinceEpoch: days)
        return format(year: year, month: month, day: day, secondOfDay: secondOfDay)
    }

    /// `YYYY-MM-DDThh:mm:ssZ` from its parts, whatever calendar they are in.
    static func format(year: Int64, month: Int64, day: Int64, secondOfDay: Int64) -> String {
        "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T\(pad(secondOfDay / 3600, 2)):"
            + "\(pad(secondOfDay / 60 % 60, 2)):\(pad(secondOfDay % 60, 2))Z"
    }

    private static func pad(_ value: Int64, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
}
