import FoundationEssentials

extension Duration {
    /// Seconds as `TimeInterval`, for `Date` arithmetic.
    var timeInterval: TimeInterval {
        let (seconds, attoseconds) = components
        return TimeInterval(seconds) + TimeInterval(attoseconds) / 1e18
    }

    /// Clamped to ±10¹⁵ seconds, so no header value can make it trap.
    init(timeInterval: TimeInterval) {
        let bound = 1e15
        self = .milliseconds(Int64((min(max(timeInterval, -bound), bound) * 1000).rounded()))
    }

    /// Whole milliseconds, at least 1: curl reads 0 as "no time-out".
    var curlMilliseconds: Int {
        let (seconds, attoseconds) = components
        guard seconds < Int64(Int32.max) else { return Int(Int32.max) * 1000 }
        return max(1, Int(seconds) * 1000 + Int(attoseconds / 1_000_000_000_000_000))
    }
}
