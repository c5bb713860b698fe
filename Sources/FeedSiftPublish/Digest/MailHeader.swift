import FeedSiftCore
import FoundationEssentials

/// Header fields of an RFC 5322 message, each folded to lines of at most
/// 78 characters and written with CRLF. Text that is not plain ASCII goes
/// into RFC 2047 encoded-words (`=?UTF-8?Q?…?=`).
enum MailHeader {
    static let lineLength = 78
    /// RFC 2047 section 2: an encoded-word is at most 75 characters.
    static let encodedWordLength = 75

    /// `Name: value` for unstructured text (Subject): as is when it is
    /// short printable ASCII, else as encoded-words, one per line.
    static func unstructured(_ name: String, _ value: String) -> String {
        let isPlain = value.unicodeScalars.allSatisfy { (0x20...0x7E).contains($0.value) } && !value.contains("=?")
        if isPlain && name.count + 2 + value.count <= lineLength { return "\(name): \(value)\r\n" }
        let prefix = "=?UTF-8?Q?"
        let suffix = "?="
        var words: [String] = []
        var current = ""
        var budget = min(encodedWordLength, lineLength - name.count - 2) - prefix.count - suffix.count
        for scalar in value.unicodeScalars {
            let encoded = qEncoded(scalar)
            if current.count + encoded.count > budget {
                words.append(prefix + current + suffix)
                current = ""
                budget = encodedWordLength - prefix.count - suffix.count
            }
            current += encoded
        }
        words.append(prefix + current + suffix)
        return "\(name): " + words.joined(separator: "\r\n ") + "\r\n"
    }

    /// `Name: a@x, b@y` folded after commas. Addresses are plain ASCII
    /// (the configuration checks them).
    static func addressList(_ name: String, _ addresses: [String]) -> String {
        var out = "\(name):"
        var column = out.count
        for (index, address) in addresses.enumerated() {
            let piece = " " + address + (index < addresses.count - 1 ? "," : "")
            if column + piece.count > lineLength && column > name.count + 1 {
                out += "\r\n"
                column = 0
            }
            out += piece
            column += piece.count
        }
        return out + "\r\n"
    }

    /// A structured field whose value the caller has made short and ASCII.
    static func field(_ name: String, _ value: String) -> String {
        "\(name): \(value)\r\n"
    }

    /// RFC 2047 "Q" encoding of one character: letters, digits and
    /// `!*+-/` as themselves, space as `_`, every other byte as `=XX`
    /// (so one character never straddles two encoded-words).
    private static func qEncoded(_ scalar: Unicode.Scalar) -> String {
        if scalar == " " { return "_" }
        if scalar.isASCII,
            scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || "!*+-/".unicodeScalars.contains(scalar)
        {
            return String(scalar)
        }
        return String(scalar).utf8.map { "=" + String($0, radix: 16, uppercase: true).leftPadded(to: 2) }.joined()
    }

    /// RFC 5322 date-time in the digest's zone: `Sun, 29 Nov 2026 07:00:00 +0100`.
    static func date(_ instant: Date, calendar: DigestCalendar) -> String {
        let offset = calendar.secondsFromGMT(at: instant)
        let local = Int64(instant.timeIntervalSince1970.rounded(.down)) + Int64(offset)
        let (days, second) = CivilDate.split(secondsSinceEpoch: local)
        let day = DigestDay(daysSinceEpoch: days)
        let sign = offset < 0 ? "-" : "+"
        let zone = String(abs(offset) / 3600).leftPadded(to: 2) + String(abs(offset) / 60 % 60).leftPadded(to: 2)
        return "\(day.weekdayName), \(day.day) \(DigestDay.monthNames[day.month - 1]) \(day.year) "
            + "\(String(second / 3600).leftPadded(to: 2)):\(String(second / 60 % 60).leftPadded(to: 2)):"
            + "\(String(second % 60).leftPadded(to: 2)) \(sign)\(zone)"
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
