/// The words above a digest's stories, shared by the subject line and
/// both parts so they always agree.
struct DigestHeading {
    /// `Trade & commodities digest — Sun 29 Nov 2026`
    var title: String
    /// `14 stories first seen from Sat 28 Nov 2026 07:00 to Sun 29 Nov 2026 07:00 (Europe/Brussels)`
    var period: String
    /// `Trade & commodities digest — Sun 29 Nov 2026 (14 stories)`
    var subject: String

    init(_ content: DigestContent, title: String, calendar: DigestCalendar) {
        let count = content.storyCount
        let stories = count == 1 ? "1 story" : "\(count) stories"
        self.title = "\(title) — \(content.day.displayName)"
        let span =
            "from \(calendar.localDescription(of: content.windowStart)) to "
            + "\(calendar.localDescription(of: content.cutoff)) (\(calendar.timeZone.identifier))"
        period = count == 0 ? "No new stories \(span)." : "\(stories) first seen or updated \(span)."
        subject = "\(self.title) (\(stories))"
    }
}
