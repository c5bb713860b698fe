import FeedSiftCore

/// Turns collected feed and entry records into the public model: titles to
/// plain text, summaries and content to sanitized HTML plus plain text,
/// polling hints computed.
struct FeedAssembler {
    let limits: ParseLimits

    /// The entries' raw text is let go one entry at a time as it is
    /// sanitized, so a large document's collected and sanitized text are
    /// not both held in full.
    func assemble(_ builder: consuming FeedBuilder) -> ParsedFeed {
        var collected: [EntryRecord] = []
        swap(&collected, &builder.entries)
        var entries: [ParsedEntry] = []
        entries.reserveCapacity(collected.count)
        for index in collected.indices {
            entries.append(entry(collected[index]))
            collected[index] = EntryRecord()
        }
        let record = builder.feed
        var hints = record.hints
        if let period = record.updatePeriod {
            let seconds: Int64? =
                switch period {
                case "hourly": 3600
                case "daily": 86_400
                case "weekly": 604_800
                case "monthly": 2_592_000
                case "yearly": 31_536_000
                default: nil
                }
            if let seconds {
                hints.syndicationInterval = .seconds(seconds / Int64(record.updateFrequency ?? 1))
            }
        } else if let frequency = record.updateFrequency {
            hints.syndicationInterval = .seconds(86_400 / Int64(frequency))
        }
        return ParsedFeed(
            format: format(builder.version),
            title: record.title.map(plainTitle),
            link: (record.link ?? record.guidLink).flatMap(nonEmpty),
            id: record.id.flatMap(nonEmpty),
            updated: record.updated,
            subtitle: record.subtitle.map { rich($0).html },
            rights: record.rights.map { rich($0).html },
            info: record.info.map { rich($0).html },
            language: record.language,
            entries: entries,
            warnings: [],
            pollingHints: hints)
    }

    func format(_ version: DetectedVersion) -> FeedFormat {
        switch version {
        case .rss(let attribute):
            switch attribute?.trimming(" ") {
            case "0.90", "0.91", "0.92", "0.93", "0.94": return .rss09x
            default: return .rss20
            }
        case .rss10: return .rss10
        case .rss090: return .rss09x
        case .atom10: return .atom10
        case .atom03: return .atom03
        case .atomUnknown: return .atom10
        case .unknown: return .rss20
        }
    }

    func entry(_ record: EntryRecord) -> ParsedEntry {
        let summary = record.summary.map(rich)
        let content = record.contents.first.map(rich)
        var categories: [String] = []
        categories.reserveCapacity(record.categories.count)
        for category in record.categories {
            if let term = category.term, !term.isEmpty { categories.append(term) }
        }
        return ParsedEntry(
            id: record.id.flatMap(nonEmpty),
            title: record.title.map(plainTitle),
            link: (record.link ?? record.guidLink).flatMap(nonEmpty),
            published: record.published,
            updated: record.updated,
            authors: record.authors.filter { $0.name != nil || $0.email != nil || $0.uri != nil },
            categories: categories,
            summary: summary?.html,
            content: content?.html,
            summaryText: summary.flatMap { nonEmpty($0.text) },
            contentText: content.flatMap { nonEmpty($0.text) },
            enclosures: record.enclosures,
            media: record.media,
            language: record.language)
    }

    func nonEmpty(_ string: String) -> String? {
        string.isEmpty ? nil : string
    }

    /// A title as one line of plain text.
    func plainTitle(_ value: TextValue) -> String {
        let text = value.type.isHTMLish ? HTMLText.plainText(fromHTML: value.value) : value.value
        return collapseWhitespace(text)
    }

    /// Sanitized HTML and its plain text.
    func rich(_ value: TextValue) -> (html: String, text: String) {
        if value.type.isHTMLish {
            let output = HTMLProcessor.process(
                value.value, baseURL: value.base, wantHTML: true, wantText: true, maxDepth: limits.maxDepth)
            return (output.html, output.text)
        }
        return (escapeHTML(value.value), value.value)
    }

    func collapseWhitespace(_ text: String) -> String {
        guard needsCollapsing(text) else { return text }
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        var pendingSpace = false
        for byte in text.utf8 {
            if byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D {
                pendingSpace = !out.isEmpty
            } else {
                if pendingSpace { out.append(0x20) }
                pendingSpace = false
                out.append(byte)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Whether `text` has whitespace other than single spaces between words.
    private func needsCollapsing(_ text: String) -> Bool {
        var copy = text
        return copy.withUTF8 { needsCollapsing($0) }
    }

    private func needsCollapsing(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        var previousWasSpace = true  // a leading space needs collapsing
        for byte in text {
            switch byte {
            case 0x0A, 0x09, 0x0D: return true
            case 0x20:
                if previousWasSpace { return true }
                previousWasSpace = true
            default:
                previousWasSpace = false
            }
        }
        return previousWasSpace && !text.isEmpty
    }

    func escapeHTML(_ text: String) -> String {
        guard text.contains(where: { $0 == "&" || $0 == "<" || $0 == ">" }) else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count + 16)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            default: out.append(character)
            }
        }
        return out
    }
}
