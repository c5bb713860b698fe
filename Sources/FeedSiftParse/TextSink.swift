/// The text of the element being captured, appended straight from libxml2's
/// callback into one growing buffer (no per-callback Swift overhead beyond a
/// flag test). Captures nest: each remembers where its text starts.
final class TextSink {
    struct State {
        var bytes: UnsafeMutablePointer<UInt8>
        var count = 0
        var capacity: Int
        /// Whether text is being captured at all (the innermost element owns a capture).
        var active = false
        /// Escape `&`, `<`, `>` (the capture holds markup).
        var escapes = false
        let limit: Int
        var overflowed = false
    }

    let state: UnsafeMutablePointer<State>

    init(limit: Int) {
        state = .allocate(capacity: 1)
        state.initialize(to: State(bytes: .allocate(capacity: 4096), capacity: 4096, limit: limit))
    }

    deinit {
        state.pointee.bytes.deallocate()
        state.deinitialize(count: 1)
        state.deallocate()
    }

    var count: Int { state.pointee.count }

    func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let base = bytes.baseAddress else { return }
        TextSink.append(state, base, bytes.count)
    }

    func append(_ string: String) {
        var copy = string
        copy.withUTF8 { append($0) }
    }

    /// The bytes from `start` to the end without leading and trailing
    /// spaces, tabs and line breaks, as a string; then forgets them.
    /// `mayNeedRepair` is false when `TextRepair.repair` would return the
    /// text unchanged (no characters U+0080–U+00FF), found in the same scan.
    func takeTrimmed(from start: Int) -> (text: String, mayNeedRepair: Bool) {
        let s = state.pointee
        var lower = start
        var upper = s.count
        while lower < upper, Self.isTrimmed(s.bytes[lower]) { lower += 1 }
        while upper > lower, Self.isTrimmed(s.bytes[upper - 1]) { upper -= 1 }
        let bytes = UnsafeBufferPointer(start: s.bytes + lower, count: upper - lower)
        let content = UTF8Validation.classify(bytes)
        let text = String(checkedUTF8: bytes, content: content)
        state.pointee.count = min(start, s.count)
        return (text, !content.isValid || content.hasLatin1Range)
    }

    private static func isTrimmed(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
    }

    static func append(_ state: UnsafeMutablePointer<State>, _ bytes: UnsafePointer<UInt8>, _ length: Int) {
        if state.pointee.escapes {
            var runStart = 0
            for offset in 0..<length {
                let replacement: StaticString
                switch bytes[offset] {
                case UInt8(ascii: "&"): replacement = "&amp;"
                case UInt8(ascii: "<"): replacement = "&lt;"
                case UInt8(ascii: ">"): replacement = "&gt;"
                default: continue
                }
                raw(state, bytes + runStart, offset - runStart)
                raw(state, replacement.utf8Start, replacement.utf8CodeUnitCount)
                runStart = offset + 1
            }
            raw(state, bytes + runStart, length - runStart)
        } else {
            raw(state, bytes, length)
        }
    }

    @inline(__always)
    private static func raw(_ state: UnsafeMutablePointer<State>, _ bytes: UnsafePointer<UInt8>, _ length: Int) {
        guard length > 0 else { return }
        let needed = state.pointee.count + length
        if needed > state.pointee.capacity {
            guard needed <= state.pointee.limit else {
                state.pointee.overflowed = true
                return
            }
            let capacity = min(state.pointee.limit, max(needed, state.pointee.capacity * 2))
            let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
            grown.update(from: state.pointee.bytes, count: state.pointee.count)
            state.pointee.bytes.deallocate()
            state.pointee.bytes = grown
            state.pointee.capacity = capacity
        }
        (state.pointee.bytes + state.pointee.count).update(from: bytes, count: length)
        state.pointee.count = needed
    }
}
