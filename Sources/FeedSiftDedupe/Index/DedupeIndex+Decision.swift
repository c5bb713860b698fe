import Foundation

extension DedupeIndex {
    /// One reason to put the new item with a stored one.
    struct Link {
        enum Kind {
            case copy(CopyEvidence)
            case story(similarity: Double, shared: [UInt32])
        }

        var slot: Int32
        var kind: Kind

        /// Copies first (by kind), then stories by similarity.
        var strength: Double {
            switch kind {
            case .copy: 2
            case .story(let similarity, _): similarity
            }
        }

        var isCopy: Bool {
            if case .copy = kind { return true }
            return false
        }
    }

    /// Where `features` belongs: the story to join (merging the stories it
    /// bridges), the original it copies, and why. Changes nothing; `commit`
    /// applies the decision once the store has written it.
    public func decide(_ features: ItemFeatures) -> Placement {
        let probe = CompactFeatures(features)
        let weights = QueryWeights(probe: probe, index: self)
        var links: [Link] = []
        var seen: Set<Int32> = []
        for slot in copyCandidates(features) where seen.insert(slot).inserted {
            guard isInWindow(slot, features) else { continue }
            if let evidence = copyEvidence(features, probe, slot) {
                links.append(Link(slot: slot, kind: .copy(evidence)))
            } else if let link = storyLink(probe, features, weights, slot) {
                links.append(link)
            }
        }
        for slot in storyCandidates(probe, features, weights) where seen.insert(slot).inserted {
            if let evidence = copyEvidence(features, probe, slot) {
                links.append(Link(slot: slot, kind: .copy(evidence)))
            } else if let link = storyLink(probe, features, weights, slot) {
                links.append(link)
            }
        }
        links.sort { ($0.strength, records[Int($1.slot)].orderKey) > ($1.strength, records[Int($0.slot)].orderKey) }
        return placement(for: links, probe: probe, features: features, weights: weights)
    }

    private func isInWindow(_ slot: Int32, _ features: ItemFeatures) -> Bool {
        abs(records[Int(slot)].eventTime - features.eventTime) <= policy.window
    }

    // MARK: Candidates

    /// Slots sharing the canonical URL, the body fingerprint, the headline
    /// (headline-only items) or an LSH band.
    private func copyCandidates(_ features: ItemFeatures) -> [Int32] {
        var result: [Int32] = []
        if features.urlKey != 0 { slots(in: .url, key: features.urlKey) { result.append($0) } }
        if features.bodyKey != 0 { slots(in: .body, key: features.bodyKey) { result.append($0) } }
        if features.isHeadlineOnly && features.headlineKey != 0 {
            slots(in: .headline, key: features.headlineKey) { result.append($0) }
        }
        if features.signature.count == MinHashSignature.size {
            features.signature.withUnsafeBufferPointer { signature in
                for band in 0..<MinHashSignature.bands {
                    slots(in: .band(band), key: MinHashSignature.bandKey(signature, band: band)) { result.append($0) }
                }
            }
        }
        return result
    }

    /// The slots sharing the most weight of rare headline/lead terms with
    /// the new item, at most `policy.storyCandidates`, within the window.
    /// Terms are looked up rarest first until `policy.postingBudget`
    /// postings have been read: rare names and numbers find a story's
    /// items; common words would only add cost.
    private func storyCandidates(_ probe: CompactFeatures, _ features: ItemFeatures, _ weights: QueryWeights)
        -> [Int32]
    {
        var budget = policy.postingBudget
        var scores = CandidateScores()
        swap(&scores, &scratchScores)
        defer { swap(&scores, &scratchScores) }
        scores.prepare(capacity: budget)
        for entry in weights.entries.sorted(by: { $0.frequency < $1.frequency }) {
            guard entry.frequency > 0 else { continue }
            let length = postings.postingCount(entry.term)
            guard length <= budget else { break }
            budget -= length
            let contribution = Float(entry.weight * entry.idf)
            postings.forEachPosting(entry.term) { scores.add(contribution, to: $0) }
        }
        // The best by score first, then the window check, which reads each
        // slot's record (a cache miss apiece).
        var best = TopSlots(limit: 2 * policy.storyCandidates)
        scores.drain { slot, score in best.offer(slot, score: score) }
        return Array(best.slots.lazy.filter { self.isInWindow($0, features) }.prefix(policy.storyCandidates))
    }

    // MARK: Pair tests

    private func copyEvidence(_ features: ItemFeatures, _ probe: CompactFeatures, _ slot: Int32) -> CopyEvidence? {
        let record = records[Int(slot)]
        if features.urlKey != 0 && features.urlKey == record.urlKey {
            return CopyEvidence(kind: .canonicalURL, itemID: record.itemID)
        }
        if features.bodyKey != 0 && features.bodyKey == record.bodyKey {
            return CopyEvidence(kind: .sameText, itemID: record.itemID)
        }
        if features.isHeadlineOnly || record.isHeadlineOnly {
            guard features.isHeadlineOnly && record.isHeadlineOnly && features.headlineKey != 0
                && features.headlineKey == record.headlineKey
            else { return nil }
            return CopyEvidence(kind: .sameHeadline, itemID: record.itemID)
        }
        guard record.hasSignature, features.signature.count == MinHashSignature.size else { return nil }
        // Near-identical text can still be another release of a template
        // report (next week's index, next month's exports): the headlines'
        // numbers and periods decide.
        guard PairComparison.veto(probe, payload(slot)) == nil else { return nil }
        let resemblance = features.signature.withUnsafeBufferPointer { signature in
            withSignature(of: slot) { MinHashSignature.resemblance(signature, $0) }
        }
        if resemblance >= policy.copyResemblance {
            return CopyEvidence(kind: .resemblance(resemblance), itemID: record.itemID)
        }
        let sizes = (features.shingleCount, Int(record.shingleCount))
        if min(sizes.0, sizes.1) >= policy.containmentMinimumShingles {
            let containment = MinHashSignature.containment(resemblance: resemblance, sizes: sizes.0, sizes.1)
            if containment >= policy.copyContainment {
                return CopyEvidence(kind: .containment(containment), itemID: record.itemID)
            }
        }
        return nil
    }

    private func storyLink(_ probe: CompactFeatures, _ features: ItemFeatures, _ weights: QueryWeights, _ slot: Int32)
        -> Link?
    {
        let other = payload(slot)
        guard PairComparison.veto(probe, other) == nil,
            let (similarity, shared) = weights.cosine(with: other, floor: policy.storySimilarity)
        else { return nil }
        let headlineOnly = features.isHeadlineOnly || records[Int(slot)].isHeadlineOnly
        let joins =
            headlineOnly
            ? similarity >= policy.headlineSimilarity
                || similarity >= policy.storySimilarity && PairComparison.sharesNumber(probe, other)
            : similarity >= policy.storySimilarity
        return joins ? Link(slot: slot, kind: .story(similarity: similarity, shared: shared)) : nil
    }

    // MARK: The decision

    /// Caps the pairwise veto checks between two stories (large stories are
    /// checked on their earliest members).
    private static let vetoCheckLimit = 64

    private func placement(for links: [Link], probe: CompactFeatures, features: ItemFeatures, weights: QueryWeights)
        -> Placement
    {
        guard !links.isEmpty else { return .newStory }
        // Stories to join, strongest link first. A story joins only if no
        // member has a veto against the new item or the stories already
        // joined (a copy link overrides: the text is the same).
        var accepted: [Int64] = []
        var acceptedLinks: [Link] = []
        var joinedMembers: [CompactFeatures] = [probe]
        for link in links {
            let story = records[Int(link.slot)].storyID
            if accepted.contains(story) {
                if link.isCopy { acceptedLinks.append(link) }
                continue
            }
            let members = self.members(of: story, limit: Self.vetoCheckLimit).map(payload)
            if !link.isCopy {
                let conflict = members.contains { member in
                    joinedMembers.contains { PairComparison.veto($0, member) != nil }
                }
                if conflict { continue }
            }
            accepted.append(story)
            acceptedLinks.append(link)
            joinedMembers.append(contentsOf: members.prefix(Self.vetoCheckLimit))
        }
        guard let primary = acceptedLinks.first else { return .newStory }
        let survivor = accepted.min() ?? records[Int(primary.slot)].storyID
        var placement = Placement.newStory
        placement.storyID = survivor
        placement.mergedStoryIDs = accepted.filter { $0 != survivor }

        let copyLinks = acceptedLinks.filter(\.isCopy)
        if copyLinks.isEmpty {
            placement.reason = storyReason(primary, weights: weights, features: features)
            return placement
        }
        // The copy group: every group the new item matched, with the
        // earliest item as its original.
        var roots: [Int64] = []
        for link in copyLinks where !roots.contains(records[Int(link.slot)].copyRoot) {
            roots.append(records[Int(link.slot)].copyRoot)
        }
        let earliestRoot = roots.min { isEarlier($0, than: $1) }
        let bestCopy = copyLinks[0]
        guard case .copy(let evidence) = bestCopy.kind else { return placement }
        if let earliestRoot, !isEarlier(features, than: earliestRoot) {
            placement.copyOf = earliestRoot
            placement.formerRoots = roots.filter { $0 != earliestRoot }
            placement.reason = evidence.sentence(matching: evidence.itemID)
        } else {
            placement.newItemIsOriginal = true
            placement.formerRoots = roots
            placement.reason = evidence.originalSentence(of: evidence.itemID)
        }
        for link in copyLinks {
            guard case .copy(let evidence) = link.kind, placement.formerRoots.contains(evidence.itemID) else { continue }
            placement.formerRootEvidence[evidence.itemID] = evidence
        }
        return placement
    }

    /// Whether item `first` is earlier than item `second` (items not in the
    /// index are older than the window, so earliest).
    private func isEarlier(_ first: Int64, than second: Int64) -> Bool {
        guard let firstSlot = slotOfItem[first] else { return true }
        guard let secondSlot = slotOfItem[second] else { return false }
        let a = records[Int(firstSlot)]
        let b = records[Int(secondSlot)]
        return (a.eventTime, a.orderKey) < (b.eventTime, b.orderKey)
    }

    private func isEarlier(_ features: ItemFeatures, than item: Int64) -> Bool {
        guard let slot = slotOfItem[item] else { return false }
        let record = records[Int(slot)]
        return (features.eventTime, features.orderKey) < (record.eventTime, record.orderKey)
    }

    private func storyReason(_ link: Link, weights: QueryWeights, features: ItemFeatures) -> String {
        guard case .story(let similarity, let shared) = link.kind else { return "" }
        let words = shared.prefix(4).compactMap { features.termWords[$0] }
        var sentence = "same story as item \(records[Int(link.slot)].itemID): similarity "
        sentence += CopyEvidence.format(similarity)
        if !words.isEmpty { sentence += ", shared: " + words.joined(separator: ", ") }
        return sentence
    }
}

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
    private unowned let index: DedupeIndex
    private let documents: Double

    init(probe: CompactFeatures, index: DedupeIndex) {
        self.index = index
        documents = Double(index.count + 1)
        var entries: [Entry] = []
        var sum = 0.0
        for position in 0..<probe.termCount {
            let packed = probe.term(position)
            let term = TermEntry.id(packed)
            let frequency = index.postings.documentFrequency(term)
            let idf = Self.idf(documents: documents, frequency: frequency + 1)
            let weight = (1 + log(Double(TermEntry.weight(packed)))) * idf
            entries.append(Entry(term: term, weight: weight, idf: idf, frequency: frequency))
            sum += weight * weight
        }
        self.entries = entries
        norm = sum.squareRoot()
    }

    /// Inverse document frequency, as if the window also held
    /// `backgroundDocuments` items without the term: with few items stored,
    /// every shared word would otherwise look common and two reports of
    /// one event would seem unrelated; with many, the prior fades out.
    static func idf(documents: Double, frequency: Int) -> Double {
        log((documents + backgroundDocuments + 1) / (Double(frequency) + 0.5))
    }

    static let backgroundDocuments = 100.0

    /// Cosine similarity with a stored item and the shared terms by weight,
    /// or nil when the similarity is certainly below `floor`. The shared
    /// terms' weights bound the cosine from above (the other item's norm is
    /// at least theirs), which settles most candidates without looking up
    /// the frequencies of the other item's remaining terms.
    func cosine(with other: CompactFeatures, floor: Double) -> (Double, [UInt32])? {
        guard norm > 0 else { return nil }
        var dot = 0.0
        var sharedSum = 0.0
        var shared: [(UInt32, Double)] = []
        var mine = 0
        for position in 0..<other.termCount {
            let packed = other.term(position)
            let term = TermEntry.id(packed)
            while mine < entries.count && entries[mine].term < term { mine += 1 }
            guard mine < entries.count && entries[mine].term == term else { continue }
            let idf = entries[mine].idf
            let weight = (1 + log(Double(TermEntry.weight(packed)))) * idf
            sharedSum += weight * weight
            dot += weight * entries[mine].weight
            shared.append((term, weight * entries[mine].weight))
        }
        guard sharedSum > 0, dot / (norm * sharedSum.squareRoot()) >= floor else { return nil }
        var otherSum = 0.0
        mine = 0
        for position in 0..<other.termCount {
            let packed = other.term(position)
            let term = TermEntry.id(packed)
            while mine < entries.count && entries[mine].term < term { mine += 1 }
            let isShared = mine < entries.count && entries[mine].term == term
            let idf =
                isShared
                ? entries[mine].idf : Self.idf(documents: documents, frequency: index.postings.documentFrequency(term))
            let weight = (1 + log(Double(TermEntry.weight(packed)))) * idf
            otherSum += weight * weight
        }
        let similarity = dot / (norm * otherSum.squareRoot())
        guard similarity >= floor else { return nil }
        return (similarity, shared.sorted { $0.1 > $1.1 }.map(\.0))
    }
}

/// Scores accumulated per candidate slot while reading postings: a small
/// open-addressing table sized for the posting budget, so it stays in the
/// fastest cache however large the window.
struct CandidateScores {
    private var slots: [Int32] = []
    private var scores: [Float] = []
    private var used: [Int] = []
    private var mask = 0

    /// Makes room for `capacity` candidates (kept between uses: the table
    /// is emptied by `drain`, not reallocated).
    mutating func prepare(capacity: Int) {
        var size = 64
        while size < capacity * 2 { size *= 2 }
        guard size != slots.count else { return }
        slots = [Int32](repeating: -1, count: size)
        scores = [Float](repeating: 0, count: size)
        mask = size - 1
    }

    @inline(__always)
    mutating func add(_ score: Float, to slot: Int32) {
        var index = Int(UInt32(bitPattern: slot) &* 0x9e37_79b9 >> 16) & mask
        while slots[index] != slot {
            if slots[index] < 0 {
                slots[index] = slot
                used.append(index)
                break
            }
            index = (index + 1) & mask
        }
        scores[index] += score
    }

    /// Hands out every candidate and empties the table.
    mutating func drain(_ body: (Int32, Float) -> Void) {
        for index in used {
            body(slots[index], scores[index])
            slots[index] = -1
            scores[index] = 0
        }
        used.removeAll(keepingCapacity: true)
    }
}

/// The best-scoring slots seen, at most `limit` (a small min-heap).
struct TopSlots {
    let limit: Int
    private var heap: [(slot: Int32, score: Float)] = []

    init(limit: Int) { self.limit = limit }

    mutating func offer(_ slot: Int32, score: Float) {
        if heap.count < limit {
            heap.append((slot, score))
            siftUp(heap.count - 1)
        } else if let lowest = heap.first, score > lowest.score {
            heap[0] = (slot, score)
            siftDown(0)
        }
    }

    /// Best first.
    var slots: [Int32] { heap.sorted { $0.score > $1.score }.map(\.slot) }

    private mutating func siftUp(_ start: Int) {
        var child = start
        while child > 0 {
            let parent = (child - 1) / 2
            guard heap[child].score < heap[parent].score else { return }
            heap.swapAt(child, parent)
            child = parent
        }
    }

    private mutating func siftDown(_ start: Int) {
        var parent = start
        while true {
            let left = 2 * parent + 1
            let right = left + 1
            var smallest = parent
            if left < heap.count && heap[left].score < heap[smallest].score { smallest = left }
            if right < heap.count && heap[right].score < heap[smallest].score { smallest = right }
            if smallest == parent { return }
            heap.swapAt(parent, smallest)
            parent = smallest
        }
    }
}
