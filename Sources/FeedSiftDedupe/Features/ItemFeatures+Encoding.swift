/// The stored form of `ItemFeatures`: a versioned little-endian layout,
/// about 400 bytes for a typical item.
extension ItemFeatures {
    static let encodingVersion: UInt8 = 1

    public func encoded() -> [UInt8] {
        // Sized once: the fixed fields, then 2 bytes per signature value, 4
        // per term, 10 per number and 1 per period and subject.
        var writer = ByteWriter(
            capacity: 64 + 2 * signature.count + 4 * terms.count + 10 * numbers.count + periods.count + subjects.count)
        writer.append(Self.encodingVersion)
        writer.append(eventTime.bitPattern)
        writer.append(orderKey)
        writer.append(urlKey)
        writer.append(bodyKey)
        writer.append(headlineKey)
        writer.append(UInt8(isHeadlineOnly ? 1 : 0))
        writer.append(UInt8(bitPattern: direction.rawValue))
        writer.append(UInt32(clamping: shingleCount))
        writer.append(UInt8(signature.count == MinHashSignature.size ? 1 : 0))
        if signature.count == MinHashSignature.size {
            for value in signature { writer.append(value) }
        }
        writer.append(UInt16(clamping: terms.count))
        for term in terms.prefix(Int(UInt16.max)) { writer.append(term) }
        writer.append(UInt8(clamping: numbers.count))
        for number in numbers.prefix(Int(UInt8.max)) {
            writer.append(UInt64(bitPattern: number.mantissa))
            writer.append(UInt8(bitPattern: number.exponent))
            writer.append(UInt8(number.inTitle ? 1 : 0))
        }
        writer.append(UInt8(clamping: periods.count))
        for period in periods.prefix(Int(UInt8.max)) { writer.append(period) }
        writer.append(UInt8(clamping: subjects.count))
        for subject in subjects.prefix(Int(UInt8.max)) { writer.append(subject) }
        return writer.bytes
    }

    public init(decoding bytes: [UInt8]) throws(DedupeError) {
        var reader = ByteReader(bytes)
        let version: UInt8 = try reader.read()
        guard version == Self.encodingVersion else {
            throw DedupeError(.unknownVersion, "stored item features have layout version \(version), expected 1")
        }
        let eventTime = Double(bitPattern: try reader.read())
        let orderKey: UInt64 = try reader.read()
        let urlKey: UInt64 = try reader.read()
        let bodyKey: UInt64 = try reader.read()
        let headlineKey: UInt64 = try reader.read()
        let isHeadlineOnly = (try reader.read() as UInt8) != 0
        let direction = NewsCues.Direction(rawValue: Int8(bitPattern: try reader.read())) ?? .none
        let shingleCount = Int(try reader.read() as UInt32)
        var signature: [UInt16] = []
        if (try reader.read() as UInt8) != 0 {
            signature.reserveCapacity(MinHashSignature.size)
            for _ in 0..<MinHashSignature.size { signature.append(try reader.read()) }
        }
        let termCount = Int(try reader.read() as UInt16)
        var terms: [UInt32] = []
        terms.reserveCapacity(termCount)
        for _ in 0..<termCount { terms.append(try reader.read()) }
        let numberCount = Int(try reader.read() as UInt8)
        var numbers: [NumberMention] = []
        for _ in 0..<numberCount {
            let mantissa = Int64(bitPattern: try reader.read())
            let exponent = Int8(bitPattern: try reader.read())
            let inTitle = (try reader.read() as UInt8) != 0
            numbers.append(NumberMention(mantissa: mantissa, exponent: exponent, inTitle: inTitle))
        }
        let periodCount = Int(try reader.read() as UInt8)
        var periods: [UInt8] = []
        for _ in 0..<periodCount { periods.append(try reader.read()) }
        let subjectCount = Int(try reader.read() as UInt8)
        var subjects: [UInt8] = []
        for _ in 0..<subjectCount { subjects.append(try reader.read()) }
        self.init(
            eventTime: eventTime, orderKey: orderKey, urlKey: urlKey, bodyKey: bodyKey, headlineKey: headlineKey,
            isHeadlineOnly: isHeadlineOnly, shingleCount: shingleCount, signature: signature, terms: terms,
            numbers: numbers, direction: direction, periods: periods, subjects: subjects)
    }
}

private struct ByteWriter {
    var bytes: [UInt8] = []

    init(capacity: Int) {
        bytes.reserveCapacity(capacity)
    }

    /// Byte by byte, least significant first: an item's features are about
    /// 150 small values, and appending each through a raw buffer cost more
    /// than the rest of the encoding.
    @inline(__always)
    mutating func append<Value: FixedWidthInteger>(_ value: Value) {
        for index in 0..<MemoryLayout<Value>.size {
            bytes.append(UInt8(truncatingIfNeeded: value >> (8 * index)))
        }
    }
}

private struct ByteReader {
    let bytes: [UInt8]
    var offset = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    mutating func read<Value: FixedWidthInteger>() throws(DedupeError) -> Value {
        let size = MemoryLayout<Value>.size
        guard offset + size <= bytes.count else {
            throw DedupeError(
                .truncated, "stored item features end after \(bytes.count) bytes, in the middle of a field")
        }
        var value: Value = 0
        for index in 0..<size { value |= Value(truncatingIfNeeded: bytes[offset + index]) << (8 * index) }
        offset += size
        return value
    }
}
