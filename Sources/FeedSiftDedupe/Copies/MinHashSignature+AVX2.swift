#if arch(x86_64)
    import CMinHashKernel

    /// MinHash on x86-64 processors with AVX2: the SSE2 kernel's
    /// computation (`MinHashSignature+SSE2.swift`) sixteen functions per
    /// instruction instead of eight, in a C function compiled for AVX2
    /// alone (`CMinHashKernel`). It answers nil on a processor without
    /// AVX2, and the SSE2 kernel, which every x86-64 core runs, takes over.
    extension MinHashSignature {
        /// The coefficients' 16-bit halves, in function order.
        private struct FlatHalves: Sendable {
            let lowMasks: [UInt16]
            let highMasks: [UInt16]
            let lowMultipliers: [UInt16]
            let highMultipliers: [UInt16]
        }

        private static let flatHalves: FlatHalves = {
            func halves(_ vectors: [SIMD16<UInt32>], shift: UInt32) -> [UInt16] {
                vectors.flatMap { vector in (0..<vectorWidth).map { UInt16(truncatingIfNeeded: vector[$0] >> shift) } }
            }
            return FlatHalves(
                lowMasks: halves(masks, shift: 0), highMasks: halves(masks, shift: 16),
                lowMultipliers: halves(multipliers, shift: 0), highMultipliers: halves(multipliers, shift: 16))
        }()

        static func avx2Signature(_ shingles: [UInt64]) -> [UInt16]? {
            guard !shingles.isEmpty else { return [] }
            let halves = Self.flatHalves
            var signature = [UInt16](repeating: 0, count: size)
            let computed = signature.withUnsafeMutableBufferPointer { out in
                feedsift_minhash16_avx2(
                    shingles, shingles.count, halves.lowMasks, halves.highMasks, halves.lowMultipliers,
                    halves.highMultipliers, size, out.baseAddress)
            }
            return computed == 1 ? signature : nil
        }
    }
#endif
