import FoundationEssentials
import Glibc

/// The new item's TF-IDF vector, with inverse document frequencies taken
/// from the window (the new item counted in).
struct QueryWeights {
    struct Entry {
        var term: UInt32
        var weight: Double
        var idf: Double
        /// Items in the window using the term (the new item not counted).
        var frequency: Int
    }

    let entries: [Entry]
    private let norm: Double
    /// Held strongly: a weights value lives only while one item is decided,
    /// and an unowned reference cost two atomic operations per frequency
    /// looked up.
    private let index: DedupeIndex
    private let weighting: Weighting

    init(probe: CompactFeatures, index: DedupeIndex) {
        self.index = index
        let weighting = Weighting(documents: index.count + 1)
        var entries: [Entry] = []
        entries.reserveCapacity(probe.termCount)
        var sum = 0.0
        for position in 0..<probe.termCount {
            let packed = probe.term(position)
            let term = TermEntry.id(packed)
            let frequency = index.postings.documentFrequency(term)
            let idf = weighting.idf(frequency: frequency + 1)
            let weight = weighting.termFrequencyFactor(packed) * idf
            entries.append(Entry(term: term, weight: weight, idf: idf, frequency: frequency))
            sum += weight * weight
        }
        self.entries = entries
        norm = sum.squareRoot()
        self.weighting = weighting
    }

    static let backgroundDocuments = 100.0

    /// What turns a term's window frequency and its weight in an item into
    /// its TF-IDF weight, for a window of `documents` items. It holds the
    /// static tables, read once per decision: every read of a static
    /// property checks its lazy initialization (a call), millions of times
    /// per cycle.
    private struct Weighting {
        /// `log` of the idf's numerator, which is the same for every term.
        let logNumerator: Double
        let termFrequencyFactors = Weighting.factors
        let logsOfHalfIntegers = Weighting.logs

        init(documents: Int) {
            logNumerator = log(Double(documents) + QueryWeights.backgroundDocuments + 1)
        }

        /// Inverse document frequency, as if the window also held
        /// `backgroundDocuments` items without the term: with few items
        /// stored, every shared word would otherwise look common and two
        /// reports of one event would seem unrelated; with many, the prior
        /// fades out.
        ///
        /// It is `log(numerator / (frequency + 0.5))`, computed as a
        /// difference of logarithms: the denominator's is read from a table
        /// for all but the most common terms. A comparison reads the idf of
        /// each of the other item's terms, and `log` was most of the cost.
        @inline(__always)
        func idf(frequency: Int) -> Double {
            logNumerator
                - (frequency < logsOfHalfIntegers.count
                    ? logsOfHalfIntegers[frequency] : log(Double(frequency) + 0.5))
        }

        /// A term's weight in its item (1 for a lead word, 2 for a headline
        /// word, more when repeated) damped logarithmically:
        /// `1 + log(weight)`, read from a table for the 4-bit weights.
        @inline(__always)
        func termFrequencyFactor(_ packed: UInt32) -> Double {
            termFrequencyFactors[Int(TermEntry.weight(packed))]
        }

        /// `log(n + 0.5)` for the frequencies of all but common terms.
        private static let logs: [Double] = (0..<4_096).map { log(Double($0) + 0.5) }

        private static let factors: [Double] = (0...Int(TermEntry.maximumWeight)).map { 1 + log(Double($0)) }
    }

    /// How a stored item compares with the new one.
    struct Comparison {
        var similarity: Double
        /// The shared terms, strongest first.
        var shared: [UInt32]
        /// The window frequency of the rarest shared term.
        var rarestSharedFrequency: Int
    }

    /// Cosine similarity with a stored item and the shared terms by weight,
    /// or nil when the similarity is certainly below `floor`. The shared
    /// terms' weights bound the cosine from above (the other item's norm is
    /// at least theirs), which settles most candidates without looking up
    /// the frequencies of the other item's remaining terms.
    func cosine(with other: CompactFeatures, floor: Double) -> Comparison? {
        guard norm > 0 else { return nil }
        var dot = 0.0
        var sharedSum = 0.0
        var sharedCount = 0
        var rarest = Int.max
        forEachSharedTerm(with: other) { packed, entry in
            let weight = weighting.termFrequencyFactor(packed) * entry.idf
            sharedSum += weight * weight
            dot += weight * entry.weight
            sharedCount += 1
            rarest = min(rarest, entry.frequency)
        }
        guard sharedSum > 0, dot / (norm * sharedSum.squareRoot()) >= floor else { return nil }
        var otherSum = 0.0
        // Read through one local copy (which shares its storage) rather
        // than through the index for each term: every read of the class's
        // property is an exclusivity check and a copy of the struct.
        let postings = index.postings
        forEachTerm(of: other) { packed, entry in
            let idf =
                entry?.idf
                ?? weighting.idf(frequency: postings.documentFrequency(TermEntry.id(packed)))
            let weight = weighting.termFrequencyFactor(packed) * idf
            otherSum += weight * weight
        }
        let similarity = dot / (norm * otherSum.squareRoot())
        guard similarity >= floor else { return nil }
        return Comparison(
            similarity: similarity, shared: sharedTerms(with: other, count: sharedCount), rarestSharedFrequency: rarest)
    }

    /// The terms `other` shares with the new item, strongest contribution
    /// to the dot product first. Listed only once a comparison succeeds,
    /// and in one array of the right size: growing it term by term was a
    /// tenth of the cold cycle's allocations.
    private func sharedTerms(with other: CompactFeatures, count: Int) -> [UInt32] {
        var shared: [(term: UInt32, contribution: Double)] = []
        shared.reserveCapacity(count)
        forEachSharedTerm(with: other) { packed, entry in
            shared.append((entry.term, weighting.termFrequencyFactor(packed) * entry.idf * entry.weight))
        }
        shared.sort { $0.contribution > $1.contribution }
        return shared.map(\.term)
    }

    /// Calls `body` with each term of `other` that the new item has too,
    /// and the new item's entry for it.
    @inline(__always)
    private func forEachSharedTerm(with other: CompactFeatures, _ body: (UInt32, Entry) -> Void) {
        forEachTerm(of: other) { packed, entry in
            if let entry { body(packed, entry) }
        }
    }

    /// Calls `body` with each term of `other` (as it stores it) and the new
    /// item's entry for the same term, nil when it has none: one walk over
    /// the two lists, both in term order.
    @inline(__always)
    private func forEachTerm(of other: CompactFeatures, _ body: (UInt32, Entry?) -> Void) {
        var mine = 0
        for position in 0..<other.termCount {
            let packed = other.term(position)
            let term = TermEntry.id(packed)
            while mine < entries.count && entries[mine].term < term { mine += 1 }
            body(packed, mine < entries.count && entries[mine].term == term ? entries[mine] : nil)
        }
    }
}
