/// A number as a story states it, reduced to its value so that different
/// spellings compare equal: `137,000`, `137 thousand` and `137000` are one
/// number; `177.6 mln` is `177.6 million` is `177,600,000`.
///
/// The value is `mantissa × 10^exponent` with trailing zeros moved into the
/// exponent, so the exponent is also the precision the writer used:
/// `11,200` is rounded to hundreds, `4.6` to tenths. Numbers that identify
/// nothing about an event (years, days of the month) are not collected.
public struct NumberMention: Sendable, Hashable {
    public var mantissa: Int64
    public var exponent: Int8
    /// Whether the number appears in the headline (else in the lead).
    public var inTitle: Bool

    public init(mantissa: Int64, exponent: Int8, inTitle: Bool) {
        self.mantissa = mantissa
        self.exponent = exponent
        self.inTitle = inTitle
    }

    public var value: Double { Double(mantissa) * pow10(Int(exponent)) }

    /// The same number, possibly rounded differently: `4%` and `4.2%`,
    /// `$11,200` and `$11,245`. Used only to decide that two stories do
    /// *not* conflict, so it errs on the lenient side.
    public func roughlyEquals(_ other: NumberMention) -> Bool {
        let unit = pow10(Int(max(exponent, other.exponent)))
        return abs(value - other.value) <= 0.5 * unit + 1e-9 * unit
    }

    /// Exactly the same value (`137,000` and `137 thousand`).
    public func sameValue(_ other: NumberMention) -> Bool {
        mantissa == other.mantissa && exponent == other.exponent
    }

    /// The value as text, for terms and explanations (`137000`, `4.6`).
    public var canonicalText: String {
        if exponent >= 0 { return String(mantissa) + String(repeating: "0", count: Int(exponent)) }
        let digits = String(mantissa.magnitude)
        let places = Int(-exponent)
        let padded = String(repeating: "0", count: max(0, places + 1 - digits.count)) + digits
        let split = padded.index(padded.endIndex, offsetBy: -places)
        return padded[..<split] + "." + padded[split...]
    }
}

private func pow10(_ exponent: Int) -> Double {
    var result = 1.0
    if exponent >= 0 {
        for _ in 0..<exponent { result *= 10 }
    } else {
        for _ in 0..<(-exponent) { result /= 10 }
    }
    return result
}
