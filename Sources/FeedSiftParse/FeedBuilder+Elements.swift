import FeedSiftCore
import Foundation

/// What each known element means: where its value goes and which context
/// (entry, author, image, …) it opens. Unknown elements are ignored with
/// their text.
extension FeedBuilder {
    var inFeedOrEntry: Bool { inSource == 0 && inImage == 0 && inTextInput == 0 }

    func attribute(_ name: StaticString, in attributes: XMLAttributes) -> String? {
        attributes.value(name)
    }

    mutating func raise(_ flag: ContextFlag) {
        frames[frames.count - 1].raised |= flag.bit
        switch flag {
        case .source: inSource += 1
        case .image: inImage += 1
        case .textInput: inTextInput += 1
        case .author: inAuthor += 1
        case .contributor: inContributor += 1
        case .publisher: inPublisher += 1
        case .skipHours: inSkipHours += 1
        case .skipDays: inSkipDays += 1
        }
    }

    mutating func lower(_ flag: ContextFlag) {
        switch flag {
        case .source: inSource -= 1
        case .image: inImage -= 1
        case .textInput: inTextInput -= 1
        case .author: inAuthor -= 1
        case .contributor: inContributor -= 1
        case .publisher: inPublisher -= 1
        case .skipHours: inSkipHours -= 1
        case .skipDays: inSkipDays -= 1
        }
    }

    mutating func capture(_ kind: Capture.Kind, type: ContentType = .text, attributes: XMLAttributes = .none) {
        var capture = Capture(
            kind: kind, type: type, start: sink.count, scope: frames.last?.scope ?? 0, depth: frames.count)
        if capture.isContent {
            if case .other(_, let isTextual) = type { capture.base64 = !isTextual }
            if attribute("mode", in: attributes)?.lowercased() == "base64" { capture.base64 = true }
            if type == .xhtml || attribute("mode", in: attributes)?.lowercased() == "xml" {
                capture.isMarkup = true
                if type != .xhtml, !capture.base64 { capture.type = .xhtml }
            }
            capture.hasSource = attribute("src", in: attributes) != nil
        }
        captures.append(capture)
        frames[frames.count - 1].ownsCapture = true
    }

    var currentEntryIndex: Int? {
        inEntry > 0 && !entries.isEmpty ? entries.count - 1 : nil
    }

    /// Whether the current context already has a summary (for feedparser's
    /// rule that a second description/summary is the content).
    var contextHasSummaryButNoContent: Bool {
        if let index = currentEntryIndex, inSource == 0 {
            return entries[index].summary != nil && !entries[index].hasContent
        }
        return false
    }

    // MARK: start

    mutating func handleStart(_ element: FeedElement, attributes: XMLAttributes) {
        switch element {
        case .other:
            break
        case .rss:
            if case .rss = version {
            } else {
                version = .rss(attribute("version", in: attributes))
            }
        case .feed:
            if case .unknown = version {
                switch attribute("version", in: attributes) {
                case "0.1", "0.2", "0.3": version = .atom03
                default: version = .atomUnknown
                }
            }
        case .channel:
            cdfCommon(attributes)
        case .entry:
            guard entries.count < limits.maxEntries else {
                if !entryLimitReported {
                    entryLimitReported = true
                    warnings.append(
                        ParseWarning("more than \(limits.maxEntries) entries; the rest are ignored", kind: .limit))
                }
                return
            }
            entries.append(EntryRecord())
            entries[entries.count - 1].language = currentScope.lang
            frames[frames.count - 1].opensEntry = true
            inEntry += 1
            guidIsLink = false
            if let about = attribute("about", in: attributes), !about.isEmpty {
                entries[entries.count - 1].id = about
            }
            cdfCommon(attributes)
        case .source:
            raise(.source)
        case .image:
            raise(.image)
        case .textInput:
            raise(.textInput)
        case .author:
            raise(.author)
            if let index = currentEntryIndex, inSource == 0 {
                entries[index].authors.append(ParsedAuthor())
            }
            capture(.authorText)
        case .contributor:
            raise(.contributor)
        case .publisher:
            raise(.publisher)
        case .name:
            if inAuthor > 0 && inContributor == 0 && inPublisher == 0 { capture(.authorName) }
        case .email:
            if inAuthor > 0 && inContributor == 0 && inPublisher == 0 { capture(.authorEmail) }
        case .uri:
            if inAuthor > 0 && inContributor == 0 && inPublisher == 0 { capture(.authorURI) }
        case .title, .mediaTitle:
            capture(
                element == .mediaTitle ? .mediaTitle : .title,
                type: ContentType(attribute: attribute("type", in: attributes), default: .text), attributes: attributes)
        case .link:
            startLink(attributes)
        case .guid:
            guidIsLink = attribute("ispermalink", in: attributes) ?? "true" == "true"
            capture(.id)
        case .id:
            // feedparser treats atom:id like an RSS guid: a permalink unless an entry link exists.
            guidIsLink = true
            capture(.id)
        case .description:
            if contextHasSummaryButNoContent {
                startContent(attributes, default: .text)
            } else {
                capture(
                    .description, type: ContentType(attribute: attribute("type", in: attributes), default: .html),
                    attributes: attributes)
            }
        case .summary:
            if contextHasSummaryButNoContent {
                startContent(attributes, default: .text)
            } else {
                capture(
                    .summary, type: ContentType(attribute: attribute("type", in: attributes), default: .text),
                    attributes: attributes)
            }
        case .content:
            startContent(attributes, default: .text)
        case .encodedContent:
            startContent(attributes, default: .html)
        case .body:
            startContent(attributes, default: .xhtml)
        case .subtitle:
            capture(
                .subtitle, type: ContentType(attribute: attribute("type", in: attributes), default: .text),
                attributes: attributes)
        case .rights:
            capture(
                .rights, type: ContentType(attribute: attribute("type", in: attributes), default: .text),
                attributes: attributes)
        case .info:
            capture(
                .info, type: ContentType(attribute: attribute("type", in: attributes), default: .text),
                attributes: attributes)
        case .published:
            capture(.published)
        case .updated:
            capture(.updated)
        case .category:
            let term = attribute("term", in: attributes)
            let scheme = attribute("scheme", in: attributes) ?? attribute("domain", in: attributes)
            addCategory(term: term, scheme: scheme, label: attribute("label", in: attributes))
            capture(.category)
        case .itunesCategory:
            addCategory(term: attribute("text", in: attributes), scheme: "http://www.itunes.com/", label: nil)
            capture(.category)
        case .keywords:
            capture(.keywords)
        case .enclosure:
            addEnclosure(attributes, resolve: false)
        case .mediaContent, .mediaThumbnail:
            addMedia(attributes, thumbnail: element == .mediaThumbnail)
        case .ttl:
            capture(.ttl)
        case .updatePeriod:
            capture(.updatePeriod)
        case .updateFrequency:
            capture(.updateFrequency)
        case .skipHours:
            raise(.skipHours)
        case .skipDays:
            raise(.skipDays)
        case .hour:
            if inSkipHours > 0 { capture(.skipHour) }
        case .day:
            if inSkipDays > 0 { capture(.skipDay) }
        case .language:
            capture(.language)
        }
    }

    /// CDF (Microsoft's Channel Definition Format): `href` is the link, `lastmod` the update time.
    mutating func cdfCommon(_ attributes: XMLAttributes) {
        if let href = attribute("href", in: attributes) {
            let resolved = resolveURL(href)
            if let index = currentEntryIndex { entries[index].link = resolved } else { feed.link = resolved }
        }
        if let lastmod = attribute("lastmod", in: attributes), let date = FeedDateParser.parse(lastmod) {
            if let index = currentEntryIndex { entries[index].updated = date } else { feed.updated = date }
        }
    }

    mutating func startContent(_ attributes: XMLAttributes, default defaultType: ContentType) {
        if let index = currentEntryIndex, inSource == 0 { entries[index].hasContent = true }
        capture(
            .content, type: ContentType(attribute: attribute("type", in: attributes), default: defaultType),
            attributes: attributes)
    }

    mutating func startLink(_ attributes: XMLAttributes) {
        let href =
            attribute("href", in: attributes) ?? attribute("url", in: attributes) ?? attribute("uri", in: attributes)
        guard let href else {
            capture(.link)
            return
        }
        let rel = attribute("rel", in: attributes) ?? "alternate"
        let type = attribute("type", in: attributes) ?? (rel == "self" ? "application/atom+xml" : "text/html")
        let resolved = resolveURL(href)
        if rel == "enclosure" {
            if let index = currentEntryIndex, inSource == 0, inImage == 0 {
                entries[index].enclosures.append(
                    ParsedEnclosure(
                        url: resolved, type: attribute("type", in: attributes),
                        length: lengthValue(attribute("length", in: attributes))))
            }
            return
        }
        let htmlType = ["text/html", "application/xhtml+xml", "html", "xhtml"].contains(type.lowercased())
        guard rel == "alternate", htmlType, inFeedOrEntry else { return }
        if let index = currentEntryIndex {
            entries[index].link = resolved
        } else {
            feed.link = resolved
        }
    }

    mutating func addCategory(term: String?, scheme: String?, label: String?) {
        guard inSource == 0, inImage == 0, inTextInput == 0 else { return }
        let term = term.map { FeedBuilder.cleanText($0) }
        if (term ?? "").isEmpty && (scheme ?? "").isEmpty && (label ?? "").isEmpty { return }
        guard let index = currentEntryIndex else { return }
        if !entries[index].categories.contains(where: { $0.term == term && $0.scheme == scheme && $0.label == label }) {
            if entries[index].categories.isEmpty { entries[index].categories.reserveCapacity(4) }
            entries[index].categories.append((term, scheme, label))
        }
    }

    mutating func addEnclosure(_ attributes: XMLAttributes, resolve: Bool) {
        guard let index = currentEntryIndex, inSource == 0,
            let url = attribute("url", in: attributes) ?? attribute("href", in: attributes)
        else { return }
        entries[index].enclosures.append(
            ParsedEnclosure(
                url: resolve ? resolveURL(url) : url.trimming(" \t\r\n"), type: attribute("type", in: attributes),
                length: lengthValue(attribute("length", in: attributes))))
    }

    mutating func addMedia(_ attributes: XMLAttributes, thumbnail: Bool) {
        guard let index = currentEntryIndex, inSource == 0, let url = attribute("url", in: attributes) else { return }
        entries[index].media.append(
            ParsedMedia(
                kind: thumbnail ? .thumbnail : .content, url: resolveURL(url), type: attribute("type", in: attributes),
                medium: attribute("medium", in: attributes),
                width: attribute("width", in: attributes).flatMap { Int($0) },
                height: attribute("height", in: attributes).flatMap { Int($0) },
                length: lengthValue(attribute("filesize", in: attributes))))
    }

    func lengthValue(_ text: String?) -> Int? {
        guard let text = text?.trimming(" \t\r\n"), !text.isEmpty else { return nil }
        return Int(text)
    }

    func resolveURL(_ url: String) -> String {
        URLResolver.resolve(url, against: currentScope.base)
    }

    // MARK: end

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
