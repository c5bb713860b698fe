#include "CMinHashKernel.h"

#if defined(__x86_64__)
#include <immintrin.h>

// The top half of (x ^ s) * a mod 2^32 from 16-bit halves:
// floor(xl * al / 2^16) + xl * ah + xh * al mod 2^16 (see MinHashSignature+SSE2.swift).
#define FEEDSIFT_TOP_HALF(xl, xh, al, ah) \
    _mm256_add_epi16(_mm256_add_epi16(_mm256_mulhi_epu16((xl), (al)), _mm256_mullo_epi16((xl), (ah))), \
                     _mm256_mullo_epi16((xh), (al)))

__attribute__((target("avx2")))
static void minhash16_avx2(
    const uint64_t *shingles, size_t count, const uint16_t *low_masks, const uint16_t *high_masks,
    const uint16_t *low_multipliers, const uint16_t *high_multipliers, size_t functions, uint16_t *out)
{
    // Thirty-two functions (two vectors) per pass over the shingles: two
    // independent minimum chains keep the multipliers busy, and their
    // coefficients stay in registers.
    for (size_t first = 0; first < functions; first += 32) {
        const __m256i lm0 = _mm256_loadu_si256((const __m256i *)(low_masks + first));
        const __m256i lm1 = _mm256_loadu_si256((const __m256i *)(low_masks + first + 16));
        const __m256i hm0 = _mm256_loadu_si256((const __m256i *)(high_masks + first));
        const __m256i hm1 = _mm256_loadu_si256((const __m256i *)(high_masks + first + 16));
        const __m256i la0 = _mm256_loadu_si256((const __m256i *)(low_multipliers + first));
        const __m256i la1 = _mm256_loadu_si256((const __m256i *)(low_multipliers + first + 16));
        const __m256i ha0 = _mm256_loadu_si256((const __m256i *)(high_multipliers + first));
        const __m256i ha1 = _mm256_loadu_si256((const __m256i *)(high_multipliers + first + 16));
        __m256i minimum0 = _mm256_set1_epi16(-1);
        __m256i minimum1 = _mm256_set1_epi16(-1);
        for (size_t index = 0; index < count; index++) {
            const __m256i low = _mm256_set1_epi16((short)shingles[index]);
            const __m256i high = _mm256_set1_epi16((short)(shingles[index] >> 16));
            const __m256i xl0 = _mm256_xor_si256(low, lm0);
            const __m256i xh0 = _mm256_xor_si256(high, hm0);
            const __m256i xl1 = _mm256_xor_si256(low, lm1);
            const __m256i xh1 = _mm256_xor_si256(high, hm1);
            minimum0 = _mm256_min_epu16(minimum0, FEEDSIFT_TOP_HALF(xl0, xh0, la0, ha0));
            minimum1 = _mm256_min_epu16(minimum1, FEEDSIFT_TOP_HALF(xl1, xh1, la1, ha1));
        }
        _mm256_storeu_si256((__m256i *)(out + first), minimum0);
        _mm256_storeu_si256((__m256i *)(out + first + 16), minimum1);
    }
}

int feedsift_minhash16_avx2(
    const uint64_t *shingles, size_t count, const uint16_t *low_masks, const uint16_t *high_masks,
    const uint16_t *low_multipliers, const uint16_t *high_multipliers, size_t functions, uint16_t *out)
{
    if (functions % 32 != 0 || !__builtin_cpu_supports("avx2")) return 0;
    minhash16_avx2(shingles, count, low_masks, high_masks, low_multipliers, high_multipliers, functions, out);
    return 1;
}

#else

int feedsift_minhash16_avx2(
    const uint64_t *shingles, size_t count, const uint16_t *low_masks, const uint16_t *high_masks,
    const uint16_t *low_multipliers, const uint16_t *high_multipliers, size_t functions, uint16_t *out)
{
    (void)shingles; (void)count; (void)low_masks; (void)high_masks;
    (void)low_multipliers; (void)high_multipliers; (void)functions; (void)out;
    return 0;
}

#endif
