import ArgumentParser
import FeedSiftCore
import FeedSiftFetch
import FeedSiftParse
import FoundationEssentials

/// `feedsift parse FILE|URL [--json]`: parses one feed document and prints
/// what feedsift sees — the contract JSON, or a readable summary.
struct ParseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parse",
        abstract: "Parse one feed document and print what feedsift sees."
    )

    @Argument(help: "A feed file (or an http/https URL).")
    var source: String

    @Flag(help: "Print the contract JSON instead of a summary.")
    var json = false

    @Flag(help: "Allow fetching from loopback and private-network addresses.")
    var allowPrivate = false

    func run() async throws {
        let document: FeedDocument
        do {
            document = try await FeedDocument.load(source, allowPrivate: allowPrivate)
        } catch {
            StandardStreams.writeError("feedsift: \(error)\n")
            throw ExitCode(1)
        }
        let feed: ParsedFeed
        do {
            feed = try FeedParser().parse(
                document.bytes, documentURL: document.url, contentType: document.contentType)
        } catch {
            StandardStreams.writeError("feedsift: \(error)\n")
            throw ExitCode(1)
        }
        if json {
            print(feed.contractJSON())
        } else {
            print(ParseSummary(feed: feed).text, terminator: "")
        }
    }
}

/// The bytes to parse and what is known about where they came from.
struct FeedDocument {
    var bytes: [UInt8]
    /// The base for relative URLs: the fetched URL; nil for local files, so
    /// only the document's own xml:base applies (what the conformance goldens assume).
    var url: String?
    /// The HTTP Content-Type, when fetched.
    var contentType: String?

    struct LoadError: Error, CustomStringConvertible {
        var description: String
    }

    static func load(_ source: String, allowPrivate: Bool = false) async throws -> FeedDocument {
        let lower = source.lowercased()
        if lower.hasPrefix("http://") || lower.hasPrefix("https://") {
            return try await fetch(source, allowPrivate: allowPrivate)
        }
        guard let data = FileManager.default.contents(atPath: source) else {
            throw LoadError(description: "cannot read \(source)")
        }
        return FeedDocument(bytes: [UInt8](data), url: nil, contentType: nil)
    }

    /// Fetches a URL with the daemon's own fetcher (same limits, same
    /// address rules, no validators).
    private static func fetch(_ url: String, allowPrivate: Bool) async throws -> FeedDocument {
        let fetcher = try HTTPFetcher()
        defer { fetcher.shutdown() }
        let response = try await fetcher.fetch(FetchRequest(feedName: url, url: url, allowPrivate: allowPrivate))
        guard (200..<300).contains(response.status) else {
            throw LoadError(description: "HTTP \(response.status) from \(response.finalURL)")
        }
        return FeedDocument(bytes: response.body, url: response.finalURL, contentType: response.contentType)
    }
}

/// The readable form of a parse: format, title, link, entries with dates, warnings.
struct ParseSummary {
    let feed: ParsedFeed

    var text: String {
        var out = "format:  \(feed.format.rawValue)\n"
        out += "title:   \(feed.title ?? "(none)")\n"
        out += "link:    \(feed.link ?? "(none)")\n"
        if let updated = feed.updated { out += "updated: \(Self.format(updated))\n" }
        out += "\(feed.entries.count) \(feed.entries.count == 1 ? "entry" : "entries")\n"
        for entry in feed.entries {
            let date = (entry.published ?? entry.updated).map(Self.format) ?? "                    "
            out += "  \(date)  \(entry.title ?? entry.link ?? entry.id ?? "(untitled)")\n"
        }
        if !feed.warnings.isEmpty {
            out += "\(feed.warnings.count) \(feed.warnings.count == 1 ? "warning" : "warnings")\n"
            for warning in feed.warnings { out += "  \(warning)\n" }
        }
        return out
    }

    static func format(_ date: Date) -> String {
        InternetDateTime.format(date)
    }
}
