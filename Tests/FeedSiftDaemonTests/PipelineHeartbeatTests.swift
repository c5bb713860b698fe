import FeedSiftCore
import FeedSiftTestSupport
import Foundation
import Logging
import Testing

@testable import FeedSiftDaemon

/// `/healthz` answers from the pipeline's heartbeat: healthy while the
/// pipeline's actor answers pings, 503 once it has been silent too long.
@Suite struct PipelineHeartbeatTests {
    @Test func healthyWhileThePipelineAnswersAndStuckAfterTheTolerance() {
        let start = ContinuousClock.now
        let heartbeat = PipelineHeartbeat(startedAt: start)
        let recent = heartbeat.status(at: start + .seconds(12))
        #expect(recent.healthy && recent.text == "ok: the pipeline answered 12 s ago\n")
        let silent = heartbeat.status(at: start + PipelineHeartbeat.tolerance + .seconds(15))
        #expect(!silent.healthy && silent.text == "stuck: the pipeline has not answered for 75 s\n")
        heartbeat.record(at: start + .seconds(70))
        #expect(heartbeat.status(at: start + .seconds(75)).healthy)
    }

    @Test func theHeartbeatServiceRecordsEachAnswerOfTheRealPipeline() async throws {
        let directory = try TemporaryDirectory()
        let configuration = try ConfigurationLoader.load(
            path: directory.write("feeds.conf", "[daemon]\nstate-dir = \(directory.path)\n"))
        let pipeline = try FeedPipeline(
            configuration: configuration, databasePath: directory.file("feedsift.db"), logger: Logger(label: "test"))
        // Silent since long ago, as if the pipeline had been stuck.
        let heartbeat = PipelineHeartbeat(startedAt: .now - .seconds(600))
        #expect(!heartbeat.status().healthy)
        let service = HeartbeatService(
            notifier: SystemdNotifier(environment: [:]), pipeline: pipeline, heartbeat: heartbeat)
        let running = Task { try await service.run() }
        let answered = await eventually { heartbeat.status().healthy }
        running.cancel()
        _ = try? await running.value
        #expect(answered)
        await pipeline.close()
    }

    private func eventually(_ condition: () -> Bool) async -> Bool {
        for _ in 0..<200 {
            if condition() { return true }
            try? await Task.sleep(for: .milliseconds(10))
        }
        return condition()
    }
}
