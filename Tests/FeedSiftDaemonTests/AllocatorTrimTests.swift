import Foundation
import Testing

@testable import FeedSiftDaemon

/// Free memory inside the allocator's arenas goes back to the system when
/// there is more of it than the threshold, and only then.
@Suite struct AllocatorTrimTests {
    /// Resident bytes of this process (`/proc/self/statm`).
    private func residentBytes() throws -> Int {
        let statm = try String(contentsOfFile: "/proc/self/statm", encoding: .utf8)
        let fields = statm.split(separator: " ")
        let pages = try #require(fields.count > 1 ? Int(fields[1]) : nil)
        return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
    }

    @Test func freedPagesInsideAnArenaAreGivenBack() throws {
        // 128 MiB in 4 KiB blocks (from the arena, under any mmap
        // threshold), every page written; then all but the last block are
        // freed, so the arena cannot simply shrink from its top.
        let blockCount = 32_768
        var blocks: [[UInt8]] = (0..<blockCount).map { _ in [UInt8](repeating: 1, count: 4096) }
        let keep = blocks.removeLast()
        blocks = []
        #expect(AllocatorTrim.freeBytes >= 64 << 20)
        #expect(!AllocatorTrim.trimIfWorthwhile(threshold: .max))

        let before = try residentBytes()
        #expect(AllocatorTrim.trimIfWorthwhile(threshold: 64 << 20))
        let after = try residentBytes()
        // Other suites run at the same time and allocate too; most of the
        // 128 MiB going is what counts.
        #expect(before - after >= 64 << 20, "resident \(before >> 20) MiB before the trim, \(after >> 20) MiB after")
        #expect(keep.count == 4096)
    }
}
