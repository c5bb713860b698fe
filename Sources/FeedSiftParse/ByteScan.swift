#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Fast searches over UTF-8 bytes: the C library's `memchr` for one byte,
/// sixteen bytes at a time for anything else. Lanes are compared against
/// vectors (`.==`, `.>`), which the compiler turns into vector compares;
/// the result is turned into high bits with `replacing(with:where:)` and
/// tested as two words. (Comparisons with a scalar operand and the `any`/
/// `all` reductions are not reliably vectorized, and are avoided.)
enum ByteScan {
    typealias Block = SIMD16<UInt8>
    typealias Lanes = SIMDMask<SIMD16<Int8>>

    @inline(__always)
    static func block(at pointer: UnsafePointer<UInt8>) -> Block {
        UnsafeRawPointer(pointer).loadUnaligned(as: Block.self)
    }

    @inline(__always)
    static func splat(_ byte: UInt8) -> Block {
        Block(repeating: byte)
    }

    /// 0x80 in each selected lane, 0 elsewhere.
    @inline(__always)
    static func highBits(_ lanes: Lanes) -> Block {
        Block(repeating: 0).replacing(with: 0x80, where: lanes)
    }

    /// Whether no lane of `bytes` has its high bit set (the other bits must be clear).
    @inline(__always)
    static func noneSet(_ bytes: Block) -> Bool {
        let halves = unsafeBitCast(bytes, to: SIMD2<UInt64>.self)
        return halves[0] | halves[1] == 0
    }

    @inline(__always)
    static func any(_ lanes: Lanes) -> Bool {
        !noneSet(highBits(lanes))
    }

    /// The first selected lane, or nil.
    @inline(__always)
    static func firstSet(_ lanes: Lanes) -> Int? {
        let halves = unsafeBitCast(highBits(lanes), to: SIMD2<UInt64>.self)
        // Lane 0 is the lowest address: the low byte when read little-endian.
        let low = UInt64(littleEndian: halves[0])
        if low != 0 { return low.trailingZeroBitCount >> 3 }
        let high = UInt64(littleEndian: halves[1])
        if high != 0 { return 8 + high.trailingZeroBitCount >> 3 }
        return nil
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
            if let lane = firstSet((bytes .== splat(a)) .| (bytes .== splat(b))) { return index + lane }
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
            if let lane = firstSet((bytes .== splat(a)) .| (bytes .== splat(b)) .| (bytes .== splat(c))) {
                return index + lane
            }
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
            let found = (bytes .== splat(a)) .| (bytes .== splat(b)) .| (bytes .== splat(c)) .| (bytes .== splat(d))
            if let lane = firstSet(found) { return index + lane }
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
            guard noneSet(merged & splat(0x80)) else { break }
            index += 4 * Block.scalarCount
        }
        while index + Block.scalarCount <= to {
            if let lane = firstSet(block(at: base + index) .> splat(0x7F)) { return index + lane }
            index += Block.scalarCount
        }
        while index < to, base[index] < 0x80 { index += 1 }
        return index
    }

    /// Lanes that hold a byte up to 0x20 (spaces, controls) or 0x7F.
    @inline(__always)
    static func spacesAndControls(_ bytes: Block) -> Lanes {
        (bytes .<= splat(0x20)) .| (bytes .== splat(0x7F))
    }

    /// Lanes that hold a visible character other than `&`, `<` and `>` (any
    /// byte of a multi-byte character counts as visible).
    @inline(__always)
    static func plainLanes(_ bytes: Block) -> Lanes {
        (bytes .> splat(0x20)) .& (bytes .!= splat(UInt8(ascii: "&"))) .& (bytes .!= splat(UInt8(ascii: "<")))
            .& (bytes .!= splat(UInt8(ascii: ">")))
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
        let lastBlock = count - 1 - Block.scalarCount
        var index = 0
        while true {
            let blockStart = min(index, lastBlock)
            if !isPlainWords(at: base + blockStart) { return false }
            if blockStart == lastBlock { return true }
            index += Block.scalarCount
        }
    }

    /// Whether each of the sixteen bytes at `pointer` is a plain byte (see
    /// `plainLanes`) or a space followed by one. Reads `pointer[0...16]`.
    @inline(__always)
    static func isPlainWords(at pointer: UnsafePointer<UInt8>) -> Bool {
        let bytes = block(at: pointer)
        let plain = plainLanes(bytes) .| ((bytes .== splat(0x20)) .& plainLanes(block(at: pointer + 1)))
        return !any(.!plain)
    }
}
