#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Character-set names and conversions to UTF-8 (single-byte Windows-1252
/// in Swift, everything else through the C library's iconv).
enum TextEncoding {
    /// A canonical spelling for the names feeds use for one encoding.
    static func normalizedName(_ name: String) -> String {
        let lower = String(name.lowercased().trimming(" \t\"'").map { $0 == "_" ? "-" : $0 })
        switch lower {
        case "utf-8", "utf8", "unicode-1-1-utf-8", "unicode-2-0-utf-8", "x-unicode20utf8": return "utf-8"
        case "us-ascii", "ascii", "ansi_x3.4-1968", "iso646-us", "us", "cp367", "csascii": return "us-ascii"
        case "iso-8859-1", "iso8859-1", "latin1", "latin-1", "l1", "iso_8859-1", "cp819", "ibm819",
            "iso-ir-100", "csisolatin1", "iso_8859-1:1987":
            return "iso-8859-1"
        case "windows-1252", "cp1252", "x-cp1252", "win-1252": return "windows-1252"
        case "utf-16", "utf16", "csunicode", "iso-10646-ucs-2", "ucs-2", "unicode", "csunicode11": return "utf-16"
        case "utf-32", "utf32", "iso-10646-ucs-4", "ucs-4", "ucs4", "csucs4": return "utf-32"
        case "gb2312", "csgb2312", "x-gbk", "gbk", "cp936", "euc-cn": return "gb18030"
        case "x-euc-kr", "euc_kr", "ks_c_5601-1987", "korean": return "euc-kr"
        case "x-sjis", "shift-jis", "sjis", "ms_kanji", "csshiftjis": return "shift_jis"
        case "x-mac-roman", "mac", "macintosh", "csmacintosh", "macroman": return "macintosh"
        case "maccentraleurope", "mac-latin2", "x-mac-ce": return "mac-centraleurope"
        case "macgreek", "mac-greek": return "macgreek"
        case "maciceland", "mac-iceland": return "mac-is"
        case "cp-is", "csibm861", "861", "ibm861": return "cp861"
        case "ebcdic-cp-be", "ebcdic-cp-ch", "csibm500", "ibm500", "500": return "cp500"
        case "ebcdic-cp-ca", "ebcdic-cp-wt", "ebcdic-cp-us", "ebcdic-cp-nl", "ibm039", "ibm037", "csibm037", "037":
            return "cp037"
        default: return lower
        }
    }

    /// Whether two names denote the same encoding family (UTF-16 vs UTF-16LE).
    static func sameFamily(_ a: String, _ b: String) -> Bool {
        let x = normalizedName(a)
        let y = normalizedName(b)
        if x == y { return true }
        return x.hasPrefix("utf-16") && y.hasPrefix("utf-16") || x.hasPrefix("utf-32") && y.hasPrefix("utf-32")
    }

    /// Windows-1252 to UTF-8; the five undefined bytes map to U+0080-style
    /// C1 code points as browsers do.
    static func decodeWindows1252(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + bytes.count / 8)
        for byte in bytes {
            appendWindows1252(byte, to: &out)
        }
        return out
    }

    static func appendWindows1252(_ byte: UInt8, to out: inout [UInt8]) {
        if byte < 0x80 {
            out.append(byte)
            return
        }
        let scalar = byte < 0xA0 ? windows1252High[Int(byte - 0x80)] : UInt32(byte)
        appendUTF8(scalar, to: &out)
    }

    static func appendUTF8(_ scalar: UInt32, to out: inout [UInt8]) {
        switch scalar {
        case 0..<0x80:
            out.append(UInt8(scalar))
        case 0x80..<0x800:
            out.append(UInt8(0xC0 | (scalar >> 6)))
            out.append(UInt8(0x80 | (scalar & 0x3F)))
        case 0x800..<0x10000:
            out.append(UInt8(0xE0 | (scalar >> 12)))
            out.append(UInt8(0x80 | ((scalar >> 6) & 0x3F)))
            out.append(UInt8(0x80 | (scalar & 0x3F)))
        default:
            out.append(UInt8(0xF0 | (scalar >> 18)))
            out.append(UInt8(0x80 | ((scalar >> 12) & 0x3F)))
            out.append(UInt8(0x80 | ((scalar >> 6) & 0x3F)))
            out.append(UInt8(0x80 | (scalar & 0x3F)))
        }
    }

    /// Code points of Windows-1252 bytes 0x80–0x9F.
    static let windows1252High: [UInt32] = [
        0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D,
        0x017D, 0x8F, 0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A,
        0x0153, 0x9D, 0x017E, 0x0178,
    ]

    /// Converts with iconv; nil when the encoding is unknown or the bytes are
    /// not valid in it.
    static func convertToUTF8(_ bytes: [UInt8], from encoding: String) -> [UInt8]? {
        let descriptor = iconv_open("UTF-8", encoding)
        guard let descriptor, Int(bitPattern: descriptor) != -1 else { return nil }
        defer { iconv_close(descriptor) }
        var input = bytes
        var output = [UInt8](repeating: 0, count: max(64, bytes.count * 4 + 16))
        let produced: Int? = input.withUnsafeMutableBufferPointer { inBuffer in
            output.withUnsafeMutableBufferPointer { outBuffer in
                var inPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(inBuffer.baseAddress)?
                    .assumingMemoryBound(to: CChar.self)
                var inLeft = inBuffer.count
                var outPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(outBuffer.baseAddress)?
                    .assumingMemoryBound(to: CChar.self)
                var outLeft = outBuffer.count
                let result = iconv(descriptor, &inPointer, &inLeft, &outPointer, &outLeft)
                if result == -1 || inLeft != 0 { return nil }
                return outBuffer.count - outLeft
            }
        }
        guard let produced else { return nil }
        output.removeSubrange(produced...)
        return output
    }
}
