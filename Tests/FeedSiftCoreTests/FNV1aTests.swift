import FeedSiftCore
import Testing

/// The one stable hash behind content fingerprints, the publication
/// fingerprint and Message-IDs: standard 64-bit FNV-1a, whatever the input
/// arrives as.
@Suite struct FNV1aTests {
    @Test func matchesTheReferenceValues() {
        #expect(FNV1a().value == 0xcbf2_9ce4_8422_2325)
        var a = FNV1a()
        a.add("a")
        #expect(a.value == 0xaf63_dc4c_8601_ec8c)
        var foobar = FNV1a()
        foobar.add("foobar")
        #expect(foobar.hex == "85944171f73967e8")
        var bytes = FNV1a()
        Array("foobar".utf8).withUnsafeBufferPointer { bytes.add($0) }
        #expect(bytes.value == foobar.value)
    }
}
