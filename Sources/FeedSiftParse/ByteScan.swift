#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Fast searches over UTF-8 bytes: the C library's `memchr` for one byte,
/// eight bytes at a time (SWAR) for either of two bytes.
enum ByteScan {
    /// Index of the first `byte` in `base[from..<to]`, or `to`.
    @inline(__always)
    static func first(_ byte: UInt8, in base: UnsafePointer<UInt8>, from: Int, to: Int) -> Int {
        guard from < to, let found = memchr(base + from, Int32(byte), to - from) else { return to }
        return UnsafeRawPointer(found).assumingMemoryBound(to: UInt8.self) - base
    }

    /// Index of the first `a` or `b` in `base[from..<to]`, or `to`.
    @inline(__always)
    static func first(_ a: UInt8, or b: UInt8, in base: UnsafePointer<UInt8>, from: Int, to: Int) -> Int {
        var index = from
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        let patternA = ones &* UInt64(a)
        let patternB = ones &* UInt64(b)
        while index + 8 <= to {
            let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
            let x = word ^ patternA
            let y = word ^ patternB
            // A zero byte in x or y marks a match (the classic "has zero byte" test).
            let found = ((x &- ones) & ~x & highs) | ((y &- ones) & ~y & highs)
            if found != 0 { break }
            index += 8
        }
        while index < to {
            let byte = base[index]
            if byte == a || byte == b { return index }
            index += 1
        }
        return to
    }

    /// Index of the first `a`, `b` or `c` in `base[from..<to]`, or `to`.
    @inline(__always)
    static func first(_ a: UInt8, _ b: UInt8, _ c: UInt8, in base: UnsafePointer<UInt8>, from: Int, to: Int) -> Int {
        var index = from
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        let patternA = ones &* UInt64(a)
        let patternB = ones &* UInt64(b)
        let patternC = ones &* UInt64(c)
        while index + 8 <= to {
            let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
            let x = word ^ patternA
            let y = word ^ patternB
            let z = word ^ patternC
            let found = ((x &- ones) & ~x & highs) | ((y &- ones) & ~y & highs) | ((z &- ones) & ~z & highs)
            if found != 0 { break }
            index += 8
        }
        while index < to {
            let byte = base[index]
            if byte == a || byte == b || byte == c { return index }
            index += 1
        }
        return to
    }
}
