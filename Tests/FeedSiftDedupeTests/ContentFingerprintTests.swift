import FeedSiftDedupe
import Testing

@Suite struct ContentFingerprintTests {
    let html = "<p>Indonesia will cut its nickel ore quota for 2027 by a fifth, the ministry said on Tuesday.</p>"

    @Test func theFingerprintIsStableAndSeparatesItsParts() {
        let fingerprint = ContentFingerprint.of(
            title: "Nickel quota cut", summary: html, content: nil, link: "https://x.example/1")
        // Stored with every item: the value may never change between versions.
        // (Computed by a separate implementation of the algorithm in Python.)
        #expect(fingerprint == "2:1930603eb29bedd8")
        #expect(
            ContentFingerprint.of(title: "ab", summary: "c", content: nil, link: nil)
                != ContentFingerprint.of(title: "a", summary: "bc", content: nil, link: nil))
        #expect(
            ContentFingerprint.of(title: "t", summary: html, content: nil, link: nil)
                != ContentFingerprint.of(title: "t", summary: nil, content: html, link: nil))
        // Every length of a last word of up to 8 bytes reaches the hash.
        let lengths = (0...9).map {
            ContentFingerprint.of(title: String(repeating: "a", count: $0), summary: nil, content: nil, link: nil)
        }
        #expect(Set(lengths).count == lengths.count)
    }

    @Test func anItemStoredWithTheOldFingerprintIsNotTakenForEdited() {
        let current = ContentFingerprint.of(title: "Nickel quota cut", summary: html, content: nil, link: nil)
        let old = Fingerprint.hash("Nickel quota cut", html, nil, nil)
        #expect(
            ContentFingerprint.matches(
                old, current: current, title: "Nickel quota cut", summary: html, content: nil, link: nil))
        let edited = ContentFingerprint.of(title: "Nickel quota cut again", summary: html, content: nil, link: nil)
        #expect(
            !ContentFingerprint.matches(
                old, current: edited, title: "Nickel quota cut again", summary: html, content: nil, link: nil))
        #expect(
            !ContentFingerprint.matches(
                current, current: edited, title: "Nickel quota cut again", summary: html, content: nil, link: nil))
        #expect(
            ContentFingerprint.matches(
                current, current: current, title: "Nickel quota cut", summary: html, content: nil, link: nil))
    }
}
