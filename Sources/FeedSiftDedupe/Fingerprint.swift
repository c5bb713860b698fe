/// Stable 64-bit FNV-1a hashes, printed as 16 hex digits: cheap, the same
/// on every run and platform (unlike `Hasher`), good enough to tell whether
/// a text changed or two normalized texts are identical.
public enum Fingerprint {
    public static func hash(_ parts: String?...) -> String {
        hash(parts)
    }

    public static func hash(_ parts: [String?]) -> String {
        var value: UInt64 = 0xcbf2_9ce4_8422_2325
        for part in parts {
            for byte in (part ?? "").utf8 {
                value ^= UInt64(byte)
                value &*= 0x0000_0100_0000_01b3
            }
            // Separate the parts so ("ab", "c") and ("a", "bc") differ.
            value ^= 0xff
            value &*= 0x0000_0100_0000_01b3
        }
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
