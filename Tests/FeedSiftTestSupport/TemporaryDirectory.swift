import FeedSiftCore
import FoundationEssentials
import Glibc

/// A fresh directory under the system temp dir, removed when the value is
/// deallocated, so every test gets a private SQLite file and output tree.
public final class TemporaryDirectory: Sendable {
    public let path: String

    public init(prefix: String = "feedsift-test") throws {
        let base = FileManager.default.temporaryDirectory.path
        var template = Array("\(base)/\(prefix)-XXXXXX".utf8CString)
        let created = template.withUnsafeMutableBufferPointer { buffer in
            mkdtemp(buffer.baseAddress!)
        }
        guard created != nil else {
            throw CocoaError(.fileWriteUnknown, userInfo: ["NSFilePath": base])
        }
        path = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// The absolute path of `name` inside this directory.
    public func file(_ name: String) -> String {
        "\(path)/\(name)"
    }

    /// Writes `contents` to `name` (creating parent directories) and returns its path.
    @discardableResult
    public func write(_ name: String, _ contents: String) throws -> String {
        let target = file(name)
        let parent = PathNames.parent(of: target)
        try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
        try contents.write(toFile: target, atomically: true, encoding: .utf8)
        return target
    }

    /// Writes an executable script (mode 0755) and returns its path. The
    /// file is opened close-on-exec: the tests run in parallel, and a
    /// program another test starts at that moment must not inherit the open
    /// file, or running the script fails with "Text file busy" for as long
    /// as that program runs.
    @discardableResult
    public func writeExecutable(_ name: String, _ contents: String) throws -> String {
        let target = file(name)
        let descriptor = open(target, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o755)
        guard descriptor >= 0 else {
            throw CocoaError(.fileWriteUnknown, userInfo: ["NSFilePath": target])
        }
        defer { close(descriptor) }
        let bytes = Array(contents.utf8)
        let written = bytes.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
        guard written == bytes.count else {
            throw CocoaError(.fileWriteUnknown, userInfo: ["NSFilePath": target])
        }
        return target
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }
}
