import FeedSiftCore
import FeedSiftFetch
import FeedSiftTestSupport
import Foundation
import Testing

/// Every scheduling rule, table-driven, with jitter off unless a test is
/// about jitter.
@Suite struct PollPolicyTests {
    /// Wednesday 2026-03-04 10:00:00 UTC.
    static let now = Date(timeIntervalSince1970: 1_772_618_400)
    static let minute = Duration.seconds(60)
    static let hour = Duration.seconds(3600)

    static var policy: PollPolicy {
        var policy = PollPolicy(
            defaultInterval: minute * 30, minInterval: minute * 15, maxInterval: hour * 24, backoffCap: hour * 24)
        policy.jitterFraction = 0
        return policy
    }

    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var state = PollState()
        var outcome = PollOutcome(status: 200)
        var hints = PollingHints()
        var adaptive = true
        var interval: Duration
        var reason: PollReason
        var testDescription: String { name }
    }

    /// `count` publication times, `spacing` apart, the newest `age` ago.
    static func publications(_ count: Int, every spacing: Duration, newest age: Duration = .zero) -> [Date] {
        (0..<count).map { now.addingTimeInterval(-(age + spacing * $0).seconds) }
    }

    static let successCases: [Case] = [
        Case(name: "nothing known: [fetch] interval", interval: minute * 30, reason: .configured),
        Case(
            name: "feed interval", state: PollState(configuredInterval: hour * 2), interval: hour * 2,
            reason: .configured),
        Case(
            name: "feed interval below min-interval", state: PollState(configuredInterval: minute * 5),
            interval: minute * 15, reason: .minInterval),
        Case(
            name: "adaptive: twice a day",
            state: PollState(recentPublications: publications(14, every: hour * 12, newest: hour)),
            interval: hour * 12, reason: .adaptive),
        Case(
            name: "adaptive: a batch of 50 at once is one publication",
            state: PollState(recentPublications: publications(50, every: .seconds(1), newest: hour * 72)),
            interval: hour * 24, reason: .adaptive),
        Case(
            name: "adaptive: every minute is capped at min-interval",
            state: PollState(recentPublications: publications(7 * 24 * 60 - 1, every: minute)),
            interval: minute * 15, reason: .adaptive),
        Case(
            name: "adaptive: nothing this week is max-interval",
            state: PollState(recentPublications: publications(5, every: hour * 24, newest: hour * 24 * 8)),
            interval: hour * 24, reason: .adaptive),
        Case(
            name: "adaptive: only future dates are no evidence",
            state: PollState(recentPublications: [now.addingTimeInterval(86400 * 30)]),
            interval: minute * 30, reason: .configured),
        Case(
            name: "adaptive off", state: PollState(recentPublications: publications(14, every: hour * 12)),
            adaptive: false, interval: minute * 30, reason: .configured),
        Case(
            name: "feed interval beats adaptive",
            state: PollState(configuredInterval: hour, recentPublications: publications(14, every: hour * 12)),
            interval: hour, reason: .configured),
        Case(name: "ttl lengthens", hints: PollingHints(ttlMinutes: 120), interval: hour * 2, reason: .ttl),
        Case(
            name: "ttl never shortens", hints: PollingHints(ttlMinutes: 10), interval: minute * 30, reason: .configured),
        Case(
            name: "ttl is capped at max-interval", hints: PollingHints(ttlMinutes: 100_000), interval: hour * 24,
            reason: .ttl),
        Case(
            name: "sy:updatePeriod", hints: PollingHints(syndicationInterval: hour * 6), interval: hour * 6,
            reason: .syndication),
        Case(
            name: "max-age lengthens", outcome: PollOutcome(status: 200, cacheMaxAge: hour), interval: hour,
            reason: .maxAge),
        Case(
            name: "max-age never shortens", outcome: PollOutcome(status: 200, cacheMaxAge: minute),
            interval: minute * 30, reason: .configured),
        Case(
            name: "Expires, on the server's clock",
            outcome: PollOutcome(
                status: 200, expires: now.addingTimeInterval(3600), serverDate: now.addingTimeInterval(-3600)),
            interval: hour * 2, reason: .expires),
        Case(
            name: "Expires in the past", outcome: PollOutcome(status: 200, expires: now.addingTimeInterval(-60)),
            interval: minute * 30, reason: .configured),
        Case(
            name: "max-age wins over Expires",
            outcome: PollOutcome(status: 200, cacheMaxAge: hour, expires: now.addingTimeInterval(5 * 3600)),
            interval: hour, reason: .maxAge),
        Case(
            name: "the longest hint wins", outcome: PollOutcome(status: 200, cacheMaxAge: hour),
            hints: PollingHints(ttlMinutes: 180, syndicationInterval: hour * 2), interval: hour * 3, reason: .ttl),
        Case(
            name: "no validators: at most hourly", outcome: PollOutcome(status: 200, lacksValidators: true),
            interval: hour, reason: .noValidators),
        Case(
            name: "no validators, longer feed interval",
            state: PollState(configuredInterval: hour * 2), outcome: PollOutcome(status: 200, lacksValidators: true),
            interval: hour * 2, reason: .configured),
        Case(name: "304 is a success", outcome: PollOutcome(status: 304), interval: minute * 30, reason: .configured),
        Case(
            name: "success resets back-off", state: PollState(consecutiveFailures: 6), interval: minute * 30,
            reason: .configured),
    ]

    @Test(arguments: successCases)
    func afterSuccess(_ testCase: Case) {
        var policy = Self.policy
        policy.adaptive = testCase.adaptive
        let decision = policy.nextPoll(
            state: testCase.state, outcome: testCase.outcome, hints: testCase.hints, now: Self.now)
        #expect(decision.interval == testCase.interval)
        #expect(decision.reason == testCase.reason)
        #expect(decision.at == Self.now.addingTimeInterval(testCase.interval.seconds))
        #expect(decision.consecutiveFailures == 0)
    }

    static let failureCases: [Case] = [
        Case(name: "first failure doubles", outcome: .transportFailure, interval: hour, reason: .backoff),
        Case(
            name: "fourth failure", state: PollState(consecutiveFailures: 3), outcome: .transportFailure,
            interval: hour * 8, reason: .backoff),
        Case(
            name: "back-off stops at the cap", state: PollState(consecutiveFailures: 40), outcome: .transportFailure,
            interval: hour * 24, reason: .backoff),
        Case(
            name: "back-off starts from the feed's interval", state: PollState(configuredInterval: hour * 4),
            outcome: PollOutcome(status: 500), interval: hour * 8, reason: .backoff),
        Case(name: "a 404", outcome: PollOutcome(status: 404), interval: hour, reason: .backoff),
        Case(
            name: "a third 404 in a row", state: PollState(consecutiveFailures: 2), outcome: PollOutcome(status: 404),
            interval: hour * 4, reason: .backoff),
        Case(
            name: "429 Retry-After longer than back-off",
            outcome: PollOutcome(status: 429, retryAfter: now.addingTimeInterval(3 * 3600)), interval: hour * 3,
            reason: .retryAfter),
        Case(
            name: "503 Retry-After shorter than back-off",
            outcome: PollOutcome(status: 503, retryAfter: now.addingTimeInterval(600)), interval: hour, reason: .backoff
        ),
        Case(
            name: "Retry-After of a week is capped",
            outcome: PollOutcome(status: 429, retryAfter: now.addingTimeInterval(7 * 86400)), interval: hour * 24,
            reason: .retryAfter),
        Case(name: "429 without Retry-After", outcome: PollOutcome(status: 429), interval: hour, reason: .backoff),
        Case(
            name: "Retry-After on a 404 is not a 429",
            outcome: PollOutcome(status: 404, retryAfter: now.addingTimeInterval(5 * 3600)), interval: hour,
            reason: .backoff),
        Case(
            name: "hints do not shorten back-off", state: PollState(consecutiveFailures: 2),
            outcome: .transportFailure, hints: PollingHints(skipHours: [14]), interval: hour * 4, reason: .backoff),
    ]

    @Test(arguments: failureCases)
    func afterFailure(_ testCase: Case) {
        let decision = Self.policy.nextPoll(
            state: testCase.state, outcome: testCase.outcome, hints: testCase.hints, now: Self.now)
        #expect(decision.interval == testCase.interval)
        #expect(decision.reason == testCase.reason)
        #expect(decision.at == Self.now.addingTimeInterval(testCase.interval.seconds))
        #expect(decision.consecutiveFailures == testCase.state.consecutiveFailures + 1)
    }

    @Test func goneDisablesTheFeed() {
        let decision = Self.policy.nextPoll(state: PollState(), outcome: PollOutcome(status: 410), now: Self.now)
        #expect(decision.reason == .disabled)
        #expect(decision.disablesFeed)
        #expect(decision.at == .distantFuture)
    }

    @Test func skipHoursMoveThePollToTheFirstAllowedHour() {
        // 10:00 + 30 min falls in the skipped 10:00–11:59 GMT.
        let decision = Self.policy.nextPoll(
            state: PollState(), outcome: PollOutcome(status: 200), hints: PollingHints(skipHours: [10, 11]),
            now: Self.now)
        #expect(decision.reason == .skipHours)
        #expect(decision.interval == Self.minute * 30)
        #expect(decision.at == Self.now.addingTimeInterval(2 * 3600))
    }

    @Test func skipDaysMoveThePollToTheNextAllowedDay() {
        // Wednesday is day 4; Thursday 00:00 is skipped by hour, so 01:00.
        let decision = Self.policy.nextPoll(
            state: PollState(), outcome: PollOutcome(status: 200), hints: PollingHints(skipHours: [0], skipDays: [4]),
            now: Self.now)
        #expect(decision.reason == .skipDays)
        #expect(decision.at == Self.now.addingTimeInterval(15 * 3600))
    }

    @Test func aDocumentSkippingEveryHourIsIgnored() {
        let decision = Self.policy.nextPoll(
            state: PollState(), outcome: PollOutcome(status: 200), hints: PollingHints(skipHours: Set(0..<24)),
            now: Self.now)
        #expect(decision.reason == .configured)
        #expect(decision.at == Self.now.addingTimeInterval(1800))
    }

    @Test func settingsFromTheConfiguration() {
        var settings = FetchSettings()
        settings.interval = Self.minute * 45
        settings.minInterval = Self.minute * 20
        settings.maxInterval = Self.hour * 12
        settings.backoffCap = Self.hour * 6
        let policy = PollPolicy(settings: settings)
        #expect(policy.defaultInterval == Self.minute * 45)
        #expect(policy.minInterval == Self.minute * 20)
        #expect(policy.maxInterval == Self.hour * 12)
        #expect(policy.backoffCap == Self.hour * 6)
    }
}

/// Jitter spreads polls but never breaks a bound.
@Suite struct PollJitterTests {
    static let now = PollPolicyTests.now
    static let policy = PollPolicy(
        defaultInterval: .seconds(1800), minInterval: .seconds(900), maxInterval: .seconds(86400),
        backoffCap: .seconds(86400))

    private func delays(
        state: PollState = PollState(), outcome: PollOutcome, seed: UInt64 = 42, count: Int = 500
    ) -> [Double] {
        var random = SeededRandom(seed: seed)
        return (0..<count).map { _ in
            Self.policy.nextPoll(state: state, outcome: outcome, now: Self.now, using: &random).at
                .timeIntervalSince(Self.now)
        }
    }

    @Test func theConfiguredIntervalVariesByTenPercentEachWay() {
        let values = delays(outcome: PollOutcome(status: 200))
        #expect(values.allSatisfy { (1620...1980).contains($0) })
        #expect(values.contains { $0 < 1700 } && values.contains { $0 > 1900 }, "both directions are used")
    }

    @Test func floorsHoldUnderJitter() {
        let noValidators = delays(outcome: PollOutcome(status: 200, lacksValidators: true))
        #expect(noValidators.allSatisfy { (3600...3960).contains($0) })
        let retryAfter = Self.now.addingTimeInterval(7200)
        let waited = delays(outcome: PollOutcome(status: 429, retryAfter: retryAfter))
        #expect(waited.allSatisfy { $0 >= 7200 })
    }

    @Test func backOffNeverPassesTheCap() {
        let values = delays(state: PollState(consecutiveFailures: 30), outcome: .transportFailure)
        #expect(values.allSatisfy { (77760...86400).contains($0) })
    }

    @Test func theSameSeedGivesTheSameSchedule() {
        #expect(
            delays(outcome: PollOutcome(status: 200), seed: 7) == delays(outcome: PollOutcome(status: 200), seed: 7))
        #expect(
            delays(outcome: PollOutcome(status: 200), seed: 7) != delays(outcome: PollOutcome(status: 200), seed: 8))
    }
}

extension Duration {
    fileprivate var seconds: TimeInterval {
        let (whole, attoseconds) = components
        return TimeInterval(whole) + TimeInterval(attoseconds) / 1e18
    }
}
