import FeedSiftCore
import FeedSiftTestSupport
import Foundation
import Testing

/// `LenientJSON` replaced Foundation's `JSONSerialization` for JSON Feed
/// documents and stored columns; these tests read the same texts with both
/// and compare what was accepted and every value, numbers as `NSNumber`
/// reports them (`stringValue`, `intValue`, `doubleValue`).
@Suite struct LenientJSONTests {
    /// What Foundation made of `bytes`: nil when it refused them.
    static func foundation(_ bytes: [UInt8]) -> String? {
        guard let object = try? JSONSerialization.jsonObject(with: Data(bytes)) else { return nil }
        return describe(object)
    }

    static func describe(_ value: Any) -> String {
        switch value {
        case let string as String: return "s:\(string.unicodeScalars.map { String($0.value, radix: 16) })"
        case is NSNull: return "null"
        case let array as [Any]: return "[" + array.map(describe).joined(separator: ",") + "]"
        case let object as [String: Any]:
            return "{"
                + object.map { "\(describeKey($0.key)):\(describe($0.value))" }.sorted()
                .joined(separator: ",") + "}"
        case let number as NSNumber:
            if String(describing: type(of: number)).contains("Boolean") { return "b:\(number.boolValue)" }
            return "n:\(number.stringValue)|\(number.intValue)|\(number.doubleValue.bitPattern)"
        default: return "?\(type(of: value))"
        }
    }

    static func describeKey(_ key: String) -> String {
        "\(key.unicodeScalars.map { String($0.value, radix: 16) })"
    }

    /// What `LenientJSON` made of `bytes`, in the same notation.
    static func lenient(_ bytes: [UInt8]) -> String? {
        guard let value = try? LenientJSON.parse(bytes) else { return nil }
        return describe(value)
    }

    static func describe(_ value: LenientJSON) -> String {
        switch value {
        case .string(let string): return "s:\(string.unicodeScalars.map { String($0.value, radix: 16) })"
        case .null: return "null"
        case .bool(let flag): return "b:\(flag)"
        case .number(let number):
            return "n:\(number.stringValue)|\(number.intValue)|\(number.doubleValue.bitPattern)"
        case .array(let elements): return "[" + elements.map(describe).joined(separator: ",") + "]"
        case .object(let members):
            return "{"
                + members.map { "\(describeKey($0.key)):\(describe($0.value))" }.sorted()
                .joined(separator: ",") + "}"
        }
    }

    static let documents: [String] = [
        #"{}"#, #"[]"#, #" { "a" : 1 } "#, "\t\r\n[1]\n", #"{"a":1,}"#, #"[1,2,]"#, #"[,]"#, #"{,}"#, #"[1,,2]"#,
        #"{"a":1}x"#, #"{"a":}"#, #"{"a"}"#, #"{a:1}"#, #"{'a':1}"#, #"{"a":1"#, #"["#, #""#, " ", #"1"#, #""x""#,
        #"null"#, #"true"#, #"{"a":tru}"#, #"{"a":nul}"#, #"{"a":True}"#, #"[true,false,null]"#,
        #"{"a":1,"a":2}"#, #"{"é":1,"e\u0301":2}"#, #"{"":""}"#,
        #"["\u00e9\ud83d\ude00\/\\\"\b\f\n\r\t"]"#, #"["\ud83d"]"#, #"["\ude00"]"#, #"["\ud83dx"]"#,
        #"["\ud83d\u0041"]"#, #"["\u12"]"#, #"["\u12G4"]"#, #"["\x"]"#, "[\"\u{1}\"]", "[\"a\u{7F}\"]", #"["\"#,
        "[\"\u{FEFF}x\"]", "[\"a\\n\u{FEFF}b\"]", #"["\u0000"]"#,
        "[0]", "[-0]", "[01]", "[-01]", "[1.]", "[.5]", "[1.5e]", "[1e+]", "[1e5]", "[1E5]", "[1e-5]", "[1.0]",
        "[-1.5]", "[1e400]", "[1E400]", "[-1e400]", "[1e-400]", "[123456789012345678]", "[1234567890123456789]",
        "[9223372036854775807]", "[9223372036854775808]", "[-9223372036854775808]", "[-9223372036854775809]",
        "[18446744073709551615]", "[18446744073709551616]", "[123456789012345678901234567890]",
        "[0.30000000000000004]", "[1.23456789012345678]", "[100000000000000000000.5]", "[1e15]", "[1e16]",
        "[12.99]", "[2.5e-324]", "[1.7976931348623157e308]", "[123456789012345678e200]", "[1.5E3]", "[--1]",
        "[+1]", "[1-2]", "[1e5.3]", "[0x10]", "[Infinity]", "[NaN]", "[1 2]", "[1,2 ]", "[1:2]",
        #"{"id":42,"size":12.7,"flag":true,"none":null,"list":["x",1,{"y":[]}]}"#,
        #"[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]"#,
    ]

    @Test func readsWhatFoundationReadAndRefusesWhatItRefused() {
        for document in Self.documents {
            let bytes = Array(document.utf8)
            #expect(Self.lenient(bytes) == Self.foundation(bytes), "\(document.debugDescription)")
        }
    }

    @Test func utf16AndUTF32TextIsReadAsFoundationReadIt() {
        let text = #"{"a":["é😀",1]}"#
        let encodings: [(String.Encoding, [UInt8])] = [
            (.utf16LittleEndian, []), (.utf16BigEndian, []), (.utf32LittleEndian, []), (.utf32BigEndian, []),
            (.utf16LittleEndian, [0xFF, 0xFE]), (.utf16BigEndian, [0xFE, 0xFF]), (.utf8, [0xEF, 0xBB, 0xBF]),
        ]
        for (encoding, mark) in encodings {
            let bytes = mark + Array(text.data(using: encoding)!)
            #expect(Self.lenient(bytes) != nil)
            #expect(Self.lenient(bytes) == Self.foundation(bytes), "\(encoding)")
        }
        // Zero bytes where UTF-16 would have them make Foundation read UTF-16.
        for bytes: [UInt8] in [[0x7B, 0, 0x7D, 0], [0x5B, 0], [0x5B, 0, 0, 0, 0x5D, 0, 0, 0], [0x5B, 0x5D, 0]] {
            #expect(Self.lenient(bytes) == Self.foundation(bytes), "\(bytes)")
        }
    }

    @Test func randomlyDamagedDocumentsAreTreatedAlike() {
        let pieces = [
            "{", "}", "[", "]", ",", ":", "\"", "\\", "\\u", "d83d", "de00", "00e9", "0", "1", "-", ".", "e", "+", "E",
            " ", "\n", "true", "false", "null", "\"a\"", "é", "😀", "12345678901234567890", "1.5", "x", "\u{FEFF}",
        ]
        var random = SeededRandom(seed: 7)
        var accepted = 0
        for round in 0..<20_000 {
            var document = Self.documents[round % Self.documents.count]
            for _ in 0...random.uniform(3) {
                var scalars = Array(document.unicodeScalars)
                let position = scalars.isEmpty ? 0 : random.uniform(scalars.count + 1)
                switch random.uniform(3) {
                case 0: scalars.insert(contentsOf: random.pick(pieces).unicodeScalars, at: position)
                case 1: if position < scalars.count { scalars.remove(at: position) }
                default:
                    if position < scalars.count {
                        scalars.replaceSubrange(position...position, with: random.pick(pieces).unicodeScalars)
                    }
                }
                document = String(String.UnicodeScalarView(scalars))
            }
            let bytes = Array(document.utf8)
            let expected = Self.foundation(bytes)
            if expected != nil { accepted += 1 }
            #expect(Self.lenient(bytes) == expected, "\(document.debugDescription)")
        }
        #expect(accepted > 2_000)
    }

    @Test func errorsReadAsFoundationDescribedThem() {
        #expect(throws: LenientJSONError.self) { try LenientJSON.parse(Array("{".utf8)) }
        do {
            _ = try JSONSerialization.jsonObject(with: Data("{".utf8))
        } catch {
            #expect(error.localizedDescription == LenientJSONError.foundationDescription)
        }
    }
}
