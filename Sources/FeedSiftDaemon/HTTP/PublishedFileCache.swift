import FeedSiftCore
import FoundationEssentials
import NIOConcurrencyHelpers
import NIOCore

#if canImport(Glibc)
    import Glibc
#endif

/// One version of a published file, ready to send: body, its gzip form,
/// and the validators derived from the file's identity.
struct PublishedFile: Sendable {
    var body: ByteBuffer
    var gzipped: ByteBuffer?
    /// Strong validator from the file's inode, size and modification time
    /// (as nginx does); publishers replace a file only when its content
    /// changes, so a new version always has a new ETag.
    var etag: String
    var lastModified: Date
    var lastModifiedText: String
}

/// Serves published files from memory, re-reading a file only when it was
/// replaced on disk. A `stat` per request keeps the cache honest without
/// coupling the server to the pipeline: whoever replaces the file, the
/// next request sees the new version.
final class PublishedFileCache: Sendable {
    private struct Identity: Equatable {
        var inode: UInt64
        var size: Int64
        var modifiedSeconds: Int
        var modifiedNanoseconds: Int
    }

    private struct Entry {
        var identity: Identity
        var file: PublishedFile
    }

    private let entries = NIOLockedValueBox<[String: Entry]>([:])

    /// The current version of the file at `path`, or nil if there is none.
    func file(at path: String) -> PublishedFile? {
        var status = stat()
        guard stat(path, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG else { return nil }
        let identity = Identity(
            inode: UInt64(status.st_ino), size: Int64(status.st_size), modifiedSeconds: status.st_mtim.tv_sec,
            modifiedNanoseconds: status.st_mtim.tv_nsec)
        if let cached = entries.withLockedValue({ $0[path] }), cached.identity == identity {
            return cached.file
        }
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        let bytes = [UInt8](data)
        let allocator = ByteBufferAllocator()
        let modified = Date(timeIntervalSince1970: TimeInterval(identity.modifiedSeconds))
        let file = PublishedFile(
            body: allocator.buffer(bytes: bytes),
            gzipped: GzipEncoder.compress(bytes).map { allocator.buffer(bytes: $0) },
            etag: "\"\(String(identity.inode, radix: 16))-\(String(identity.size, radix: 16))-"
                + "\(String(identity.modifiedSeconds, radix: 16))\(String(identity.modifiedNanoseconds, radix: 16))\"",
            lastModified: modified,
            lastModifiedText: HTTPDate.format(modified))
        entries.withLockedValue { $0[path] = Entry(identity: identity, file: file) }
        return file
    }
}
