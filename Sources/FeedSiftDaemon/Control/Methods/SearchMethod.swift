import FeedSiftStore
import FoundationEssentials

extension ControlDispatcher {
    static let maximumSearchLimit = 1000

    /// `search`: full-text search over items' title and text.
    /// `query` (required), `category`, `feed`, `since`, `until`, `story`,
    /// `limit` (default 20), `offset`, `order` (`newest`, `relevance`).
    func search(_ parameters: inout ControlParameters) async throws(ControlError) -> JSONValue {
        let now = Date()
        let text = try parameters.requiredString("query")
        var query = ItemSearchQuery(text: text)
        query.category = try parameters.string("category")
        query.feed = try parameters.string("feed")
        query.since = try parameters.instant("since", now: now)
        query.until = try parameters.instant("until", now: now)
        query.storyID = try parameters.int("story", in: 1...Int.max).map(Int64.init)
        query.limit = try parameters.int("limit", in: 1...Self.maximumSearchLimit) ?? 20
        query.offset = try parameters.int("offset", in: 0...1_000_000) ?? 0
        if let order = try parameters.string("order") {
            guard let parsed = ItemSearchQuery.Order(rawValue: order) else {
                throw ControlError(
                    .invalidParams, "search: parameter \"order\" must be newest or relevance, not \"\(order)\"")
            }
            query.order = parsed
        }
        try parameters.finish()
        guard FullTextExpression.build(from: text) != nil else {
            throw ControlError(.invalidParams, "search: query \"\(text)\" has no word to search for")
        }
        let page: ItemSearchPage
        do {
            page = try await reader.search(query)
        } catch {
            throw Self.storeFailure(error)
        }
        return [
            "query": .string(text),
            "hits": .array(
                page.hits.map { hit in
                    [
                        "ref": JSONValue(hit.id), "id": .string(hit.entryID), "story": JSONValue(hit.storyID),
                        "feed": .string(hit.feedName), "title": .string(hit.title), "link": JSONValue(hit.link),
                        "published": JSONValue(date: hit.published), "first_seen": JSONValue(date: hit.firstSeen),
                        "categories": JSONValue(strings: hit.categories), "snippet": .string(hit.snippet),
                    ]
                }),
            "next_offset": JSONValue(page.nextOffset),
        ]
    }
}
