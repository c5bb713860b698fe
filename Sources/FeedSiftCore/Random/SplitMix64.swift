/// SplitMix64 (Steele, Lea and Flood 2014): a small, fast generator whose
/// whole state is one 64-bit counter. Its sequence is fixed by its seed, so
/// it suits values that must be reproducible (persisted hash coefficients,
/// test corpora) and, seeded from the system's generator, random values
/// wanted often, where a system call each would cost more than the value.
/// Not for secrets.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    /// Seeded from the system's generator.
    public init() {
        var system = SystemRandomNumberGenerator()
        state = system.next()
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var value = state
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        return value ^ (value >> 31)
    }
}
