/// The canonical prefixes feedsift gives the namespaces feeds use, so
/// elements match by meaning whatever prefix a document chose. The core
/// vocabularies (every RSS version, RSS 1.0, Atom 0.3 and 1.0) share the
/// empty prefix: their element names do not collide in practice and
/// publishers mix them up constantly.
enum FeedNamespaces {
    static func canonicalPrefix(forURI uri: String) -> String? {
        let lower = uri.lowercased()
        if let prefix = known[lower] { return prefix }
        return lower.contains("backend.userland.com/rss") ? "" : nil
    }

    static let rss10 = "http://purl.org/rss/1.0/"
    static let rss090 = "http://my.netscape.com/rdf/simple/0.9/"
    static let atom10 = "http://www.w3.org/2005/atom"
    static let atom03 = "http://purl.org/atom/ns#"
    static let xhtml = "http://www.w3.org/1999/xhtml"

    private static let known: [String: String] = [
        "": "",
        "http://backend.userland.com/rss": "",
        "http://blogs.law.harvard.edu/tech/rss": "",
        rss10: "",
        rss090: "",
        "http://example.com/newformat#": "",
        "http://example.com/necho": "",
        "http://purl.org/echo/": "",
        "uri/of/echo/namespace#": "",
        "http://purl.org/pie/": "",
        atom03: "",
        atom10: "",
        "http://purl.org/rss/1.0/modules/rss091#": "",
        "http://purl.org/rss/1.0/modules/content/": "content",
        "http://purl.org/dc/elements/1.1/": "dc",
        "http://purl.org/dc/terms/": "dcterms",
        "http://search.yahoo.com/mrss": "media",
        "http://search.yahoo.com/mrss/": "media",
        "http://www.w3.org/1999/02/22-rdf-syntax-ns#": "rdf",
        "http://purl.org/rss/1.0/modules/syndication/": "sy",
        "http://www.itunes.com/dtds/podcast-1.0.dtd": "itunes",
        "http://example.com/dtds/podcast-1.0.dtd": "itunes",
        xhtml: "xhtml",
        "http://www.w3.org/xml/1998/namespace": "xml",
        "http://purl.org/rss/1.0/modules/taxonomy/": "taxo",
        "http://wellformedweb.org/commentapi/": "wfw",
        "http://purl.org/rss/1.0/modules/slash/": "slash",
        "http://www.georss.org/georss": "georss",
        "http://rssnamespace.org/feedburner/ext/1.0": "feedburner",
        "http://podlove.org/simple-chapters": "psc",
        "http://purl.org/rss/1.0/modules/threading/": "thr",
        "http://purl.org/syndication/thread/1.0": "thr",
        "http://www.w3.org/2003/01/geo/wgs84_pos#": "geo",
        "http://xmlns.com/foaf/0.1/": "foaf",
        "http://purl.org/rss/1.0/modules/image/": "image",
        "http://webns.net/mvcb/": "admin",
        "http://creativecommons.org/ns#license": "cc",
        "http://web.resource.org/cc/": "cc",
        "http://purl.org/rss/1.0/modules/textinput/": "ti",
    ]
}
