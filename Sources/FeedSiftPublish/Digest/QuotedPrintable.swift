/// Content-Transfer-Encodings for the digest's MIME parts (RFC 2045):
/// quoted-printable for mostly-ASCII text, base64 when most of the text is
/// not ASCII. Both produce CRLF lines of at most 76 characters, so the
/// message survives any mail system unchanged.
enum TransferEncoding: String {
    case quotedPrintable = "quoted-printable"
    case base64

    /// The cheaper encoding for `bytes`: quoted-printable triples every
    /// non-ASCII byte, base64 costs a third on everything.
    static func choose(for bytes: [UInt8]) -> TransferEncoding {
        let escaped = bytes.count { $0 >= 0x80 || ($0 < 0x20 && $0 != 0x0A && $0 != 0x09) || $0 == 0x3D }
        return escaped * 6 > bytes.count ? .base64 : .quotedPrintable
    }

    func encode(_ bytes: [UInt8]) -> [UInt8] {
        switch self {
        case .quotedPrintable: Self.quotedPrintable(bytes)
        case .base64: Self.base64(bytes)
        }
    }

    static let lineLength = 76
    private static let hex = Array("0123456789ABCDEF".utf8)

    /// Text with LF (or CRLF) line breaks, as quoted-printable with CRLF
    /// hard breaks and `=` soft breaks. Besides what RFC 2045 requires, a
    /// `.` or `From ` at the start of a line is escaped, so no transport
    /// can mistake it for the end of the data or an mbox separator.
    static func quotedPrintable(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + bytes.count / 8)
        var lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false)
        if bytes.last == 0x0A { lines.removeLast() }
        for (index, rawLine) in lines.enumerated() {
            let line = rawLine.last == 0x0D ? rawLine.dropLast() : rawLine
            var column = 0
            for (offset, byte) in zip(line.indices, line) {
                let atStart = offset == line.startIndex
                let isLast = offset == line.index(before: line.endIndex)
                var literal: Bool
                switch byte {
                case 0x21...0x3C, 0x3E...0x7E: literal = !(atStart && isFromLine(line))
                case 0x20, 0x09: literal = !isLast
                default: literal = false
                }
                // Leave room for the "=" of a soft break unless this is the line's last byte.
                if column + (literal ? 1 : 3) > lineLength - (isLast ? 0 : 1) {
                    out += [0x3D, 0x0D, 0x0A]
                    column = 0
                }
                if column == 0 && byte == 0x2E { literal = false }
                let width = literal ? 1 : 3
                if literal {
                    out.append(byte)
                } else {
                    out += [0x3D, hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]]
                }
                column += width
            }
            if index < lines.count - 1 || bytes.last == 0x0A { out += [0x0D, 0x0A] }
        }
        return out
    }

    private static func isFromLine(_ line: ArraySlice<UInt8>) -> Bool {
        line.starts(with: Array("From ".utf8))
    }

    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    /// Base64 in CRLF lines of 76 characters.
    static func base64(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count * 4 / 3 + bytes.count / 38 + 4)
        var column = 0
        var index = 0
        while index < bytes.count {
            let chunk = bytes[index..<min(index + 3, bytes.count)]
            let value =
                UInt32(chunk[chunk.startIndex]) << 16
                | UInt32(chunk.count > 1 ? chunk[chunk.startIndex + 1] : 0) << 8
                | UInt32(chunk.count > 2 ? chunk[chunk.startIndex + 2] : 0)
            out.append(alphabet[Int(value >> 18 & 63)])
            out.append(alphabet[Int(value >> 12 & 63)])
            out.append(chunk.count > 1 ? alphabet[Int(value >> 6 & 63)] : 0x3D)
            out.append(chunk.count > 2 ? alphabet[Int(value & 63)] : 0x3D)
            column += 4
            index += 3
            if column == lineLength && index < bytes.count {
                out += [0x0D, 0x0A]
                column = 0
            }
        }
        out += [0x0D, 0x0A]
        return out
    }
}
