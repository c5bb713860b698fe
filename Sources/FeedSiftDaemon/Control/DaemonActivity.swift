import FoundationEssentials

/// What the running daemon is doing, for `status`: when it started, with
/// which configuration, and how its poll cycles go. The polling service
/// reports each cycle; the control server reads.
actor DaemonActivity {
    let startedAt: Date
    let configurationPath: String
    private var running = 0
    private var lastCycle: CycleReport?

    init(startedAt: Date = Date(), configurationPath: String) {
        self.startedAt = startedAt
        self.configurationPath = URL(fileURLWithPath: configurationPath).standardizedFileURL.path
    }

    func cycleStarted() {
        running += 1
    }

    func cycleFinished(_ summary: CycleSummary) {
        running = max(running - 1, 0)
        lastCycle = CycleReport(
            finishedAt: Date(), duration: summary.duration, feeds: summary.feeds, failedFeeds: summary.failedFeeds,
            newItems: summary.newItems, updatedItems: summary.updatedItems, copies: summary.copies)
    }

    var status: DaemonRuntimeStatus {
        DaemonRuntimeStatus(
            startedAt: startedAt, configurationPath: configurationPath, cycleRunning: running > 0,
            lastCycle: lastCycle)
    }
}
