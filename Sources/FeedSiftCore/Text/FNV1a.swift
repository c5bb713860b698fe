/// Incremental 64-bit FNV-1a: a hash that is the same on every run and
/// platform (unlike `Hasher`), for values feedsift stores or compares
/// across processes (content fingerprints, the publication fingerprint,
/// Message-IDs). Not for hash tables an attacker can fill. Inlinable:
/// deduplication hashes every word with it.
public struct FNV1a: Sendable {
    /// The hash of everything added so far.
    public var value: UInt64 = 0xcbf2_9ce4_8422_2325

    @inlinable
    public init() {}

    @inlinable
    public mutating func add(_ byte: UInt8) {
        value ^= UInt64(byte)
        value &*= 0x0000_0100_0000_01b3
    }

    @inlinable
    public mutating func add(_ bytes: UnsafeBufferPointer<UInt8>) {
        for byte in bytes { add(byte) }
    }

    /// Adds the text's UTF-8: in place when the string stores it
    /// contiguously (native strings do), since iterating a `UTF8View` costs
    /// several times as much per byte.
    @inlinable
    public mutating func add(_ text: some StringProtocol) {
        let added: Void? = text.utf8.withContiguousStorageIfAvailable { add($0) }
        if added == nil {
            for byte in text.utf8 { add(byte) }
        }
    }

    /// The value as 16 hex digits.
    public var hex: String { Hexadecimal.digits(value, count: 16) }
}
