@_spi(SwiftCorelibsFoundation) import FoundationEssentials

/// A JSON number as Foundation's `JSONSerialization` stores it (in an
/// `NSNumber`), with that class's `stringValue` and `intValue`.
///
/// The representation follows the text, as Foundation chose it: an
/// integer that fits is an `Int64` or `UInt64`; a longer mantissa (more than
/// 17 characters, sign and point included) with a small exponent is a
/// `Decimal`; anything else is a `Double`. Text none of these can hold
/// (`1e999`) is not a number Foundation accepts, and `init?(jsonText:)`
/// fails for it.
public struct LenientJSONNumber: Sendable, Equatable {
    private enum Storage: Sendable, Equatable {
        case bool(Bool)
        case int64(Int64)
        case uint64(UInt64)
        case decimal(Decimal)
        case double(Double)
    }

    private let storage: Storage

    init(bool: Bool) {
        storage = .bool(bool)
    }

    /// The number that JSON number text (already checked against the JSON
    /// grammar) stands for; nil where Foundation would report "not
    /// representable in Swift".
    init?(jsonText text: String) {
        let decimalPoint = text.firstIndex(of: ".")
        // Foundation looks for a lowercase "e" only; "1E2" is read as a
        // mantissa without exponent and then by `Double`.
        let exponentMark = text.firstIndex(of: "e")
        let isInteger = decimalPoint == nil && exponentMark == nil
        let isNegative = text.utf8.first == UInt8(ascii: "-")
        let mantissaLength = text[..<(exponentMark ?? text.endIndex)].count
        if isInteger {
            if isNegative {
                if mantissaLength <= 19, let value = Int64(text) {
                    storage = .int64(value)
                    return
                }
            } else if mantissaLength <= 20, let value = UInt64(text) {
                storage = .uint64(value)
                return
            }
        }
        var exponent = 0
        if let exponentMark, let parsed = Int(text[text.index(after: exponentMark)...]) {
            exponent = parsed
        }
        if mantissaLength > 17, exponent >= -128, exponent <= 127, let decimal = Decimal(string: text),
            decimal.isFinite
        {
            storage = .decimal(decimal)
            return
        }
        if let double = Double(text), double.isFinite {
            storage = .double(double)
            return
        }
        return nil
    }

    /// `NSNumber.stringValue`: integers in decimal, booleans as 1 and 0,
    /// doubles as Swift prints them (`1.0`, `1e+16`).
    public var stringValue: String {
        switch storage {
        case .bool(let value): value ? "1" : "0"
        case .int64(let value): String(value)
        case .uint64(let value): String(value)
        case .decimal(let value): value.description
        case .double(let value): value.description
        }
    }

    /// `NSNumber.doubleValue`.
    public var doubleValue: Double {
        switch storage {
        case .bool(let value): value ? 1 : 0
        case .int64(let value): Double(value)
        case .uint64(let value): Double(value)
        case .decimal(let value): value._doubleValue
        case .double(let value): value
        }
    }

    /// `NSNumber.intValue`: integers wrap to 64 bits, doubles drop their
    /// fraction (out of range: `Int.min`, as the processor converts them),
    /// decimals convert as `NSDecimalNumber` does.
    public var intValue: Int {
        switch storage {
        case .bool(let value): value ? 1 : 0
        case .int64(let value): Int(value)
        case .uint64(let value): Int(truncatingIfNeeded: value)
        case .decimal(let value): Int(truncatingIfNeeded: value._int64Value)
        case .double(let value):
            value >= -9_223_372_036_854_775_808.0 && value < 9_223_372_036_854_775_808.0 ? Int(value) : Int.min
        }
    }
}
