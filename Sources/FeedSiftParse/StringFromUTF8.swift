extension String {
    /// The string of `bytes`, which the parser expects to be valid UTF-8 (it
    /// produced them from a validated document). They are still checked, but
    /// eight bytes at a time for ASCII, which costs a fraction of the standard
    /// library's byte-by-byte validation in `String(decoding:as:)`; that
    /// initializer, which repairs invalid bytes with U+FFFD, is the fallback.
    init(checkedUTF8 bytes: UnsafeBufferPointer<UInt8>) {
        guard let base = bytes.baseAddress, !bytes.isEmpty else {
            self = ""
            return
        }
        let content = UTF8Validation.classify(bytes)
        if content != .invalid, #available(macOS 26, *) {
            let span = unsafe Span(_unsafeStart: base, count: bytes.count)
            self = String(copying: unsafe UTF8Span(unchecked: span, isKnownASCII: content == .ascii))
        } else {
            self = String(decoding: bytes, as: UTF8.self)
        }
    }
}
