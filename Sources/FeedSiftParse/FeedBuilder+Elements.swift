import FeedSiftCore
import FoundationEssentials

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
}
