import FeedSiftCore

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
