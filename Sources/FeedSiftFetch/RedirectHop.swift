/// One redirect the fetcher followed: `from` answered `status` with a
/// `Location` naming `to` (resolved to an absolute URL).
public struct RedirectHop: Sendable, Hashable {
    public var status: Int
    public var from: String
    public var to: String

    public init(status: Int, from: String, to: String) {
        self.status = status
        self.from = from
        self.to = to
    }

    /// 301 and 308 say the resource moved for good; the caller should
    /// update the URL it stores.
    public var isPermanent: Bool { status == 301 || status == 308 }
}
