import FeedSiftCore
import FoundationEssentials
import Glibc

/// A deterministic generator (`SplitMix64`) for tests and benchmarks, so
/// generated corpora and jitter are the same on every run and a failure
/// reproduces, with the draws the generators need.
public struct SeededRandom: RandomNumberGenerator, Sendable {
    private var generator: SplitMix64

    public init(seed: UInt64) { generator = SplitMix64(seed: seed) }

    public mutating func next() -> UInt64 { generator.next() }

    /// A number in `0..<bound`.
    public mutating func uniform(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }

    /// A number in `0..<bound` skewed towards 0 (roughly Zipf with
    /// exponent 1), as word frequencies are.
    public mutating func skewed(_ bound: Int) -> Int {
        let u = Double(next() % 1_000_000) / 1_000_000
        return min(bound - 1, Int(pow(Double(bound), u)) - 1)
    }

    /// One of `values`.
    public mutating func pick<T>(_ values: [T]) -> T { values[uniform(values.count)] }
}
