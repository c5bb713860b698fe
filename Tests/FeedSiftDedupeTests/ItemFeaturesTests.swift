import FeedSiftTestSupport
import Testing

@testable import FeedSiftDedupe

/// The features an item is compared by, and their stored form.
@Suite struct ItemFeaturesTests {
    let extractor = FeatureExtractor()

    @Test func anItemWithoutTextOrWithItsHeadlineAsTextIsHeadlineOnly() {
        let none = extractor.features(of: NewsItem(title: "Tin jumps 6%", text: nil).input, boilerplate: .empty)
        let echo = extractor.features(
            of: NewsItem(title: "Tin jumps 6%", text: "Tin jumps 6%").input, boilerplate: .empty)
        let full = extractor.features(of: NewsFixtures.tinOriginal.input, boilerplate: .empty)
        #expect(none.isHeadlineOnly && echo.isHeadlineOnly && !full.isHeadlineOnly)
        #expect(none.signature.isEmpty && none.bodyKey == 0)
        #expect(none.headlineKey == echo.headlineKey && none.headlineKey != 0)
        #expect(full.signature.count == MinHashSignature.size && full.bodyKey != 0)
    }

    @Test func shinglesAreTheDistinctWordTriplesInFirstOccurrenceOrder() {
        // Word hashes of "a b c a b c a b d" over 40 distinct-ish words, with
        // repeats, so the set has to drop duplicates.
        let words: [UInt64] = (0..<600).map { UInt64($0 % 37 + ($0 % 5 == 0 ? 100 : 0)) &* 0x9e37_79b9_7f4a_7c15 }
        let shingles = FeatureExtractor.shingles(words)
        var expected: [UInt64] = []
        var seen: Set<UInt64> = []
        for index in 0..<(words.count - 2) {
            let value = StableHash.combine(StableHash.combine(words[index], words[index + 1]), words[index + 2])
            if seen.insert(value).inserted { expected.append(value) }
        }
        #expect(shingles == expected)
        #expect(shingles.count < words.count / 2)
        #expect(FeatureExtractor.shingles(Array(words.prefix(2))).isEmpty)
    }

    @Test func headlineCuesAndNumbersAreCollected() {
        let features = extractor.features(of: NewsFixtures.tinOriginal.input, boilerplate: .empty)
        #expect(features.direction == .up)
        #expect(features.subjects == NewsCues.subjects(in: ["tin"]))
        #expect(features.numbers.contains { $0.canonicalText == "34150" && !$0.inTitle })
        #expect(features.terms.count <= FeatureExtractor.maximumTerms)
        #expect(features.terms == features.terms.sorted(), "sorted for merge-joins")
        let words = Set(features.termWords)
        #expect(features.termWords.count == features.terms.count)
        #expect(words.isSuperset(of: ["tin", "myanmar", "maw", "34150"]))
        #expect(!words.contains("the") && !words.contains("said"))
    }

    @Test func theWirePrefixDoesNotChangeTheHeadline() {
        let original = extractor.features(of: NewsFixtures.tinOriginal.input, boilerplate: .empty)
        let copy = extractor.features(of: NewsFixtures.tinWireCopy.input, boilerplate: .empty)
        #expect(original.headlineKey == copy.headlineKey)
    }

    @Test func onlyABodysOpeningIsCompared() {
        let story = (0..<600).map { "word\($0 % 97) line\($0)" }.joined(separator: " ")
        let tail = (0..<4000).map { "tail\($0)" }.joined(separator: " ")
        let opening = ItemText.opening(of: story + " " + tail)
        #expect(opening.utf8.count <= ItemText.bodyLimit && opening.hasPrefix(story))
        #expect(!opening.hasSuffix(" ") && tail.contains(String(opening.split(separator: " ").last ?? "")))
        #expect(ItemText.opening(of: story) == story, "a story under the limit is kept whole")
        let unbroken = String(repeating: "é", count: ItemText.bodyLimit)
        #expect(ItemText.opening(of: unbroken).utf8.count <= ItemText.bodyLimit + 3)

        // A long read and the same text with a different ending far past
        // the opening have the same body fingerprint.
        let extractor = FeatureExtractor()
        func features(_ body: String) -> ItemFeatures {
            extractor.features(
                of: DedupeInput(
                    title: "Long read", summaryText: nil, contentText: body, canonicalURL: nil, eventTime: 0,
                    identity: body),
                boilerplate: .empty)
        }
        #expect(features(story + " " + tail + " the end").bodyKey == features(story + " " + tail + " another").bodyKey)
        #expect(features(story + " one").bodyKey != features(story + " two").bodyKey)
    }

    @Test func storedFeaturesReadBackEqual() throws {
        for item in [NewsFixtures.tinOriginal, NewsFixtures.tinHeadline, NewsFixtures.coffee] {
            let features = extractor.features(of: item.input, boilerplate: .empty)
            let decoded = try ItemFeatures(decoding: features.encoded())
            #expect(decoded == features)
            #expect(decoded.termWords.isEmpty, "explanation words are not stored")
        }
    }

    /// Features are stored with each item: the layout, field by field and
    /// least significant byte first, may never change.
    @Test func theStoredLayoutIsPinned() {
        let features = ItemFeatures(
            eventTime: 1.5, orderKey: 0x0102_0304_0506_0708, urlKey: 9, bodyKey: 0, headlineKey: 0xFF,
            isHeadlineOnly: true, shingleCount: 0x0A0B, signature: [], terms: [0x1122_3344],
            numbers: [NumberMention(mantissa: 258, exponent: -1, inTitle: true)], direction: .none, periods: [7],
            subjects: [])
        let expected: [UInt8] =
            [1] + [0, 0, 0, 0, 0, 0, 0xF8, 0x3F] + [8, 7, 6, 5, 4, 3, 2, 1] + [9, 0, 0, 0, 0, 0, 0, 0]
            + [0, 0, 0, 0, 0, 0, 0, 0] + [0xFF, 0, 0, 0, 0, 0, 0, 0] + [1, 0] + [0x0B, 0x0A, 0, 0] + [0]
            + [1, 0] + [0x44, 0x33, 0x22, 0x11] + [1] + [2, 1, 0, 0, 0, 0, 0, 0] + [0xFF, 1] + [1, 7] + [0]
        #expect(features.encoded() == expected)
    }

    @Test func damagedOrNewerStoredFeaturesAreRefused() throws {
        let bytes = extractor.features(of: NewsFixtures.tinOriginal.input, boilerplate: .empty).encoded()
        #expect(throws: DedupeError.self) { try ItemFeatures(decoding: Array(bytes.prefix(40))) }
        var newer = bytes
        newer[0] = 99
        let error = try #require(throws: DedupeError.self) { try ItemFeatures(decoding: newer) }
        #expect(error.code == .unknownVersion)
        #expect(error.message.contains("99"))
    }

    /// Signatures are stored with each item, so the function may never
    /// change: these values come from a separate Python implementation of
    /// the documented hash family (SplitMix64 coefficients,
    /// `(x ^ s) * a mod 2^32`, top 16 bits of each minimum).
    @Test func minHashValuesArePinned() {
        let signature = MinHashSignature.of([1, 2, 0xdead_beef_cafe_babe, 12_345_678_901_234, 0x0123_4567_89ab_cdef])
        #expect(signature.count == MinHashSignature.size)
        #expect(Array(signature.prefix(8)) == [27973, 13659, 10981, 6176, 3252, 2486, 8086, 8207])
        #expect(Array(signature.suffix(4)) == [2498, 27709, 5109, 3841])
        #expect(signature.reduce(0) { $0 + Int($1) } == 1_043_773)
    }

    /// The signature the daemon computes (an AVX2 or SSE2 kernel on x86-64)
    /// is the portable 32-bit computation's, value for value: stored
    /// signatures stay comparable whichever path computed them. Each x86-64
    /// kernel is checked on its own (the AVX2 one where the processor has
    /// AVX2).
    @Test func minHashKernelsAgree() {
        var random = SeededRandom(seed: 0x3a5e)
        for count in [1, 2, 3, 7, 8, 9, 64, 400, 2_500] {
            for _ in 0..<20 {
                var shingles = (0..<count).map { _ in random.next() as UInt64 }
                // Extremes of the 16-bit halves the kernel splits into.
                if count > 3 { shingles[0...2] = [0, .max, 0x0000_ffff_ffff_0000] }
                let portable = MinHashSignature.portableSignature(shingles)
                #expect(MinHashSignature.of(shingles) == portable, "\(count) shingles")
                #if arch(x86_64)
                    #expect(MinHashSignature.sse2Signature(shingles) == portable, "SSE2, \(count) shingles")
                    if let avx2 = MinHashSignature.avx2Signature(shingles) {
                        #expect(avx2 == portable, "AVX2, \(count) shingles")
                    }
                #endif
            }
        }
    }

    @Test func minHashEstimatesResemblanceAndContainment() {
        var generator = SystemRandomNumberGenerator()
        let shared = (0..<150).map { _ in generator.next() as UInt64 }
        let first = shared + (0..<50).map { _ in generator.next() as UInt64 }
        let second = shared + (0..<50).map { _ in generator.next() as UInt64 }
        let wrapped = shared + (0..<100).map { _ in generator.next() as UInt64 }
        let a = MinHashSignature.indexed(MinHashSignature.of(first))
        let b = MinHashSignature.indexed(MinHashSignature.of(second))
        let c = MinHashSignature.indexed(MinHashSignature.of(wrapped))
        let resemblance = a.withUnsafeBufferPointer { x in
            b.withUnsafeBufferPointer { MinHashSignature.indexedResemblance(x, $0) }
        }
        // True resemblance 150/250 = 0.6; the estimate's standard error is about 0.05.
        #expect(abs(resemblance - 0.6) < 0.2)
        let bareVsWrapped = MinHashSignature.indexed(MinHashSignature.of(shared)).withUnsafeBufferPointer { x in
            c.withUnsafeBufferPointer { MinHashSignature.indexedResemblance(x, $0) }
        }
        let containment = MinHashSignature.containment(resemblance: bareVsWrapped, sizes: 150, 250)
        #expect(containment > 0.75, "all of the bare text is in the wrapped one")
        #expect(MinHashSignature.of([]).isEmpty)
    }

    @Test func theIndexedEightBitSignatureEstimatesAsTheFullOne() {
        var generator = SeededRandom(seed: 7)
        func indexedResemblance(_ first: [UInt64], _ second: [UInt64]) -> Double {
            let a = MinHashSignature.indexed(MinHashSignature.of(first))
            let b = MinHashSignature.indexed(MinHashSignature.of(second))
            return a.withUnsafeBufferPointer { x in
                b.withUnsafeBufferPointer { MinHashSignature.indexedResemblance(x, $0) }
            }
        }
        var total = 0.0
        var unrelatedTotal = 0.0
        for _ in 0..<100 {
            // 200 shared of 400 distinct shingles: resemblance 0.5.
            let shared = (0..<200).map { _ in generator.next() as UInt64 }
            let first = shared + (0..<100).map { _ in generator.next() as UInt64 }
            let second = shared + (0..<100).map { _ in generator.next() as UInt64 }
            let estimate = indexedResemblance(first, second)
            #expect(abs(estimate - 0.5) < 0.2)
            total += estimate
            unrelatedTotal += indexedResemblance(first, (0..<300).map { _ in generator.next() as UInt64 })
            #expect(indexedResemblance(first, first) == 1)
        }
        #expect(abs(total / 100 - 0.5) < 0.02, "the estimates centre on the true resemblance")
        #expect(unrelatedTotal / 100 < 0.01)
    }
}
