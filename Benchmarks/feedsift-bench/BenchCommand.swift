import ArgumentParser

/// `feedsift-bench`: the measurements behind `make bench`. Each subcommand
/// measures one figure an issue names and prints it; `Benchmarks/run.sh`
/// prepares the corpora and runs them in turn.
@main
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "feedsift-bench",
        abstract: "Measures feedsift's throughput and latency figures.",
        subcommands: [
            RulesBenchmark.self, ParseBenchmark.self, HTTPBenchmark.self, ControlBenchmark.self, DedupeBenchmark.self,
        ]
    )
}
