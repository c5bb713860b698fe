import FeedSiftTestSupport
import Testing

@testable import FeedSiftDedupe

/// The word lists' lookup table answers exactly what a `Set<String>` would.
@Suite struct ShortWordTableTests {
    @Test func answersExactlyWhatASetWould() {
        let words = [
            "a", "an", "tin", "fifteen-bytes-x", "café", "日本", "q1", "rare earth", "fertilisers", "zürich",
        ]
        let table = ShortWordTable(words: words)
        let reference = Set(words)
        var probes = words + ["", "b", "ti", "tins", "fifteen-bytes-xy", "fifteen-bytes-", "cafe", "café ", "日"]
        probes += ["rare", "earth", "rare  earth", "a\u{0}", "\u{0}a", "A", "Tin", "fertiliser", "q10"]
        var random = SeededRandom(seed: 5)
        let letters = Array("atnri ée日")
        for _ in 0..<5_000 {
            probes.append(String((0..<random.uniform(5)).map { _ in random.pick(letters) }))
        }
        for probe in probes {
            #expect(table.contains(probe) == reference.contains(probe), "\(probe)")
            #expect(table.contains(bytes: Array(probe.utf8)) == reference.contains(probe), "\(probe)")
            // Bytes without contiguous storage take the byte-by-byte path.
            #expect(table.contains(bytes: probe.utf8.lazy.map { $0 }) == reference.contains(probe), "\(probe)")
        }
    }

    @Test func aPairIsLookedUpAsTheTwoWordsJoinedByASpace() {
        let table = ShortWordTable<UInt8>([("iron ore", 1), ("palm oil", 2), ("iron", 3)])
        #expect(table["iron", "ore"] == 1)
        #expect(table["palm", "oil"] == 2)
        #expect(table["iron"] == 3)
        #expect(table["iron", "or"] == nil)
        #expect(table["iro", "n ore"] == nil)
        #expect(table["iron ore"] == 1)
        #expect(table["a-very-long", "second-word"] == nil)
    }
}
