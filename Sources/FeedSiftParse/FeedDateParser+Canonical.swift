import FoundationEssentials

/// The two spellings most feeds use, read straight from the bytes (no
/// splitting into words, no allocation). Each returns nil for anything that
/// is not exactly its spelling, and the general readers take over.
extension FeedDateParser {
    /// `Tue, 03 Jun 2025 08:15:00 +0100` (or a zone name) exactly; nil for anything else.
    static func canonicalRFC822(_ bytes: UnsafeBufferPointer<UInt8>) -> Date? {
        var index = 0
        let count = bytes.count
        func digits(_ length: Int) -> Int? {
            guard index + length <= count else { return nil }
            var value = 0
            for offset in 0..<length {
                let byte = bytes[index + offset]
                guard byte >= 0x30 && byte <= 0x39 else { return nil }
                value = value * 10 + Int(byte - 0x30)
            }
            index += length
            return value
        }
        func expect(_ byte: UInt8) -> Bool {
            guard index < count, bytes[index] == byte else { return false }
            index += 1
            return true
        }
        // "Ddd, "
        guard count >= 29, bytes[3] == UInt8(ascii: ","), bytes[4] == 0x20 else { return nil }
        index = 5
        guard let day = digits(2), expect(0x20), index + 4 <= count else { return nil }
        var monthKey = 0
        for offset in 0..<3 { monthKey = monthKey << 8 | Int(bytes[index + offset] | 0x20) }
        guard let monthIndex = monthKeys.firstIndex(of: monthKey) else { return nil }
        index += 3
        guard expect(0x20), let year = digits(4), expect(0x20), let hour = digits(2), expect(UInt8(ascii: ":")),
            let minute = digits(2), expect(UInt8(ascii: ":")), let second = digits(2), expect(0x20)
        else { return nil }
        let zone = UnsafeBufferPointer(rebasing: bytes[index...])
        var offset = 0
        if zone.count == 5, zone[0] == UInt8(ascii: "+") || zone[0] == UInt8(ascii: "-") {
            index += 1
            guard let hours = digits(2), let minutes = digits(2), hours <= 14, minutes < 60 else { return nil }
            offset = (zone[0] == UInt8(ascii: "-") ? -1 : 1) * (hours * 3600 + minutes * 60)
        } else if zone.count >= 1, zone.count <= 4, zone.allSatisfy({ ($0 | 0x20) >= 0x61 && ($0 | 0x20) <= 0x7A }) {
            guard let value = zoneOffset(String(decoding: zone, as: UTF8.self)) else { return nil }
            offset = value
        } else {
            return nil
        }
        return makeDate(
            year: year, month: monthIndex + 1, day: day, hour: hour, minute: minute, second: second, offset: offset)
    }

    static let monthKeys: [Int] = monthNames.map { name in name.utf8.reduce(0) { $0 << 8 | Int($1) } }

    /// `2025-06-03T08:15:00Z`, with optional fraction and a `Z` or `±hh:mm`
    /// zone, exactly; nil for anything else.
    static func canonicalISO8601(_ bytes: UnsafeBufferPointer<UInt8>) -> Date? {
        let count = bytes.count
        guard count >= 20, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
            bytes[10] == UInt8(ascii: "T"), bytes[13] == UInt8(ascii: ":"), bytes[16] == UInt8(ascii: ":")
        else { return nil }
        func digits(_ start: Int, _ length: Int) -> Int? {
            var value = 0
            for offset in start..<start + length {
                let byte = bytes[offset]
                guard byte >= 0x30 && byte <= 0x39 else { return nil }
                value = value * 10 + Int(byte - 0x30)
            }
            return value
        }
        guard let year = digits(0, 4), let month = digits(5, 2), let day = digits(8, 2), let hour = digits(11, 2),
            let minute = digits(14, 2), let second = digits(17, 2)
        else { return nil }
        var index = 19
        if bytes[index] == UInt8(ascii: ".") {
            let fractionStart = index + 1
            index = fractionStart
            while index < count, bytes[index] >= 0x30 && bytes[index] <= 0x39 { index += 1 }
            // The general reader takes at most 12 digits of a fraction.
            guard index > fractionStart, index - fractionStart <= 12, index < count else { return nil }
        }
        let offset: Int
        if bytes[index] == UInt8(ascii: "Z") && index + 1 == count {
            offset = 0
        } else if index + 6 == count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-"),
            bytes[index + 3] == UInt8(ascii: ":"), let hours = digits(index + 1, 2), let minutes = digits(index + 4, 2),
            hours <= 14, minutes < 60
        {
            offset = (bytes[index] == UInt8(ascii: "-") ? -1 : 1) * (hours * 3600 + minutes * 60)
        } else {
            return nil
        }
        return makeDate(year: year, month: month, day: day, hour: hour, minute: minute, second: second, offset: offset)
    }
}
