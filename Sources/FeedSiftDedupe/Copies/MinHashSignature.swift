import FeedSiftCore

/// Min-wise hashing (Broder 1997) of an item's word 3-shingles: 96 hash
/// functions, each keeping the minimum over the shingles.
/// The share of positions where two signatures agree estimates the Jaccard
/// resemblance of the two shingle sets (standard error ≤ 0.05), and with
/// the set sizes, the containment of one in the other.
///
/// Only the top 16 bits of each minimum are kept: two unrelated minima
/// agree by chance with probability 2^-16, which moves no estimate, and the
/// signature takes 192 bytes. The index keeps 8 of them per value (b-bit
/// minwise hashing, Li and König 2010: 96 bytes an item); chance agreement
/// is then 1/256, which `indexedResemblance` takes out of its estimate.
public enum MinHashSignature {
    public static let size = 96
    /// 24 bands of 4 rows for locality-sensitive hashing: a pair with
    /// resemblance 0.5 shares a band with probability 0.79, at 0.6 with 0.96,
    /// at 0.2 with 0.04; lower resemblances (wrapped copies) are found
    /// through the story candidates, which every copy also is.
    public static let rowsPerBand = 4
    public static let bands = size / rowsPerBand

    static let vectorWidth = 16
    static let multipliers: [SIMD16<UInt32>] = coefficients(seed: 0x5eed_0001, odd: true)
    static let masks: [SIMD16<UInt32>] = coefficients(seed: 0x5eed_0002, odd: false)

    /// Deterministic coefficients from SplitMix64 (the signature is persisted).
    private static func coefficients(seed: UInt64, odd: Bool) -> [SIMD16<UInt32>] {
        var generator = SplitMix64(seed: seed)
        return (0..<(size / vectorWidth)).map { _ in
            var vector = SIMD16<UInt32>()
            for lane in 0..<vectorWidth {
                let value = UInt32(truncatingIfNeeded: generator.next() >> 32)
                vector[lane] = odd ? value | 1 : value
            }
            return vector
        }
    }

    /// The signature of a set of shingle hashes (duplicates do not matter);
    /// empty for an empty set.
    ///
    /// Hash function `i` is `(x ^ s_i) * a_i mod 2^32` on the low half of
    /// the (already well-mixed) shingle hash, `a_i` odd: a permutation of
    /// 32-bit values per function. On x86-64 an AVX2 or SSE2 kernel
    /// computes the top halves directly (`avx2Signature`, `sse2Signature`);
    /// elsewhere the 32-bit values are computed 16 lanes at a time. All
    /// give the same signature.
    public static func of(_ shingles: [UInt64]) -> [UInt16] {
        guard !shingles.isEmpty else { return [] }
        #if arch(x86_64)
            return avx2Signature(shingles) ?? sse2Signature(shingles)
        #else
            return portableSignature(shingles)
        #endif
    }

    /// The signature in 32-bit vector arithmetic, which every x86-64 and ARM
    /// core vectorizes: the reference the SSE2 kernel is tested against.
    static func portableSignature(_ shingles: [UInt64]) -> [UInt16] {
        guard !shingles.isEmpty else { return [] }
        let chunks = size / vectorWidth
        var minima = [SIMD16<UInt32>](repeating: SIMD16(repeating: .max), count: chunks)
        // Sixteen functions at a time over all the shingles: their
        // coefficients and running minima then stay in registers, where
        // all 96 minima at once would be stored and reloaded per shingle.
        minima.withUnsafeMutableBufferPointer { minima in
            multipliers.withUnsafeBufferPointer { multipliers in
                masks.withUnsafeBufferPointer { masks in
                    shingles.withUnsafeBufferPointer { shingles in
                        for chunk in 0..<chunks {
                            let mask = masks[chunk]
                            let multiplier = multipliers[chunk]
                            var minimum = minima[chunk]
                            for shingle in shingles {
                                let hashed =
                                    (SIMD16<UInt32>(repeating: UInt32(truncatingIfNeeded: shingle)) ^ mask)
                                    &* multiplier
                                minimum.replace(with: hashed, where: hashed .< minimum)
                            }
                            minima[chunk] = minimum
                        }
                    }
                }
            }
        }
        var signature: [UInt16] = []
        signature.reserveCapacity(size)
        for chunk in minima {
            for lane in 0..<vectorWidth { signature.append(UInt16(truncatingIfNeeded: chunk[lane] >> 16)) }
        }
        return signature
    }

    /// The containment of the smaller set in the larger, from the estimated
    /// resemblance and the set sizes: |A ∩ B| = J (|A| + |B|) / (1 + J).
    public static func containment(resemblance: Double, sizes first: Int, _ second: Int) -> Double {
        let smaller = min(first, second)
        guard smaller > 0 else { return 0 }
        let intersection = resemblance * Double(first + second) / (1 + resemblance)
        return min(1, intersection / Double(smaller))
    }

    /// What the index keeps of a signature: the low 8 bits of each value.
    static func indexed(_ signature: [UInt16]) -> [UInt8] {
        signature.map(indexed)
    }

    @inline(__always)
    static func indexed(_ value: UInt16) -> UInt8 { UInt8(truncatingIfNeeded: value) }

    /// The resemblance estimated from two indexed signatures: the share of
    /// agreeing positions, less the 1/256 at which unrelated 8-bit values
    /// agree, scaled back to [0, 1].
    static func indexedResemblance(_ first: UnsafeBufferPointer<UInt8>, _ second: UnsafeBufferPointer<UInt8>)
        -> Double
    {
        guard first.count == size, second.count == size else { return 0 }
        var agreeing = 0
        for index in 0..<size where first[index] == second[index] { agreeing += 1 }
        let chance = 1.0 / 256
        return max(0, (Double(agreeing) / Double(size) - chance) / (1 - chance))
    }

    /// The key of band `band` of an indexed signature (its four 8-bit
    /// values), never 0.
    @inline(__always)
    static func bandKey(_ signature: UnsafeBufferPointer<UInt8>, band: Int) -> UInt64 {
        let base = band * rowsPerBand
        var value = UInt64(signature[base]) | UInt64(signature[base + 1]) << 8
        value |= UInt64(signature[base + 2]) << 16 | UInt64(signature[base + 3]) << 24
        return StableHash.mix(value ^ UInt64(band) &* 0x9e37_79b9_7f4a_7c15) | 1
    }
}
