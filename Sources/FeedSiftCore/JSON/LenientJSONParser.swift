import FoundationEssentials

/// Why `LenientJSON.parse` refused a text. Foundation reported every such
/// failure as the same `localizedDescription`, which `foundationDescription`
/// reproduces; `reason` says more, for logs and tests.
public struct LenientJSONError: Error, Sendable, CustomStringConvertible {
    public let reason: String
    /// Whether reading stopped at the nesting limit rather than at a fault.
    public var isTooDeep = false

    /// What Foundation's `JSONSerialization` error said as
    /// `localizedDescription`, whatever the fault.
    public static let foundationDescription =
        "The operation could not be completed. The data is not in the correct format."

    public var description: String { reason }
}

extension LenientJSON {
    /// Reads a JSON text whose top level is an object or an array, following
    /// swift-corelibs-foundation's `JSONSerialization` rule for rule: a byte
    /// order mark or the pattern of zero bytes selects UTF-16 or UTF-32;
    /// a trailing comma before `]` or `}` is allowed; the last of duplicate
    /// member names wins; numbers follow `LenientJSONNumber`. Arrays and
    /// objects nested deeper than `maximumDepth` stop the reading (512 was
    /// Foundation's limit), so hostile nesting never exhausts the stack.
    public static func parse(_ bytes: [UInt8], maximumDepth: Int = 512) throws(LenientJSONError) -> LenientJSON {
        let (encoding, byteOrderMarkLength) = detectEncoding(bytes)
        let utf8: [UInt8]
        if encoding == .utf8 {
            utf8 = byteOrderMarkLength == 0 ? bytes : Array(bytes[byteOrderMarkLength...])
        } else {
            guard let text = String(bytes: bytes[byteOrderMarkLength...], encoding: encoding) else {
                throw LenientJSONError(reason: "cannot convert input string to valid UTF-8")
            }
            utf8 = Array(text.utf8)
        }
        var reader = LenientJSONReader(bytes: utf8, maximumDepth: maximumDepth)
        let value = try reader.parseDocument()
        switch value {
        case .array, .object: return value
        default: throw LenientJSONError(reason: "JSON text did not start with array or object")
        }
    }

    /// Foundation's guess at the encoding: a byte order mark, else where the
    /// first four bytes are zero; UTF-8 otherwise.
    private static func detectEncoding(_ bytes: [UInt8]) -> (String.Encoding, Int) {
        if bytes.count >= 4 {
            if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { return (.utf8, 3) }
            if bytes.starts(with: [0x00, 0x00, 0xFE, 0xFF]) { return (.utf32BigEndian, 4) }
            if bytes.starts(with: [0xFF, 0xFE, 0x00, 0x00]) { return (.utf32LittleEndian, 4) }
            if bytes.starts(with: [0xFF, 0xFE]) { return (.utf16LittleEndian, 2) }
            if bytes.starts(with: [0xFE, 0xFF]) { return (.utf16BigEndian, 2) }
            switch (bytes[0], bytes[1], bytes[2], bytes[3]) {
            case (0, 0, 0, _): return (.utf32BigEndian, 0)
            case (_, 0, 0, 0): return (.utf32LittleEndian, 0)
            case (0, _, 0, _): return (.utf16BigEndian, 0)
            case (_, 0, _, 0): return (.utf16LittleEndian, 0)
            default: break
            }
        } else if bytes.count >= 2 {
            switch (bytes[0], bytes[1]) {
            case (0, _): return (.utf16BigEndian, 0)
            case (_, 0): return (.utf16LittleEndian, 0)
            default: break
            }
        }
        return (.utf8, 0)
    }
}

/// The recursive-descent reader behind `LenientJSON.parse`, over UTF-8.
private struct LenientJSONReader {
    private let bytes: [UInt8]
    private let maximumDepth: Int
    private var position = 0
    private var depth = 0

    init(bytes: [UInt8], maximumDepth: Int) {
        self.bytes = bytes
        self.maximumDepth = maximumDepth
    }

    mutating func parseDocument() throws(LenientJSONError) -> LenientJSON {
        try skipWhitespace()
        let value = try parseValue()
        while position < bytes.count {
            guard isWhitespace(bytes[position]) else { throw unexpected(at: position) }
            position += 1
        }
        return value
    }

    private mutating func parseValue() throws(LenientJSONError) -> LenientJSON {
        while position < bytes.count {
            switch bytes[position] {
            case UInt8(ascii: "\""): return .string(try parseString())
            case UInt8(ascii: "{"): return try parseObject()
            case UInt8(ascii: "["): return try parseArray()
            case UInt8(ascii: "t"): return try parseLiteral("true", .bool(true))
            case UInt8(ascii: "f"): return try parseLiteral("false", .bool(false))
            case UInt8(ascii: "n"): return try parseLiteral("null", .null)
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try parseNumber()
            case let byte where isWhitespace(byte): position += 1
            default: throw unexpected(at: position)
            }
        }
        throw Self.endOfInput
    }

    private mutating func parseArray() throws(LenientJSONError) -> LenientJSON {
        try enterContainer()
        defer { depth -= 1 }
        if try skipWhitespace() == UInt8(ascii: "]") {
            position += 1
            return .array([])
        }
        var elements: [LenientJSON] = []
        while true {
            elements.append(try parseValue())
            switch try skipWhitespace() {
            case UInt8(ascii: "]"):
                position += 1
                return .array(elements)
            case UInt8(ascii: ","):
                position += 1
                if try skipWhitespace() == UInt8(ascii: "]") {
                    position += 1
                    return .array(elements)
                }
            default:
                throw unexpected(at: position)
            }
        }
    }

    private mutating func parseObject() throws(LenientJSONError) -> LenientJSON {
        try enterContainer()
        defer { depth -= 1 }
        if try skipWhitespace() == UInt8(ascii: "}") {
            position += 1
            return .object([:])
        }
        var members: [String: LenientJSON] = [:]
        while true {
            let key = try parseString()
            guard try skipWhitespace() == UInt8(ascii: ":") else { throw unexpected(at: position) }
            position += 1
            try skipWhitespace()
            members[key] = try parseValue()
            switch try skipWhitespace() {
            case UInt8(ascii: "}"):
                position += 1
                return .object(members)
            case UInt8(ascii: ","):
                position += 1
                if try skipWhitespace() == UInt8(ascii: "}") {
                    position += 1
                    return .object(members)
                }
            default:
                throw unexpected(at: position)
            }
        }
    }

    /// Steps over the opening bracket or brace.
    private mutating func enterContainer() throws(LenientJSONError) {
        guard depth < maximumDepth else {
            throw LenientJSONError(
                reason: "arrays and objects nested deeper than \(maximumDepth) levels at byte \(position)",
                isTooDeep: true)
        }
        depth += 1
        position += 1
    }

    /// Reads a string from its opening quote. Text between escapes must be
    /// UTF-8 that `String(bytes:encoding:)` accepts, as in Foundation.
    private mutating func parseString() throws(LenientJSONError) -> String {
        guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else {
            if position >= bytes.count { throw Self.endOfInput }
            throw unexpected(at: position)
        }
        position += 1
        var segmentStart = position
        var output: String?
        while position < bytes.count {
            switch bytes[position] {
            case UInt8(ascii: "\""):
                let segment = try text(segmentStart..<position)
                position += 1
                return output.map { $0 + segment } ?? segment
            case 0...31:
                throw LenientJSONError(reason: "unescaped control character at byte \(position)")
            case UInt8(ascii: "\\"):
                var text = output ?? ""
                text += try self.text(segmentStart..<position)
                position += 1
                text += try parseEscape()
                output = text
                segmentStart = position
            default:
                position += 1
            }
        }
        throw Self.endOfInput
    }

    private func text(_ range: Range<Int>) throws(LenientJSONError) -> String {
        guard let text = String(bytes: bytes[range], encoding: .utf8) else {
            throw LenientJSONError(reason: "invalid UTF-8 in string at byte \(range.lowerBound)")
        }
        return text
    }

    /// Reads an escape after its backslash.
    private mutating func parseEscape() throws(LenientJSONError) -> String {
        guard position < bytes.count else { throw Self.endOfInput }
        let byte = bytes[position]
        position += 1
        switch byte {
        case UInt8(ascii: "\""): return "\""
        case UInt8(ascii: "\\"): return "\\"
        case UInt8(ascii: "/"): return "/"
        case UInt8(ascii: "b"): return "\u{08}"
        case UInt8(ascii: "f"): return "\u{0C}"
        case UInt8(ascii: "n"): return "\u{0A}"
        case UInt8(ascii: "r"): return "\u{0D}"
        case UInt8(ascii: "t"): return "\u{09}"
        case UInt8(ascii: "u"): return String(try parseUnicodeEscape())
        default: throw LenientJSONError(reason: "invalid escape sequence at byte \(position - 1)")
        }
    }

    /// Reads the hex digits of a `\u` escape and, after a high surrogate,
    /// the `\u` escape of its low surrogate.
    private mutating func parseUnicodeEscape() throws(LenientJSONError) -> Unicode.Scalar {
        let unit = try parseHex4()
        if unit & 0xFC00 == 0xD800 {
            guard position + 2 <= bytes.count else {
                position = bytes.count
                throw Self.endOfInput
            }
            let (backslash, u) = (bytes[position], bytes[position + 1])
            position += 2
            guard backslash == UInt8(ascii: "\\"), u == UInt8(ascii: "u") else {
                throw LenientJSONError(reason: "expected a low surrogate at byte \(position - 1)")
            }
            let low = try parseHex4()
            guard low & 0xFC00 == 0xDC00 else {
                throw LenientJSONError(reason: "expected a low surrogate at byte \(position - 1)")
            }
            let value = (UInt32(unit - 0xD800) << 10) + UInt32(low - 0xDC00) + 0x10000
            guard let scalar = Unicode.Scalar(value) else {
                throw LenientJSONError(reason: "invalid unicode scalar at byte \(position)")
            }
            return scalar
        }
        guard let scalar = Unicode.Scalar(unit) else {
            throw LenientJSONError(reason: "invalid unicode scalar at byte \(position)")
        }
        return scalar
    }

    private mutating func parseHex4() throws(LenientJSONError) -> UInt16 {
        guard position + 4 <= bytes.count else {
            position = bytes.count
            throw Self.endOfInput
        }
        var value: UInt16 = 0
        for byte in bytes[position..<position + 4] {
            guard let digit = Hexadecimal.digitValue(byte) else {
                throw LenientJSONError(reason: "invalid hex digit in \\u escape at byte \(position)")
            }
            value = value << 4 | UInt16(digit)
        }
        position += 4
        return value
    }

    private mutating func parseLiteral(_ word: StaticString, _ value: LenientJSON) throws(LenientJSONError)
        -> LenientJSON
    {
        let expected = UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount)
        for byte in expected {
            guard position < bytes.count else { throw Self.endOfInput }
            guard bytes[position] == byte else { throw unexpected(at: position) }
            position += 1
        }
        return value
    }

    /// Where a number part may follow: Foundation's grammar checks, which
    /// (like RFC 8259) forbid leading zeros and require digits after `.`,
    /// `e` and a sign.
    private enum NumberPart {
        case mantissa
        case fraction
        case exponent
        case exponentSign
    }

    private mutating func parseNumber() throws(LenientJSONError) -> LenientJSON {
        let start = position
        var part = NumberPart.mantissa
        var digitsInPart = bytes[start] == UInt8(ascii: "-") ? 0 : 1
        var hasLeadingZero = bytes[start] == UInt8(ascii: "0")
        var index = start + 1
        scan: while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "0"):
                if hasLeadingZero { throw LenientJSONError(reason: "number with leading zero at byte \(index)") }
                if digitsInPart == 0, part == .mantissa { hasLeadingZero = true }
                digitsInPart += 1
            case UInt8(ascii: "1")...UInt8(ascii: "9"):
                if hasLeadingZero { throw LenientJSONError(reason: "number with leading zero at byte \(index)") }
                digitsInPart += 1
            case UInt8(ascii: "."):
                guard digitsInPart > 0, part == .mantissa else { throw unexpected(at: index) }
                hasLeadingZero = false
                part = .fraction
                digitsInPart = 0
            case UInt8(ascii: "e"), UInt8(ascii: "E"):
                guard digitsInPart > 0, part == .mantissa || part == .fraction else { throw unexpected(at: index) }
                hasLeadingZero = false
                part = .exponent
                digitsInPart = 0
            case UInt8(ascii: "+"), UInt8(ascii: "-"):
                guard digitsInPart == 0, part == .exponent else { throw unexpected(at: index) }
                part = .exponentSign
                digitsInPart = 0
            case 0x20, 0x0D, 0x0A, 0x09, UInt8(ascii: ","), UInt8(ascii: "]"), UInt8(ascii: "}"):
                guard digitsInPart > 0 else { throw unexpected(at: index) }
                break scan
            default:
                throw unexpected(at: index)
            }
            index += 1
        }
        guard digitsInPart > 0 else {
            position = bytes.count
            throw Self.endOfInput
        }
        position = index
        let text = String(decoding: bytes[start..<index], as: UTF8.self)
        guard let number = LenientJSONNumber(jsonText: text) else {
            throw LenientJSONError(reason: "number \(text) is not representable")
        }
        return .number(number)
    }

    /// Steps over white space; returns the byte after it. Running out of
    /// input here is an error: something must follow.
    @discardableResult
    private mutating func skipWhitespace() throws(LenientJSONError) -> UInt8 {
        while position < bytes.count {
            let byte = bytes[position]
            if !isWhitespace(byte) { return byte }
            position += 1
        }
        throw Self.endOfInput
    }

    private func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
    }

    private static let endOfInput = LenientJSONError(reason: "unexpected end of input")

    private func unexpected(at index: Int) -> LenientJSONError {
        LenientJSONError(reason: "unexpected character at byte \(index)")
    }
}
