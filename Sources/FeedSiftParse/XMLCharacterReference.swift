// XML character references (`&#38;`, `&#x26;`) as the pre-pass reads them.

/// The code point of a character reference body (`38`, `x26`), or nil.
func characterReference(_ body: UnsafeBufferPointer<UInt8>) -> UInt32? {
    guard !body.isEmpty else { return nil }
    // Plain digits (the usual case) are read directly; anything else as the standard library reads it.
    let hex = body[0] == UInt8(ascii: "x") || body[0] == UInt8(ascii: "X")
    if let value = plainDigitsValue(UnsafeBufferPointer(rebasing: body[(hex ? 1 : 0)...]), hex: hex) {
        return value
    }
    var digits = Substring(String(decoding: body, as: UTF8.self))
    var radix = 10
    if digits.first == "x" || digits.first == "X" {
        radix = 16
        digits = digits.dropFirst()
    }
    guard !digits.isEmpty, digits.count <= 8, let value = UInt32(digits, radix: radix) else { return nil }
    return value
}

/// The value of one to eight decimal (or hex) digits, or nil if `digits` is anything else.
private func plainDigitsValue(_ digits: UnsafeBufferPointer<UInt8>, hex: Bool) -> UInt32? {
    guard !digits.isEmpty, digits.count <= 8 else { return nil }
    var value: UInt32 = 0
    for byte in digits {
        let digit: UInt32
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f") where hex: digit = UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F") where hex: digit = UInt32(byte - UInt8(ascii: "A") + 10)
        default: return nil
        }
        value = value * (hex ? 16 : 10) + digit
    }
    return value
}

func isXMLCharacter(_ scalar: UInt32) -> Bool {
    switch scalar {
    case 0x9, 0xA, 0xD, 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: return true
    default: return false
    }
}
