import FoundationEssentials
import Glibc

/// SplitMix64: a small, fast, deterministic generator for tests and
/// benchmarks, so generated corpora and jitter are the same on every run
/// and a failure reproduces.
public struct SeededRandom: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var value = state
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        return value ^ (value >> 31)
    }

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
