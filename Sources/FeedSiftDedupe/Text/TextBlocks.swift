import FeedSiftCore

/// Splits plain text into the blocks deduplication reasons about:
/// paragraphs (separated by blank lines, as the parser writes them) and
/// sentences within a paragraph.
///
/// Sentence splitting is deliberately simple and deterministic: a copy of a
/// text is split exactly like its original, which is all boilerplate
/// detection needs. Initials (`U.S.`) and common abbreviations (`Oct.`,
/// `Corp.`) do not end a sentence.
public enum TextBlocks {
    /// The paragraphs of `text`, trimmed, without empty ones; the lines of a
    /// paragraph are joined with spaces.
    ///
    /// A paragraph of one line (what the parser's text gives for a `<p>`)
    /// is copied from `text` as it stands: a slice of a String needs no
    /// UTF-8 validation, where bytes made into a String do (0.8 % of a
    /// cold cycle's instructions went into validating paragraphs).
    public static func paragraphs(_ text: String) -> [String] {
        var result: [String] = []
        // The paragraph so far: one line as a range of `text`'s UTF-8, or,
        // once a second line joins it, bytes.
        var line: Range<Int>?
        var joined: [UInt8] = []
        func finish() {
            if !joined.isEmpty {
                result.append(String(decoding: joined, as: UTF8.self))
                joined.removeAll(keepingCapacity: true)
            } else if let line {
                let scalars = text.unicodeScalars
                let start = text.utf8.index(text.utf8.startIndex, offsetBy: line.lowerBound)
                let end = text.utf8.index(start, offsetBy: line.count)
                result.append(String(scalars[start..<end]))
            }
            line = nil
        }
        var bytesOfText = text
        bytesOfText.withUTF8 { bytes in
            var lineStart = 0
            while lineStart <= bytes.count {
                let lineEnd = bytes[lineStart...].firstIndex(of: newline) ?? bytes.count
                var start = lineStart
                var end = lineEnd
                lineStart = lineEnd + 1
                while start < end, isSpace(bytes[start]) { start += 1 }
                while end > start, isSpace(bytes[end - 1]) { end -= 1 }
                if start == end {
                    finish()
                } else if let first = line {
                    if joined.isEmpty { joined.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[first])) }
                    joined.append(space)
                    joined.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<end]))
                } else {
                    line = start..<end
                }
            }
        }
        finish()
        return result
    }

    private static let newline = UInt8(ascii: "\n")
    private static let space = UInt8(ascii: " ")

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == space || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\r")
    }

    /// The sentences of one paragraph, in order, trimmed.
    public static func sentences(_ paragraph: String) -> [Substring] {
        sentenceRanges(paragraph).map { paragraph.substring(utf8Range: $0) }
    }

    /// Where the sentences of one paragraph are, as ranges of its UTF-8.
    static func sentenceRanges(_ paragraph: String) -> [Range<Int>] {
        var result: [Range<Int>] = []
        sentenceRanges(paragraph, into: &result)
        return result
    }

    /// `sentenceRanges(paragraph)` written into `result` (emptied first),
    /// so that a caller splitting many paragraphs reuses one buffer.
    static func sentenceRanges(_ paragraph: String, into result: inout [Range<Int>]) {
        result.removeAll(keepingCapacity: true)
        var paragraph = paragraph
        paragraph.withUTF8 { bytes in
            var start = 0
            var index = 0
            while index < bytes.count {
                index = nextPossibleTerminator(bytes, from: index)
                guard index < bytes.count else { break }
                let byte = bytes[index]
                guard byte == UInt8(ascii: ".") || byte == UInt8(ascii: "!") || byte == UInt8(ascii: "?") else {
                    index += 1
                    continue
                }
                var end = index + 1
                while end < bytes.count, isCloser(bytes[end]) { end += 1 }
                var next = end
                while next < bytes.count, bytes[next] == UInt8(ascii: " ") { next += 1 }
                let endsSentence =
                    next > end && next < bytes.count && startsSentence(bytes[next])
                    && !(byte == UInt8(ascii: ".") && isAbbreviation(bytes, endingAt: index))
                if endsSentence {
                    result.append(start..<end)
                    start = next
                }
                index = end
            }
            if start < bytes.count, let rest = trimmedRest(bytes, from: start) {
                result.append(rest)
            }
        }
    }

    /// The bytes from `start` on without leading and trailing spaces, tabs
    /// and carriage returns, as `trimmingSpaces` trims them (by character);
    /// nil when nothing is left. Trimmed byte by byte: the paragraph's last
    /// sentence is usually this rest, and copying it into a string to
    /// trim it by grapheme clusters was most of the splitting's cost. A
    /// trimmed byte could belong to a character with what follows it only
    /// at the front (a carriage return before a line feed, a space before
    /// a combining mark); there the characters decide.
    static func trimmedRest(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Range<Int>? {
        func isSpace(_ byte: UInt8) -> Bool {
            byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\r")
        }
        var lower = start
        while lower < bytes.count, isSpace(bytes[lower]) { lower += 1 }
        if lower > start, lower < bytes.count, bytes[lower] >= 0x80 || bytes[lower] == UInt8(ascii: "\n") {
            let rest = String(decoding: UnsafeBufferPointer(rebasing: bytes[start...]), as: UTF8.self)
            let piece = rest.trimmingSpaces()
            guard !piece.isEmpty else { return nil }
            let pieceStart = start + rest.utf8.distance(from: rest.startIndex, to: piece.startIndex)
            return pieceStart..<(pieceStart + piece.utf8.count)
        }
        var upper = bytes.count
        while upper > lower, isSpace(bytes[upper - 1]) { upper -= 1 }
        return lower < upper ? lower..<upper : nil
    }

    /// `from`, moved on by whole 8-byte words that hold no `.`, `!` or `?`
    /// (most of a paragraph's bytes), tested a word at a time.
    @inline(__always)
    private static func nextPossibleTerminator(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        guard let base = bytes.baseAddress else { return start }
        let raw = UnsafeRawPointer(base)
        var index = start
        while index + 8 <= bytes.count {
            let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: index, as: UInt64.self))
            if hasByte(word, 0x2E) || hasByte(word, 0x21) || hasByte(word, 0x3F) { return index }
            index += 8
        }
        return index
    }

    /// Whether any byte of `word` is `byte` (the classic zero-byte test on
    /// `word ^ byte…byte`; it never misses one).
    @inline(__always)
    private static func hasByte(_ word: UInt64, _ byte: UInt8) -> Bool {
        let value = word ^ (0x0101_0101_0101_0101 &* UInt64(byte))
        return (value &- 0x0101_0101_0101_0101) & ~value & 0x8080_8080_8080_8080 != 0
    }

    private static func isCloser(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") || byte == UInt8(ascii: ")")
            || byte == UInt8(ascii: "]")
    }

    /// An upper-case letter, a digit, an opening quote or bracket, or any
    /// non-ASCII character (accented capitals, CJK) can open a sentence.
    private static func startsSentence(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
            || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
            || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") || byte == UInt8(ascii: "(") || byte >= 0x80
    }

    private static let abbreviations = ShortWordTable(words: [
        "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "no", "nos", "corp",
        "inc", "co", "ltd", "plc", "st", "mr", "mrs", "ms", "dr", "prof", "gen", "gov", "sen", "rep", "vs", "jr",
        "sr", "mt", "ft", "approx", "est", "dept", "min", "max",
    ])

    /// Whether the word before the period at `period` is an initial, part
    /// of a dotted abbreviation, or a common abbreviation.
    private static func isAbbreviation(_ bytes: UnsafeBufferPointer<UInt8>, endingAt period: Int) -> Bool {
        var start = period
        while start > 0, isASCIILetter(bytes[start - 1]) { start -= 1 }
        let length = period - start
        if length == 0 { return false }
        if length == 1 { return true }
        if start > 0, bytes[start - 1] == UInt8(ascii: ".") { return true }
        guard length <= 6 else { return false }
        return abbreviations.contains(bytes: bytes[start..<period].lazy.map { $0 | 0x20 })
    }

    private static func isASCIILetter(_ byte: UInt8) -> Bool {
        (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z")
    }
}

extension StringProtocol {
    /// Without leading and trailing spaces, tabs and carriage returns.
    func trimmingSpaces() -> Substring {
        var view = self[...]
        while let first = view.first, first == " " || first == "\t" || first == "\r" { view = view.dropFirst() }
        while let last = view.last, last == " " || last == "\t" || last == "\r" { view = view.dropLast() }
        return Substring(view)
    }
}
