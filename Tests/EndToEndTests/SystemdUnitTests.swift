import FeedSiftTestSupport
import Foundation
import Testing

/// `systemd/feedsift.service` as systemd itself judges it: no warnings from
/// `systemd-analyze verify`, and an offline security exposure of at most
/// 1.5 (lower is safer; 10 is a service with no sandbox at all).
@Suite(.enabled(if: RepositoryPaths.hasProgram("systemd-analyze"), "needs systemd-analyze (Debian: systemd)"))
struct SystemdUnitTests {
    /// The shipped unit, with ExecStart pointing at the built binary so
    /// `verify` finds it.
    static func unit(in directory: TemporaryDirectory) throws -> String {
        let text = try String(contentsOfFile: RepositoryPaths.root + "/systemd/feedsift.service", encoding: .utf8)
        return try directory.write(
            "feedsift.service",
            text.replacingOccurrences(of: "/usr/local/bin/feedsift", with: RepositoryPaths.feedsiftBinary))
    }

    @Test func verifiesCleanly() throws {
        let directory = try TemporaryDirectory()
        let result = try ProcessRunner.run("systemd-analyze", ["verify", try Self.unit(in: directory)])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty, "\(result.stderr)")
    }

    @Test func exposureIsAtMostOnePointFive() throws {
        let directory = try TemporaryDirectory()
        let result = try ProcessRunner.run(
            "systemd-analyze", ["security", "--offline=yes", "--no-pager", try Self.unit(in: directory)])
        let line = try #require(
            (result.stdout + result.stderr).split(separator: "\n").first { $0.contains("Overall exposure level") })
        let number = line.split(separator: ":").last?.split(separator: " ").first.flatMap { Double($0) }
        let exposure = try #require(number, "\(line)")
        #expect(exposure <= 1.5, "\(line)")
    }
}
