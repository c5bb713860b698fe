import NIOCore

/// One message read from a control connection.
enum ControlFrame: Sendable {
    /// A request line, without its `\n` (or `\r\n`).
    case line([UInt8])
    /// A line longer than the limit: the connection is answered with an
    /// error and closed, since nothing after it can be trusted to be framed.
    case oversized
}

/// Splits a control connection's bytes into lines, never buffering more
/// than `maximumLength` bytes of an unfinished line. Blank lines are
/// skipped; a final line without `\n` before the client half-closes still
/// counts.
struct ControlFrameDecoder: ByteToMessageDecoder {
    typealias InboundOut = ControlFrame

    let maximumLength: Int
    /// How much of the buffered bytes is known to hold no newline.
    private var scanned = 0
    private var discarding = false

    init(maximumLength: Int) {
        self.maximumLength = maximumLength
    }

    mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        if discarding {
            buffer.moveReaderIndex(to: buffer.writerIndex)
            return .needMoreData
        }
        let view = buffer.readableBytesView
        guard let newline = view[(view.startIndex + scanned)...].firstIndex(of: UInt8(ascii: "\n")) else {
            scanned = view.count
            if scanned > maximumLength + 1 {  // + 1: room for the `\r` of a `\r\n`
                discarding = true
                buffer.moveReaderIndex(to: buffer.writerIndex)
                context.fireChannelRead(Self.wrapInboundOut(.oversized))
            }
            return .needMoreData
        }
        scanned = 0
        let end = newline > view.startIndex && view[newline - 1] == UInt8(ascii: "\r") ? newline - 1 : newline
        guard end - view.startIndex <= maximumLength else {
            discarding = true
            buffer.moveReaderIndex(to: buffer.writerIndex)
            context.fireChannelRead(Self.wrapInboundOut(.oversized))
            return .needMoreData
        }
        let line = Array(view[view.startIndex..<end])
        buffer.moveReaderIndex(forwardBy: newline - view.startIndex + 1)
        if !line.allSatisfy(Self.isWhitespace) { context.fireChannelRead(Self.wrapInboundOut(.line(line))) }
        return .continue
    }

    mutating func decodeLast(context: ChannelHandlerContext, buffer: inout ByteBuffer, seenEOF: Bool) throws
        -> DecodingState
    {
        while try decode(context: context, buffer: &buffer) == .continue {}
        if !discarding, buffer.readableBytes > 0 {
            let rest = buffer.readBytes(length: buffer.readableBytes) ?? []
            if !rest.allSatisfy(Self.isWhitespace) { context.fireChannelRead(Self.wrapInboundOut(.line(rest))) }
        }
        return .needMoreData
    }

    private static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == 0x0A
    }
}
