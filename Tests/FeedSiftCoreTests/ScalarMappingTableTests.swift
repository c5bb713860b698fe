import Testing

@testable import FeedSiftCore

/// The generated tables' text form, read byte by byte.
@Suite struct ScalarMappingTableTests {
    private func entries(_ text: String) -> [String] {
        var result: [String] = []
        ScalarMappingTable.forEachEntry(in: text) { key, mapped in
            result.append(String(key, radix: 16) + ":" + mapped.map { String($0, radix: 16) }.joined(separator: "+"))
        }
        return result
    }

    @Test func entriesAreReadInOrderWhateverTheWhiteSpace() {
        #expect(entries("00A0:0020\n  FB03:66+66+69\t1D400:41\r\n") == ["a0:20", "fb03:66+66+69", "1d400:41"])
        #expect(entries("") == [] && entries(" \n ") == [])
    }

    @Test func malformedEntriesAndScalarsAreSkipped() {
        // No colon, two colons, a bad or missing key, a key of nine digits,
        // nothing mapped.
        #expect(entries("41 41:42:43 zz:41 :41 123456789:41 44: 42:43") == ["42:43"])
        // Bad or empty mapped scalars are left out; the entry stays.
        #expect(entries("41:xx+42++43") == ["41:42+43"])
    }
}
