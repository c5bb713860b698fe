import FeedSiftStore
import FoundationEssentials

extension ControlDispatcher {
    /// `feeds`: every configured feed's health, from its stored state.
    /// Optional `name` picks one feed.
    func feeds(_ parameters: inout ControlParameters) async throws(ControlError) -> JSONValue {
        let name = try parameters.string("name")
        try parameters.finish()
        var states: [FeedState]
        do {
            states = try await reader.feedStates()
        } catch {
            throw Self.storeFailure(error)
        }
        if let name {
            states = states.filter { $0.name == name }
            guard !states.isEmpty else { throw ControlError(.notFound, "no feed named \"\(name)\" is configured") }
        }
        return ["feeds": .array(states.map(Self.feedJSON))]
    }

    static func feedJSON(_ feed: FeedState) -> JSONValue {
        let state: String =
            if feed.disabledReason != nil { "disabled" } else if !feed.hasBeenFetched {
                "new"
            } else if feed.consecutiveFailures > 0 { "failing" } else { "ok" }
        let notModifiedShare: JSONValue =
            feed.fetchCount > 0
            ? .double((Double(feed.notModifiedCount) / Double(feed.fetchCount) * 1000).rounded() / 1000) : .null
        return [
            "name": .string(feed.name),
            "state": .string(state),
            "url": .string(feed.url),
            "configured_url": .string(feed.configuredURL),
            "title": JSONValue(feed.title),
            "last_fetch": JSONValue(date: feed.lastFetchAt),
            "last_success": JSONValue(date: feed.lastSuccessAt),
            "last_status": JSONValue(feed.lastStatus),
            "last_error": JSONValue(feed.lastError),
            "consecutive_failures": JSONValue(feed.consecutiveFailures),
            "fetches": JSONValue(feed.fetchCount),
            "not_modified": JSONValue(feed.notModifiedCount),
            "not_modified_share": notModifiedShare,
            "unconditional": JSONValue(feed.unconditionalCount),
            "interval_seconds": feed.interval.map { JSONValue(Int($0.components.seconds)) } ?? .null,
            "interval_reason": JSONValue(feed.intervalReason),
            "next_poll": JSONValue(date: feed.nextPollAt),
            "disabled_reason": JSONValue(feed.disabledReason),
        ]
    }
}
