import FeedSiftCore
import FoundationEssentials

/// What the text of each known element becomes when the element ends:
/// dates, links, ids, authors, categories, polling hints, and text
/// constructs (repaired, typed, and kept or dropped by feedparser's rules
/// on which summary, title and content win).
extension FeedBuilder {
    mutating func handleEnd(_ frame: Frame) {
        if frame.ownsCapture, let capture = captures.popLast() {
            finishCapture(capture, frame: frame)
        }
        if frame.raised != 0 {
            for flag in ContextFlag.allCases where frame.raised & flag.bit != 0 { lower(flag) }
        }
        if frame.opensEntry {
            inEntry -= 1
        }
    }

    mutating func finishCapture(_ capture: Capture, frame: Frame) {
        let taken = sink.takeTrimmed(from: capture.start)
        if capture.isContent {
            finishTextConstruct(capture, raw: taken.text, mayNeedRepair: taken.mayNeedRepair)
            return
        }
        let raw = taken.mayNeedRepair ? TextRepair.repair(taken.text) : taken.text
        switch capture.kind {
        case .link:
            guard inFeedOrEntry else { return }
            let value = URLResolver.resolve(raw, against: scopes[capture.scope].base)
            if let index = currentEntryIndex { entries[index].link = value } else { feed.link = value }
        case .id:
            guard inFeedOrEntry else { return }
            let value = guidIsLink && !raw.isEmpty ? URLResolver.resolve(raw, against: scopes[capture.scope].base) : raw
            if let index = currentEntryIndex {
                entries[index].id = value
                if guidIsLink, !value.isEmpty { entries[index].guidLink = value }
            } else if inEntry == 0 {
                feed.id = value
                if guidIsLink, !value.isEmpty { feed.guidLink = value }
            }
        case .published, .updated:
            guard inFeedOrEntry, !raw.isEmpty else { return }
            let date = FeedDateParser.parse(raw)
            if date == nil {
                warnings.append(ParseWarning("unparseable date \"\(raw.prefix(80))\" ignored", kind: .value))
            }
            if let index = currentEntryIndex {
                if capture.kind == .published { entries[index].published = date } else { entries[index].updated = date }
            } else if capture.kind == .updated {
                feed.updated = date
            }
        case .authorText:
            guard let index = currentEntryIndex, inSource == 0 else { return }
            finishAuthor(index, text: raw)
        case .authorName, .authorEmail, .authorURI:
            guard let index = currentEntryIndex, inSource == 0, !entries[index].authors.isEmpty else { return }
            let last = entries[index].authors.count - 1
            switch capture.kind {
            case .authorName: entries[index].authors[last].name = raw.isEmpty ? nil : raw
            case .authorEmail: entries[index].authors[last].email = raw.isEmpty ? nil : raw
            default:
                entries[index].authors[last].uri =
                    raw.isEmpty ? nil : URLResolver.resolve(raw, against: scopes[capture.scope].base)
            }
        case .category:
            guard !raw.isEmpty, let index = currentEntryIndex, inSource == 0 else { return }
            if let last = entries[index].categories.last, (last.term ?? "").isEmpty {
                entries[index].categories[entries[index].categories.count - 1].term = raw
            } else {
                addCategory(term: raw, scheme: nil, label: nil)
            }
        case .keywords:
            for term in raw.split(separator: ",") {
                let trimmed = term.trimming(" \t\r\n")
                if !trimmed.isEmpty { addCategory(term: trimmed, scheme: nil, label: nil) }
            }
        case .ttl:
            if inEntry == 0, let minutes = Int(raw), minutes >= 0 { feed.hints.ttlMinutes = minutes }
        case .updatePeriod:
            if inEntry == 0 { feed.updatePeriod = raw.lowercased() }
        case .updateFrequency:
            if inEntry == 0, let frequency = Int(raw), frequency > 0 { feed.updateFrequency = frequency }
        case .skipHour:
            if let hour = Int(raw), (0...24).contains(hour) { feed.hints.skipHours.insert(hour % 24) }
        case .skipDay:
            let days = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"]
            if let day = days.firstIndex(of: raw.lowercased()) { feed.hints.skipDays.insert(day + 1) }
        case .language:
            if inEntry == 0, inFeedOrEntry, !raw.isEmpty, feed.language == nil { feed.language = raw }
        default:
            break
        }
    }

    /// RSS `<author>me@example.com (Me)</author>`, `dc:creator`, and the text
    /// of an Atom `<author>` (empty when it has `<name>` children).
    mutating func finishAuthor(_ index: Int, text: String) {
        guard !entries[index].authors.isEmpty else { return }
        let last = entries[index].authors.count - 1
        let author = entries[index].authors[last]
        guard author.name == nil && author.email == nil else { return }
        guard !text.isEmpty else {
            entries[index].authors.removeLast()
            return
        }
        entries[index].authors[last] = AuthorText.parse(text)
    }

    mutating func finishTextConstruct(_ capture: Capture, raw: String, mayNeedRepair: Bool) {
        var value = raw
        var type = capture.type
        var changed = false
        if capture.base64 {
            changed = true
            if let data = Data(base64Encoded: value.filter { !$0.isWhitespace }),
                let decoded = String(data: data, encoding: .utf8)
            {
                value = decoded
            }
            if case .other = type { type = .text }
        }
        if capture.isMarkup {
            value = stripWrappingDiv(value)
            changed = true
        }
        // `raw` is trimmed; what changed it may not be, and may need repair where `raw` did not.
        if changed || mayNeedRepair { value = TextRepair.repair(value.trimming(" \t\r\n")) }
        if case .other(let isHTML, _) = type { type = isHTML ? .html : .text }
        if !version.isAtom, type == .text, TextRepair.looksLikeHTML(value) {
            type = .html
        }
        let text = TextValue(value: value, type: type, base: scopes[capture.scope].base)
        let depth = capture.depth
        if let index = currentEntryIndex, inSource == 0 {
            guard inTextInput == 0 else { return }
            switch capture.kind {
            case .title, .mediaTitle:
                // The first title at the shallowest depth wins; media:title only stands in for a missing title.
                guard !value.isEmpty else { return }
                let current = entries[index]
                if current.title == nil || depth < current.titleDepth || current.titleIsMedia && capture.kind == .title
                {
                    entries[index].title = text
                    entries[index].titleDepth = depth
                    entries[index].titleIsMedia = capture.kind == .mediaTitle
                }
            case .summary, .description:
                guard inImage == 0 else { return }
                if depth <= entries[index].summaryDepth {
                    entries[index].summary = text
                    entries[index].summaryDepth = depth
                }
            case .content:
                guard inImage == 0 else { return }
                if capture.hasSource && value.isEmpty { return }
                entries[index].contents.append(text)
            default:
                break
            }
        } else if inEntry == 0, inFeedOrEntry {
            switch capture.kind {
            case .title, .mediaTitle:
                if !value.isEmpty, feed.title == nil || depth < feed.titleDepth {
                    feed.title = text
                    feed.titleDepth = depth
                }
            case .subtitle, .description, .summary:
                feed.subtitle = text
            case .rights:
                feed.rights = text
            case .info:
                feed.info = text
            default:
                break
            }
        }
    }

    /// Atom says XHTML content is wrapped in one `div`; drop it when it encloses everything.
    func stripWrappingDiv(_ value: String) -> String {
        let trimmed = value.trimming(" \t\r\n")
        guard trimmed.hasPrefix("<div"), trimmed.hasSuffix("</div>") else { return value }
        let bytes = Array(trimmed.utf8)
        guard let close = bytes.firstIndex(of: UInt8(ascii: ">")) else { return value }
        let innerStart = close + 1
        let innerEnd = bytes.count - 6
        guard innerStart <= innerEnd else { return value }
        // Only when the first div closes at the very end: count nesting in between.
        var depth = 0
        var index = innerStart
        while index < innerEnd {
            if bytes[index] == UInt8(ascii: "<") {
                if bytes[index...].starts(with: "<div".utf8) {
                    depth += 1
                } else if bytes[index...].starts(with: "</div>".utf8) {
                    depth -= 1
                    if depth < 0 { return value }
                }
            }
            index += 1
        }
        return depth == 0 ? String(decoding: bytes[innerStart..<innerEnd], as: UTF8.self) : value
    }

    /// Whitespace trimmed, C1 controls read as Windows-1252, UTF-8 mis-read as Latin-1 undone.
    static func cleanText(_ raw: String) -> String {
        TextRepair.repair(raw.trimming(" \t\r\n"))
    }
}
