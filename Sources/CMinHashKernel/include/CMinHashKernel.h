#ifndef FEEDSIFT_CMINHASHKERNEL_H
#define FEEDSIFT_CMINHASHKERNEL_H

#include <stddef.h>
#include <stdint.h>

// The MinHash kernel of FeedSiftDedupe's `MinHashSignature` in 256-bit
// AVX2 vectors: sixteen 16-bit hash functions per instruction where SSE2
// has eight. Swift cannot compile one function for a wider instruction set
// than the rest of the program, so this C function is compiled for AVX2
// alone and called only after the processor was asked whether it has it.
//
// For each function i (`functions` of them, a multiple of 32), writes to
// out[i] the top 16 bits of the minimum over the shingles x of
// `(x ^ s_i) * a_i mod 2^32` (x: a shingle's low 32 bits), given the low
// and high 16-bit halves of every s_i and a_i. Returns 1; returns 0,
// writing nothing, when the processor lacks AVX2 or `functions` is not a
// multiple of 32.
int feedsift_minhash16_avx2(
    const uint64_t *shingles, size_t count, const uint16_t *low_masks, const uint16_t *high_masks,
    const uint16_t *low_multipliers, const uint16_t *high_multipliers, size_t functions, uint16_t *out);

#endif
