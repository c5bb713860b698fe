import FeedSiftCore
public import FoundationEssentials

/// The instants the control protocol accepts and prints: UTC RFC 3339
/// timestamps (`2026-05-01T07:00:00Z`, any offset accepted on input), bare
/// dates (`2026-05-01`, midnight UTC), and ages counted back from now
/// (`90s`, `15m`, `2h`, `7d`, `2w`) for `since`/`until`.
public enum ControlTime {
    /// The instant `text` names, or nil when it is none of the accepted forms.
    public static func instant(_ text: String, now: Date) -> Date? {
        if let age = age(text) { return now.addingTimeInterval(-age) }
        return timestamp(text)
    }

    /// Seconds in `90s`, `15m`, `2h`, `7d` or `2w`.
    public static func age(_ text: String) -> TimeInterval? {
        guard let unit = text.last, let count = Int(text.dropLast()), count >= 0 else { return nil }
        let seconds: Int
        switch unit {
        case "s": seconds = 1
        case "m": seconds = 60
        case "h": seconds = 3600
        case "d": seconds = 86400
        case "w": seconds = 7 * 86400
        default: return nil
        }
        let (product, overflow) = count.multipliedReportingOverflow(by: seconds)
        return overflow ? nil : TimeInterval(product)
    }

    /// An RFC 3339 date-time (`2026-05-01T07:00:00Z`, `…T09:00:00.5+02:00`)
    /// or a bare date (`2026-05-01`, as midnight UTC).
    public static func timestamp(_ text: String) -> Date? {
        let bytes = Array(text.utf8)
        func number(_ range: Range<Int>) -> Int? {
            guard range.upperBound <= bytes.count else { return nil }
            var value = 0
            for byte in bytes[range] {
                guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            return value
        }
        guard bytes.count >= 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
            let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
            (1...12).contains(month), (1...31).contains(day)
        else { return nil }
        var seconds = Double(CivilDate.daysSinceEpoch(year: year, month: month, day: day) * 86400)
        guard bytes.count > 10 else { return Date(timeIntervalSince1970: seconds) }
        guard bytes.count >= 20, bytes[10] == UInt8(ascii: "T") || bytes[10] == UInt8(ascii: "t"),
            bytes[13] == UInt8(ascii: ":"), bytes[16] == UInt8(ascii: ":"),
            let hour = number(11..<13), let minute = number(14..<16), let second = number(17..<19),
            hour < 24, minute < 60, second <= 60
        else { return nil }
        seconds += Double(hour * 3600 + minute * 60 + second)
        var index = 19
        if bytes[index] == UInt8(ascii: ".") {
            let start = index + 1
            index = start
            while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) { index += 1 }
            guard index > start, let fraction = Double("0." + String(decoding: bytes[start..<index], as: UTF8.self))
            else { return nil }
            seconds += fraction
        }
        guard index < bytes.count else { return nil }
        switch bytes[index] {
        case UInt8(ascii: "Z"), UInt8(ascii: "z"):
            guard index + 1 == bytes.count else { return nil }
        case UInt8(ascii: "+"), UInt8(ascii: "-"):
            guard index + 6 == bytes.count, bytes[index + 3] == UInt8(ascii: ":"),
                let offsetHours = number(index + 1..<index + 3), let offsetMinutes = number(index + 4..<index + 6)
            else { return nil }
            let offset = Double(offsetHours * 3600 + offsetMinutes * 60)
            seconds += bytes[index] == UInt8(ascii: "+") ? -offset : offset
        default:
            return nil
        }
        return Date(timeIntervalSince1970: seconds)
    }
}
