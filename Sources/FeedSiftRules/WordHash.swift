/// How the matcher fingerprints a folded word: its **head**, the first 8
/// bytes read as one little-endian integer (zero-padded), and a 64-bit
/// **hash** of all its bytes mixed 8 bytes at a time.
///
/// A word of at most 8 bytes is identified exactly by its head and length,
/// so comparing two such words costs one integer comparison; longer words
/// compare heads, hashes and then bytes. A prefix of length L ≤ 8 of a word
/// is the word's head masked to L bytes, so the hash of every short
/// beginning of a word comes from its head without reading the bytes again.
/// Bytes are only read inside the word (never past its end).
enum WordHash {
    private static let seed: UInt64 = 0x243F_6A88_85A3_08D3
    private static let multiplier: UInt64 = 0x9E37_79B9_7F4A_7C15

    /// The 128-bit product of `value` and a large odd constant, folded to 64
    /// bits: every input bit reaches every output bit.
    @inline(__always)
    private static func mix(_ value: UInt64) -> UInt64 {
        let product = value.multipliedFullWidth(by: multiplier)
        return product.high ^ product.low
    }

    /// The first `min(count, 8)` bytes at `bytes` as a little-endian integer.
    @inline(__always)
    static func head(_ bytes: UnsafePointer<UInt8>, count: Int) -> UInt64 {
        if count >= 8 { return load64(bytes) }
        if count >= 4 {
            let low = UInt64(load32(bytes))
            let high = UInt64(load32(bytes + (count &- 4)))
            return low | high &<< UInt64(truncatingIfNeeded: 8 &* (count &- 4))
        }
        if count == 0 { return 0 }
        let middle = count &>> 1
        return UInt64(bytes[0]) | UInt64(bytes[middle]) &<< UInt64(truncatingIfNeeded: 8 &* middle)
            | UInt64(bytes[count &- 1]) &<< UInt64(truncatingIfNeeded: 8 &* (count &- 1))
    }

    /// The hash of the `count` bytes at `bytes`, whose head is `head`.
    @inline(__always)
    static func hash(_ bytes: UnsafePointer<UInt8>, count: Int, head: UInt64) -> UInt64 {
        var hash = mix(start(count) ^ head)
        if count > 8 { hash = tail(bytes, count: count, hash: hash) }
        return hash
    }

    /// The hash of the first `length` (1…8) bytes of a word whose head is `head`.
    @inline(__always)
    static func prefixHash(head: UInt64, length: Int) -> UInt64 {
        mix(start(length) ^ (head & mask(length)))
    }

    /// The hash of `bytes`, for building tables.
    static func hash(_ bytes: [UInt8]) -> UInt64 {
        bytes.withUnsafeBufferPointer { buffer in
            guard let start = buffer.baseAddress else { return mix(Self.start(0)) }
            return hash(start, count: buffer.count, head: head(start, count: buffer.count))
        }
    }

    /// The head of `bytes`, for building tables.
    static func head(_ bytes: [UInt8]) -> UInt64 {
        bytes.withUnsafeBufferPointer { buffer in
            guard let start = buffer.baseAddress else { return 0 }
            return head(start, count: buffer.count)
        }
    }

    /// Keeps the first `length` bytes of a head (all of it from 8 on).
    @inline(__always)
    static func mask(_ length: Int) -> UInt64 {
        length >= 8 ? ~0 : (1 &<< UInt64(truncatingIfNeeded: 8 &* length)) &- 1
    }

    @inline(__always)
    private static func start(_ count: Int) -> UInt64 { seed ^ UInt64(truncatingIfNeeded: count) &* multiplier }

    /// Mixes in bytes 8 and on; the last partial chunk is read as the last 8
    /// bytes shifted down, so nothing past the word is read.
    @inline(never)
    private static func tail(_ bytes: UnsafePointer<UInt8>, count: Int, hash: UInt64) -> UInt64 {
        var hash = hash
        var offset = 8
        while offset + 8 <= count {
            hash = mix(hash ^ load64(bytes + offset))
            offset += 8
        }
        if offset < count {
            hash = mix(hash ^ load64(bytes + (count - 8)) &>> UInt64(8 * (8 - (count - offset))))
        }
        return hash
    }

    @inline(__always)
    private static func load64(_ bytes: UnsafePointer<UInt8>) -> UInt64 {
        UInt64(littleEndian: UnsafeRawPointer(bytes).loadUnaligned(as: UInt64.self))
    }

    @inline(__always)
    private static func load32(_ bytes: UnsafePointer<UInt8>) -> UInt32 {
        UInt32(littleEndian: UnsafeRawPointer(bytes).loadUnaligned(as: UInt32.self))
    }
}
