/// Hexadecimal digits both ways: the value of one ASCII digit (either
/// case), and a number written with a fixed count of lowercase digits.
public enum Hexadecimal {
    /// The value of `byte` as a hex digit, nil when it is not one.
    @inlinable
    public static func digitValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        default: nil
        }
    }

    /// `value` in lowercase hex, padded with zeros to at least `count`
    /// digits (a fixed width sorts as the number does).
    public static func digits(_ value: UInt64, count: Int) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: max(0, count - digits.count)) + digits
    }
}
