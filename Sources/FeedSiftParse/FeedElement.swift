/// The elements FeedBuilder gives a meaning to. Each distinct element name
/// of a document is classified once (`ElementNameTable` remembers it), so
/// handling an element is a switch over a small integer, not over strings.
enum FeedElement: UInt8 {
    case other
    case rss, feed, channel, entry, source, image, textInput
    case author, contributor, publisher, name, email, uri
    case title, mediaTitle, link, guid, id
    case description, summary, content, encodedContent, body
    case subtitle, rights, info, published, updated
    case category, itunesCategory, keywords, enclosure, mediaContent, mediaThumbnail
    case ttl, updatePeriod, updateFrequency, skipHours, skipDays, hour, day, language

    /// The element named `key`: its lower-cased local name, after the
    /// canonical prefix of its namespace and `_` (`dc_creator`) unless that
    /// is one of the core vocabularies (FeedNamespaces).
    init(key: String) {
        self = Self.byKey[key] ?? .other
    }

    private static let byKey: [String: FeedElement] = [
        "rss": .rss, "feed": .feed, "channel": .channel, "item": .entry, "entry": .entry, "source": .source,
        "image": .image, "textinput": .textInput,
        "author": .author, "managingeditor": .author, "dc_author": .author, "dc_creator": .author,
        "itunes_author": .author, "contributor": .contributor, "dc_contributor": .contributor,
        "publisher": .publisher, "dc_publisher": .publisher, "webmaster": .publisher,
        "name": .name, "email": .email, "uri": .uri, "url": .uri,
        "title": .title, "dc_title": .title, "media_title": .mediaTitle, "link": .link, "guid": .guid, "id": .id,
        "description": .description, "summary": .summary, "itunes_summary": .summary, "abstract": .summary,
        "content": .content, "content_encoded": .encodedContent, "fullitem": .encodedContent, "body": .body,
        "xhtml_body": .body, "subtitle": .subtitle, "tagline": .subtitle, "rights": .rights,
        "copyright": .rights, "dc_rights": .rights, "info": .info,
        "pubdate": .published, "published": .published, "issued": .published, "dcterms_issued": .published,
        "updated": .updated, "modified": .updated, "dc_date": .updated, "dcterms_modified": .updated,
        "lastbuilddate": .updated,
        "category": .category, "dc_subject": .category, "keywords": .category, "media_category": .category,
        "itunes_category": .itunesCategory, "itunes_keywords": .keywords, "media_keywords": .keywords,
        "enclosure": .enclosure, "media_content": .mediaContent, "media_thumbnail": .mediaThumbnail,
        "ttl": .ttl, "sy_updateperiod": .updatePeriod, "sy_updatefrequency": .updateFrequency,
        "skiphours": .skipHours, "skipdays": .skipDays, "hour": .hour, "day": .day,
        "language": .language, "dc_language": .language,
    ]
}
