import ArgumentParser
import FeedSiftParse
import FoundationEssentials
import Glibc

/// `feedsift-bench parse DIR`: full parse throughput — bytes to `ParsedFeed`
/// with sanitized HTML and plain text — over every `*.xml`/`*.json` in DIR,
/// read into memory first so only parsing is timed.
struct ParseBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parse",
        abstract: "Measure feed parsing throughput (MB/s) over a directory of feeds."
    )

    @Argument(help: "Directory of feed documents.")
    var directory: String

    @Option(help: "Passes over the corpus; the best pass is reported.")
    var passes = 3

    static func threadCPUSeconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }

    func run() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: directory)
            .filter { $0.hasSuffix(".xml") || $0.hasSuffix(".json") }.sorted()
        let documents = names.compactMap {
            FileManager.default.contents(atPath: "\(directory)/\($0)").map([UInt8].init)
        }
        let totalBytes = documents.reduce(0) { $0 + $1.count }
        guard totalBytes > 0 else { throw ValidationError("no feed documents in \(directory)") }
        let parser = FeedParser()
        var bestWall = Double.infinity
        var bestCPU = Double.infinity
        var entries = 0
        var failures = 0
        for _ in 0..<max(1, passes) {
            entries = 0
            failures = 0
            let wallStart = ContinuousClock.now
            let cpuStart = Self.threadCPUSeconds()
            for document in documents {
                do {
                    entries += try parser.parse(document).entries.count
                } catch {
                    failures += 1
                }
            }
            let wall = ContinuousClock.now - wallStart
            bestWall = min(bestWall, Double(wall.components.seconds) + Double(wall.components.attoseconds) / 1e18)
            bestCPU = min(bestCPU, Self.threadCPUSeconds() - cpuStart)
        }
        let megabytes = Double(totalBytes) / 1_000_000
        // CPU time is reported too: on a shared machine it is the steadier figure.
        print(
            formatted(
                "parse: %d documents, %.1f MB, %d entries, %d failed, best of %d: %.3f s wall (%.1f MB/s), %.3f s CPU (%.1f MB/s)",
                documents.count, megabytes, entries, failures, passes, bestWall, megabytes / bestWall, bestCPU,
                megabytes / bestCPU))
    }
}
