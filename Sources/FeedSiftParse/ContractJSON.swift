public import FeedSiftCore
import Foundation

extension ParsedFeed {
    /// The `feedsift parse --json` document (DESIGN.md, conformance/CONTRACT.md):
    /// one JSON object, dates as UTC RFC 3339, absent values as null.
    /// `warnings` lists problems with the document itself (malformed XML,
    /// encoding, limits); problems with single values (an unparseable date)
    /// are in the extra `value_warnings`.
    public func contractJSON() -> String {
        let out = JSONWriter()
        out.object {
            out.field("format", format.rawValue)
            out.field("title", title)
            out.field("link", link)
            out.field("id", id)
            out.field("updated", updated.map(rfc3339))
            out.field("subtitle", subtitle)
            out.field("rights", rights)
            out.field("info", info)
            out.field("language", language)
            out.key("entries")
            out.array(entries) { entry in
                out.object {
                    out.field("id", entry.id)
                    out.field("title", entry.title)
                    out.field("link", entry.link)
                    out.field("published", entry.published.map(rfc3339))
                    out.field("updated", entry.updated.map(rfc3339))
                    out.key("authors")
                    out.array(entry.authors) { author in
                        out.object {
                            out.field("name", author.name)
                            out.field("email", author.email)
                            out.field("uri", author.uri)
                        }
                    }
                    out.key("categories")
                    out.array(entry.categories) { out.string($0) }
                    out.field("summary", entry.summary ?? plainContentAsSummary(entry))
                    out.field("content", entry.content)
                    out.field("text", entry.text)
                    out.key("enclosures")
                    out.array(entry.enclosures) { enclosure in
                        out.object {
                            out.field("url", enclosure.url)
                            out.field("type", enclosure.type)
                            out.field("length", enclosure.length)
                        }
                    }
                    out.key("media")
                    out.array(entry.media) { media in
                        out.object {
                            out.field("kind", media.kind.rawValue)
                            out.field("url", media.url)
                            out.field("type", media.type)
                            out.field("medium", media.medium)
                        }
                    }
                }
            }
            out.key("warnings")
            out.array(warnings.filter { $0.kind != .value }) { out.string($0.description) }
            out.key("value_warnings")
            out.array(warnings.filter { $0.kind == .value }) { out.string($0.description) }
        }
        return out.text
    }
}

/// feedparser gives an entry without a summary its content as summary, but
/// as raw source text; the goldens therefore accept either no summary or
/// that source. Where the two readings have the same text (the content has
/// no markup, or no text at all, e.g. a lone image) the contract shows the
/// copy, as feedparser's users expect; otherwise the summary stays null.
private func plainContentAsSummary(_ entry: ParsedEntry) -> String? {
    guard let content = entry.content else { return nil }
    let hasMarkup = content.contains("<") || content.contains("&")
    return !hasMarkup || (entry.contentText ?? "").isEmpty ? content : nil
}

/// `2004-01-02T03:04:05Z` for a date (UTC, whole seconds).
func rfc3339(_ date: Date) -> String {
    let total = Int(date.timeIntervalSince1970.rounded(.down))
    var days = total / 86_400
    var seconds = total % 86_400
    if seconds < 0 {
        seconds += 86_400
        days -= 1
    }
    // civil_from_days (Howard Hinnant).
    let z = days + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let dayOfEra = z - era * 146_097
    let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
    let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
    let mp = (5 * dayOfYear + 2) / 153
    let day = dayOfYear - (153 * mp + 2) / 5 + 1
    let month = mp < 10 ? mp + 3 : mp - 9
    let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
    func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
    return
        "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T\(pad(seconds / 3600, 2)):\(pad(seconds / 60 % 60, 2)):\(pad(seconds % 60, 2))Z"
}

/// A minimal streaming JSON writer (compact output, strings escaped per RFC 8259).
final class JSONWriter {
    private(set) var text = ""
    private var needsComma = [false]

    func object(_ body: () -> Void) {
        separator()
        text += "{"
        needsComma.append(false)
        body()
        needsComma.removeLast()
        text += "}"
    }

    func array<T>(_ items: [T], _ body: (T) -> Void) {
        separator()
        text += "["
        needsComma.append(false)
        for item in items { body(item) }
        needsComma.removeLast()
        text += "]"
    }

    func key(_ name: String) {
        separator()
        appendEscaped(name)
        text += ":"
        needsComma[needsComma.count - 1] = false
    }

    func field(_ name: String, _ value: String?) {
        key(name)
        if let value { string(value) } else { null() }
        needsComma[needsComma.count - 1] = true
    }

    func field(_ name: String, _ value: Int?) {
        key(name)
        if let value { text += String(value) } else { text += "null" }
        needsComma[needsComma.count - 1] = true
    }

    func string(_ value: String) {
        separator()
        appendEscaped(value)
    }

    func null() {
        separator()
        text += "null"
    }

    private func separator() {
        if needsComma[needsComma.count - 1] { text += "," }
        needsComma[needsComma.count - 1] = true
    }

    private func appendEscaped(_ value: String) {
        text += "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": text += "\\\""
            case "\\": text += "\\\\"
            case "\n": text += "\\n"
            case "\r": text += "\\r"
            case "\t": text += "\\t"
            case "\u{2028}": text += "\\u2028"
            case "\u{2029}": text += "\\u2029"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    text += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    text.unicodeScalars.append(scalar)
                }
            }
        }
        text += "\""
    }
}
