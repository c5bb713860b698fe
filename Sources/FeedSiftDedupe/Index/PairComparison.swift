/// The tests that compare two items: whether one copies the other, and
/// whether something in their headlines says they cannot be one story.
enum PairComparison {
    /// Why two headlines cannot report the same event.
    enum Veto: Equatable {
        /// One reports a rise, the other a fall.
        case direction
        /// They name different reporting periods (November vs December).
        case period
        /// Both headlines state numbers and neither's appear in the other.
        case numbers
        /// They name different commodities.
        case subject
    }

    static func veto(_ first: CompactFeatures, _ second: CompactFeatures) -> Veto? {
        let firstDirection = first.direction
        let secondDirection = second.direction
        if firstDirection != .none && secondDirection != .none && firstDirection != secondDirection {
            return .direction
        }
        if first.periodCount > 0 && second.periodCount > 0 && !sharesCode(first.periods, second.periods) {
            return .period
        }
        if first.subjectCount > 0 && second.subjectCount > 0 && !sharesCode(first.subjects, second.subjects) {
            return .subject
        }
        if first.numberCount > 0 && second.numberCount > 0 && first.hasTitleNumber && second.hasTitleNumber
            && !titleNumberAppears(first, in: second) && !titleNumberAppears(second, in: first)
        {
            return .numbers
        }
        return nil
    }

    private static func sharesCode(_ first: [UInt8], _ second: [UInt8]) -> Bool {
        first.contains { second.contains($0) }
    }

    /// Whether one of `source`'s headline numbers roughly equals a number of `target`.
    private static func titleNumberAppears(_ source: CompactFeatures, in target: CompactFeatures) -> Bool {
        for index in 0..<source.numberCount {
            let number = source.number(index)
            guard number.inTitle else { continue }
            for other in 0..<target.numberCount where number.roughlyEquals(target.number(other)) { return true }
        }
        return false
    }

    /// A value both items state exactly: strong evidence for a headline.
    static func sharesNumber(_ first: CompactFeatures, _ second: CompactFeatures) -> Bool {
        for index in 0..<first.numberCount {
            let number = first.number(index)
            for other in 0..<second.numberCount where number.sameValue(second.number(other)) { return true }
        }
        return false
    }
}
