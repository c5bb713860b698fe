#if canImport(Glibc)
    import CMalloc
#endif

/// Gives the allocator's free pages back to the system once enough have
/// piled up, so that large documents do not stay in the daemon's resident
/// size after they are stored.
///
/// Why: strings and arrays under glibc's mmap threshold (256 KiB,
/// `ProcessSetup`) come from its arenas, and an arena keeps the pages of
/// what is freed inside it. A 3 MB feed of long entries has about 10 MB of
/// such text in flight while it is parsed and analysed; afterwards the
/// arenas hold that much free, resident memory until later allocations
/// happen to reuse it, and the deduplication index (in mappings of its
/// own) grows on top. Trimming returns the free pages (`malloc_trim`); a
/// page used again then costs a page fault, hence the threshold below
/// which nothing is done. In the cold benchmark cycle, trimming after each
/// document of 256 KiB or more lowers the peak from 83–85 to 78–80 MiB for
/// about 1% more CPU (10,000 `madvise` calls, 50,000 page faults).
///
/// Thread-safe (glibc locks each arena in turn).
enum AllocatorTrim {
    /// Free bytes in the arenas above which they are trimmed.
    static let threshold = 8 << 20

    /// Trims the arenas if more than `threshold` bytes are free in them.
    /// Returns whether it did.
    @discardableResult
    static func trimIfWorthwhile(threshold: Int = threshold) -> Bool {
        #if canImport(Glibc)
            guard freeBytes > threshold else { return false }
            malloc_trim(0)
            return true
        #else
            return false
        #endif
    }

    /// Bytes free inside the allocator's arenas (resident or not).
    static var freeBytes: Int {
        #if canImport(Glibc)
            Int(mallinfo2().fordblks)
        #else
            0
        #endif
    }
}
