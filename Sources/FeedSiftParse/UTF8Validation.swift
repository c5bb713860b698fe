/// Fast UTF-8 validation and the Windows-1252 repair of invalid bytes.
enum UTF8Validation {
    /// Whether `bytes` is well-formed UTF-8 (no overlongs, no surrogates).
    static func isValid(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { invalidOffset(in: $0, from: 0) == nil }
    }

    /// Re-encodes `bytes`, keeping every valid UTF-8 sequence and reading
    /// each byte that is not part of one as Windows-1252.
    static func repairAsWindows1252(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 64)
        bytes.withUnsafeBufferPointer { buffer in
            var index = 0
            while index < buffer.count {
                let length = sequenceLength(buffer, at: index)
                if length > 0 {
                    out.append(contentsOf: buffer[index..<index + length])
                    index += length
                } else {
                    TextEncoding.appendWindows1252(buffer[index], to: &out)
                    index += 1
                }
            }
        }
        return out
    }

    /// (valid multi-byte sequences, invalid bytes) in `bytes`.
    static func countSequences(_ bytes: [UInt8]) -> (valid: Int, invalid: Int) {
        bytes.withUnsafeBufferPointer { buffer in
            var valid = 0
            var invalid = 0
            var index = 0
            while index < buffer.count {
                if buffer[index] < 0x80 {
                    index += 1
                    continue
                }
                let length = sequenceLength(buffer, at: index)
                if length == 0 {
                    invalid += 1
                    index += 1
                } else {
                    valid += 1
                    index += length
                }
            }
            return (valid, invalid)
        }
    }

    /// What one scan of some bytes found.
    struct Content {
        var isValid = true
        var isASCII = true
        /// Has characters U+0080–U+00FF (lead bytes C2, C3), the only ones `TextRepair` changes.
        var hasLatin1Range = false
    }

    static func classify(_ buffer: UnsafeBufferPointer<UInt8>) -> Content {
        var content = Content()
        guard let base = buffer.baseAddress else { return content }
        let count = buffer.count
        var index = ByteScan.firstNonASCII(in: base, from: 0, to: count)
        while index < count {
            content.isASCII = false
            if base[index] == 0xC2 || base[index] == 0xC3 { content.hasLatin1Range = true }
            let length = sequenceLength(buffer, at: index)
            if length == 0 {
                content.isValid = false
                return content
            }
            index = ByteScan.firstNonASCII(in: base, from: index + length, to: count)
        }
        return content
    }

    /// Offset of the first invalid sequence at or after `start`, or nil.
    static func invalidOffset(in buffer: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        var index = start
        let count = buffer.count
        guard let base = buffer.baseAddress else { return nil }
        while index < count {
            index = ByteScan.firstNonASCII(in: base, from: index, to: count)
            guard index < count else { return nil }
            let length = sequenceLength(buffer, at: index)
            if length == 0 { return index }
            index += length
        }
        return nil
    }

    /// Length of the valid multi-byte (or ASCII) sequence at `index`, 0 if invalid.
    @inline(__always)
    static func sequenceLength(_ buffer: UnsafeBufferPointer<UInt8>, at index: Int) -> Int {
        let lead = buffer[index]
        if lead < 0x80 { return 1 }
        let count = buffer.count
        func continuation(_ offset: Int) -> Bool {
            index + offset < count && buffer[index + offset] & 0xC0 == 0x80
        }
        switch lead {
        case 0xC2...0xDF:
            return continuation(1) ? 2 : 0
        case 0xE0:
            guard continuation(1), continuation(2), buffer[index + 1] >= 0xA0 else { return 0 }
            return 3
        case 0xED:
            guard continuation(1), continuation(2), buffer[index + 1] < 0xA0 else { return 0 }
            return 3
        case 0xE1...0xEC, 0xEE...0xEF:
            return continuation(1) && continuation(2) ? 3 : 0
        case 0xF0:
            guard continuation(1), continuation(2), continuation(3), buffer[index + 1] >= 0x90 else { return 0 }
            return 4
        case 0xF1...0xF3:
            return continuation(1) && continuation(2) && continuation(3) ? 4 : 0
        case 0xF4:
            guard continuation(1), continuation(2), continuation(3), buffer[index + 1] < 0x90 else { return 0 }
            return 4
        default:
            return 0
        }
    }
}
