/// Hand-built gzip streams for the tests, since Foundation on Linux has no
/// compressor: stored (uncompressed) deflate blocks for ordinary bodies, and
/// a fixed-Huffman run of back-references for a gzip bomb.
enum GzipStream {
    /// `bytes` as a valid gzip member with stored blocks.
    static func stored(_ bytes: [UInt8]) -> [UInt8] {
        var output = header
        var offset = 0
        repeat {
            let length = min(65535, bytes.count - offset)
            let isLast = offset + length == bytes.count
            output.append(isLast ? 1 : 0)  // BFINAL, BTYPE = 00 (stored)
            output += littleEndian16(UInt16(length)) + littleEndian16(~UInt16(length))
            output += bytes[offset..<offset + length]
            offset += length
        } while offset < bytes.count
        return output + littleEndian32(crc32(bytes)) + littleEndian32(UInt32(truncatingIfNeeded: bytes.count))
    }

    /// About `decodedSize` zero bytes from a stream of roughly
    /// `decodedSize / 160` bytes: one literal, then 258-byte copies at
    /// distance 1. The trailer's CRC is left zero; a client that enforces
    /// its size cap aborts long before reading it.
    static func bomb(decodedSize: Int) -> [UInt8] {
        var bits = BitWriter()
        bits.write(1, count: 1)  // BFINAL
        bits.write(1, count: 2)  // BTYPE = 01, fixed Huffman
        bits.writeCode(0x30, length: 8)  // literal 0
        for _ in 0..<(decodedSize / 258) {
            bits.writeCode(0xC5, length: 8)  // length symbol 285: 258 bytes
            bits.writeCode(0, length: 5)  // distance code 0: distance 1
        }
        bits.writeCode(0, length: 7)  // end of block
        return header + bits.finish() + littleEndian32(0) + littleEndian32(UInt32(truncatingIfNeeded: decodedSize))
    }

    private static let header: [UInt8] = [0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 0, 0xFF]

    private static func littleEndian16(_ value: UInt16) -> [UInt8] {
        [UInt8(value & 0xFF), UInt8(value >> 8)]
    }

    private static func littleEndian32(_ value: UInt32) -> [UInt8] {
        (0..<4).map { UInt8((value >> (8 * $0)) & 0xFF) }
    }

    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = (crc >> 1) ^ (crc & 1 == 1 ? 0xEDB8_8320 : 0) }
        }
        return ~crc
    }

    /// Deflate packs bits least-significant first, but Huffman codes go in
    /// most-significant bit first.
    private struct BitWriter {
        private var bytes: [UInt8] = []
        private var buffer: UInt32 = 0
        private var used = 0

        mutating func write(_ value: UInt32, count: Int) {
            for index in 0..<count { push((value >> index) & 1) }
        }

        mutating func writeCode(_ code: UInt32, length: Int) {
            for index in stride(from: length - 1, through: 0, by: -1) { push((code >> index) & 1) }
        }

        private mutating func push(_ bit: UInt32) {
            buffer |= bit << used
            used += 1
            if used == 8 {
                bytes.append(UInt8(buffer))
                buffer = 0
                used = 0
            }
        }

        mutating func finish() -> [UInt8] {
            if used > 0 { bytes.append(UInt8(buffer)) }
            return bytes
        }
    }
}
