#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Fast searches over UTF-8 bytes: the C library's `memchr` for one byte,
/// sixteen bytes at a time for anything else. The sixteen-byte tests are
/// lane-wise arithmetic that the compiler turns into vector instructions:
/// each lane's high bit carries its answer (the standard library's
/// comparisons to a scalar and `any`/`all` reductions are not reliably
/// vectorized, and are avoided).
enum ByteScan {
    typealias Block = SIMD16<UInt8>

    @inline(__always)
    static func block(at pointer: UnsafePointer<UInt8>) -> Block {
        UnsafeRawPointer(pointer).loadUnaligned(as: Block.self)
    }

    /// Whether no lane of `lanes` has its high bit set (the other bits must be clear).
    @inline(__always)
    static func noneSet(_ lanes: Block) -> Bool {
        let halves = unsafeBitCast(lanes, to: SIMD2<UInt64>.self)
        return halves[0] | halves[1] == 0
    }

    /// The first lane of `lanes` with its high bit set, or nil.
    @inline(__always)
    static func firstSet(_ lanes: Block) -> Int? {
        let halves = unsafeBitCast(lanes, to: SIMD2<UInt64>.self)
        // Lane 0 is the lowest address: the low byte when read little-endian.
        let low = UInt64(littleEndian: halves[0])
        if low != 0 { return low.trailingZeroBitCount >> 3 }
        let high = UInt64(littleEndian: halves[1])
        if high != 0 { return 8 + high.trailingZeroBitCount >> 3 }
        return nil
    }

    /// 0x80 in each lane of `bytes` that is not zero, 0 elsewhere.
    @inline(__always)
    static func nonZero(_ bytes: Block) -> Block {
        ((bytes &+ 0x7F) | bytes) & 0x80
    }

    /// 0x80 in each lane of `bytes` that equals `byte`, 0 elsewhere.
    @inline(__always)
    static func equal(_ bytes: Block, _ byte: UInt8) -> Block {
        ~nonZero(bytes ^ Block(repeating: byte)) & 0x80
    }

    /// 0x80 in each lane of `bytes` from 0x21 up (visible ASCII or part of a multi-byte character).
    @inline(__always)
    static func aboveSpace(_ bytes: Block) -> Block {
        ((bytes &+ 0x5F) | bytes) & 0x80
    }

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
        while index + Block.scalarCount <= to {
            let bytes = block(at: base + index)
            if let lane = firstSet(equal(bytes, a) | equal(bytes, b)) { return index + lane }
            index += Block.scalarCount
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
        while index + Block.scalarCount <= to {
            let bytes = block(at: base + index)
            if let lane = firstSet(equal(bytes, a) | equal(bytes, b) | equal(bytes, c)) { return index + lane }
            index += Block.scalarCount
        }
        while index < to {
            let byte = base[index]
            if byte == a || byte == b || byte == c { return index }
            index += 1
        }
        return to
    }

    /// Index of the first `a`, `b`, `c` or `d` in `base[from..<to]`, or `to`.
    @inline(__always)
    static func first(
        _ a: UInt8, _ b: UInt8, _ c: UInt8, _ d: UInt8, in base: UnsafePointer<UInt8>, from: Int, to: Int
    ) -> Int {
        var index = from
        while index + Block.scalarCount <= to {
            let bytes = block(at: base + index)
            if let lane = firstSet(equal(bytes, a) | equal(bytes, b) | equal(bytes, c) | equal(bytes, d)) {
                return index + lane
            }
            index += Block.scalarCount
        }
        while index < to {
            let byte = base[index]
            if byte == a || byte == b || byte == c || byte == d { return index }
            index += 1
        }
        return to
    }

    /// Index of the first byte from 0x80 up (not ASCII) in `base[from..<to]`, or `to`.
    @inline(__always)
    static func firstNonASCII(in base: UnsafePointer<UInt8>, from: Int, to: Int) -> Int {
        var index = from
        // Whole documents are checked: skip 64 bytes per test while they are ASCII.
        while index + 4 * Block.scalarCount <= to {
            let pointer = base + index
            let merged =
                block(at: pointer) | block(at: pointer + 16) | block(at: pointer + 32) | block(at: pointer + 48)
            guard noneSet(merged & 0x80) else { break }
            index += 4 * Block.scalarCount
        }
        while index + Block.scalarCount <= to {
            if let lane = firstSet(block(at: base + index) & 0x80) { return index + lane }
            index += Block.scalarCount
        }
        while index < to, base[index] < 0x80 { index += 1 }
        return index
    }

    /// Whether `bytes` are plain words that are also their own HTML: visible
    /// characters other than `&`, `<` and `>`, and single spaces between
    /// them (the first and last bytes are not spaces).
    static func isPlainWords(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress, let last = bytes.last else { return true }
        func isPlainByte(_ byte: UInt8) -> Bool {
            byte > 0x20 && byte != UInt8(ascii: "&") && byte != UInt8(ascii: "<") && byte != UInt8(ascii: ">")
        }
        guard isPlainByte(last) else { return false }
        let count = bytes.count
        guard count > Block.scalarCount else {
            for index in 0..<count - 1 {
                let byte = base[index]
                guard isPlainByte(byte) || byte == 0x20 && isPlainByte(base[index + 1]) else { return false }
            }
            return true
        }
        // Blocks of sixteen with their following byte; the last block overlaps the one before.
        var index = 0
        while true {
            let blockStart = min(index, count - 1 - Block.scalarCount)
            let current = block(at: base + blockStart)
            let following = block(at: base + blockStart + 1)
            let plain = plainLanes(current)
            guard noneSet(~(plain | (equal(current, 0x20) & plainLanes(following))) & 0x80) else { return false }
            if blockStart == count - 1 - Block.scalarCount { return true }
            index += Block.scalarCount
        }
    }

    /// 0x80 in each lane that is visible and not `&`, `<` or `>`.
    @inline(__always)
    private static func plainLanes(_ bytes: Block) -> Block {
        aboveSpace(bytes) & ~(equal(bytes, UInt8(ascii: "&")) | equal(bytes, UInt8(ascii: "<")) | equal(bytes, UInt8(ascii: ">")))
    }

    /// Whether the sixteen bytes at `pointer` are plain words, which are
    /// their own plain text: each byte is a visible character other than
    /// `&`, or a single space followed by one. Reads `pointer[0...16]`.
    @inline(__always)
    static func isPlainWords(at pointer: UnsafePointer<UInt8>) -> Bool {
        let bytes = block(at: pointer)
        let following = block(at: pointer + 1)
        let ampersand = UInt8(ascii: "&")
        let visible = aboveSpace(bytes) & nonZero(bytes ^ Block(repeating: ampersand))
        let visibleNext = aboveSpace(following) & nonZero(following ^ Block(repeating: ampersand))
        let plain = visible | (equal(bytes, 0x20) & visibleNext)
        return noneSet(~plain & 0x80)
    }
}
