import Testing

@testable import FeedSiftParse

/// The UTF-8 check behind every String the parser makes: ASCII skipped in
/// blocks, multi-byte characters checked one by one, wherever they fall
/// relative to the blocks.
@Suite("UTF-8 checks")
struct UTF8ValidationTests {
    func classify(_ bytes: [UInt8]) -> UTF8Validation.Content {
        bytes.withUnsafeBufferPointer { UTF8Validation.classify($0) }
    }

    @Test("ASCII, other valid UTF-8 and U+0080–U+00FF are told apart at any offset")
    func validText() {
        for prefix in [0, 1, 14, 15, 16, 17, 62, 63, 64, 65, 100] {
            let padding = [UInt8](repeating: UInt8(ascii: "a"), count: prefix)
            let ascii = classify(padding + Array("plain".utf8))
            #expect(ascii.isValid && ascii.isASCII && !ascii.hasLatin1Range)
            for (character, latin1) in [("é", true), ("\u{96}", true), ("—", false), ("日", false), ("😀", false)] {
                let content = classify(padding + Array(character.utf8) + Array("tail".utf8))
                #expect(content.isValid, "\(character) after \(prefix) bytes")
                #expect(!content.isASCII)
                #expect(content.hasLatin1Range == latin1)
            }
        }
    }

    @Test(
        "Malformed UTF-8 is found wherever it is",
        arguments: [
            [0x80], [0xC3], [0xE2, 0x80], [0xC0, 0x80], [0xE0, 0x80, 0x80], [0xED, 0xA0, 0x80],
            [0xF4, 0x90, 0x80, 0x80],
            [0xFF],
        ] as [[UInt8]])
    func invalidText(_ sequence: [UInt8]) {
        for prefix in [0, 15, 16, 63, 64] {
            let padding = [UInt8](repeating: UInt8(ascii: "a"), count: prefix)
            #expect(!classify(padding + sequence).isValid, "\(sequence) after \(prefix) bytes")
            #expect(!classify(padding + sequence + Array("tail".utf8)).isValid)
        }
    }

    @Test("Strings made from checked bytes equal the standard library's, invalid bytes repaired the same way")
    func strings() {
        let samples: [[UInt8]] = [
            [], Array("short".utf8), Array("a longer string than fifteen bytes, with é and 日本".utf8),
            Array("bad ÿ byte".utf8) + [0xFF, 0x41], [0x41, 0xE2, 0x80],
        ]
        for bytes in samples {
            let made = bytes.withUnsafeBufferPointer { String(checkedUTF8: $0) }
            #expect(made == String(decoding: bytes, as: UTF8.self))
            #expect(Array(made.utf8) == Array(String(decoding: bytes, as: UTF8.self).utf8))
        }
    }
}
