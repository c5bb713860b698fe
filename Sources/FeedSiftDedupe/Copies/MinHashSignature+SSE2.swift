#if arch(x86_64)
    import _Builtin_intrinsics.intel

    /// MinHash on x86-64 in 16-bit lanes: the same signature as
    /// `portableSignature`, in about 40% of its time.
    ///
    /// The signature keeps only the top 16 bits of each 32-bit minimum, and
    /// the top 16 bits of a minimum are the minimum of the top 16 bits (a
    /// right shift never reorders values). With `x = xh·2^16 + xl` and
    /// `a = ah·2^16 + al`, the top half of `x·a mod 2^32` is
    /// `⌊xl·al / 2^16⌋ + xl·ah + xh·al mod 2^16`: one high and two low
    /// 16-bit products, and the mask's xor applies to each half alone.
    /// SSE2, which every x86-64 core has, multiplies eight 16-bit lanes in
    /// one instruction, where the 32-bit products and unsigned minima need
    /// SSE4.1 and are otherwise emulated in several.
    extension MinHashSignature {
        /// The coefficients split into 16-bit halves, eight functions per vector.
        private struct HalfCoefficients {
            var lowMasks: [__m128i] = []
            var highMasks: [__m128i] = []
            var lowMultipliers: [__m128i] = []
            var highMultipliers: [__m128i] = []
        }

        private static let halves: HalfCoefficients = {
            func eightLaneHalves(_ vectors: [SIMD16<UInt32>], shift: UInt32) -> [__m128i] {
                vectors.flatMap { vector in
                    let half = SIMD16<UInt16>(truncatingIfNeeded: vector &>> shift)
                    return [half.lowHalf, half.highHalf].map { unsafeBitCast($0, to: __m128i.self) }
                }
            }
            return HalfCoefficients(
                lowMasks: eightLaneHalves(masks, shift: 0), highMasks: eightLaneHalves(masks, shift: 16),
                lowMultipliers: eightLaneHalves(multipliers, shift: 0),
                highMultipliers: eightLaneHalves(multipliers, shift: 16))
        }()

        static func sse2Signature(_ shingles: [UInt64]) -> [UInt16] {
            guard !shingles.isEmpty else { return [] }
            let halves = Self.halves
            var signature = [UInt16](repeating: 0, count: size)
            shingles.withUnsafeBufferPointer { shingles in
                // Sixteen functions (two vectors) per pass over the shingles:
                // two independent minimum chains keep the multipliers busy.
                for first in stride(from: 0, to: size / 8, by: 2) {
                    let second = first + 1
                    let functions = (EightFunctions(halves, first), EightFunctions(halves, second))
                    var minimum = (_mm_set1_epi16(-1), _mm_set1_epi16(-1))
                    for shingle in shingles {
                        let low = _mm_set1_epi16(Int16(truncatingIfNeeded: shingle))
                        let high = _mm_set1_epi16(Int16(truncatingIfNeeded: shingle >> 16))
                        minimum.0 = smaller(minimum.0, functions.0.topHalf(low, high))
                        minimum.1 = smaller(minimum.1, functions.1.topHalf(low, high))
                    }
                    let lanes = (
                        unsafeBitCast(minimum.0, to: SIMD8<UInt16>.self),
                        unsafeBitCast(minimum.1, to: SIMD8<UInt16>.self)
                    )
                    for lane in 0..<8 {
                        signature[first * 8 + lane] = lanes.0[lane]
                        signature[second * 8 + lane] = lanes.1[lane]
                    }
                }
            }
            return signature
        }

        /// The coefficients of eight functions, read once per pass.
        private struct EightFunctions {
            let lowMask: __m128i
            let highMask: __m128i
            let lowMultiplier: __m128i
            let highMultiplier: __m128i

            init(_ halves: HalfCoefficients, _ vector: Int) {
                lowMask = halves.lowMasks[vector]
                highMask = halves.highMasks[vector]
                lowMultiplier = halves.lowMultipliers[vector]
                highMultiplier = halves.highMultipliers[vector]
            }

            /// The top 16 bits of `(x ^ s) * a mod 2^32` for each function,
            /// given x's halves broadcast to every lane.
            @inline(__always)
            func topHalf(_ low: __m128i, _ high: __m128i) -> __m128i {
                let xl = _mm_xor_si128(low, lowMask)
                let xh = _mm_xor_si128(high, highMask)
                let carried = _mm_add_epi16(
                    _mm_mulhi_epu16(xl, lowMultiplier), _mm_mullo_epi16(xl, highMultiplier))
                return _mm_add_epi16(carried, _mm_mullo_epi16(xh, lowMultiplier))
            }
        }

        /// The unsigned minimum per lane: `a - max(a - b, 0)` with a
        /// saturating subtraction (SSE2 has only a signed 16-bit minimum).
        @inline(__always)
        private static func smaller(_ a: __m128i, _ b: __m128i) -> __m128i {
            _mm_sub_epi16(a, _mm_subs_epu16(a, b))
        }
    }
#endif
