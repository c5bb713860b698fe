extension DedupeIndex {
    /// What the index keeps of an item beside its packed features and
    /// signature: its ids, time, keys and story links, in 88 bytes (a
    /// million-item window holds a million of them).
    struct Record {
        /// 0 in a free slot (store ids start at 1).
        var itemID: Int64 = 0
        var storyID: Int64 = 0
        /// The original of the item's copy group (the item itself if none).
        var copyRoot: Int64 = 0
        var eventTime: Double = 0
        var orderKey: UInt64 = 0
        var urlKey: UInt64 = 0
        var bodyKey: UInt64 = 0
        var headlineKey: UInt64 = 0
        /// Which of the item's terms have postings (bit per term position).
        var postedTerms: UInt64 = 0
        var payload = PayloadArena.Location()
        /// The shingle count in the low 14 bits, then the flags
        /// `isHeadlineOnly` and `hasSignature`: 2 bytes, where a separate
        /// byte of flags would pad the record to 96.
        private var shinglesAndFlags: UInt16 = 0
        /// The story's member list, doubly linked through the records.
        var nextInStory: Int32 = -1
        var previousInStory: Int32 = -1

        init() {}

        init(
            itemID: Int64, storyID: Int64, copyRoot: Int64, features: ItemFeatures, payload: PayloadArena.Location,
            hasSignature: Bool
        ) {
            precondition(itemID > 0, "item ids start at 1")
            self.itemID = itemID
            self.storyID = storyID
            self.copyRoot = copyRoot
            eventTime = features.eventTime
            orderKey = features.orderKey
            urlKey = features.urlKey
            bodyKey = features.bodyKey
            headlineKey = features.headlineKey
            self.payload = payload
            // At most 8,192: a compared body is at most `ItemText.bodyLimit`
            // bytes, and each shingle starts at a word of a byte and a space.
            shinglesAndFlags = UInt16(min(max(features.shingleCount, 0), Self.shingleMask))
            self.hasSignature = hasSignature
            isHeadlineOnly = features.isHeadlineOnly
        }

        private static let shingleMask = 0x3FFF
        private static let headlineOnlyFlag: UInt16 = 0x4000
        private static let signatureFlag: UInt16 = 0x8000

        var shingleCount: Int { Int(shinglesAndFlags) & Self.shingleMask }

        /// The slot holds an item.
        var isLive: Bool { itemID != 0 }

        var isHeadlineOnly: Bool {
            get { shinglesAndFlags & Self.headlineOnlyFlag != 0 }
            set { setFlag(Self.headlineOnlyFlag, newValue) }
        }

        /// The item has a MinHash signature (in the index's signature store).
        var hasSignature: Bool {
            get { shinglesAndFlags & Self.signatureFlag != 0 }
            set { setFlag(Self.signatureFlag, newValue) }
        }

        private mutating func setFlag(_ flag: UInt16, _ on: Bool) {
            shinglesAndFlags = on ? shinglesAndFlags | flag : shinglesAndFlags & ~flag
        }
    }
}
