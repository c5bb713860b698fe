import ArgumentParser
import FeedSiftParse
import Foundation

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

    func run() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: directory)
            .filter { $0.hasSuffix(".xml") || $0.hasSuffix(".json") }.sorted()
        let documents = names.compactMap { FileManager.default.contents(atPath: "\(directory)/\($0)").map([UInt8].init) }
        let totalBytes = documents.reduce(0) { $0 + $1.count }
        guard totalBytes > 0 else { throw ValidationError("no feed documents in \(directory)") }
        let parser = FeedParser()
        var best = Duration.seconds(1_000_000)
        var entries = 0
        var failures = 0
        for _ in 0..<max(1, passes) {
            entries = 0
            failures = 0
            let clock = ContinuousClock()
            let elapsed = clock.measure {
                for document in documents {
                    do {
                        entries += try parser.parse(document).entries.count
                    } catch {
                        failures += 1
                    }
                }
            }
            best = min(best, elapsed)
        }
        let seconds = Double(best.components.seconds) + Double(best.components.attoseconds) / 1e18
        let megabytes = Double(totalBytes) / 1_000_000
        print(
            String(
                format: "parse: %d documents, %.1f MB, %d entries, %d failed, best of %d: %.3f s, %.1f MB/s",
                documents.count, megabytes, entries, failures, passes, seconds, megabytes / seconds))
    }
}
