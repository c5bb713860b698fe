import FeedSiftCore
import FoundationEssentials

/// Draws the `uid` of each new story: 24 hex digits, the first 16 an
/// ordering key that only grows (milliseconds since 1970 and a counter),
/// the last 8 random.
///
/// The uid names a story for good (it is in every Atom entry id), so it
/// must not repeat, here or in another installation: the time and the 32
/// random bits see to that. It leads with the ordering key because
/// `stories.uid` is a unique index: uids that only grow are appended at
/// the index's end, where random ones made each feed's transaction rewrite
/// about one index page per new story (a sixth of the cold cycle's log
/// writes).
struct StoryUIDGenerator {
    private var lastOrderKey: UInt64 = 0
    /// Seeded once from the system's generator: drawing from the system for
    /// every story cost a `getrandom` call each (47,000 in a cold cycle).
    private var random = SplitMix64()

    /// A new uid, ordered after every uid this generator drew before.
    mutating func next(at now: Date) -> String {
        let milliseconds = UInt64(max(0, (now.timeIntervalSince1970 * 1000).rounded(.down)))
        // 16 bits of counter: 65,536 stories a millisecond before the key
        // runs ahead of the clock, which it then simply stays ahead of.
        let orderKey = max(milliseconds << 16, lastOrderKey &+ 1)
        lastOrderKey = orderKey
        return Hexadecimal.digits(orderKey, count: 16) + Hexadecimal.digits(UInt64(random.next() as UInt32), count: 8)
    }
}
