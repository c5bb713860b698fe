/// The rule in a POSIX `TZ` string (`CET-1CEST,M3.5.0,M10.5.0/3`), as the
/// footer of a TZif file states it for every instant after the file's last
/// transition (RFC 8536 §3.3, with its extension of transition times to
/// ±167 hours).
///
/// POSIX offsets count hours west of UTC; this type turns them around, so
/// `offset(at:)` answers in seconds east of UTC like `IANATimeZone`. A string
/// without a daylight-saving name is a fixed offset; one with a name but no
/// rule gets POSIX's default (`M3.2.0,M11.1.0`, both at 02:00).
struct POSIXTimeZoneRule: Sendable, Equatable {
    /// When in a year daylight saving starts or ends: the day, and the
    /// local wall-clock time on it (seconds, possibly negative or past 24 h).
    struct Change: Sendable, Equatable {
        enum Day: Sendable, Equatable {
            /// `Jn`: day 1–365 of the year, February 29 never counted.
            case julian(Int)
            /// `n`: day 0–365 of the year, February 29 counted.
            case zeroBased(Int)
            /// `Mm.w.d`: weekday d (0 = Sunday) of week w (5 = the last) of month m.
            case monthWeekDay(month: Int, week: Int, weekday: Int)
        }

        var day: Day
        var time: Int
    }

    /// Daylight saving: its offset, and when it starts (a standard-time
    /// wall clock) and ends (a daylight-time wall clock).
    struct Daylight: Sendable, Equatable {
        var offset: Int
        var start: Change
        var end: Change
    }

    /// Seconds east of UTC outside daylight saving.
    let standardOffset: Int
    /// Nil for a fixed offset.
    let daylight: Daylight?

    /// Parses a TZ string; nil when it is not one (an empty footer included).
    init?(_ text: String) {
        var reader = Reader(Array(text.utf8))
        guard reader.skipName(), let standard = reader.offset(maximumHours: 24) else { return nil }
        standardOffset = -standard
        if reader.isAtEnd {
            daylight = nil
            return
        }
        guard reader.skipName() else { return nil }
        var daylightOffset = standardOffset + 3600
        if !reader.isAtEnd && reader.peek != UInt8(ascii: ",") {
            guard let offset = reader.offset(maximumHours: 24) else { return nil }
            daylightOffset = -offset
        }
        let start: Change
        let end: Change
        if reader.isAtEnd {
            start = Change(day: .monthWeekDay(month: 3, week: 2, weekday: 0), time: 7200)
            end = Change(day: .monthWeekDay(month: 11, week: 1, weekday: 0), time: 7200)
        } else {
            guard reader.consume(UInt8(ascii: ",")), let first = reader.change(), reader.consume(UInt8(ascii: ",")),
                let second = reader.change(), reader.isAtEnd
            else { return nil }
            start = first
            end = second
        }
        daylight = Daylight(offset: daylightOffset, start: start, end: end)
    }

    /// Seconds east of UTC at `instant` (seconds since 1970).
    func offset(at instant: Int64) -> Int {
        guard let daylight else { return standardOffset }
        let year = CivilDate.from(
            daysSinceEpoch: CivilDate.split(secondsSinceEpoch: instant + Int64(standardOffset)).days
        ).year
        let start = Self.localSeconds(of: daylight.start, in: year) - Int64(standardOffset)
        let end = Self.localSeconds(of: daylight.end, in: year) - Int64(daylight.offset)
        let inDaylight = start < end ? (start <= instant && instant < end) : !(end <= instant && instant < start)
        return inDaylight ? daylight.offset : standardOffset
    }

    /// Local seconds since 1970 (as if the local clock were UTC) of `change` in `year`.
    private static func localSeconds(of change: Change, in year: Int64) -> Int64 {
        let year = Int(year)
        let january1 = CivilDate.daysSinceEpoch(year: year, month: 1, day: 1)
        let days: Int
        switch change.day {
        case .julian(let n):
            let isLeap = CivilDate.daysIn(month: 2, year: year) == 29
            days = january1 + n - 1 + (isLeap && n >= 60 ? 1 : 0)
        case .zeroBased(let n):
            days = january1 + n
        case .monthWeekDay(let month, let week, let weekday):
            let first = CivilDate.daysSinceEpoch(year: year, month: month, day: 1)
            // 1970-01-01 was a Thursday (4).
            let firstWeekday = ((first + 4) % 7 + 7) % 7
            var day = 1 + (weekday - firstWeekday + 7) % 7 + (week - 1) * 7
            if day > CivilDate.daysIn(month: month, year: year) { day -= 7 }
            days = first + day - 1
        }
        return Int64(days) * 86400 + Int64(change.time)
    }

    private struct Reader {
        let bytes: [UInt8]
        var position = 0

        init(_ bytes: [UInt8]) {
            self.bytes = bytes
        }

        var isAtEnd: Bool { position >= bytes.count }
        var peek: UInt8? { isAtEnd ? nil : bytes[position] }

        mutating func consume(_ byte: UInt8) -> Bool {
            guard peek == byte else { return false }
            position += 1
            return true
        }

        /// A zone abbreviation: three or more letters, or `<…>` quoted.
        mutating func skipName() -> Bool {
            if consume(UInt8(ascii: "<")) {
                guard let close = bytes[position...].firstIndex(of: UInt8(ascii: ">")), close > position else {
                    return false
                }
                position = close + 1
                return true
            }
            let start = position
            while let byte = peek,
                (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
                    || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
            {
                position += 1
            }
            return position - start >= 3
        }

        /// `[+|-]hh[:mm[:ss]]` in seconds, hours at most `maximumHours`.
        mutating func offset(maximumHours: Int) -> Int? {
            var sign = 1
            if consume(UInt8(ascii: "-")) {
                sign = -1
            } else {
                _ = consume(UInt8(ascii: "+"))
            }
            guard let hours = number(maximumDigits: 3), hours <= maximumHours else { return nil }
            var seconds = hours * 3600
            if consume(UInt8(ascii: ":")) {
                guard let minutes = number(maximumDigits: 2), minutes < 60 else { return nil }
                seconds += minutes * 60
                if consume(UInt8(ascii: ":")) {
                    guard let extra = number(maximumDigits: 2), extra < 60 else { return nil }
                    seconds += extra
                }
            }
            return sign * seconds
        }

        /// A date rule with its optional `/time` (02:00 by default).
        mutating func change() -> Change? {
            let day: Change.Day
            if consume(UInt8(ascii: "M")) {
                guard let month = number(maximumDigits: 2), (1...12).contains(month), consume(UInt8(ascii: ".")),
                    let week = number(maximumDigits: 1), (1...5).contains(week), consume(UInt8(ascii: ".")),
                    let weekday = number(maximumDigits: 1), weekday <= 6
                else { return nil }
                day = .monthWeekDay(month: month, week: week, weekday: weekday)
            } else if consume(UInt8(ascii: "J")) {
                guard let n = number(maximumDigits: 3), (1...365).contains(n) else { return nil }
                day = .julian(n)
            } else {
                guard let n = number(maximumDigits: 3), n <= 365 else { return nil }
                day = .zeroBased(n)
            }
            var time = 7200
            if consume(UInt8(ascii: "/")) {
                guard let parsed = offset(maximumHours: 167) else { return nil }
                time = parsed
            }
            return Change(day: day, time: time)
        }

        private mutating func number(maximumDigits: Int) -> Int? {
            var value = 0
            var digits = 0
            while digits < maximumDigits, let byte = peek, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) {
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
                digits += 1
                position += 1
            }
            return digits > 0 ? value : nil
        }
    }
}
