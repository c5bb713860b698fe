import Glibc

/// printf-style formatting of the figures the benchmarks print (what
/// `String(format:)` did): the C library formats them, so `%7.2f` rounds as
/// it always has. Arguments are numbers; `%d` takes an `Int`.
func formatted(_ format: String, _ arguments: any CVarArg...) -> String {
    var buffer = [CChar](repeating: 0, count: 1024)
    let length = withVaList(arguments) { vsnprintf(&buffer, buffer.count, format, $0) }
    if length >= buffer.count {
        buffer = [CChar](repeating: 0, count: Int(length) + 1)
        _ = withVaList(arguments) { vsnprintf(&buffer, buffer.count, format, $0) }
    }
    return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
}

/// `text` padded with spaces (or cut) to `width` UTF-16 units, as
/// `padding(toLength:withPad:startingAt:)` did.
func padded(_ text: String, to width: Int) -> String {
    let units = Array(text.utf16)
    if units.count >= width { return String(decoding: units[..<width], as: UTF16.self) }
    return text + String(repeating: " ", count: width - units.count)
}
