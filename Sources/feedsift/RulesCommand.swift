import ArgumentParser
import FeedSiftCore
import FeedSiftDaemon
import FeedSiftParse
import FeedSiftRules
import FoundationEssentials

/// `feedsift rules …`: try rules before they go live.
struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "Try the configured rules on feed documents or on stored items.",
        subcommands: [RulesTestCommand.self]
    )
}

/// `feedsift rules test FEEDFILE…` classifies every entry of the given
/// documents with the configuration's rules, no daemon needed;
/// `feedsift rules test --stored` asks the daemon to run the configuration
/// file's rules over the items it stored, and shows what would change.
/// Nothing is stored either way.
struct RulesTestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Classify feed documents' entries (or stored items, with --stored) with the configured rules.",
        discussion: """
            A document is classified as the [feed] whose url names that file (its name and tags count for \
            feed: and tag: scopes), else under its file name with no tags. With --stored the configuration \
            named by --config (and what it includes) is read and checked here, then sent to the daemon, which \
            runs its rules over the items first seen since --since: the daemon need not be able to read it.
            """
    )

    @Flag(help: "Run the rules over the items the daemon stored, instead of over files.")
    var stored = false

    @Option(help: "With --stored: items first seen since then, an age (30d) or a date.")
    var since = "30d"

    @OptionGroup var connection: ControlConnectionOptions

    @Argument(help: "Feed documents (RSS, Atom, RDF or JSON Feed files).")
    var files: [String] = []

    func validate() throws {
        if stored {
            guard files.isEmpty else { throw ValidationError("give either feed files or --stored, not both") }
            try ControlConnectionOptions.validateInstant(since, option: "--since")
        } else if files.isEmpty {
            throw ValidationError("give feed files to classify, or --stored for the daemon's items")
        }
    }

    /// Configuration texts up to this size travel with a `--stored`
    /// request (the control socket takes requests of up to 1 MiB); a larger
    /// configuration is named by path, and the daemon reads it itself.
    static let maximumSentBytes = 768 * 1024

    func run() throws {
        let path = connection.config ?? ConfigurationLoader.defaultPath()
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
        let (report, rules) = try Self.loadRules(absolute)
        if stored {
            var parameters: JSONObject = ["config": .string(absolute), "since": .string(since)]
            if report.files.values.reduce(0, { $0 + $1.utf8.count }) <= Self.maximumSentBytes {
                var files = JSONObject()
                for (file, text) in report.files.sorted(by: { $0.key < $1.key }) { files[file] = .string(text) }
                parameters["files"] = .object(files)
            }
            let result = try connection.call(.rulesTest, parameters, timeout: .seconds(300))
            connection.print(result, render: Self.renderStored)
            return
        }
        let configuration = report.configuration
        var entries: [JSONValue] = []
        var failed = false
        for file in files {
            do {
                entries += try Self.classify(file: file, rules: rules, configuration: configuration)
            } catch {
                ControlConnectionOptions.fail("\(file): \(error)")
                failed = true
            }
        }
        connection.print(["entries": .array(entries)], render: Self.renderFiles)
        if failed { throw ExitCode(1) }
    }

    /// The configuration at `path` (and the files it was read from) with its
    /// rules compiled; on errors, prints every diagnostic and exits 1.
    static func loadRules(_ path: String) throws -> (report: ConfigurationReport, rules: RuleSet) {
        let report = ConfigurationLoader.inspect(path: path)
        var diagnostics = report.diagnostics
        if diagnostics.isEmpty {
            do {
                return (report, try RuleSet.compile(report.configuration))
            } catch {
                diagnostics = error.diagnostics
            }
        }
        for diagnostic in diagnostics { ControlConnectionOptions.fail("\(diagnostic)") }
        throw ExitCode(1)
    }

    /// The DESIGN.md contract entry for each of the document's entries.
    static func classify(file: String, rules: RuleSet, configuration: Configuration) throws -> [JSONValue] {
        guard let data = FileManager.default.contents(atPath: file) else { throw CommandError("cannot read the file") }
        let absolute = URL(fileURLWithPath: file).standardizedFileURL
        let feed = configuration.feeds.first { definition in
            URL(string: definition.url).map { $0.isFileURL && $0.standardizedFileURL.path == absolute.path } ?? false
        }
        let parsed = try FeedParser().parse([UInt8](data), documentURL: absolute.absoluteString)
        return parsed.entries.map { entry in
            let explanation = rules.explain(
                ClassifiableItem(
                    title: entry.title ?? "", summary: entry.summaryText ?? "", content: entry.contentText ?? "",
                    authors: entry.authors.compactMap(\.name), feedName: feed?.name ?? absolute.lastPathComponent,
                    feedTags: feed?.tags ?? [], link: entry.link))
            var matches = explanation.fired.flatMap { verdict in
                verdict.matches.map { match(rule: verdict.rule, $0) }
            }
            if let drop = explanation.drop, drop.dropped {
                matches += drop.matches.map { match(rule: "[filter] drop", $0) }
            }
            let verdict = explanation.classification
            return [
                "id": JSONValue(entry.id ?? entry.link), "title": JSONValue(entry.title),
                "categories": JSONValue(strings: verdict.categories), "score": JSONValue(verdict.score),
                "dropped": .bool(verdict.dropped), "matches": .array(matches),
            ]
        }
    }

    private static func match(rule: String, _ term: TermMatch) -> JSONValue {
        [
            "rule": .string(rule), "field": .string(term.field), "term": .string(term.term),
            "position": JSONValue(term.position),
        ]
    }

    static func renderFiles(_ result: JSONValue, _ terminal: Terminal) -> String {
        let entries = result["entries"]?.arrayValue ?? []
        var table = TextTable([
            .init(header: "CATEGORIES", flexible: true, minimumWidth: 10), .init(header: "SCORE", alignRight: true),
            .init(header: "TITLE", flexible: true, minimumWidth: 20), .init(header: "RULES", flexible: true),
        ])
        for entry in entries {
            let dropped = entry["dropped"]?.boolValue == true
            let rules = Set((entry["matches"]?.arrayValue ?? []).compactMap { $0["rule"]?.stringValue }).sorted()
            table.append([
                .init(
                    text: dropped ? "dropped" : HumanFormat.list(entry["categories"]), style: dropped ? .yellow : .plain
                ),
                .init(text: HumanFormat.cell(entry["score"])), .init(text: HumanFormat.cell(entry["title"])),
                .init(text: rules.joined(separator: ","), style: .dim),
            ])
        }
        let selected = entries.count {
            !($0["categories"]?.arrayValue ?? []).isEmpty && $0["dropped"]?.boolValue != true
        }
        let dropped = entries.count { $0["dropped"]?.boolValue == true }
        return table.rendered(for: terminal)
            + "\(entries.count) entries: \(selected) selected, \(dropped) dropped\n"
    }

    static func renderStored(_ result: JSONValue, _ terminal: Terminal) -> String {
        let entries = result["entries"]?.arrayValue ?? []
        let changed = entries.filter { $0["changed"]?.boolValue == true }
        var text =
            "\(entries.count) items since \(HumanFormat.day(result["since"])): \(changed.count) would change"
            + (result["truncated"]?.boolValue == true ? " (only the first \(entries.count) items were tried)" : "")
            + "\n"
        guard !changed.isEmpty else { return text }
        var table = TextTable([
            .init(header: "REF", alignRight: true), .init(header: "NOW", flexible: true, minimumWidth: 8),
            .init(header: "WITH THESE RULES", flexible: true, minimumWidth: 8),
            .init(header: "TITLE", flexible: true, minimumWidth: 20),
        ])
        func verdict(_ categories: JSONValue?, dropped: JSONValue?) -> String {
            dropped?.boolValue == true ? "dropped" : HumanFormat.list(categories)
        }
        for entry in changed {
            table.append([
                .init(text: HumanFormat.cell(entry["ref"])),
                .init(text: verdict(entry["stored_categories"], dropped: entry["stored_dropped"]), style: .dim),
                .init(text: verdict(entry["categories"], dropped: entry["dropped"]), style: .green),
                .init(text: HumanFormat.cell(entry["title"])),
            ])
        }
        text += table.rendered(for: terminal)
        return text
    }
}

/// `feedsift reclassify`: applies the running rules to stored items.
struct ReclassifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reclassify",
        abstract: "Apply the running rules to the items stored since --since, and republish.",
        discussion: "Reload the configuration first (`feedsift reload`) to apply rules you just changed.")

    @Option(help: "Items first seen since then: an age (30d) or a date.")
    var since = "30d"

    @OptionGroup var connection: ControlConnectionOptions

    func validate() throws {
        try ControlConnectionOptions.validateInstant(since, option: "--since")
    }

    func run() throws {
        let result = try connection.call(.reclassify, ["since": .string(since)], timeout: .seconds(600))
        connection.print(result) { result, _ in
            "\(HumanFormat.cell(result["examined"])) items examined since \(HumanFormat.day(result["since"])), "
                + "\(HumanFormat.cell(result["changed"])) reclassified\n"
        }
    }
}

/// A one-sentence failure of a command, printed as `feedsift: …`.
struct CommandError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
