import FoundationEssentials
import Glibc

/// Reads the main configuration file and, depth-first in place, the files
/// it includes, producing the sections in the order they are written.
/// Include loops and repeated includes are reported at the `include` that
/// would close them.
struct ConfigurationFileReader {
    private(set) var sections: [RawSection] = []
    private(set) var diagnostics: [Diagnostic] = []
    /// Every file read, by absolute path, with its text.
    private(set) var files: [String: String] = [:]
    /// When set, files are taken from here (by absolute path) instead of
    /// the file system: a configuration read by someone else and sent along.
    let provided: [String: String]?
    /// Real paths of the files being read, outermost first, with their names.
    private var stack: [(realPath: String, name: String)] = []
    /// Real paths already read, and the include that named each.
    private var included: [String: SourceLocation?] = [:]

    init(provided: [String: String]? = nil) {
        self.provided = provided
    }

    /// Reads `path` (as the user named it); reports an unreadable main file
    /// as a diagnostic without location.
    mutating func readMain(_ path: String) {
        switch readText(path) {
        case .success(let text):
            readFile(text: text, name: path, realPath: realPath(path), includedAt: nil)
        case .failure(let reason):
            diagnostics.append(Diagnostic(location: nil, message: "cannot read \(path): \(reason.message)"))
        }
    }

    private mutating func readFile(text: String, name: String, realPath: String, includedAt: SourceLocation?) {
        stack.append((realPath, name))
        included[realPath] = includedAt
        defer { stack.removeLast() }
        let directory = PathNames.parent(of: ConfigurationPaths.absolute(name))
        var statementDiagnostics: [Diagnostic] = []
        let statements = ConfigurationSyntax.parse(
            text, file: name, directory: directory, diagnostics: &statementDiagnostics)
        diagnostics.append(contentsOf: statementDiagnostics)
        var current: Int?
        for statement in statements {
            switch statement {
            case .section(let section):
                sections.append(section)
                current = sections.count - 1
            case .entry(let entry) where entry.key == "include":
                include(entry, from: name)
            case .entry(let entry):
                guard let current else {
                    diagnostics.append(
                        Diagnostic(
                            location: entry.keyLocation,
                            message: "key \"\(entry.key)\" is outside any section: put it under a [section]"))
                    continue
                }
                sections[current].entries.append(entry)
            }
        }
    }

    private mutating func include(_ entry: RawEntry, from includingName: String) {
        let target = entry.unquotedValue
        guard !target.isEmpty else {
            diagnostics.append(Diagnostic(location: entry.valueLocation, message: "empty value for \"include\""))
            return
        }
        let name = ConfigurationPaths.resolve(target, against: PathNames.parent(of: includingName))
        let text: String
        switch readText(name) {
        case .success(let contents): text = contents
        case .failure(let reason):
            diagnostics.append(
                Diagnostic(
                    location: entry.valueLocation, message: "cannot read included file \(name): \(reason.message)"))
            return
        }
        let realPath = realPath(name)
        if stack.contains(where: { $0.realPath == realPath }) {
            let chain = stack.map(\.name) + [name]
            diagnostics.append(
                Diagnostic(
                    location: entry.valueLocation,
                    message: "include loop: \(chain.joined(separator: " includes "))"))
            return
        }
        if let earlier = included[realPath] {
            let place = earlier.map { " at \($0)" } ?? " as the main file"
            diagnostics.append(
                Diagnostic(location: entry.valueLocation, message: "\(name) is already included\(place)"))
            return
        }
        readFile(text: text, name: name, realPath: realPath, includedAt: entry.valueLocation)
    }

    struct ReadFailure: Error {
        var message: String
    }

    /// The file's text, from `provided` or from disk, remembered in `files`.
    private mutating func readText(_ path: String) -> Result<String, ReadFailure> {
        let absolute = ConfigurationPaths.absolute(path)
        let result: Result<String, ReadFailure>
        if let provided {
            result = provided[absolute].map { .success($0) } ?? .failure(ReadFailure(message: "not sent along"))
        } else {
            result = Self.readText(path)
        }
        if case .success(let text) = result { files[absolute] = text }
        return result
    }

    /// The path that identifies the file: its real path on disk, or as
    /// named when the files were sent along.
    private func realPath(_ path: String) -> String {
        provided == nil ? Self.realPath(path) : ConfigurationPaths.absolute(path)
    }

    /// The file's text, or the operating system's reason it cannot be read.
    static func readText(_ path: String) -> Result<String, ReadFailure> {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return .failure(ReadFailure(message: String(cString: strerror(errno)))) }
        defer { close(descriptor) }
        var status = stat()
        if fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFDIR {
            return .failure(ReadFailure(message: String(cString: strerror(EISDIR))))
        }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                return .failure(ReadFailure(message: String(cString: strerror(errno))))
            }
            if count == 0 { break }
            bytes.append(contentsOf: chunk[0..<count])
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            return .failure(ReadFailure(message: "not valid UTF-8 text"))
        }
        return .success(text)
    }

    /// The file's path with symbolic links resolved, to recognise one file
    /// named two ways.
    private static func realPath(_ path: String) -> String {
        guard let resolved = realpath(path, nil) else { return ConfigurationPaths.absolute(path) }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
