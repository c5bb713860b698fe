import FeedSiftTestSupport
import Foundation
import Testing

@testable import FeedSiftCore

/// What replaced Foundation-only calls when feedsift moved to
/// FoundationEssentials, checked against those calls (which the tests may
/// still make).
@Suite struct FoundationParityTests {
    @Test func trimmingMatchesFoundationForEveryScalar() {
        // Both sets lie in the Basic Multilingual Plane; a few scalars above it stand for the rest.
        for value in Array(0..<0x1_0000) + [0x1_0000, 0x1_F600, 0x2_0000, 0xE_0020, 0x10_FFFF] {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let text = "\(scalar)x\(scalar)"
            #expect(
                scalars(text.trimmingWhitespace()) == scalars(text.trimmingCharacters(in: .whitespaces)), "U+\(value)")
            #expect(
                scalars(text.trimmingWhitespaceAndNewlines())
                    == scalars(text.trimmingCharacters(in: .whitespacesAndNewlines)), "U+\(value)")
        }
        for text in ["", " ", " \u{301}a ", "a\u{301} ", "\r\n x \r\n", "\u{200B}a\u{3000}", "\t\u{85}\u{2028}"] {
            #expect(scalars(text.trimmingWhitespace()) == scalars(text.trimmingCharacters(in: .whitespaces)))
            #expect(
                scalars(text.trimmingWhitespaceAndNewlines())
                    == scalars(text.trimmingCharacters(in: .whitespacesAndNewlines)))
        }
    }

    @Test func percentDecodingMatchesFoundation() {
        var samples = [
            "abc", "%", "%4", "%zz", "%41", "%C3%A9", "%C3", "%00", "%2F", "a%2", "%ff", "%c3%a9", "%%41", "%4G",
            "é%41", "%E2%82", "%F0%9F%98%80", "%ED%A0%80", "%C0%80", "a+b", "%2B", "%EF%BB%BFx", "x%EF%BB%BF",
            "/srv/feeds/caf%C3%A9.xml", "%20%20", "%A9", "x%A9%A9", "\u{FEFF}x", "%EF%BB%BF%EF%BB%BFx", "%C3©",
            "%F4%90%80%80", "%F0%8F%BF%BF", "%E0%9F%BF",
        ]
        // Every byte and pair of bytes, escaped.
        for first in 0..<256 {
            samples.append(hex(first))
            for second in stride(from: 0, to: 256, by: 3) { samples.append(hex(first) + hex(second)) }
        }
        var random = SeededRandom(seed: 3)
        let pieces = ["%", "4", "1", "C3", "A9", "%E2", "%82", "%AC", "x", "é", "%2", "%EF%BB%BF", "/"]
        for _ in 0..<5_000 { samples.append((0..<random.uniform(6)).map { _ in random.pick(pieces) }.joined()) }
        for sample in samples {
            #expect(
                scalars(PercentDecoding.decode(sample)) == scalars(sample.removingPercentEncoding),
                "\(sample.debugDescription)")
        }
    }

    /// Scalar by scalar: `String`'s `==` would take canonically equivalent texts as equal.
    private func scalars(_ text: String?) -> [UInt32]? {
        text.map { $0.unicodeScalars.map(\.value) }
    }

    private func hex(_ byte: Int) -> String {
        "%" + (byte < 16 ? "0" : "") + String(byte, radix: 16, uppercase: true)
    }

    @Test func pathNamesMatchNSString() {
        // Foundation stops the process for a one-character relative path ("a", "a/"); not compared.
        let paths = [
            "", "/", "//", "///", "a//b", "/a", "/a/", "a/b/", "//a//b//", "./a", "a/.", "~/x", "/a/b/../c",
            "a/b/c.atom", "/var/lib/feedsift/feed.atom", "feed.atom", "./feed.atom", "/feed.atom", "é/ü", "a/ /b",
            " / ", "var/feed.atom", "ab", "abc/def", "/srv//feeds///out/", "/é",
        ]
        for path in paths {
            #expect(
                scalars(PathNames.parent(of: path)) == scalars((path as NSString).deletingLastPathComponent), "\(path)")
            #expect(
                scalars(PathNames.lastComponent(of: path)) == scalars((path as NSString).lastPathComponent), "\(path)")
        }
        #expect(PathNames.parent(of: "a") == "")
        #expect(PathNames.lastComponent(of: "a/") == "a")
    }

    @Test func errorTextsMatchNSError() throws {
        var errors: [any Error] = (0..<5000).map { CocoaError(CocoaError.Code(rawValue: $0)) }
        errors += [POSIXError(.EACCES), POSIXError(.ENOENT), CocoaError(.fileWriteNoPermission, userInfo: ["x": 1])]
        for error in errors {
            #expect(ErrorText.failureReason(error) == (error as NSError).localizedFailureReason, "\(error)")
            #expect(ErrorText.description(error) == (error as NSError).localizedDescription, "\(error)")
        }
        let directory = try TemporaryDirectory()
        let file = try directory.write("file", "x")
        do {
            try FileManager.default.createDirectory(atPath: file + "/sub", withIntermediateDirectories: true)
            Issue.record("created a directory inside a file")
        } catch {
            #expect(ErrorText.description(error) == (error as NSError).localizedDescription)
        }
    }

    @Test func internetDateTimeMatchesISO8601DateFormatter() {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        var instants: [Int64] = [
            0, -1, -12_219_292_801, -12_219_292_800, -62_135_596_800, -62_135_596_800 - 50_400, 253_402_300_799,
            253_402_300_800 + 50_400, 1_780_000_000,
        ]
        var random = SeededRandom(seed: 11)
        for _ in 0..<20_000 {
            instants.append(Int64(random.next() % 315_538_300_000) - 62_135_700_000)
        }
        for instant in instants {
            let date = Date(timeIntervalSince1970: TimeInterval(instant))
            #expect(InternetDateTime.format(date) == formatter.string(from: date), "\(instant)")
        }
    }

    @Test func monthNamesMatchCaseInsensitiveCompare() {
        let month = HTTPDate.parse("Sun, 06 Nov 1994 08:49:37 GMT")
        #expect(HTTPDate.parse("Sun, 06 nOV 1994 08:49:37 GMT") == month)
        // Unicode case folding makes U+017F LONG S an s, as Foundation's compare did.
        #expect(
            HTTPDate.parse("Tue, 06 \u{17F}ep 1994 08:49:37 GMT") == HTTPDate.parse("Tue, 06 Sep 1994 08:49:37 GMT"))
        #expect("Sep".caseInsensitiveCompare("\u{17F}ep") == .orderedSame)
        #expect(HTTPDate.parse("Sun, 06 N\u{30A}ov 1994 08:49:37 GMT") == nil)
        #expect(HTTPDate.parse("Sunday, 06-nov-94 08:49:37 GMT") == month)
    }

    @Test func foldingTableMatchesFoundationBelowU2000() {
        for value in UInt32(0x80)..<0x2000 {
            guard let scalar = Unicode.Scalar(value),
                NonASCIIFolding.table.characterClass(of: value) == .wordCharacter
            else { continue }
            var buffer = FoldBuffer()
            defer { buffer.deallocate() }
            NonASCIIFolding.table.appendFolded(value, to: &buffer)
            let folded = String(scalar).folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
            var expected: [UInt8] = []
            for part in folded.unicodeScalars
            where [
                .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter, .decimalNumber,
                .letterNumber,
            ]
            .contains(part.properties.generalCategory) {
                expected.append(contentsOf: String(part).utf8)
            }
            #expect(Array(buffer.contents) == expected, "U+\(String(value, radix: 16))")
        }
    }
}
