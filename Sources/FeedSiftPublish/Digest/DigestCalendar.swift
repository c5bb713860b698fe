public import FeedSiftCore
public import FoundationEssentials

/// When each day's digest is due: at `[digest] at` local time in the IANA
/// `[digest] timezone`, computed from the zone's own offsets so that
/// daylight-saving changes move the instant, never the local time.
///
/// A local time that does not exist on a spring-forward day (02:30 when
/// clocks jump from 02:00 to 03:00) is taken as the same wall-clock
/// distance past the gap (03:30); one that happens twice on a fall-back
/// day is taken at its first occurrence. Either way each day has exactly
/// one cut-off, and cut-offs strictly increase from day to day.
public struct DigestCalendar: Sendable {
    public let timeZone: IANATimeZone
    public let hour: Int
    public let minute: Int

    public init(timeZone: IANATimeZone, hour: Int, minute: Int) {
        self.timeZone = timeZone
        self.hour = hour
        self.minute = minute
    }

    /// The calendar of `[digest]`; nil when the zone is unknown to this
    /// system (the configuration loader has already checked it).
    public init?(_ settings: DigestSettings) {
        guard let zone = IANATimeZone(identifier: settings.timeZone) else { return nil }
        self.init(timeZone: zone, hour: settings.hour, minute: settings.minute)
    }

    /// The instant the digest of `day` is due; its stories are those first
    /// seen before it.
    public func cutoff(of day: DigestDay) -> Date {
        let wallClock = day.daysSinceEpoch * 86400 + Int64(hour * 3600 + minute * 60)
        // Offsets in force around that wall-clock time; a transition lies
        // between them if they differ (zones change at most once in two days).
        let before = offset(at: wallClock - 2 * 86400)
        let candidates = [before, offset(at: wallClock), offset(at: wallClock + 2 * 86400)]
        let valid = candidates.map { wallClock - Int64($0) }.filter { instant in
            instant + Int64(offset(at: instant)) == wallClock
        }
        // No instant shows that wall-clock time: it lies in a gap. With the
        // offset from before the gap it lands as far past the gap.
        let instant = valid.min() ?? wallClock - Int64(before)
        return Date(timeIntervalSince1970: TimeInterval(instant))
    }

    /// The local day that `instant` falls on.
    public func day(containing instant: Date) -> DigestDay {
        let seconds = Int64(instant.timeIntervalSince1970.rounded(.down))
        let local = seconds + Int64(offset(at: seconds))
        return DigestDay(daysSinceEpoch: CivilDate.split(secondsSinceEpoch: local).days)
    }

    /// The most recent day whose digest is due at `now` (today once the
    /// cut-off has passed, else yesterday).
    public func latestDueDay(at now: Date) -> DigestDay {
        let today = day(containing: now)
        return cutoff(of: today) <= now ? today : today.adding(days: -1)
    }

    /// The first day whose cut-off is after `now`.
    public func nextDueDay(after now: Date) -> DigestDay {
        latestDueDay(at: now).adding(days: 1)
    }

    /// Seconds east of UTC at `instant`.
    public func secondsFromGMT(at instant: Date) -> Int {
        timeZone.secondsFromGMT(for: instant)
    }

    private func offset(at seconds: Int64) -> Int {
        timeZone.secondsFromGMT(at: seconds)
    }
}

extension DigestCalendar {
    /// `Sat 28 Nov 2026 07:00`, the local time of `instant` in this zone.
    public func localDescription(of instant: Date) -> String {
        let seconds = Int64(instant.timeIntervalSince1970.rounded(.down)) + Int64(secondsFromGMT(at: instant))
        let secondOfDay = CivilDate.split(secondsSinceEpoch: seconds).secondOfDay
        let hours = secondOfDay / 3600
        let minutes = secondOfDay / 60 % 60
        return
            "\(day(containing: instant).displayName) \(hours < 10 ? "0" : "")\(hours):\(minutes < 10 ? "0" : "")\(minutes)"
    }
}
