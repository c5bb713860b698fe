import Foundation
import Testing

/// Runs the shared conformance harnesses (feedparser's corpus and sanitizer
/// cases) against the built `feedsift` binary and holds the project's bars:
/// at least 93% of documents and 95% of non-empty golden fields agreeing,
/// zero sanitizer violations with at least 95% of cases exposed.
///
/// Needs `../shared` (or FEEDSIFT_SHARED), python3, and the binary from
/// `swift build` (or FEEDSIFT_BIN); without them the suite is skipped and
/// says why — it never passes without checking.
@Suite(
    "Conformance with feedparser",
    .enabled(if: ConformanceEnvironment.current.isComplete, "\(ConformanceEnvironment.current.skipReason)"))
struct ConformanceTests {
    let environment = ConformanceEnvironment.current

    @Test("Parser agreement on feedparser's corpus")
    func parserAgreement() throws {
        let output = try environment.run(script: "compare.py")
        let last = try #require(ConformanceEnvironment.fields(in: output, line: "agree="))
        let nonEmpty = try #require(ConformanceEnvironment.fields(in: output, line: "nonempty_fields_agree="))
        let documents = Double(last["agree"] ?? 0) / Double(max(1, last["total"] ?? 0))
        let fields =
            Double(nonEmpty["nonempty_fields_agree"] ?? 0) / Double(max(1, nonEmpty["nonempty_fields_total"] ?? 0))
        print(
            "conformance: documents \(last["agree"] ?? 0)/\(last["total"] ?? 0), non-empty fields \(nonEmpty["nonempty_fields_agree"] ?? 0)/\(nonEmpty["nonempty_fields_total"] ?? 0)"
        )
        #expect(documents >= 0.93, "documents agreeing: \(documents)")
        #expect(fields >= 0.95, "non-empty golden fields agreeing: \(fields)")
    }

    @Test("No active content after sanitizing")
    func sanitizer() throws {
        let output = try environment.run(script: "check_sanitize.py")
        let result = try #require(ConformanceEnvironment.fields(in: output, line: "sanitize_cases="))
        let cases = result["sanitize_cases"] ?? 0
        print("sanitizer: \(output.split(separator: "\n").last ?? "")")
        #expect(cases > 0)
        #expect(result["violations"] == 0)
        #expect(result["tool_errors"] == 0)
        #expect(Double(result["passed"] ?? 0) >= 0.95 * Double(cases), "cases exposed and clean")
    }
}

/// Where the shared harness and the binary are, or why the suite cannot run.
struct ConformanceEnvironment: Sendable {
    var shared: String
    var binary: String
    var skipReason: String

    var isComplete: Bool { skipReason.isEmpty }

    /// The repository's root.
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// `../shared` beside the repository, or FEEDSIFT_SHARED.
    static let sharedDirectory =
        ProcessInfo.processInfo.environment["FEEDSIFT_SHARED"]
        ?? repository.deletingLastPathComponent().appendingPathComponent("shared").path

    static let current: ConformanceEnvironment = {
        let environment = ProcessInfo.processInfo.environment
        let shared = sharedDirectory
        let binary = environment["FEEDSIFT_BIN"] ?? repository.appendingPathComponent(".build/debug/feedsift").path
        var reason = ""
        let fileManager = FileManager.default
        if !fileManager.fileExists(atPath: "\(shared)/conformance/compare.py") {
            reason = "skipped: \(shared)/conformance not found (set FEEDSIFT_SHARED)"
        } else if !fileManager.isExecutableFile(atPath: binary) {
            reason = "skipped: \(binary) not built (run `swift build` first or set FEEDSIFT_BIN)"
        } else if !fileManager.isExecutableFile(atPath: "/usr/bin/python3") {
            reason = "skipped: /usr/bin/python3 not found"
        }
        if !reason.isEmpty { print("Conformance with feedparser \(reason)") }
        return ConformanceEnvironment(shared: shared, binary: binary, skipReason: reason)
    }()

    func run(script: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = [
            "\(shared)/conformance/\(script)", "\(shared)/corpora/feedparser", "--cmd", "\(binary) parse {file} --json",
        ]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    /// `key=value` integers of the output line starting with `line`.
    static func fields(in output: String, line prefix: String) -> [String: Int]? {
        guard let line = output.split(separator: "\n").last(where: { $0.hasPrefix(prefix) }) else { return nil }
        var result: [String: Int] = [:]
        for pair in line.split(separator: " ") {
            let parts = pair.split(separator: "=")
            if parts.count == 2, let value = Int(parts[1]) { result[String(parts[0])] = value }
        }
        return result
    }
}
