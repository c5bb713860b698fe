import Testing

@testable import FeedSiftDedupe

/// The index as a cache of the store: trimmed to the window, rebuilt from
/// stored features with the same decisions, and measured.
@Suite struct IndexMaintenanceTests {
    @Test func evictedItemsAreNoLongerFound() {
        let harness = DedupeHarness()
        let (old, _) = harness.place(NewsFixtures.tinOriginal)
        let (fresh, _) = harness.place(NewsFixtures.coffee)
        harness.index.evict(before: NewsItem.baseTime + 3600)
        #expect(!harness.index.contains(itemID: old))
        #expect(harness.index.contains(itemID: fresh))
        #expect(harness.index.count == 1)
        let placement = harness.index.decide(
            FeatureExtractor().features(of: NewsFixtures.tinWireCopy.input, boilerplate: .empty))
        #expect(placement.copyOf == nil, "the original is gone from the index")
    }

    @Test func aRebuiltIndexDecidesAsTheOriginalDid() throws {
        let harness = DedupeHarness()
        for item in [NewsFixtures.tinOriginal, NewsFixtures.tinRewrite, NewsFixtures.coffee, NewsFixtures.freight] {
            harness.place(item)
        }
        let rebuilt = DedupeIndex(policy: harness.index.policy)
        for (id, features) in harness.features.sorted(by: { $0.key < $1.key }) {
            let stored = try ItemFeatures(decoding: features.encoded())
            rebuilt.load(
                itemID: id, storyID: try #require(harness.storyOf[id]), copyOf: harness.copyOf[id], features: stored)
        }
        let newcomer = FeatureExtractor().features(of: NewsFixtures.tinWireCopy.input, boilerplate: .empty)
        let before = harness.index.decide(newcomer)
        let after = rebuilt.decide(newcomer)
        #expect(after.storyID == before.storyID && after.copyOf == before.copyOf && after.reason == before.reason)
        #expect(after.copyOf == 1)
    }

    @Test func removingEverythingFreesTheSlotsForReuse() {
        let harness = DedupeHarness()
        for item in [NewsFixtures.tinOriginal, NewsFixtures.tinWireCopy, NewsFixtures.tinFarmCopy, NewsFixtures.coffee]
        {
            harness.place(item)
        }
        #expect(harness.index.memoryBytes > 0)
        harness.index.removeAll()
        #expect(harness.index.count == 0)
        let placement = harness.index.decide(
            FeatureExtractor().features(of: NewsFixtures.tinOriginal.input, boilerplate: .empty))
        #expect(placement.storyID == nil)
        harness.place(NewsFixtures.tinOriginal)
        #expect(harness.index.records.count == 4, "a freed slot is reused")
    }

    @Test func postingsFollowInsertionsAndRemovals() {
        var postings = TermPostings()
        for slot in Int32(0)..<20 { postings.add(slot, term: 7, indexed: slot % 2 == 0) }
        #expect(postings.documentFrequency(7) == 20)
        #expect(postings.postingCount(7) == 10)
        for slot in Int32(0)..<10 { postings.remove(slot, term: 7, indexed: slot % 2 == 0) }
        var seen: [Int32] = []
        postings.forEachPosting(7) { seen.append($0) }
        #expect(seen.sorted() == [10, 12, 14, 16, 18])
        #expect(postings.documentFrequency(7) == 10)
        for slot in Int32(10)..<20 { postings.remove(slot, term: 7, indexed: slot % 2 == 0) }
        #expect(postings.documentFrequency(7) == 0 && postings.termCount == 0)
    }

    @Test func bulkRemovalKeepsExactlyTheOtherPostings() {
        var postings = TermPostings()
        for term in UInt32(1)...5 {
            for slot in Int32(0)..<Int32(term * 30) { postings.add(slot, term: term, indexed: slot % 3 != 0) }
        }
        postings.removePostings { $0 % 2 == 0 }
        for term in UInt32(1)...5 {
            var seen: [Int32] = []
            postings.forEachPosting(term) { seen.append($0) }
            let expected = (Int32(0)..<Int32(term * 30)).filter { $0 % 3 != 0 && $0 % 2 != 0 }
            #expect(seen.sorted() == expected)
            #expect(postings.postingCount(term) == expected.count)
        }
        // The blocks freed are reused, and the lists still grow.
        postings.add(1000, term: 5, indexed: true)
        #expect(postings.postingCount(5) == 51)
    }

    @Test func evictingManyItemsAtOnceDecidesAsEvictingThemOneByOne() {
        func late(_ item: NewsItem) -> NewsItem {
            var item = item
            item.hours += 130
            return item
        }
        let items =
            StoryChainingTests.wordSalad(count: 700) + [late(NewsFixtures.tinOriginal), late(NewsFixtures.coffee)]
        let bulk = DedupeHarness()
        let single = DedupeHarness()
        for item in items {
            bulk.place(item)
            single.place(item)
        }
        let cut = NewsItem.baseTime + 500 * 0.2 * 3600
        bulk.index.evict(before: cut)
        for slot in 0..<single.index.records.count
        where single.index.records[slot].isLive && single.index.records[slot].eventTime < cut {
            single.index.remove(slot: Int32(slot))
        }
        #expect(bulk.index.count == single.index.count && bulk.index.count < 300)
        for probe in [late(NewsFixtures.tinWireCopy), late(NewsFixtures.tinRewrite)]
            + StoryChainingTests.wordSalad(count: 720)
            .suffix(20)
        {
            let features = FeatureExtractor().features(of: probe.input, boilerplate: .empty)
            let lhs = bulk.index.decide(features)
            let rhs = single.index.decide(features)
            #expect(lhs.storyID == rhs.storyID && lhs.copyOf == rhs.copyOf && lhs.reason == rhs.reason)
        }
        let copy = FeatureExtractor().features(of: late(NewsFixtures.tinWireCopy).input, boilerplate: .empty)
        #expect(bulk.index.decide(copy).copyOf != nil)
    }

    @Test func slotTableFindsEveryEntryAfterGrowthAndDeletion() {
        var table = SlotTable()
        let keyOf: (Int32) -> UInt64 = { UInt64($0 % 50) &* 0x9e37_79b9_7f4a_7c15 | 1 }
        for slot in Int32(0)..<500 { table.insert(key: keyOf(slot), slot: slot, keyOf: keyOf) }
        for slot in stride(from: Int32(0), to: 500, by: 3) { table.remove(key: keyOf(slot), slot: slot, keyOf: keyOf) }
        var found: [Int32] = []
        table.forEachCandidate(key: keyOf(7)) { if keyOf($0) == keyOf(7) { found.append($0) } }
        #expect(found.sorted() == (0..<500).filter { $0 % 50 == 7 && $0 % 3 != 0 }.map(Int32.init))
    }

    @Test func slotTableRemovesManyEntriesInOnePassAndShrinks() {
        var table = SlotTable()
        let keyOf: (Int32) -> UInt64 = { UInt64($0 % 50) &* 0x9e37_79b9_7f4a_7c15 | 1 }
        for slot in Int32(0)..<5000 { table.insert(key: keyOf(slot), slot: slot, keyOf: keyOf) }
        let fullSize = table.heapBytes
        table.removeAll(where: { $0 % 10 != 0 }, keyOf: keyOf)
        #expect(table.count == 500)
        #expect(table.heapBytes < fullSize / 4)
        var found: [Int32] = []
        table.forEachCandidate(key: keyOf(20)) { if keyOf($0) == keyOf(20) { found.append($0) } }
        #expect(found.sorted() == (0..<5000).filter { $0 % 50 == 20 }.map(Int32.init))
        // Still a working table: it grows again and removes one by one.
        for slot in Int32(5000)..<6000 { table.insert(key: keyOf(slot), slot: slot, keyOf: keyOf) }
        table.remove(key: keyOf(5020), slot: 5020, keyOf: keyOf)
        found = []
        table.forEachCandidate(key: keyOf(20)) { if keyOf($0) == keyOf(20) { found.append($0) } }
        #expect(found.count == 100 + 19)
    }

    @Test func staggeredTablesFilledInStepGrowOneAtATime() {
        let bands = MinHashSignature.bands
        var tables = (0..<bands).map { SlotTable(stagger: Double($0) / Double(bands)) }
        let keyOf: (Int32) -> UInt64 = { UInt64($0) &* 0x9e37_79b9_7f4a_7c15 | 1 }
        var mostAtOnce = 0
        for slot in Int32(0)..<20_000 {
            let before = tables.map(\.heapBytes)
            for index in tables.indices { tables[index].insert(key: keyOf(slot), slot: slot, keyOf: keyOf) }
            mostAtOnce = max(mostAtOnce, zip(before, tables.map(\.heapBytes)).filter { $0 != $1 }.count)
        }
        #expect(mostAtOnce <= 2, "tables given an entry each per item grow at different insertions")
        for table in tables {
            var found: [Int32] = []
            table.forEachCandidate(key: keyOf(12_345)) { if keyOf($0) == keyOf(12_345) { found.append($0) } }
            #expect(found == [12_345])
        }
    }

    @Test func slotTableReplacesAnEntryInPlace() {
        var table = SlotTable()
        let keyOf: (Int32) -> UInt64 = { UInt64($0 % 10) &* 0x9e37_79b9_7f4a_7c15 | 1 }
        for slot in Int32(0)..<100 { table.insert(key: keyOf(slot), slot: slot, keyOf: keyOf) }
        let replaced = table.replace(key: keyOf(3), slot: 13, with: 113)
        let misfiled = table.replace(key: keyOf(3), slot: 14, with: 114)
        #expect(replaced)
        #expect(!misfiled, "slot 14 is not filed under 3's key")
        var found: [Int32] = []
        table.forEachCandidate(key: keyOf(3)) { if keyOf($0) == keyOf(3) { found.append($0) } }
        #expect(found.sorted() == [3, 23, 33, 43, 53, 63, 73, 83, 93, 113])
        #expect(table.count == 100)
        #expect(table.first(key: keyOf(3)) { $0 == 113 } == 113 && table.first(key: keyOf(3)) { $0 == 13 } == nil)
    }

    /// The item and story tables agree with the store after stories merge
    /// and items leave: every live item is found at its slot, every story's
    /// members are exactly its live items.
    @Test func itemAndStoryTablesFollowMergesAndRemovals() {
        let harness = DedupeHarness()
        var merges = 0
        let items =
            [
                NewsFixtures.tinWireCopy,
                NewsItem(title: "Man Maw halt: Wa officials expect six-week review", text: nil, hours: 2),
                NewsFixtures.tinRewrite,
            ] + StoryChainingTests.wordSalad(count: 300) + [NewsFixtures.tinOriginal, NewsFixtures.tinFarmCopy]
        for item in items where !harness.place(item).placement.mergedStoryIDs.isEmpty { merges += 1 }
        #expect(merges > 0, "the bridging rewrite merges two stories")
        let index = harness.index
        func check() {
            var live: [Int64: Set<Int64>] = [:]
            for (item, story) in harness.storyOf {
                guard let slot = index.slot(ofItem: item) else { continue }
                #expect(index.records[Int(slot)].itemID == item)
                live[story, default: []].insert(item)
            }
            for (story, items) in live {
                let members = index.members(of: story).map { index.records[Int($0)].itemID }
                #expect(Set(members) == items && members.count == items.count, "story \(story)")
            }
            #expect(live.values.reduce(0) { $0 + $1.count } == index.count)
            // One entry per live item and per story: none left behind.
            #expect(index.itemTable.count == index.count && index.storyHeadTable.count == live.count)
        }
        check()
        for slot in stride(from: Int32(0), to: Int32(index.records.count), by: 3) { index.remove(slot: slot) }
        check()
        #expect(!index.contains(itemID: 1), "item 1 sat in slot 0")
        index.removeAll()
        #expect(harness.storyOf.keys.allSatisfy { index.slot(ofItem: $0) == nil })
        #expect(index.storyHead(of: harness.storyOf[1] ?? 0) == nil)
    }

    @Test func aRecordTakes88BytesAndKeepsWhatItIsGiven() throws {
        #expect(MemoryLayout<DedupeIndex.Record>.stride == 88)
        var arena = PayloadArena()
        _ = arena.append(Array(repeating: 1, count: PayloadArena.chunkWords - 3))
        let words: [UInt32] = [7, 8, 9, 10, 11]
        let location = arena.append(words)
        #expect(Array(arena.view(location).words) == words, "an item spilling into a second chunk")
        var features = FeatureExtractor().features(of: NewsFixtures.tinOriginal.input, boilerplate: .empty)
        features.shingleCount = 8_192
        var record = DedupeIndex.Record(
            itemID: 5, storyID: 6, copyRoot: 5, features: features, payload: location, hasSignature: true)
        #expect(record.isLive && record.hasSignature && !record.isHeadlineOnly && record.shingleCount == 8_192)
        record.isHeadlineOnly = true
        record.hasSignature = false
        #expect(record.isHeadlineOnly && !record.hasSignature && record.shingleCount == 8_192)
        #expect(!DedupeIndex.Record().isLive)
        let index = DedupeIndex(policy: DedupePolicy(window: 86_400))
        index.load(itemID: 0, storyID: 1, copyOf: nil, features: features)
        #expect(index.count == 0, "id 0 marks a free slot; a stored row with it is left out")
    }
}
