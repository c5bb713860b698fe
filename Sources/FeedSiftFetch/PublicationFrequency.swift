import FoundationEssentials

/// Estimates how often a feed publishes, for the adaptive poll interval.
///
/// Miniflux's entry-frequency scheduler polls every `7 days / entries in
/// the last week`. This estimator keeps that idea and fixes what misleads
/// it: entries published together (a batch at 09:00, a feed that stamps
/// every item with the build time) count as one publication event, since no
/// poll could tell them apart; dates in the future are discarded as clock
/// errors; and a feed with no usable dates is not evidence of a quiet feed
/// (the caller falls back to the configured interval).
struct PublicationFrequency {
    /// How far back publications count.
    var window: Duration
    /// Publications closer together than this are one event.
    var burstGap: Duration
    /// Dates this far ahead of `now` are still believed (clock skew).
    var futureTolerance: Duration = .seconds(600)

    /// The mean time between publication events in the window: nil without
    /// any believable date, the whole window when every date is older
    /// (callers clamp to their maximum).
    func interval(publications: [Date], now: Date) -> Duration? {
        let latestBelievable = now.addingTimeInterval(futureTolerance.timeInterval)
        let believable = publications.filter { $0 <= latestBelievable }
        guard !believable.isEmpty else { return nil }
        let windowStart = now.addingTimeInterval(-window.timeInterval)
        let recent = believable.filter { $0 > windowStart }.sorted()
        guard var eventStart = recent.first else { return window }
        var events = 1
        for date in recent.dropFirst() where date.timeIntervalSince(eventStart) >= burstGap.timeInterval {
            events += 1
            eventStart = date
        }
        return window / events
    }
}
