/// The thresholds deduplication decides with, and why they are where they
/// are. Defaults follow the published results summarized in
/// docs/deduplication.md; none is specific to a source or a story.
public struct DedupePolicy: Sendable {
    /// How far apart (in event time) two items of one story can be: the
    /// `[dedupe] window` setting.
    public var window: Double

    /// Copies: estimated Jaccard resemblance of the bodies' word 3-shingles
    /// at or above this. Broder's threshold for near-duplicates of short
    /// texts; lightly edited wire copies sit at 0.6-0.9, different articles
    /// on one event below 0.3.
    public var copyResemblance = 0.5
    /// Copies: share of the smaller body's shingles found in the larger at
    /// or above this, for a text wrapped in someone else's header and footer
    /// or cut short. 0.7 leaves a margin over the ~0.5 that two write-ups of
    /// one template (a weekly index report) reach.
    public var copyContainment = 0.7
    /// Containment is only trusted when the smaller body has this many
    /// shingles: a 10-word snippet is "contained" in many texts.
    public var containmentMinimumShingles = 20

    /// Stories: TF-IDF cosine of headline (x2) and lead at or above this,
    /// when both items have a body. The low end of the 0.25-0.35 range that
    /// single-link news clustering uses: the vetoes, not a higher threshold,
    /// keep look-alike stories apart.
    public var storySimilarity = 0.25
    /// Stories: an item that is only a headline joins on a cosine of this
    /// much, or `storySimilarity` plus a number both items state. A headline
    /// has a handful of words; a lower bar would join on one shared name.
    public var headlineSimilarity = 0.40

    /// Stories: two items join only when they share a *specific* term, one
    /// that at most this share of the window's items use (or
    /// `specificTermMinimumLimit` items, whichever is more): a name, a
    /// place, a figure. Common vocabulary alone never links two items,
    /// however much of it they share; without this anchor, single-link
    /// clustering chains a week of look-alike reports into one story.
    public var specificTermShare = 0.01
    /// The floor of the specific-term limit, for small windows: a story's
    /// own names appear in each of its items.
    public var specificTermMinimumLimit = 10

    /// The largest window frequency a specific term can have, with
    /// `windowItems` items in the window.
    func specificTermLimit(windowItems: Int) -> Int {
        max(specificTermMinimumLimit, Int(specificTermShare * Double(windowItems)))
    }

    /// Stories: a new item joins a story only when it is related to at
    /// least half of the story's originals (at most this many of the most
    /// recent sampled), not only to the one it links to.
    public var supportSample = 8
    /// Stories: "related" for that support check: a shared specific term
    /// and a cosine of at least this. Items of one event share its names
    /// with nearly every other report of it (on the dev corpus all but 5 of
    /// 154 items share one with every other original of their story).
    public var supportSimilarity = 0.10

    /// Story candidates scored exactly per new item, after the term index
    /// ranks them.
    public var storyCandidates = 16
    /// Postings read per new item to find story candidates, rarest terms
    /// first; a term whose list would exceed what is left is too common to
    /// find candidates with (its weight in the cosine still counts).
    public var postingBudget = 256

    public init(window: Double) {
        self.window = window
    }
}
