import FeedSiftCore
import Testing

@Suite struct EntryKeyTests {
    @Test func keysCarryTheirKindAndNoSurroundingSpace() {
        #expect(EntryKey.id(" urn:a \n") == "id:urn:a")
        #expect(EntryKey.link("\thttps://x.example/1 ") == "link:https://x.example/1")
        #expect(EntryKey.id(" a b ") == "id:a b", "inner space stays")
        #expect(EntryKey.id(" \n\u{3000}") == nil, "blank: no key")
        #expect(EntryKey.link("") == nil)
        #expect(EntryKey.hash("0af3") == "hash:0af3")
    }
}
