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
        let signature = MinHashSignature.indexed(features.signature)
        let weights = QueryWeights(probe: probe, index: self)
        var links: [Link] = []
        // Each slot is compared once. A plain list: an item has a few dozen
        // candidates (a near-copy comes back from every band it shares), and
        // searching them costs less than hashing each into a set.
        var seen: [Int32] = []
        seen.reserveCapacity(32)
        func isFirstSighting(_ slot: Int32) -> Bool {
            guard !seen.contains(slot) else { return false }
            seen.append(slot)
            return true
        }
        for slot in copyCandidates(features, signature) where isFirstSighting(slot) {
            guard isInWindow(slot, features) else { continue }
            if let evidence = copyEvidence(features, signature, probe, slot) {
                links.append(Link(slot: slot, kind: .copy(evidence)))
            } else if let link = storyLink(probe, features, weights, slot) {
                links.append(link)
            }
        }
        for slot in storyCandidates(probe, features, weights) where isFirstSighting(slot) {
            if let evidence = copyEvidence(features, signature, probe, slot) {
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
    private func copyCandidates(_ features: ItemFeatures, _ signature: [UInt8]) -> [Int32] {
        var result: [Int32] = []
        if features.urlKey != 0 { slots(in: .url, key: features.urlKey) { result.append($0) } }
        if features.bodyKey != 0 { slots(in: .body, key: features.bodyKey) { result.append($0) } }
        if features.isHeadlineOnly && features.headlineKey != 0 {
            slots(in: .headline, key: features.headlineKey) { result.append($0) }
        }
        guard signature.count == MinHashSignature.size else { return result }
        var keys = [UInt64](repeating: 0, count: MinHashSignature.bands)
        // All first buckets are read before any band is probed (see
        // `SlotTable.firstBucket`); when all are empty no slot shares a band.
        var filled: UInt32 = 0
        signature.withUnsafeBufferPointer { signature in
            for band in keys.indices {
                keys[band] = MinHashSignature.bandKey(signature, band: band)
                filled |= bandTables[band].firstBucket(key: keys[band])
            }
        }
        guard filled != 0 else { return result }
        for band in keys.indices {
            slots(in: .band(band), key: keys[band]) { result.append($0) }
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
        // Rarest first; ties in term order. Each key packs the frequency
        // above the entry's position, so the sort compares plain integers.
        let entries = weights.entries
        let rarestFirst = entries.indices.map { UInt64(entries[$0].frequency) << 16 | UInt64($0) }.sorted()
        for key in rarestFirst {
            let entry = entries[Int(key & 0xFFFF)]
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
        var candidates: [Int32] = []
        candidates.reserveCapacity(policy.storyCandidates)
        for slot in best.slots where isInWindow(slot, features) {
            candidates.append(slot)
            if candidates.count == policy.storyCandidates { break }
        }
        return candidates
    }

    // MARK: Pair tests

    private func copyEvidence(_ features: ItemFeatures, _ signature: [UInt8], _ probe: CompactFeatures, _ slot: Int32)
        -> CopyEvidence?
    {
        let record = records[Int(slot)]
        if features.urlKey != 0 && features.urlKey == record.urlKey {
            return CopyEvidence(kind: .canonicalURL, itemID: record.itemID)
        }
        if features.bodyKey != 0 && features.bodyKey == record.bodyKey {
            return CopyEvidence(kind: .sameText, itemID: record.itemID)
        }
        if features.isHeadlineOnly || record.isHeadlineOnly {
            guard
                features.isHeadlineOnly && record.isHeadlineOnly && features.headlineKey != 0
                    && features.headlineKey == record.headlineKey
            else { return nil }
            return CopyEvidence(kind: .sameHeadline, itemID: record.itemID)
        }
        guard record.hasSignature, signature.count == MinHashSignature.size else { return nil }
        // Near-identical text can still be another release of a template
        // report (next week's index, next month's exports): the headlines'
        // numbers and periods decide.
        guard PairComparison.veto(probe, payload(slot)) == nil else { return nil }
        let resemblance = signature.withUnsafeBufferPointer { signature in
            withSignature(of: slot) { MinHashSignature.indexedResemblance(signature, $0) }
        }
        if resemblance >= policy.copyResemblance {
            return CopyEvidence(kind: .resemblance(resemblance), itemID: record.itemID)
        }
        let sizes = (features.shingleCount, record.shingleCount)
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
            let comparison = weights.cosine(with: other, floor: policy.storySimilarity),
            comparison.rarestSharedFrequency <= policy.specificTermLimit(windowItems: count)
        else { return nil }
        let similarity = comparison.similarity
        let headlineOnly = features.isHeadlineOnly || records[Int(slot)].isHeadlineOnly
        let joins =
            headlineOnly
            ? similarity >= policy.headlineSimilarity
                || similarity >= policy.storySimilarity && PairComparison.sharesNumber(probe, other)
            : similarity >= policy.storySimilarity
        return joins ? Link(slot: slot, kind: .story(similarity: similarity, shared: comparison.shared)) : nil
    }

    // MARK: The decision

    /// Caps the pairwise veto checks between two stories (large stories are
    /// checked on their most recently added members).
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
            let memberSlots = self.members(of: story, limit: Self.vetoCheckLimit)
            if !link.isCopy && !supports(link, among: memberSlots, features: features, weights: weights) { continue }
            let members = memberSlots.map(payload)
            if !link.isCopy {
                let conflict = members.contains { member in
                    joinedMembers.contains { PairComparison.veto($0, member) != nil }
                }
                if conflict { continue }
            }
            accepted.append(story)
            acceptedLinks.append(link)
            joinedMembers.append(contentsOf: members)
        }
        guard let primary = acceptedLinks.first else { return .newStory }
        let survivor = accepted.min() ?? records[Int(primary.slot)].storyID
        var placement = Placement.newStory
        placement.storyID = survivor
        placement.mergedStoryIDs = accepted.filter { $0 != survivor }

        let copyLinks = acceptedLinks.filter(\.isCopy)
        if copyLinks.isEmpty {
            placement.reason = storyReason(primary, features: features)
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
            guard case .copy(let evidence) = link.kind, placement.formerRoots.contains(evidence.itemID) else {
                continue
            }
            placement.formerRootEvidence[evidence.itemID] = evidence
        }
        return placement
    }

    /// Whether the new item is like the story as a whole, not only like the
    /// member it linked to: it must also be related (a shared specific term
    /// and a cosine of `policy.supportSimilarity`) to at least half of the
    /// story's most recent originals in the window, at most
    /// `policy.supportSample` of them, the linked one included. Without it,
    /// A-B-C-D chains join D to A on nothing they share.
    private func supports(_ link: Link, among members: [Int32], features: ItemFeatures, weights: QueryWeights) -> Bool {
        let limit = policy.specificTermLimit(windowItems: count)
        let linkedRoot = records[Int(link.slot)].copyRoot
        var sampled = 1
        var supporting = 1
        for slot in members where sampled < policy.supportSample {
            let record = records[Int(slot)]
            guard record.copyRoot == record.itemID, record.itemID != linkedRoot, isInWindow(slot, features) else {
                continue
            }
            sampled += 1
            if let comparison = weights.cosine(with: payload(slot), floor: policy.supportSimilarity),
                comparison.rarestSharedFrequency <= limit
            {
                supporting += 1
            }
        }
        return 2 * supporting >= sampled
    }

    /// Whether item `first` is earlier than item `second` (items not in the
    /// index are older than the window, so earliest).
    private func isEarlier(_ first: Int64, than second: Int64) -> Bool {
        guard let firstSlot = slot(ofItem: first) else { return true }
        guard let secondSlot = slot(ofItem: second) else { return false }
        let a = records[Int(firstSlot)]
        let b = records[Int(secondSlot)]
        return (a.eventTime, a.orderKey) < (b.eventTime, b.orderKey)
    }

    private func isEarlier(_ features: ItemFeatures, than item: Int64) -> Bool {
        guard let slot = slot(ofItem: item) else { return false }
        let record = records[Int(slot)]
        return (features.eventTime, features.orderKey) < (record.eventTime, record.orderKey)
    }

    private func storyReason(_ link: Link, features: ItemFeatures) -> String {
        guard case .story(let similarity, let shared) = link.kind else { return "" }
        let words = shared.prefix(4).compactMap { features.word(ofTerm: $0) }
        var sentence = "same story as item \(records[Int(link.slot)].itemID): similarity "
        sentence += CopyEvidence.format(similarity)
        if !words.isEmpty { sentence += ", shared: " + words.joined(separator: ", ") }
        return sentence
    }
}
