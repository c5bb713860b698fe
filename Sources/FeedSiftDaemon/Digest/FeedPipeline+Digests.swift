import FeedSiftStore

extension FeedPipeline {
    /// Runs `body` on the pipeline's store, between feeds' transactions:
    /// the digest's bookkeeping goes through the one writer like every
    /// other write.
    func withDigestStore<T: Sendable>(_ body: @Sendable (StoreWriter) throws(StoreError) -> T) throws(StoreError) -> T {
        try body(store)
    }
}
