/// The story-level part of `ItemFeatures` packed into 32-bit words, as the
/// index stores it in its payload arena: a header word (counts and
/// direction), the term entries, two words per number, and the period then
/// subject codes four to a word. A value of this type is a view of those
/// words (for a stored item, valid until the index next changes).
struct CompactFeatures {
    let words: ArraySlice<UInt32>

    init(words: ArraySlice<UInt32>) {
        self.words = words
    }

    init(_ features: ItemFeatures) {
        words = ArraySlice(Self.pack(features))
    }

    /// Up to 15 periods and subjects (a headline names a few) and 255
    /// terms and numbers.
    static func pack(_ features: ItemFeatures) -> [UInt32] {
        let terms = features.terms.prefix(255)
        let numbers = features.numbers.prefix(255)
        let periods = features.periods.prefix(15)
        let subjects = features.subjects.prefix(15)
        let codes = Array(periods) + Array(subjects)
        var words: [UInt32] = []
        words.reserveCapacity(1 + terms.count + 2 * numbers.count + (codes.count + 3) / 4)
        let direction = UInt32(UInt8(bitPattern: features.direction.rawValue))
        let counts = UInt32(terms.count) | UInt32(numbers.count) << 8 | UInt32(periods.count) << 16
        words.append(counts | UInt32(subjects.count) << 20 | direction << 24)
        words.append(contentsOf: terms)
        for number in numbers {
            // Mantissas have at most 15 digits (< 2^50): 22 high bits, then
            // the exponent and the headline flag.
            let mantissa = UInt64(bitPattern: number.mantissa)
            words.append(UInt32(truncatingIfNeeded: mantissa))
            var high = UInt32(truncatingIfNeeded: mantissa >> 32) & 0x3F_FFFF
            high |= UInt32(UInt8(bitPattern: number.exponent)) << 22 | (number.inTitle ? 1 << 30 : 0)
            words.append(high)
        }
        var packed: UInt32 = 0
        for (index, code) in codes.enumerated() {
            packed |= UInt32(code) << (8 * UInt32(index % 4))
            if index % 4 == 3 || index == codes.count - 1 {
                words.append(packed)
                packed = 0
            }
        }
        return words
    }

    @inline(__always) private func word(_ index: Int) -> UInt32 { words[words.startIndex + index] }

    var termCount: Int { Int(word(0) & 0xFF) }
    var numberCount: Int { Int(word(0) >> 8 & 0xFF) }
    var periodCount: Int { Int(word(0) >> 16 & 0xF) }
    var subjectCount: Int { Int(word(0) >> 20 & 0xF) }
    var direction: NewsCues.Direction { NewsCues.Direction(rawValue: Int8(bitPattern: UInt8(word(0) >> 24))) ?? .none }

    @inline(__always) func term(_ index: Int) -> UInt32 { word(1 + index) }

    func number(_ index: Int) -> NumberMention {
        let base = 1 + termCount + 2 * index
        let high = word(base + 1)
        let mantissa = UInt64(word(base)) | UInt64(high & 0x3F_FFFF) << 32
        return NumberMention(
            mantissa: Int64(bitPattern: mantissa), exponent: Int8(bitPattern: UInt8(truncatingIfNeeded: high >> 22)),
            inTitle: high & (1 << 30) != 0)
    }

    var numbers: [NumberMention] { (0..<numberCount).map(number) }

    var hasTitleNumber: Bool { (0..<numberCount).contains { number($0).inTitle } }
    var periods: [UInt8] { (0..<periodCount).map(code) }
    var subjects: [UInt8] { (periodCount..<(periodCount + subjectCount)).map(code) }

    private func code(_ index: Int) -> UInt8 {
        let base = 1 + termCount + 2 * numberCount
        return UInt8(truncatingIfNeeded: word(base + index / 4) >> (8 * UInt32(index % 4)))
    }
}
