import FeedSiftCore
import FeedSiftStore
import FoundationEssentials

extension ControlDispatcher {
    static let maximumStoriesLimit = 1000

    /// `stories`: stories, newest change first, each with its items (the
    /// contract shape of `feedsift stories --json`). `category`, `since`,
    /// `limit` (default 50), `all` (include stories no category selected).
    func stories(_ parameters: inout ControlParameters) async throws(ControlError) -> JSONValue {
        var query = StoryQuery(limit: 50)
        query.category = try parameters.string("category")
        query.since = try parameters.instant("since", now: Date())
        query.limit = try parameters.int("limit", in: 1...Self.maximumStoriesLimit) ?? 50
        query.includeUncategorized = try parameters.bool("all") ?? false
        try parameters.finish()
        let stories: [StorySnapshot]
        do {
            stories = try await reader.stories(matching: query)
        } catch {
            throw Self.storeFailure(error)
        }
        var listed: [JSONValue] = []
        listed.reserveCapacity(stories.count)
        for story in stories { listed.append(try await storyJSON(story, detailed: false)) }
        return ["stories": .array(listed)]
    }

    /// `story`: one story with every item and why it joined. `id` (required).
    func story(_ parameters: inout ControlParameters) async throws(ControlError) -> JSONValue {
        guard let id = try parameters.int("id", in: 1...Int.max) else {
            throw ControlError(.invalidParams, "story: parameter \"id\" (an integer) is required")
        }
        try parameters.finish()
        let story: StorySnapshot?
        do {
            story = try await reader.story(id: Int64(id))
        } catch {
            throw Self.storeFailure(error)
        }
        guard let story else { throw ControlError(.notFound, "no story \(id)") }
        return try await storyJSON(story, detailed: true)
    }

    /// The contract's story object; `detailed` adds, for `story`, the
    /// items' store ids (`ref`, what `explain` takes), join reasons,
    /// categories and scores.
    private func storyJSON(_ story: StorySnapshot, detailed: Bool) async throws(ControlError) -> JSONValue {
        var entryIDs = Dictionary(story.items.map { ($0.id, $0.entryID) }, uniquingKeysWith: { first, _ in first })
        let outside = story.items.compactMap(\.copyOf).filter { entryIDs[$0] == nil }
        if !outside.isEmpty {
            do {
                entryIDs.merge(try await reader.entryIDs(ofItems: outside)) { first, _ in first }
            } catch {
                throw Self.storeFailure(error)
            }
        }
        let items: [JSONValue] = story.items.map { item in
            var object: JSONObject = [
                "id": .string(item.entryID), "link": JSONValue(item.link), "feed": .string(item.feedName),
                "title": .string(item.title), "published": JSONValue(date: item.published),
                "copy_of": JSONValue(item.copyOf.flatMap { entryIDs[$0] }),
            ]
            if detailed {
                object["ref"] = JSONValue(item.id)
                object["first_seen"] = JSONValue(date: item.firstSeen)
                object["join_reason"] = JSONValue(item.joinReason)
                object["categories"] = JSONValue(strings: item.categories)
                object["score"] = JSONValue(item.score)
                object["dropped"] = .bool(item.dropped)
            }
            return .object(object)
        }
        var object: JSONObject = [
            "id": JSONValue(story.id), "title": .string(story.title),
            "categories": JSONValue(strings: story.categories),
            "score": JSONValue(story.score), "first_seen": JSONValue(date: story.firstSeen),
        ]
        if detailed {
            object["updated"] = JSONValue(date: story.updated)
            object["published"] = JSONValue(date: story.published)
        }
        object["items"] = .array(items)
        return .object(object)
    }
}
