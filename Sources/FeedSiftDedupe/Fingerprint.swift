/// Stable 64-bit FNV-1a hashes, printed as 16 hex digits: cheap, the same
/// on every run and platform (unlike `Hasher`), good enough to tell whether
/// a text changed or two normalized texts are identical.
public enum Fingerprint {
    public static func hash(_ parts: String?...) -> String {
        hash(parts)
    }

    public static func hash(_ parts: [String?]) -> String {
        var hasher = FNV1a()
        for part in parts {
            if var part {
                part.withUTF8 { hasher.add($0) }
            }
            // Separate the parts so ("ab", "c") and ("a", "bc") differ.
            hasher.add(0xff)
        }
        return hasher.hex
    }
}

/// Incremental 64-bit FNV-1a.
struct FNV1a {
    private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    mutating func add(_ byte: UInt8) {
        value ^= UInt64(byte)
        value &*= 0x0000_0100_0000_01b3
    }

    mutating func add(_ bytes: UnsafeBufferPointer<UInt8>) {
        for byte in bytes { add(byte) }
    }

    /// The value as 16 hex digits.
    var hex: String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
