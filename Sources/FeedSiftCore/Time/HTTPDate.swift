public import FoundationEssentials

/// HTTP dates (RFC 9110 IMF-fixdate, `Sun, 06 Nov 1994 08:49:37 GMT`):
/// formatted for `Last-Modified` and `Date`, parsed from
/// `If-Modified-Since`. Parsing also accepts the obsolete RFC 850 and
/// asctime forms, as RFC 9110 requires of recipients.
public enum HTTPDate {
    private static let weekdays = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"]
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    public static func format(_ date: Date) -> String {
        let (days, secondOfDay) = CivilDate.split(secondsSinceEpoch: Int64(date.timeIntervalSince1970.rounded(.down)))
        let (year, month, day) = CivilDate.from(daysSinceEpoch: days)
        let weekday = weekdays[Int(((days % 7) + 7) % 7)]
        return "\(weekday), \(two(day)) \(months[Int(month) - 1]) \(year) \(two(secondOfDay / 3600)):"
            + "\(two(secondOfDay / 60 % 60)):\(two(secondOfDay % 60)) GMT"
    }

    /// The instant an HTTP date names, or nil when it is not one.
    public static func parse(_ text: String) -> Date? {
        let parts = text.split(whereSeparator: { $0 == " " || $0 == "," }).map(String.init)
        var day: Int?
        var month: Int?
        var year: Int?
        var time: [Int]?
        for part in parts {
            if let index = monthIndex(part) {
                month = index + 1
            } else if part.contains(":") {
                let fields = part.split(separator: ":").compactMap { Int($0) }
                if fields.count == 3 { time = fields }
            } else if part.contains("-") {
                // RFC 850: 06-Nov-94
                let fields = part.split(separator: "-")
                if fields.count == 3, let d = Int(fields[0]), let y = Int(fields[2]),
                    let m = monthIndex(fields[1])
                {
                    day = d
                    month = m + 1
                    year = y < 100 ? (y < 70 ? 2000 + y : 1900 + y) : y
                }
            } else if let number = Int(part) {
                if number > 31 || day != nil { year = number } else { day = number }
            }
        }
        guard let day, let month, let year, let time, (1...31).contains(day), time[0] < 24, time[1] < 60,
            time[2] < 61
        else { return nil }
        let days = CivilDate.daysSinceEpoch(year: year, month: month, day: day)
        return Date(timeIntervalSince1970: Double(days * 86400 + time[0] * 3600 + time[1] * 60 + time[2]))
    }

    /// The index of the month `name` abbreviates, in any case. Matches what
    /// Foundation's `caseInsensitiveCompare` matched: Unicode case folding
    /// also makes U+017F LATIN SMALL LETTER LONG S an `s` ("ſep").
    private static func monthIndex(_ name: some StringProtocol) -> Int? {
        var folded: [UInt8] = []
        for scalar in name.unicodeScalars {
            switch scalar.value {
            case 0x41...0x5A, 0x61...0x7A: folded.append(UInt8(scalar.value) | 0x20)
            case 0x17F: folded.append(UInt8(ascii: "s"))
            default: return nil
            }
        }
        return months.firstIndex { $0.utf8.map { $0 | 0x20 } == folded }
    }

    private static func two(_ value: Int64) -> String {
        value < 10 ? "0\(value)" : "\(value)"
    }
}
