/// The contents of a compiled time zone file (TZif, RFC 8536) as far as
/// offsets go: the transitions, the UTC offset each one brings, and the
/// footer rule for the instants after the last one.
///
/// Version 1 files are read from their 32-bit data; later versions from
/// their 64-bit data and footer. Leap-second records and abbreviations are
/// skipped. Malformed or truncated data makes `init?` fail rather than
/// guess.
struct TZifFile: Sendable {
    /// Instants (seconds since 1970, ascending) at which the offset changes.
    let transitions: [Int64]
    /// Seconds east of UTC from each transition on.
    let offsetsAfterTransitions: [Int]
    /// Seconds east of UTC before the first transition (local time type 0).
    let initialOffset: Int
    /// The rule after the last transition, when the file has one.
    let footer: POSIXTimeZoneRule?

    init?(_ bytes: [UInt8]) {
        guard bytes.count >= 44, bytes.starts(with: Array("TZif".utf8)) else { return nil }
        let version = bytes[4]
        var reader = ByteReader(bytes: bytes, position: 0)
        guard var header = reader.header() else { return nil }
        var timeSize = 4
        if version >= UInt8(ascii: "2") {
            // Skip the version 1 block; the second header describes the 64-bit data.
            guard reader.skip(header.dataLength(timeSize: 4)), let second = reader.header() else { return nil }
            header = second
            timeSize = 8
        }
        guard header.typeCount > 0, let times = reader.integers(count: header.transitionCount, size: timeSize),
            let indices = reader.bytes(count: header.transitionCount)
        else { return nil }
        var typeOffsets: [Int] = []
        for _ in 0..<header.typeCount {
            guard let offset = reader.integers(count: 1, size: 4)?.first, reader.skip(2) else { return nil }
            typeOffsets.append(Int(offset))
        }
        guard indices.allSatisfy({ Int($0) < typeOffsets.count }),
            reader.skip(
                header.characterCount + header.leapCount * (timeSize + 4) + header.standardCount + header.utcCount)
        else { return nil }
        var footer: POSIXTimeZoneRule?
        if timeSize == 8, let text = reader.footer() {
            footer = POSIXTimeZoneRule(text)
        }
        transitions = times
        offsetsAfterTransitions = indices.map { typeOffsets[Int($0)] }
        initialOffset = typeOffsets[0]
        self.footer = footer
    }

    /// Seconds east of UTC at `instant`.
    func offset(at instant: Int64) -> Int {
        if let footer, transitions.isEmpty || instant >= transitions[transitions.count - 1] {
            return footer.offset(at: instant)
        }
        guard let first = transitions.first, instant >= first else { return initialOffset }
        // The last transition at or before `instant`.
        var low = 0
        var high = transitions.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if transitions[middle] <= instant { low = middle } else { high = middle - 1 }
        }
        return offsetsAfterTransitions[low]
    }

    private struct Header {
        var utcCount: Int
        var standardCount: Int
        var leapCount: Int
        var transitionCount: Int
        var typeCount: Int
        var characterCount: Int

        func dataLength(timeSize: Int) -> Int {
            transitionCount * (timeSize + 1) + typeCount * 6 + characterCount + leapCount * (timeSize + 4)
                + standardCount + utcCount
        }
    }

    private struct ByteReader {
        let bytes: [UInt8]
        var position: Int

        mutating func skip(_ count: Int) -> Bool {
            guard count >= 0, count <= bytes.count - position else { return false }
            position += count
            return true
        }

        mutating func bytes(count: Int) -> [UInt8]? {
            guard count >= 0, count <= bytes.count - position else { return nil }
            defer { position += count }
            return Array(bytes[position..<position + count])
        }

        /// `count` big-endian signed integers of `size` bytes (4 or 8).
        mutating func integers(count: Int, size: Int) -> [Int64]? {
            guard count >= 0, count <= (bytes.count - position) / size else { return nil }
            var values: [Int64] = []
            values.reserveCapacity(count)
            for _ in 0..<count {
                var value: UInt64 = 0
                for byte in bytes[position..<position + size] { value = value << 8 | UInt64(byte) }
                position += size
                values.append(size == 4 ? Int64(Int32(truncatingIfNeeded: value)) : Int64(bitPattern: value))
            }
            return values
        }

        /// The 44-byte header: magic, version, 15 reserved bytes, six counts.
        mutating func header() -> Header? {
            guard bytes.count - position >= 44, bytes[position..<position + 4].elementsEqual("TZif".utf8) else {
                return nil
            }
            position += 20
            guard let counts = integers(count: 6, size: 4), counts.allSatisfy({ $0 >= 0 && $0 < 1 << 20 }) else {
                return nil
            }
            return Header(
                utcCount: Int(counts[0]), standardCount: Int(counts[1]), leapCount: Int(counts[2]),
                transitionCount: Int(counts[3]), typeCount: Int(counts[4]), characterCount: Int(counts[5]))
        }

        /// The footer: a TZ string between two newlines.
        mutating func footer() -> String? {
            guard position < bytes.count, bytes[position] == UInt8(ascii: "\n"),
                let end = bytes[(position + 1)...].firstIndex(of: UInt8(ascii: "\n"))
            else { return nil }
            return String(decoding: bytes[(position + 1)..<end], as: UTF8.self)
        }
    }
}
