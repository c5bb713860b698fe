import FoundationEssentials

/// Parsers for the value types of feeds.conf. Each returns the value or a
/// message saying what was expected; the caller adds the location.
enum ConfigurationValues {
    struct Invalid: Error {
        var message: String
    }

    /// `90s`, `15m`, `2h`, `7d`, or several joined (`1h30m`); more than zero.
    static func duration(_ text: String, key: String) -> Result<Duration, Invalid> {
        let invalid = Invalid(
            message: "invalid duration \"\(text)\" for \"\(key)\": use a number and a unit (s, m, h, d), "
                + "like 90s, 15m, 2h, 7d or 1h30m")
        var seconds: Int64 = 0
        var number: Int64?
        for scalar in text.unicodeScalars {
            if let digit = scalar.asciiDigit {
                let (times, overflow1) = (number ?? 0).multipliedReportingOverflow(by: 10)
                let (sum, overflow2) = times.addingReportingOverflow(digit)
                guard !overflow1, !overflow2 else { return .failure(invalid) }
                number = sum
                continue
            }
            let unit: Int64
            switch scalar {
            case "s": unit = 1
            case "m": unit = 60
            case "h": unit = 3600
            case "d": unit = 86400
            default: return .failure(invalid)
            }
            guard let value = number else { return .failure(invalid) }
            let (part, overflow1) = value.multipliedReportingOverflow(by: unit)
            let (sum, overflow2) = seconds.addingReportingOverflow(part)
            guard !overflow1, !overflow2 else { return .failure(invalid) }
            seconds = sum
            number = nil
        }
        guard number == nil, !text.isEmpty else { return .failure(invalid) }
        guard seconds > 0 else {
            return .failure(Invalid(message: "invalid duration \"\(text)\" for \"\(key)\": must be more than zero"))
        }
        return .success(.seconds(seconds))
    }

    /// A byte count: a plain number of bytes, or with `B`, `KB`, `MB`, `GB`
    /// (or `KiB`, `MiB`, `GiB`), any case. K, M and G are powers of 1024,
    /// as for memory and file sizes.
    static func size(_ text: String, key: String) -> Result<Int, Invalid> {
        let invalid = Invalid(
            message: "invalid size \"\(text)\" for \"\(key)\": use a number and a unit (B, KB, MB, GB), "
                + "like 512KB or 10MB")
        let digits = text.prefix { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty, let number = Int(digits) else { return .failure(invalid) }
        let multiplier: Int
        switch text.dropFirst(digits.count).lowercased() {
        case "", "b": multiplier = 1
        case "kb", "kib": multiplier = 1 << 10
        case "mb", "mib": multiplier = 1 << 20
        case "gb", "gib": multiplier = 1 << 30
        default: return .failure(invalid)
        }
        let (bytes, overflow) = number.multipliedReportingOverflow(by: multiplier)
        guard !overflow else { return .failure(invalid) }
        guard bytes > 0 else {
            return .failure(Invalid(message: "invalid size \"\(text)\" for \"\(key)\": must be more than zero"))
        }
        return .success(bytes)
    }

    /// `yes`/`no`, `true`/`false`, `on`/`off`, any case.
    static func boolean(_ text: String, key: String) -> Result<Bool, Invalid> {
        switch text.lowercased() {
        case "yes", "true", "on": return .success(true)
        case "no", "false", "off": return .success(false)
        default:
            return .failure(
                Invalid(message: "invalid boolean \"\(text)\" for \"\(key)\": use yes or no (or true/false, on/off)"))
        }
    }

    static func integer(_ text: String, key: String, in range: ClosedRange<Int>) -> Result<Int, Invalid> {
        guard let value = Int(text), range.contains(value) else {
            return .failure(
                Invalid(
                    message: "invalid number \"\(text)\" for \"\(key)\": use a whole number from "
                        + "\(range.lowerBound) to \(range.upperBound)"))
        }
        return .success(value)
    }

    /// One of a fixed set of words, with a spelling suggestion.
    static func choice<Value: RawRepresentable & CaseIterable>(
        _ text: String, key: String, as type: Value.Type
    ) -> Result<Value, Invalid> where Value.RawValue == String {
        if let value = Value(rawValue: text) { return .success(value) }
        let names = Value.allCases.map(\.rawValue)
        var message = "invalid value \"\(text)\" for \"\(key)\": use one of \(names.joined(separator: ", "))"
        if let suggestion = SpellingSuggestion.closest(to: text, in: names) {
            message += " (did you mean \"\(suggestion)\"?)"
        }
        return .failure(Invalid(message: message))
    }

    /// `HH:MM`, 24-hour.
    static func timeOfDay(_ text: String, key: String) -> Result<(hour: Int, minute: Int), Invalid> {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        if parts.count == 2, parts[0].count == 2, parts[1].count == 2,
            parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
            let hour = Int(parts[0]), let minute = Int(parts[1]), hour < 24, minute < 60
        {
            return .success((hour, minute))
        }
        return .failure(Invalid(message: "invalid time \"\(text)\" for \"\(key)\": use HH:MM (24-hour), like 07:00"))
    }

    /// A time zone `IANATimeZone` knows.
    static func timeZone(_ text: String) -> Result<String, Invalid> {
        if IANATimeZone(identifier: text) != nil { return .success(text) }
        var message = "unknown time zone \"\(text)\""
        if let suggestion = SpellingSuggestion.closest(to: text, in: IANATimeZone.knownIdentifiers()) {
            message += " (did you mean \"\(suggestion)\"?)"
        }
        return .failure(Invalid(message: message))
    }

    /// `host:port` or `[ipv6]:port`, port 0–65535 (0 picks a free port).
    static func listenAddress(_ text: String, key: String) -> Result<String, Invalid> {
        let invalid = Invalid(
            message: "invalid address \"\(text)\" for \"\(key)\": use host:port, like 127.0.0.1:8088 or [::1]:8088")
        guard let colon = text.lastIndex(of: ":") else { return .failure(invalid) }
        let host = text[..<colon]
        let port = text[text.index(after: colon)...]
        guard !host.isEmpty, let number = Int(port), (0...65535).contains(number),
            port.allSatisfy({ $0.isASCII && $0.isNumber })
        else { return .failure(invalid) }
        if host.hasPrefix("[") {
            guard host.hasSuffix("]"), host.count > 2 else { return .failure(invalid) }
        } else if host.contains(":") || host.contains(where: { $0 == " " || $0 == "/" }) {
            return .failure(invalid)
        }
        return .success(text)
    }

    static func delivery(_ text: String, key: String) -> Result<DigestDelivery, Invalid> {
        switch text {
        case "none": return .success(.none)
        case "sendmail": return .success(.sendmail)
        default:
            let lowered = text.lowercased()
            if lowered.hasPrefix("smtp://") || lowered.hasPrefix("smtps://"),
                let components = URLComponents(string: text), let host = components.host, !host.isEmpty
            {
                return .success(.smtp(url: text))
            }
            return .failure(
                Invalid(
                    message: "invalid delivery \"\(text)\" for \"\(key)\": use none, sendmail, "
                        + "smtp://host:port or smtps://host:port"))
        }
    }

    /// A mail address `user@host` (the digest's `from` and `to`).
    static func mailAddress(_ text: String, key: String) -> Result<String, Invalid> {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty, !text.contains(where: \.isWhitespace) else {
            return .failure(Invalid(message: "invalid address \"\(text)\" for \"\(key)\": use user@host"))
        }
        return .success(text)
    }

    /// An `http` or `https` URL with a host.
    static func webURL(_ text: String, key: String) -> Result<String, Invalid> {
        guard let components = URLComponents(string: text),
            let scheme = components.scheme?.lowercased(), scheme == "http" || scheme == "https",
            let host = components.host, !host.isEmpty
        else {
            return .failure(Invalid(message: "invalid URL \"\(text)\" for \"\(key)\": use an http or https URL"))
        }
        return .success(text)
    }

    /// A feed's location: an `http`/`https` URL, a `file:` URL, or a file
    /// path. Relative paths (also `file:relative/path`) resolve against
    /// `directory`; the result is an absolute URL.
    static func feedURL(_ text: String, directory: String) -> Result<String, Invalid> {
        let scheme = schemeOf(text)
        switch scheme?.lowercased() {
        case nil:
            return .success(fileURL(ConfigurationPaths.resolve(text, against: directory)))
        case "file":
            var path = String(text.dropFirst(scheme!.count + 1))
            if path.hasPrefix("//") {
                path.removeFirst(2)
                guard path.hasPrefix("/") || path.hasPrefix("localhost/") else {
                    return .failure(
                        Invalid(
                            message: "invalid file URL \"\(text)\": use file:///absolute/path or file:relative/path"))
                }
                if path.hasPrefix("localhost/") { path.removeFirst("localhost".count) }
            }
            let decoded = PercentDecoding.decode(path) ?? path
            return .success(fileURL(ConfigurationPaths.resolve(decoded, against: directory)))
        case "http", "https":
            return webURL(text, key: "url")
        case let other?:
            return .failure(
                Invalid(
                    message: "unsupported URL scheme \"\(other)\" in \"\(text)\": use http, https or file (or a path)"))
        }
    }

    private static func fileURL(_ path: String) -> String {
        URL(fileURLWithPath: path).absoluteString
    }

    /// `scheme` of `scheme:rest`, when the text starts with one.
    private static func schemeOf(_ text: String) -> String? {
        guard let colon = text.firstIndex(of: ":") else { return nil }
        let candidate = text[..<colon]
        guard let first = candidate.first, first.isASCII, first.isLetter,
            candidate.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "+-.".contains($0)) })
        else { return nil }
        return String(candidate)
    }

    /// A comma-separated list; items are trimmed, empty items skipped.
    static func list(_ text: String) -> [String] {
        text.split(separator: ",").map { String($0).trimmingBlanks() }.filter { !$0.isEmpty }
    }
}

extension Unicode.Scalar {
    fileprivate var asciiDigit: Int64? {
        guard value >= 0x30, value <= 0x39 else { return nil }
        return Int64(value - 0x30)
    }
}
