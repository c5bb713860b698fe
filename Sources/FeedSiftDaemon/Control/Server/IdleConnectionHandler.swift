import NIOCore

/// Closes a control connection that has sent nothing for `timeout` while
/// no request of its is being answered, so silent clients cannot hold
/// connection slots; a client waiting for a slow answer is never cut off.
///
/// It counts request lines going in and `RequestFinished` events going out
/// (the server triggers one per request, answered or a notification).
final class IdleConnectionHandler: ChannelDuplexHandler {
    typealias InboundIn = ControlFrame
    typealias InboundOut = ControlFrame
    typealias OutboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    /// Triggered (as a user outbound event) when a request has been dealt with.
    struct RequestFinished: Sendable {}

    private let timeout: TimeAmount
    private var inFlight = 0
    private var lastActivity = NIODeadline.now()
    private var timer: Scheduled<Void>?

    init(timeout: TimeAmount) {
        self.timeout = timeout
    }

    func handlerAdded(context: ChannelHandlerContext) {
        lastActivity = .now()
        schedule(context: context, at: lastActivity + timeout)
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        timer?.cancel()
        timer = nil
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        lastActivity = .now()
        if case .line = unwrapInboundIn(data) { inFlight += 1 }
        context.fireChannelRead(data)
    }

    func channelInactive(context: ChannelHandlerContext) {
        timer?.cancel()
        timer = nil
        context.fireChannelInactive()
    }

    func triggerUserOutboundEvent(context: ChannelHandlerContext, event: Any, promise: EventLoopPromise<Void>?) {
        guard event is RequestFinished else {
            context.triggerUserOutboundEvent(event, promise: promise)
            return
        }
        inFlight = max(inFlight - 1, 0)
        lastActivity = .now()
        promise?.succeed()
    }

    private func schedule(context: ChannelHandlerContext, at deadline: NIODeadline) {
        timer = context.eventLoop.assumeIsolated().scheduleTask(deadline: deadline) { [self] in
            let due = lastActivity + timeout
            if inFlight > 0 {
                schedule(context: context, at: .now() + timeout)
            } else if due > .now() {
                schedule(context: context, at: due)
            } else {
                context.close(promise: nil)
            }
        }
    }
}
