import FeedSiftCore
import FoundationEssentials

#if canImport(Glibc)
    import Glibc
#endif

/// Replaces files so that a reader (or a crash) only ever sees the old
/// complete file or the new complete file: write a temp file in the same
/// directory, fsync it, rename it over the target, fsync the directory.
public enum AtomicFile {
    /// Writes `bytes` to `path` unless the file already holds exactly these
    /// bytes. Returns whether the file changed.
    @discardableResult
    public static func write(_ bytes: [UInt8], to path: String) throws(PublishError) -> Bool {
        // Data's == compares the bytes with memcmp.
        if let current = FileManager.default.contents(atPath: path), current.count == bytes.count,
            current == Data(bytes)
        {
            return false
        }
        let directory = PathNames.parent(of: path)
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw PublishError(.createDirectory, path: directory, reason: reason(error))
        }
        let name = PathNames.lastComponent(of: path)
        var template = Array("\(directory)/.\(name).XXXXXX".utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard descriptor >= 0 else { throw PublishError(.write, path: path, reason: String(cString: strerror(errno))) }
        let temporary = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        var renamed = false
        defer { if !renamed { unlink(temporary) } }

        var written = 0
        let failure: Int32? = bytes.withUnsafeBytes { buffer -> Int32? in
            while written < buffer.count {
                let result = Glibc.write(descriptor, buffer.baseAddress! + written, buffer.count - written)
                if result < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                written += result
            }
            return nil
        }
        // Readable by the web server and feed readers, like any published file.
        fchmod(descriptor, 0o644)
        if let failure {
            close(descriptor)
            throw PublishError(.write, path: path, reason: String(cString: strerror(failure)))
        }
        if fsync(descriptor) != 0 {
            let code = errno
            close(descriptor)
            throw PublishError(.write, path: path, reason: String(cString: strerror(code)))
        }
        close(descriptor)
        guard rename(temporary, path) == 0 else {
            throw PublishError(.rename, path: path, reason: String(cString: strerror(errno)))
        }
        renamed = true
        let directoryDescriptor = open(directory, O_RDONLY | O_DIRECTORY)
        if directoryDescriptor >= 0 {
            fsync(directoryDescriptor)
            close(directoryDescriptor)
        }
        return true
    }

    /// Deletes the temporary files (`.NAME.XXXXXX`) that a process killed
    /// between writing and renaming left in `directory`. Only one process
    /// writes these outputs, so at start-up any such file is garbage.
    public static func removeLeftovers(in directory: String) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return }
        for name in names where isTemporaryName(name) {
            unlink("\(directory)/\(name)")
        }
    }

    /// `.feed.atom.a1B2c3`: a dot, the target's name, a dot, six characters.
    static func isTemporaryName(_ name: String) -> Bool {
        guard name.hasPrefix("."), let dot = name.lastIndex(of: "."), dot != name.startIndex else { return false }
        let suffix = name[name.index(after: dot)...]
        return suffix.count == 6 && suffix.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) }
            && name.distance(from: name.startIndex, to: dot) > 1
    }

    private static func reason(_ error: any Error) -> String {
        ErrorText.failureReason(error) ?? ErrorText.description(error)
    }
}
