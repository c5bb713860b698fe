import FeedSiftCore
import FeedSiftStore
import FoundationEssentials

extension ControlDispatcher {
    /// `status`: what the daemon is and how the store looks. No parameters.
    func status(_ parameters: inout ControlParameters) async throws(ControlError) -> JSONValue {
        try parameters.finish()
        let now = Date()
        let overview: StoreOverview
        do {
            overview = try await reader.overview(at: now)
        } catch {
            throw Self.storeFailure(error)
        }
        metrics.update(from: overview)
        let runtime = await daemon?.runtimeStatus()
        let started = runtime?.startedAt ?? startedAt
        return [
            "version": .string(FeedSiftVersion.current),
            "started": JSONValue(date: started),
            "uptime_seconds": JSONValue(Int(max(now.timeIntervalSince(started), 0))),
            "config": JSONValue(runtime?.configurationPath),
            "socket": .string(socketPath),
            "feeds": [
                "total": JSONValue(overview.feeds), "failing": JSONValue(overview.failingFeeds),
                "disabled": JSONValue(overview.disabledFeeds),
            ],
            "items": JSONValue(overview.items),
            "stories": JSONValue(overview.stories),
            "database_bytes": JSONValue(overview.databaseBytes),
            "cycle_running": .bool(runtime?.cycleRunning ?? false),
            "last_fetch": JSONValue(date: overview.lastFetch),
            "last_cycle": runtime?.lastCycle?.jsonValue ?? .null,
            "next_poll": JSONValue(date: overview.nextPoll),
        ]
    }
}
