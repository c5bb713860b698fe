import Testing

@testable import FeedSiftParse

/// The sixteen-byte scans against one-byte-at-a-time reference answers, with
/// the interesting byte at every position around the block edges (16, 64)
/// and at the ends, where lane arithmetic and tail loops meet.
@Suite("Byte scans")
struct ByteScanTests {
    /// Runs `body` over a buffer of `count` filler bytes with `byte` at `position` (if any).
    func withBytes<Result>(
        count: Int, filler: UInt8 = UInt8(ascii: "a"), byte: UInt8, at position: Int?,
        _ body: (UnsafePointer<UInt8>, [UInt8]) -> Result
    ) -> Result {
        var bytes = [UInt8](repeating: filler, count: count)
        if let position { bytes[position] = byte }
        // One spare byte after the end, so a zero-length buffer still has an address.
        let storage = bytes + [0]
        return storage.withUnsafeBufferPointer { body($0.baseAddress!, bytes) }
    }

    @Test("first(_:or:), first(_:_:_:) and first(_:_:_:_:) find the first match anywhere")
    func firstMatch() {
        let targets: [UInt8] = [UInt8(ascii: "<"), UInt8(ascii: "&"), UInt8(ascii: ">"), UInt8(ascii: "\"")]
        for count in 0...80 {
            for position in [nil] + Array(0..<count) {
                for target in targets {
                    withBytes(count: count, byte: target, at: position) { base, bytes in
                        let expected = { (set: [UInt8]) in bytes.firstIndex(where: set.contains) ?? count }
                        #expect(
                            ByteScan.first(targets[0], or: targets[1], in: base, from: 0, to: count)
                                == expected(Array(targets[0...1])))
                        #expect(
                            ByteScan.first(targets[0], targets[1], targets[2], in: base, from: 0, to: count)
                                == expected(Array(targets[0...2])))
                        #expect(
                            ByteScan.first(targets[0], targets[1], targets[2], targets[3], in: base, from: 0, to: count)
                                == expected(targets))
                    }
                }
            }
        }
    }

    @Test("A search starting after a match finds the next one, or the end")
    func searchFrom() {
        let bytes = Array("ab<cdefghijklmnopqrstuvwxyz<0123456789&".utf8)
        bytes.withUnsafeBufferPointer { buffer in
            let base = buffer.baseAddress!
            #expect(ByteScan.first(UInt8(ascii: "<"), or: UInt8(ascii: "&"), in: base, from: 0, to: buffer.count) == 2)
            #expect(ByteScan.first(UInt8(ascii: "<"), or: UInt8(ascii: "&"), in: base, from: 3, to: buffer.count) == 27)
            #expect(
                ByteScan.first(UInt8(ascii: "<"), or: UInt8(ascii: "&"), in: base, from: 28, to: buffer.count) == 38)
            #expect(ByteScan.first(UInt8(ascii: "<"), or: UInt8(ascii: "&"), in: base, from: 28, to: 38) == 38)
        }
    }

    @Test("firstNonASCII finds the first byte from 0x80 up")
    func firstNonASCII() {
        for count in 0...140 {
            for position in [nil] + Array(0..<count) {
                for byte: UInt8 in [0x80, 0xC3, 0xFF] {
                    withBytes(count: count, byte: byte, at: position) { base, _ in
                        #expect(ByteScan.firstNonASCII(in: base, from: 0, to: count) == position ?? count)
                        if let position, position > 0 {
                            #expect(ByteScan.firstNonASCII(in: base, from: 1, to: count) == position)
                        }
                    }
                }
            }
        }
    }

    /// The rule `isPlainWords` implements, one byte at a time.
    func isPlainWordsReference(_ bytes: [UInt8]) -> Bool {
        func plain(_ byte: UInt8) -> Bool {
            byte > 0x20 && byte != UInt8(ascii: "&") && byte != UInt8(ascii: "<") && byte != UInt8(ascii: ">")
        }
        guard let last = bytes.last else { return true }
        guard plain(last) else { return false }
        for index in 0..<bytes.count - 1 where !plain(bytes[index]) {
            guard bytes[index] == 0x20, plain(bytes[index + 1]) else { return false }
        }
        return true
    }

    @Test("isPlainWords accepts words with single spaces and nothing else")
    func plainWords() {
        // Every rule-breaking byte, and a double space, at every position of runs of several lengths.
        let breakers: [[UInt8]] = [
            [0x0A], [0x09], [UInt8(ascii: "&")], [UInt8(ascii: "<")], [UInt8(ascii: ">")], [0x20, 0x20], [0x01],
        ]
        for count in [1, 2, 15, 16, 17, 18, 31, 32, 33, 40, 64, 65] {
            let words = Array(String(repeating: "word é ", count: 12).utf8.prefix(count))
            for position in 0..<count {
                for breaker in breakers {
                    var bytes = words
                    bytes.replaceSubrange(position..<min(count, position + breaker.count), with: breaker)
                    let expected = isPlainWordsReference(bytes)
                    bytes.withUnsafeBufferPointer { #expect(ByteScan.isPlainWords($0) == expected, "\(bytes)") }
                }
            }
            words.withUnsafeBufferPointer { #expect(ByteScan.isPlainWords($0) == isPlainWordsReference(words)) }
        }
    }
}
