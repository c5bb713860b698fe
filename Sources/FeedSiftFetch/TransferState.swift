internal import CCurl

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The mutable side of one transfer that curl's callbacks fill in. Reached
/// from C through an unretained pointer; its `EasyTransfer` keeps it alive.
final class TransferState {
    let maxSize: Int
    let allowPrivate: Bool
    var body: [UInt8] = []
    var headers = ResponseHeaders()
    /// Set when the body passed `maxSize`, on the wire or decoded.
    var exceededSize = false
    /// Set when an SSRF rule refused a connection or a reused connection's peer.
    var refusedAddress: (address: IPAddress, category: AddressPolicy.Category)?
    let errorBuffer: UnsafeMutablePointer<CChar>

    init(maxSize: Int, allowPrivate: Bool) {
        self.maxSize = maxSize
        self.allowPrivate = allowPrivate
        errorBuffer = .allocate(capacity: Int(CURL_ERROR_SIZE))
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE))
    }

    deinit {
        errorBuffer.deallocate()
    }

    private static func from(_ context: UnsafeMutableRawPointer?) -> TransferState? {
        guard let context else { return nil }
        return Unmanaged<TransferState>.fromOpaque(context).takeUnretainedValue()
    }

    /// Collects decoded body bytes; returning less than given aborts the
    /// transfer, which is how a gzip bomb is stopped at `maxSize`.
    static let writeBody: curl_write_callback = { data, size, count, context in
        guard let state = from(context), let data else { return 0 }
        let length = size * count
        guard state.body.count + length <= state.maxSize else {
            state.exceededSize = true
            return 0
        }
        if state.body.capacity == 0, let announced = state.headers.contentLength {
            // Room for the whole body at once: growing by doubling would
            // copy it several times and leave up to half the buffer unused.
            // A compressed body outgrows this; a lying length is capped.
            state.body.reserveCapacity(min(max(announced, length), state.maxSize))
        }
        data.withMemoryRebound(to: UInt8.self, capacity: length) {
            state.body.append(contentsOf: UnsafeBufferPointer(start: $0, count: length))
        }
        return length
    }

    static let writeHeader: curl_write_callback = { data, size, count, context in
        guard let state = from(context), let data else { return 0 }
        let length = size * count
        data.withMemoryRebound(to: UInt8.self, capacity: length) {
            state.headers.add(line: UnsafeBufferPointer(start: $0, count: length))
        }
        return length
    }

    /// Stops a transfer whose announced or received (still encoded) size
    /// passes the cap, before the decoder ever sees the bytes.
    static let progress: curl_xferinfo_callback = { context, total, now, _, _ in
        guard let state = from(context) else { return 1 }
        if total > state.maxSize || now > state.maxSize {
            state.exceededSize = true
            return 1
        }
        return 0
    }

    /// Creates each socket curl wants, after DNS, unless the address it is
    /// for is forbidden; this is where every spelling of a host ends up as
    /// plain address bytes.
    static let openSocket: curl_opensocket_callback = { context, _, address in
        guard let state = from(context), let address,
            let socketAddress = feedsift_sockaddr_address(address),
            let peer = IPAddress(socketAddress: socketAddress, length: Int(address.pointee.addrlen))
        else { return CURL_SOCKET_BAD }
        if let category = AddressPolicy.refusal(for: peer, allowPrivate: state.allowPrivate) {
            state.refusedAddress = (peer, category)
            return CURL_SOCKET_BAD
        }
        #if canImport(Glibc)
            let type = address.pointee.socktype | Int32(SOCK_CLOEXEC.rawValue)
        #else
            let type = address.pointee.socktype
        #endif
        return socket(address.pointee.family, type, address.pointee.protocol)
    }

    /// Runs before every request, on new and reused connections alike: a
    /// connection opened for a feed with `allow-private` must not carry a
    /// request for one without it.
    static let checkPeer: curl_prereq_callback = { context, primaryIP, _, _, _ in
        guard let state = from(context), let primaryIP else { return Int32(CURL_PREREQFUNC_ABORT) }
        guard let peer = IPAddress(String(cString: primaryIP)) else { return Int32(CURL_PREREQFUNC_ABORT) }
        if let category = AddressPolicy.refusal(for: peer, allowPrivate: state.allowPrivate) {
            state.refusedAddress = (peer, category)
            return Int32(CURL_PREREQFUNC_ABORT)
        }
        return Int32(CURL_PREREQFUNC_OK)
    }
}
