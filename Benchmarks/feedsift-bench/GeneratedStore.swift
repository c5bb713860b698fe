import FeedSiftCore
import FeedSiftStore
import FeedSiftTestSupport
import FoundationEssentials

/// A store of generated trade-news items for the control benchmark:
/// deterministic (same count, same database), built once and reused from
/// disk, since writing a million items takes minutes.
///
/// 1,000 feeds; items one minute apart ending now-ish, so `since` filters
/// select realistic slices; about 30 % of items are copies that join the
/// story of a recent item; about 40 % of items carry one of five categories.
struct GeneratedStore {
    static let version = 3
    static let categories = ["critical-minerals", "tariffs", "sanctions", "energy", "shipping"]

    let directory: String
    let items: Int

    var databasePath: String { "\(directory)/feedsift.db" }
    private var markerPath: String { "\(directory)/complete-v\(Self.version)-\(items)" }

    /// Builds the store unless a complete one of this size is cached, and
    /// returns when its newest item was seen: a cached store keeps the
    /// times it was generated with, so a benchmark's `since` must count
    /// from there, not from now, or its slice empties as the cache ages.
    @discardableResult
    func prepare(progress: (String) -> Void) throws -> Date {
        if FileManager.default.fileExists(atPath: markerPath) {
            // Cached by an older feedsift perhaps: migrate it and catch up the
            // search index (a migration may rebuild it), as the daemon would.
            let writer = try StoreWriter(path: databasePath)
            defer { writer.close() }
            while try writer.indexSearchBacklog(limit: 50_000) > 0 {}
            return try generatedEnd()
        }
        try? FileManager.default.removeItem(atPath: directory)
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let started = ContinuousClock.now
        let writer = try StoreWriter(path: databasePath)
        defer { writer.close() }
        let location = SourceLocation(file: "bench.conf", line: 1, column: 1)
        let feeds = try writer.synchronizeFeeds(
            (0..<1000).map {
                FeedDefinition(name: "feed-\($0)", url: "https://feed\($0).example/rss", location: location)
            })
        var random = SeededRandom(seed: 20_261_129)
        var recent: [(itemID: Int64, storyID: Int64)] = []
        let end = Date()
        let batch = 20_000
        for start in stride(from: 0, to: items, by: batch) {
            try writer.transaction { () throws(StoreError) in
                for index in start..<min(start + batch, items) {
                    let seen = end.addingTimeInterval(Double(index - items) * 60)
                    let feed = feeds[Int(random.next() % UInt64(feeds.count))]
                    let item = Self.item(index: index, feedID: feed.id, seen: seen, random: &random)
                    var placement = StoryPlacement.newStory
                    if !recent.isEmpty, random.next() % 10 < 3 {
                        let original = recent[Int(random.next() % UInt64(recent.count))]
                        placement = StoryPlacement(
                            storyID: original.storyID, copyOf: original.itemID, reason: "same lead paragraph")
                    }
                    let stored = try writer.insertItem(
                        item, placement: placement, categoryOrder: Self.categories, at: seen)
                    if placement.storyID == nil {
                        recent.append(stored)
                        if recent.count > 500 { recent.removeFirst(100) }
                    }
                }
            }
            progress("generated \(min(start + batch, items)) of \(items) items (\(ContinuousClock.now - started))")
        }
        // As the daemon does after each cycle: index the new items for search.
        while try writer.indexSearchBacklog(limit: 50_000) > 0 {}
        guard FileManager.default.createFile(atPath: markerPath, contents: Data("\(end.timeIntervalSince1970)\n".utf8))
        else {
            throw CocoaError(.fileWriteUnknown, userInfo: ["NSFilePath": markerPath])
        }
        return end
    }

    /// The end time written in the marker; for a store cached before the
    /// marker held it, the marker's own time (written minutes after the end).
    private func generatedEnd() throws -> Date {
        let text = String(decoding: FileManager.default.contents(atPath: markerPath) ?? Data(), as: UTF8.self)
        if let seconds = Double(text.trimmingWhitespaceAndNewlines()) { return Date(timeIntervalSince1970: seconds) }
        let attributes = try FileManager.default.attributesOfItem(atPath: markerPath)
        return attributes[.modificationDate] as? Date ?? Date()
    }

    /// Word frequencies follow Zipf's law (the r-th most common word makes
    /// 1/r of the share of the first) over function words, then trade terms
    /// (some of several words, which real text keeps together), spread out
    /// among a long tail of made-up words.
    private static let vocabulary: [String] = {
        let function = """
            the of and to in a on for said with that by from is at as was its it be has have will an are
            this which after over but not more than were also under new into about up two
            """.split(whereSeparator: \.isWhitespace).map(String.init)
        let trade = """
            tariff|export controls|tariffs|exports|imports|quota|ban|licence|customs|duty|anti dumping|steel|aluminium|
            copper|nickel|cobalt|lithium|gallium|germanium|graphite|antimony|tungsten|rare earth|rare earths|magnets|
            wheat|corn|soybeans|rice|sugar|coffee|cocoa|cotton|palm oil|crude oil|brent|lng|coal|uranium|freight|
            container|shipping|port|strait of hormuz|suez canal|tanker|vessel|sanctions|embargo|ministry of commerce|
            council|regulation|china|india|brazil|indonesia|australia|chile|peru|congo|russia|ukraine|european union|
            united states|japan|south korea|prices|market|supply|demand|output|production|mine|smelter|refinery|
            inventory|futures|contract|deal|talks|agreement|dispute|wto|tribunal|ruling|appeal|measures|announced|
            reported|expected|rose|fell|steady|record|week|month|quarter|percent
            """.split(separator: "|").map { $0.trimmingWhitespaceAndNewlines() }
        var random = SeededRandom(seed: 7)
        let syllables = ["ka", "lo", "mi", "ren", "tu", "sar", "vel", "no", "dri", "po", "zan", "qui", "bel", "tor"]
        var words = function
        for index in 0..<20_000 {
            if index % 3 == 0, index / 3 < trade.count { words.append(trade[index / 3]) }
            let length = 2 + Int(random.next() % 3)
            words.append((0..<length).map { _ in syllables[Int(random.next() % UInt64(syllables.count))] }.joined())
        }
        return words
    }()

    /// Cumulative Zipf weights of `vocabulary`, for drawing words.
    private static let cumulativeWeights: [Double] = {
        var total = 0.0
        return vocabulary.indices.map { rank in
            total += 1 / Double(rank + 1)
            return total
        }
    }()

    private static func phrase(_ count: Int, random: inout SeededRandom) -> String {
        let total = cumulativeWeights[cumulativeWeights.count - 1]
        return (0..<count).map { _ in
            let target = Double(random.next() % 1_000_000_000) / 1_000_000_000 * total
            var low = 0
            var high = cumulativeWeights.count - 1
            while low < high {
                let middle = (low + high) / 2
                if cumulativeWeights[middle] < target { low = middle + 1 } else { high = middle }
            }
            return vocabulary[low]
        }.joined(separator: " ")
    }

    private static func item(index: Int, feedID: Int64, seen: Date, random: inout SeededRandom) -> NewItem {
        let title = phrase(8, random: &random).capitalizedFirst
        let text = phrase(60, random: &random)
        let category = random.next() % 10 < 4 ? [categories[Int(random.next() % UInt64(categories.count))]] : []
        let key = "urn:bench:\(index)"
        return NewItem(
            feedID: feedID, entryKey: "id:" + key, entryID: key, link: "https://news.example/\(index)",
            canonicalURL: "https://news.example/\(index)", title: title, summaryHTML: "<p>\(text)</p>",
            contentHTML: nil, summaryText: text, contentText: nil, authors: [], entryCategories: [], enclosures: [],
            published: seen, updated: nil, contentHash: String(index, radix: 16), categories: category,
            score: category.isEmpty ? 0 : 5, dropped: false)
    }
}

extension String {
    fileprivate var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}
