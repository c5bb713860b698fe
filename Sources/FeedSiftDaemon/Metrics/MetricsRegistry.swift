import FoundationEssentials
import Synchronization

/// A small, thread-safe store of counters, gauges and histograms with
/// labels, rendered in the Prometheus text format for `feedsift metrics`
/// and the HTTP server's `/metrics`.
///
/// Any thread or task may update it; each update takes one short lock.
/// Metrics appear in the output in the order they were first declared or
/// used; a metric's series are sorted by their labels. Values live as long
/// as the process (counters restart at zero with the daemon, as Prometheus
/// expects).
public final class MetricsRegistry: Sendable {
    private struct Series {
        var value: Double = 0
        /// Per bucket (cumulative only when rendered), for histograms.
        var bucketCounts: [UInt64] = []
        var count: UInt64 = 0
    }

    private struct Family {
        var descriptor: MetricDescriptor
        var series: [MetricLabels: Series] = [:]
    }

    private struct State {
        var families: [Family] = []
        var indexByName: [String: Int] = [:]
    }

    private let state = Mutex(State())

    public init() {}

    /// Makes a metric appear in the output before its first update; an
    /// unlabelled counter or gauge starts at zero.
    public func declare(_ metric: MetricDescriptor) {
        update(metric, labels: [:], createOnly: true) { _ in }
    }

    /// Adds `amount` (not negative) to a counter.
    public func increment(_ metric: MetricDescriptor, by amount: Double = 1, labels: MetricLabels = [:]) {
        precondition(metric.kind == .counter, "\(metric.name) is not a counter")
        guard amount > 0 else { return }
        update(metric, labels: labels) { $0.value += amount }
    }

    /// Sets a gauge.
    public func set(_ metric: MetricDescriptor, to value: Double, labels: MetricLabels = [:]) {
        precondition(metric.kind == .gauge, "\(metric.name) is not a gauge")
        update(metric, labels: labels) { $0.value = value }
    }

    /// Records one observation in a histogram.
    public func observe(_ metric: MetricDescriptor, _ value: Double, labels: MetricLabels = [:]) {
        precondition(metric.kind == .histogram, "\(metric.name) is not a histogram")
        update(metric, labels: labels) { series in
            if series.bucketCounts.isEmpty { series.bucketCounts = Array(repeating: 0, count: metric.buckets.count) }
            if let bucket = metric.buckets.firstIndex(where: { value <= $0 }) { series.bucketCounts[bucket] += 1 }
            series.count += 1
            series.value += value
        }
    }

    /// The current value of a counter or gauge, or a histogram's sum.
    public func value(of metric: MetricDescriptor, labels: MetricLabels = [:]) -> Double? {
        state.withLock { state in
            state.indexByName[metric.name].flatMap { state.families[$0].series[labels]?.value }
        }
    }

    /// Every metric in the Prometheus text exposition format (version 0.0.4).
    public func prometheusText() -> String {
        let families = state.withLock { $0.families }
        var out = ""
        for family in families {
            let descriptor = family.descriptor
            out += "# HELP \(descriptor.name) \(Self.escapeHelp(descriptor.help))\n"
            out += "# TYPE \(descriptor.name) \(descriptor.kind.rawValue)\n"
            for (labels, series) in family.series.sorted(by: { $0.key < $1.key }) {
                switch descriptor.kind {
                case .counter, .gauge:
                    out += "\(descriptor.name)\(labels.rendered()) \(Self.format(series.value))\n"
                case .histogram:
                    var cumulative: UInt64 = 0
                    for (bound, count) in zip(descriptor.buckets, series.bucketCounts) {
                        cumulative += count
                        let le = labels.rendered(adding: ("le", Self.format(bound)))
                        out += "\(descriptor.name)_bucket\(le) \(cumulative)\n"
                    }
                    out += "\(descriptor.name)_bucket\(labels.rendered(adding: ("le", "+Inf"))) \(series.count)\n"
                    out += "\(descriptor.name)_sum\(labels.rendered()) \(Self.format(series.value))\n"
                    out += "\(descriptor.name)_count\(labels.rendered()) \(series.count)\n"
                }
            }
        }
        return out
    }

    private func update(
        _ metric: MetricDescriptor, labels: MetricLabels, createOnly: Bool = false, _ change: (inout Series) -> Void
    ) {
        state.withLock { state in
            let index: Int
            if let existing = state.indexByName[metric.name] {
                precondition(
                    state.families[existing].descriptor.kind == metric.kind,
                    "metric \(metric.name) used as both \(state.families[existing].descriptor.kind) and \(metric.kind)")
                index = existing
            } else {
                index = state.families.count
                state.families.append(Family(descriptor: metric))
                state.indexByName[metric.name] = index
            }
            if createOnly {
                // Histograms and labelled metrics have no meaningful zero series.
                if metric.kind != .histogram, metric.labelNames.isEmpty, state.families[index].series.isEmpty {
                    state.families[index].series[labels] = Series()
                }
                return
            }
            change(&state.families[index].series[labels, default: Series()])
        }
    }

    /// Backslashes and line feeds escaped, scalar by scalar (also where a
    /// combining mark follows, which Foundation's `replacingOccurrences`
    /// left alone).
    private static func escapeHelp(_ text: String) -> String {
        var escaped = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": escaped.append(contentsOf: "\\\\".unicodeScalars)
            case "\n": escaped.append(contentsOf: "\\n".unicodeScalars)
            default: escaped.append(scalar)
            }
        }
        return String(escaped)
    }

    /// Integral values without a fraction, others in Swift's shortest form.
    static func format(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value > 0 ? "+Inf" : "-Inf" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return String(value)
    }
}
