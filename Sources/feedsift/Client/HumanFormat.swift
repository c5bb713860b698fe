import FeedSiftDaemon
import FoundationEssentials
import Glibc

/// How the client writes times, durations and sizes for people: ages
/// relative to now (`5m ago`, `in 2h`), short durations, binary sizes.
enum HumanFormat {
    /// `12s ago`, `in 5m`, `3d ago`; `-` for missing or unreadable times.
    static func relative(_ timestamp: JSONValue?, now: Date = Date()) -> String {
        guard let text = timestamp?.stringValue, let date = ControlTime.timestamp(text) else { return "-" }
        let seconds = date.timeIntervalSince(now)
        if abs(seconds) < 1 { return "now" }
        let span = duration(abs(seconds))
        return seconds < 0 ? "\(span) ago" : "in \(span)"
    }

    /// `45s`, `12m`, `3h 5m`, `2d 4h`.
    static func duration(_ seconds: Double) -> String {
        let whole = Int(seconds.rounded())
        switch whole {
        case ..<60: return "\(whole)s"
        case ..<3600: return "\(whole / 60)m"
        case ..<86400: return whole % 3600 / 60 == 0 ? "\(whole / 3600)h" : "\(whole / 3600)h \(whole % 3600 / 60)m"
        default: return whole % 86400 / 3600 == 0 ? "\(whole / 86400)d" : "\(whole / 86400)d \(whole % 86400 / 3600)h"
        }
    }

    /// `512 B`, `3.4 KiB`, `1.2 GiB`.
    static func bytes(_ count: Int) -> String {
        var value = Double(count)
        for unit in ["B", "KiB", "MiB", "GiB"] {
            if value < 1024 || unit == "GiB" {
                return unit == "B" ? "\(count) B" : "\(oneDecimal(value)) \(unit)"
            }
            value /= 1024
        }
        return "\(count) B"
    }

    /// `value` with one decimal, rounded as printf's `%.1f` (and so
    /// `String(format:)`) rounds it.
    static func oneDecimal(_ value: Double) -> String {
        var buffer = [CChar](repeating: 0, count: 400)
        _ = withVaList([value]) { vsnprintf(&buffer, buffer.count, "%.1f", $0) }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// The date part of a timestamp (`2026-05-01`), `-` when missing.
    static func day(_ timestamp: JSONValue?) -> String {
        guard let text = timestamp?.stringValue, text.count >= 10 else { return "-" }
        return String(text.prefix(10))
    }

    /// A JSON value as a short cell: strings as is, null as `-`.
    static func cell(_ value: JSONValue?) -> String {
        switch value {
        case nil, .null?: "-"
        case .string(let text)?: text
        case .int(let number)?: String(number)
        case .double(let number)?: String(number)
        case .bool(let flag)?: flag ? "yes" : "no"
        case let other?: other.serialized()
        }
    }

    /// `a, b` for a JSON array of strings, `-` when empty.
    static func list(_ value: JSONValue?) -> String {
        let items = value?.arrayValue?.compactMap(\.stringValue) ?? []
        return items.isEmpty ? "-" : items.joined(separator: ", ")
    }
}
