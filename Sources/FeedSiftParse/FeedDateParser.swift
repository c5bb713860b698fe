import FeedSiftCore
public import FoundationEssentials

/// Parses the dates feeds contain, by hand (DateFormatter is slow and
/// locale-dependent): RFC 822/1123/2822 with real-world variants (no or
/// wrong weekday, full month names, two-digit years, missing seconds,
/// named and military zones, `GMT+2`), ISO 8601 / RFC 3339 / W3C-DTF
/// (reduced precision, fractions, no `T`, basic format, no zone = UTC),
/// asctime, and `YYYY/MM/DD hh:mm:ss`.
///
/// Guarantees: never traps; returns nil for anything it cannot read
/// unambiguously, including impossible fields (month 13, 31 February,
/// hour 25), and never guesses a century except for two-digit years
/// (`00`–`89` → 20xx, `90`–`99` → 19xx, as feedparser).
public enum FeedDateParser {
    public static func parse(_ string: String) -> Date? {
        var copy = string
        // Most feeds use one of two canonical spellings; read those without splitting into words.
        if let date = copy.withUTF8({ canonicalRFC822($0) ?? canonicalISO8601($0) }) { return date }
        if let first = string.utf8.first, first >= 0x30 && first <= 0x39,
            let date = iso8601(ByteScanner(Array(string.utf8)))
        {
            return date
        }
        let tokens = DateTokens(string)
        guard !tokens.items.isEmpty else { return nil }
        if let date = iso8601(tokens) ?? rfc822(tokens) ?? slashed(tokens) ?? asctime(tokens) {
            return date
        }
        return nil
    }

    // MARK: ISO 8601 / RFC 3339 / W3C-DTF

    static func iso8601(_ tokens: DateTokens) -> Date? {
        iso8601(ByteScanner(tokens.trimmed))
    }

    static func iso8601(_ start: ByteScanner) -> Date? {
        var scanner = start
        guard let year = scanner.digits(exactly: 4) ?? scanner.basicDate() else { return nil }
        var month = 1
        var day = 1
        if year.count == 3 {
            // basicDate returned YYYYMMDD split.
            return isoTime(&scanner, year: year[0], month: year[1], day: year[2])
        }
        let y = year[0]
        if scanner.consume("-") {
            guard let m = scanner.number(maxDigits: 2) else { return nil }
            if scanner.peekDigit && m >= 1 {
                // Ordinal date YYYY-DDD.
                guard let rest = scanner.number(maxDigits: 1) else { return nil }
                let ordinal = m * 10 + rest
                guard let (om, od) = monthDay(fromOrdinal: ordinal, year: y) else { return nil }
                return isoTime(&scanner, year: y, month: om, day: od)
            }
            month = m
            if scanner.consume("-") {
                guard let d = scanner.number(maxDigits: 2) else { return nil }
                day = d
            }
        } else if !scanner.atEnd {
            return nil
        }
        return isoTime(&scanner, year: y, month: month, day: day)
    }

    private static func isoTime(_ scanner: inout ByteScanner, year: Int, month: Int, day: Int) -> Date? {
        var hour = 0
        var minute = 0
        var second = 0
        var offset = 0
        if scanner.consume("T") || scanner.consume("t") || scanner.consume(" ") {
            scanner.skipSpaces()
            guard let h = scanner.number(maxDigits: 2) else { return nil }
            hour = h
            if scanner.consume(":") {
                guard let m = scanner.number(maxDigits: 2) else { return nil }
                minute = m
                if scanner.consume(":") {
                    guard let s = scanner.number(maxDigits: 2) else { return nil }
                    second = s
                }
            } else if let m = scanner.number(maxDigits: 2) {
                minute = m
                if let s = scanner.number(maxDigits: 2) { second = s }
            }
            if scanner.consume(".") || scanner.consume(",") { _ = scanner.number(maxDigits: 12) }
            scanner.skipSpaces()
            if let zone = scanner.isoZone() {
                offset = zone
            } else if !scanner.atEnd {
                guard let named = scanner.word(), let zone = zoneOffset(named) else { return nil }
                offset = zone
            }
        } else {
            scanner.skipSpaces()
            if let zone = scanner.isoZone() { offset = zone }
        }
        scanner.skipSpaces()
        guard scanner.atEnd else { return nil }
        return makeDate(year: year, month: month, day: day, hour: hour, minute: minute, second: second, offset: offset)
    }

    // MARK: RFC 822 and friends

    static func rfc822(_ tokens: DateTokens) -> Date? {
        var items = tokens.items.filter { $0 != "," }
        if let first = items.first, weekday(first) {
            items.removeFirst()
        }
        guard items.count >= 3 else { return nil }
        var day: Int
        var month: Int
        if let d = Int(items[0]), let m = monthNumber(items[1]) {
            (day, month) = (d, m)
        } else if let m = monthNumber(items[0]), let d = Int(items[1]) {
            (day, month) = (d, m)
        } else {
            return nil
        }
        guard let yearValue = Int(items[2]), items[2].count <= 4 else { return nil }
        var year = yearValue
        if items[2].count <= 2 { year += year < 90 ? 2000 : 1900 } else if items[2].count == 3 { year += 1900 }
        var hour = 0
        var minute = 0
        var second = 0
        var offset = 0
        var rest = Array(items.dropFirst(3))
        if let time = rest.first, time.contains(":") {
            let parts = time.split(separator: ":", omittingEmptySubsequences: false)
            guard parts.count >= 2, parts.count <= 3, let h = Int(parts[0]), let m = Int(parts[1]) else { return nil }
            hour = h
            minute = m
            if parts.count == 3 {
                guard let s = Int(parts[2].prefix(while: { $0 != "." })) else { return nil }
                second = s
            }
            rest.removeFirst()
            if let meridiem = rest.first?.lowercased(), meridiem == "am" || meridiem == "pm" {
                guard hour >= 1 && hour <= 12 else { return nil }
                hour = hour % 12 + (meridiem == "pm" ? 12 : 0)
                rest.removeFirst()
            }
        }
        if let zone = rest.first {
            guard let value = zoneOffset(zone) else {
                // An unknown zone name is read as UTC (as feedparser does); garbage is not a date.
                guard zone.allSatisfy({ $0.isLetter }) else { return nil }
                return makeDate(
                    year: year, month: month, day: day, hour: hour, minute: minute, second: second, offset: 0)
            }
            offset = value
        }
        return makeDate(year: year, month: month, day: day, hour: hour, minute: minute, second: second, offset: offset)
    }

    /// `2004/09/15 08:19:53 EDT`, optionally after a weekday.
    static func slashed(_ tokens: DateTokens) -> Date? {
        var items = tokens.items.filter { $0 != "," }
        if let first = items.first, weekday(first) { items.removeFirst() }
        guard let first = items.first else { return nil }
        let parts = first.split(separator: "/")
        guard parts.count == 3, parts[0].count == 4, let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2])
        else { return nil }
        var rebuilt = ["\(d)", monthNames[max(0, min(11, m - 1))], "\(y)"]
        guard m >= 1 && m <= 12 else { return nil }
        rebuilt.append(contentsOf: items.dropFirst())
        return rfc822(DateTokens(items: rebuilt))
    }

    /// `Sun Jan  4 16:29:06 PST 2004` / `Sun Jan 4 16:29:06 2004`.
    static func asctime(_ tokens: DateTokens) -> Date? {
        var items = tokens.items.filter { $0 != "," }
        if let first = items.first, weekday(first) { items.removeFirst() }
        guard items.count >= 3, monthNumber(items[0]) != nil, Int(items[1]) != nil else { return nil }
        guard let yearIndex = items.lastIndex(where: { $0.count == 4 && Int($0) != nil }), yearIndex >= 2 else {
            return nil
        }
        var rebuilt = [items[1], items[0], items[yearIndex]]
        rebuilt.append(contentsOf: items[2..<yearIndex])
        rebuilt.append(contentsOf: items[(yearIndex + 1)...])
        return rfc822(DateTokens(items: rebuilt))
    }

    // MARK: fields

    static let monthNames = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]

    static func monthNumber(_ token: String) -> Int? {
        let lower = token.lowercased()
        guard lower.count >= 3, lower.allSatisfy({ $0.isLetter }) else { return nil }
        guard let index = monthNames.firstIndex(of: String(lower.prefix(3))) else { return nil }
        return index + 1
    }

    static func weekday(_ token: String) -> Bool {
        let lower = token.lowercased()
        guard lower.count >= 3, lower.allSatisfy({ $0.isLetter || $0 == "." }) else { return false }
        return ["mon", "tue", "wed", "thu", "fri", "sat", "sun"].contains(String(lower.prefix(3)))
    }

    /// Offset in seconds east of UTC for a zone token, or nil if unknown.
    static func zoneOffset(_ token: String) -> Int? {
        var zone = token.lowercased()
        if zone.hasPrefix("etc/") { zone.removeFirst(4) }
        if zone.hasPrefix("gmt") || zone.hasPrefix("utc") {
            let rest = zone.dropFirst(3)
            if rest.isEmpty { return 0 }
            zone = String(rest)
        }
        if let sign = zone.first, sign == "+" || sign == "-" {
            let digits = zone.dropFirst().filter { $0 != ":" }
            guard !digits.isEmpty, digits.count <= 4, digits.allSatisfy({ $0.isASCII && $0.isNumber }),
                let value = Int(digits)
            else { return nil }
            let (hours, minutes) = digits.count <= 2 ? (value, 0) : (value / 100, value % 100)
            guard hours <= 14, minutes < 60 else { return nil }
            return (sign == "-" ? -1 : 1) * (hours * 3600 + minutes * 60)
        }
        if let hours = namedZones[zone] { return hours * 3600 }
        if zone.count == 1, let letter = zone.unicodeScalars.first?.value {
            // RFC 822 military zones, as written in RFC 822.
            switch letter {
            case 0x61...0x69: return -Int(letter - 0x60) * 3600  // A–I: -1…-9
            case 0x6B...0x6D: return -Int(letter - 0x61) * 3600  // K–M: -10…-12
            case 0x6E...0x79: return Int(letter - 0x6D) * 3600  // N–Y: +1…+12
            case 0x7A: return 0
            default: return nil
            }
        }
        return nil
    }

    private static let namedZones: [String: Int] = [
        "ut": 0, "gmt": 0, "utc": 0, "z": 0, "wet": 0, "bst": 1, "cet": 1, "met": 1, "cest": 2, "mest": 2,
        "eet": 2, "eest": 3, "msk": 3, "ist": 5, "jst": 9, "kst": 9, "hkt": 8, "awst": 8, "aest": 10, "nzst": 12,
        "nzdt": 13, "adt": -3, "ast": -4, "at": -4, "edt": -4, "est": -5, "et": -5, "cdt": -5, "cst": -6, "ct": -6,
        "mdt": -6, "mst": -7, "mt": -7, "pdt": -7, "pst": -8, "pt": -8, "akst": -9, "akdt": -8, "hst": -10,
    ]

    static func monthDay(fromOrdinal ordinal: Int, year: Int) -> (Int, Int)? {
        var remaining = ordinal
        for month in 1...12 {
            let length = CivilDate.daysIn(month: month, year: year)
            if remaining <= length { return remaining >= 1 ? (month, remaining) : nil }
            remaining -= length
        }
        return nil
    }

    static func makeDate(year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int, offset: Int) -> Date? {
        guard year >= 1 && year <= 9999, month >= 1 && month <= 12, day >= 1,
            day <= CivilDate.daysIn(month: month, year: year),
            hour >= 0 && hour <= 24, minute >= 0 && minute <= 59, second >= 0 && second <= 60
        else { return nil }
        if hour == 24 && (minute != 0 || second != 0) { return nil }
        let days = CivilDate.daysSinceEpoch(year: year, month: month, day: day)
        let seconds = days * 86_400 + hour * 3600 + minute * 60 + min(second, 59) - offset
        return Date(timeIntervalSince1970: TimeInterval(seconds))
    }
}

/// A date string split into words (spaces and commas separate; a comma is kept as its own token).
struct DateTokens {
    var items: [String]
    var trimmed: [UInt8]

    init(_ string: String) {
        let trimmedString = string.trimming(" \t\r\n")
        trimmed = Array(trimmedString.utf8)
        var items: [String] = []
        var current = ""
        for character in trimmedString {
            if character == " " || character == "\t" || character == "\n" || character == "\r" {
                if !current.isEmpty { items.append(current) }
                current = ""
            } else if character == "," {
                if !current.isEmpty { items.append(current) }
                items.append(",")
                current = ""
            } else {
                current.append(character)
            }
        }
        if !current.isEmpty { items.append(current) }
        // "Mon,01 Jan" and "01-Jan-2004" spellings.
        var expanded: [String] = []
        for item in items {
            let parts = item.split(separator: "-")
            if parts.count == 3, Int(parts[0]) != nil, FeedDateParser.monthNumber(String(parts[1])) != nil,
                Int(parts[2]) != nil
            {
                expanded.append(contentsOf: parts.map(String.init))
            } else {
                expanded.append(item)
            }
        }
        self.items = expanded
    }

    init(items: [String]) {
        self.items = items
        self.trimmed = Array(items.joined(separator: " ").utf8)
    }
}

/// A cursor over ASCII bytes for the ISO 8601 grammar.
struct ByteScanner {
    let bytes: [UInt8]
    var index = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var atEnd: Bool { index >= bytes.count }
    var peekDigit: Bool { index < bytes.count && bytes[index] >= 0x30 && bytes[index] <= 0x39 }

    mutating func consume(_ character: Character) -> Bool {
        guard index < bytes.count, let ascii = character.asciiValue, bytes[index] == ascii else { return false }
        index += 1
        return true
    }

    mutating func skipSpaces() {
        while index < bytes.count, bytes[index] == 0x20 { index += 1 }
    }

    /// Exactly `count` digits (not followed by another digit), as a one-element array.
    mutating func digits(exactly count: Int) -> [Int]? {
        guard index + count <= bytes.count else { return nil }
        var value = 0
        for offset in 0..<count {
            let byte = bytes[index + offset]
            guard byte >= 0x30 && byte <= 0x39 else { return nil }
            value = value * 10 + Int(byte - 0x30)
        }
        if index + count < bytes.count, bytes[index + count] >= 0x30 && bytes[index + count] <= 0x39 { return nil }
        index += count
        return [value]
    }

    /// `YYYYMMDD` as [year, month, day].
    mutating func basicDate() -> [Int]? {
        guard index + 8 <= bytes.count else { return nil }
        var values: [Int] = []
        var cursor = index
        for length in [4, 2, 2] {
            var value = 0
            for _ in 0..<length {
                let byte = bytes[cursor]
                guard byte >= 0x30 && byte <= 0x39 else { return nil }
                value = value * 10 + Int(byte - 0x30)
                cursor += 1
            }
            values.append(value)
        }
        if cursor < bytes.count, bytes[cursor] >= 0x30 && bytes[cursor] <= 0x39 { return nil }
        index = cursor
        return values
    }

    mutating func number(maxDigits: Int) -> Int? {
        var value = 0
        var count = 0
        while index < bytes.count, count < maxDigits, bytes[index] >= 0x30 && bytes[index] <= 0x39 {
            value = value * 10 + Int(bytes[index] - 0x30)
            index += 1
            count += 1
        }
        return count > 0 ? value : nil
    }

    mutating func word() -> String? {
        let start = index
        while index < bytes.count, bytes[index] != 0x20 { index += 1 }
        return index > start ? String(decoding: bytes[start..<index], as: UTF8.self) : nil
    }

    /// `Z`, `+hh:mm`, `+hhmm`, `+hh` → seconds east of UTC.
    mutating func isoZone() -> Int? {
        guard index < bytes.count else { return nil }
        let byte = bytes[index]
        if byte == UInt8(ascii: "Z") || byte == UInt8(ascii: "z") {
            index += 1
            return 0
        }
        guard byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-") else { return nil }
        let saved = index
        index += 1
        guard let hours = digitsPair() else {
            index = saved
            return nil
        }
        var minutes = 0
        if consume(":") {
            guard let m = digitsPair() else {
                index = saved
                return nil
            }
            minutes = m
        } else if let m = digitsPair() {
            minutes = m
        }
        guard hours <= 14, minutes < 60 else {
            index = saved
            return nil
        }
        let offset = hours * 3600 + minutes * 60
        return byte == UInt8(ascii: "-") ? -offset : offset
    }

    private mutating func digitsPair() -> Int? {
        guard index + 2 <= bytes.count else { return nil }
        let a = bytes[index]
        let b = bytes[index + 1]
        guard a >= 0x30 && a <= 0x39 && b >= 0x30 && b <= 0x39 else { return nil }
        index += 2
        return Int(a - 0x30) * 10 + Int(b - 0x30)
    }
}
