import ArgumentParser
import FeedSiftCore
import FeedSiftDaemon
import FoundationEssentials

/// `--socket`, `--config` and `--json`, which every control-client
/// subcommand takes, and the one way they all call the daemon and report
/// failure: exit 1 when the request failed (the daemon's message on
/// stderr), 2 for usage errors, 3 when the daemon cannot be reached.
struct ControlConnectionOptions: ParsableArguments {
    @Option(
        name: .customLong("socket"),
        help: ArgumentHelp(
            "The daemon's control socket (default: [daemon] socket in the configuration).",
            valueName: "path"))
    var socketPath: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "The configuration naming the socket (default: ./feeds.conf, else /etc/feedsift/feeds.conf).",
            valueName: "path"))
    var config: String?

    @Flag(help: "Print the daemon's JSON result instead of a table.")
    var json = false

    /// `--socket`, else the configuration's socket.
    func resolvedSocketPath() throws -> String {
        if let socketPath { return socketPath }
        let path = config ?? ConfigurationLoader.defaultPath()
        do {
            return try ConfigurationLoader.load(path: path).daemon.socketPath
        } catch {
            Self.fail(
                "cannot find the control socket: give --socket, or fix \(path):\n"
                    + error.diagnostics.map { "  \($0)" }.joined(separator: "\n"))
            throw ExitCode(2)
        }
    }

    /// Calls `method`; on failure prints why and exits with the contract's code.
    func call(_ method: ControlMethod, _ params: JSONObject = [:], timeout: Duration = .seconds(60)) throws
        -> JSONValue
    {
        let socket = try resolvedSocketPath()
        do {
            let client = try ControlClient(socketPath: socket, timeout: timeout)
            return try client.call(method.rawValue, params)
        } catch {
            Self.fail(error.message)
            if let diagnostics = error.remote?.data?["diagnostics"]?.arrayValue?.compactMap(\.stringValue) {
                for diagnostic in diagnostics { Self.fail("  \(diagnostic)") }
            }
            throw ExitCode(error.isUnreachable ? 3 : 1)
        }
    }

    /// Prints `result` as indented JSON with `--json`, else as `render` makes it.
    func print(_ result: JSONValue, render: (JSONValue, Terminal) -> String) {
        let text = json ? result.serialized(pretty: true) + "\n" : render(result, Terminal.standardOutput())
        StandardStreams.writeOutput(text)
    }

    static func fail(_ message: String) {
        StandardStreams.writeError("feedsift: \(message)\n")
    }

    /// Checks an age or time option (`7d`, `2026-05-01`) before anything is sent.
    static func validateInstant(_ value: String?, option: String) throws {
        if let value, ControlTime.instant(value, now: Date()) == nil {
            throw ValidationError(
                "\(option) must be an age (90s, 15m, 2h, 7d, 2w), a date (2026-05-01) or an RFC 3339 time, not \"\(value)\""
            )
        }
    }
}
