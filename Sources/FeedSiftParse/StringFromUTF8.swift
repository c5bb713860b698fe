extension String {
    /// The string of `bytes`, which the parser expects to be valid UTF-8 (it
    /// produced them from a validated document). They are still checked, but
    /// sixteen or more ASCII bytes at a time, a fraction of the cost of the
    /// standard library's byte-by-byte validation in `String(decoding:as:)`;
    /// that initializer, which repairs invalid bytes with U+FFFD, is the fallback.
    init(checkedUTF8 bytes: UnsafeBufferPointer<UInt8>) {
        self.init(checkedUTF8: bytes, content: UTF8Validation.classify(bytes))
    }

    /// The string of `bytes`, whose `content` was found by `UTF8Validation.classify`.
    init(checkedUTF8 bytes: UnsafeBufferPointer<UInt8>, content: UTF8Validation.Content) {
        guard let base = bytes.baseAddress, !bytes.isEmpty else {
            self = ""
            return
        }
        if content.isValid, #available(macOS 26, *) {
            let span = unsafe Span(_unsafeStart: base, count: bytes.count)
            self = String(copying: unsafe UTF8Span(unchecked: span, isKnownASCII: content.isASCII))
        } else {
            self = String(decoding: bytes, as: UTF8.self)
        }
    }
}
