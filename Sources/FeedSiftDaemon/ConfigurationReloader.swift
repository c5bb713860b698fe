import FeedSiftCore
import FeedSiftRules
import Logging

/// Re-reads the configuration file and switches the running daemon to it,
/// all or nothing: a file with any error — or one that changes what only a
/// restart can change — is rejected with every reason, and the daemon goes
/// on with the configuration it has.
///
/// SIGHUP and the control method `reload` both come here.
struct ConfigurationReloader: Sendable {
    let runtime: Runtime
    /// `run --state-dir`, applied again to every re-read file.
    let stateDirectoryOverride: String?
    let notifier: SystemdNotifier
    let logger: Logger

    /// Why a reload was refused: one line per problem (`file:line:col: …`).
    struct Rejection: Error {
        var path: String
        var reasons: [String]
    }

    /// What a successful reload changed, for the log and the control answer.
    struct Outcome: Sendable {
        var path: String
        var feeds: Int
        var categories: Int
        var rules: Int
        var addedFeeds: [String]
        var removedFeeds: [String]
    }

    func reload() async throws(Rejection) -> Outcome {
        let old = runtime.configuration
        let path = old.file
        notifier.reloading()
        defer { notifier.ready(status: "configuration reloaded from \(path)") }
        let configuration: Configuration
        let rules: RuleSet
        do {
            configuration = try ConfigurationLoader.load(path: path, stateDirectoryOverride: stateDirectoryOverride)
            rules = try RuleSet.compile(configuration)
        } catch let error as ConfigurationError {
            throw rejected(path, error.diagnostics.map(\.description))
        } catch let error as RuleCompileError {
            throw rejected(path, error.diagnostics.map(\.description))
        } catch {
            throw rejected(path, ["\(error)"])
        }
        let restartOnly = Self.restartOnlyChanges(from: old, to: configuration)
        guard restartOnly.isEmpty else { throw rejected(path, restartOnly) }
        do {
            try await runtime.apply(configuration, rules: rules)
        } catch {
            throw rejected(path, [error.message])
        }
        if configuration.fetch.concurrency != old.fetch.concurrency
            || configuration.fetch.perHost != old.fetch.perHost
        {
            logger.notice("[fetch] concurrency and per-host take effect at the next restart")
        }
        let before = Set(old.feeds.map(\.name))
        let after = Set(configuration.feeds.map(\.name))
        let outcome = Outcome(
            path: path, feeds: configuration.feeds.count, categories: configuration.categories.count,
            rules: configuration.rules.count,
            addedFeeds: configuration.feeds.map(\.name).filter { !before.contains($0) },
            removedFeeds: old.feeds.map(\.name).filter { !after.contains($0) })
        logger.notice(
            "configuration reloaded",
            metadata: [
                "config": "\(path)", "feeds": "\(outcome.feeds)", "categories": "\(outcome.categories)",
                "rules": "\(outcome.rules)",
            ])
        return outcome
    }

    private func rejected(_ path: String, _ reasons: [String]) -> Rejection {
        logger.error(
            "configuration rejected; keeping the running one",
            metadata: ["config": "\(path)", "errors": "\(reasons.joined(separator: "; "))"])
        return Rejection(path: path, reasons: reasons)
    }

    /// Settings that name files, sockets and addresses the running daemon
    /// holds open.
    static func restartOnlyChanges(from old: Configuration, to new: Configuration) -> [String] {
        var reasons: [String] = []
        func check(_ name: String, _ before: String?, _ after: String?) {
            guard before != after else { return }
            reasons.append(
                "\(new.file): \(name) changed from \(before ?? "(none)") to \(after ?? "(none)"); "
                    + "restart feedsift to apply it")
        }
        check("[daemon] state-dir", old.daemon.stateDirectory, new.daemon.stateDirectory)
        check("[daemon] socket", old.daemon.socketPath, new.daemon.socketPath)
        check("[output] listen", old.output.listen, new.output.listen)
        check("[output] atom", old.output.atomPath, new.output.atomPath)
        return reasons
    }
}
