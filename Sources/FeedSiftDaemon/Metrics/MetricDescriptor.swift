/// What a metric is: its Prometheus name, help text and kind. Declare each
/// once as a constant and pass it to `MetricsRegistry` to update it.
public struct MetricDescriptor: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        /// Only goes up (until the daemon restarts).
        case counter
        /// A current value that may go up and down.
        case gauge
        /// Observations counted in cumulative buckets, with their sum.
        case histogram
    }

    /// `snake_case`, with the `feedsift_` prefix and, for counters, a
    /// `_total` suffix, as Prometheus conventions ask.
    public let name: String
    public let help: String
    public let kind: Kind
    /// Names of the labels its series carry; an unlabelled counter or
    /// gauge is shown at zero before its first update, a labelled one only
    /// once a series exists.
    public let labelNames: [String]
    /// Upper bounds of the histogram's buckets, ascending (`+Inf` is implied).
    public let buckets: [Double]

    public static func counter(_ name: String, help: String, labels: [String] = []) -> MetricDescriptor {
        MetricDescriptor(name: name, help: help, kind: .counter, labelNames: labels, buckets: [])
    }

    public static func gauge(_ name: String, help: String, labels: [String] = []) -> MetricDescriptor {
        MetricDescriptor(name: name, help: help, kind: .gauge, labelNames: labels, buckets: [])
    }

    public static func histogram(_ name: String, help: String, buckets: [Double]) -> MetricDescriptor {
        MetricDescriptor(name: name, help: help, kind: .histogram, labelNames: [], buckets: buckets.sorted())
    }
}
