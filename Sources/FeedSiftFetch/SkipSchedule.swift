import FoundationEssentials

/// RSS `skipHours` (0–23, GMT) and `skipDays` (1 = Sunday … 7 = Saturday):
/// slots in which the publisher asks not to be polled.
struct SkipSchedule {
    var hours: Set<Int>
    var days: Set<Int>

    private static let gmt: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "GMT") ?? TimeZone(secondsFromGMT: 0) ?? calendar.timeZone
        return calendar
    }()

    /// The first time at or after `date` outside every skipped slot and the
    /// rule that moved it; nil when `date` is not skipped. A document that
    /// skips every hour or every day is ignored (it cannot mean it).
    func firstAllowed(from date: Date) -> (Date, PollReason)? {
        let skippedHours = hours.filter { (0..<24).contains($0) }
        let skippedDays = days.filter { (1...7).contains($0) }
        guard skippedHours.count < 24, skippedDays.count < 7 else { return nil }
        var candidate = date
        var reason: PollReason?
        // At most a week of hours to step over.
        for _ in 0..<(8 * 24) {
            let parts = Self.gmt.dateComponents([.hour, .weekday], from: candidate)
            if let day = parts.weekday, skippedDays.contains(day) {
                reason = reason ?? .skipDays
                candidate = Self.gmt.startOfDay(for: candidate).addingTimeInterval(86400)
            } else if let hour = parts.hour, skippedHours.contains(hour) {
                reason = reason ?? .skipHours
                candidate = Self.startOfHour(candidate).addingTimeInterval(3600)
            } else {
                break
            }
        }
        guard let reason else { return nil }
        return (candidate, reason)
    }

    private static func startOfHour(_ date: Date) -> Date {
        Date(timeIntervalSince1970: (date.timeIntervalSince1970 / 3600).rounded(.down) * 3600)
    }
}
