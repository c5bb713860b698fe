import ArgumentParser
import FeedSiftCore
import FeedSiftDaemon
import FeedSiftPublish
import FeedSiftTestSupport
import FoundationEssentials
import Glibc
import Logging
import NIOPosix

/// `feedsift-bench http`: requests per second of the built-in HTTP server
/// for a 200 KB feed, full GETs and conditional GETs answered 304,
/// measured with wrk on loopback next to nginx serving the same file in
/// the same run (issue 7's target: at least half of nginx's rate for both).
struct HTTPBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "http", abstract: "The built-in HTTP server against nginx, measured with wrk.")

    @Option(help: "Where the feed, nginx's configuration and its logs go.")
    var data = ".build/bench/http"

    @Option(help: "Size of the generated feed in bytes.")
    var size = 200 * 1024

    @Option(help: "Seconds per measurement.")
    var duration = 5

    @Option(help: "Rounds; each server's best round counts.")
    var rounds = 3

    @Option(help: "Open connections.")
    var connections = 64

    @Option(help: "wrk threads.")
    var threads = 2

    @Option(help: "The wrk program.")
    var wrk = "wrk"

    @Option(help: "The nginx program.")
    var nginx = "/usr/sbin/nginx"

    func run() async throws {
        try FileManager.default.createDirectory(atPath: data, withIntermediateDirectories: true)
        let root = URL(fileURLWithPath: data).standardizedFileURL.path
        let feed = "\(root)/feed.atom"
        let bytes = Self.generateFeed(size: size)
        try Data(bytes).write(to: URL(fileURLWithPath: feed))
        let cores = ProcessInfo.processInfo.activeProcessorCount
        print(
            "http: \(bytes.count)-byte feed, wrk -t\(threads) -c\(connections) -d\(duration)s, \(rounds) rounds, "
                + "\(cores) cores")

        var logger = Logger(label: "feedsift.bench")
        logger.logLevel = .warning
        let group = MultiThreadedEventLoopGroup(numberOfThreads: cores)
        let server = try await FeedHTTPServer.start(
            listen: "127.0.0.1:0", atomPath: feed, health: { (true, "ok\n") }, metrics: { "" }, group: group,
            logger: logger)
        let nginxServer = try NginxServer(program: nginx, root: root, workers: cores)
        defer { nginxServer.stop() }

        // Rounds alternate between the servers and each keeps its best, so a
        // burst of load from elsewhere on the machine does not favour one.
        let targets = [("feedsift", server.address?.port ?? 0), ("nginx", nginxServer.port)]
        var best = Array(repeating: (full: 0.0, notModified: 0.0), count: targets.count)
        for _ in 0..<rounds {
            for (index, target) in targets.enumerated() {
                let url = "http://127.0.0.1:\(target.1)/feed.atom"
                let etag = try Self.etag(of: url)
                best[index].full = max(best[index].full, try measure(url, headers: []))
                best[index].notModified = max(
                    best[index].notModified, try measure(url, headers: ["If-None-Match: \(etag)"]))
            }
        }
        for (index, target) in targets.enumerated() {
            print(
                "http: \(target.0)\(String(repeating: " ", count: max(0, 8 - target.0.count)))"
                    + formatted(
                        " %9.0f full GETs/s   %9.0f 304s/s  (best of %d)", best[index].full, best[index].notModified,
                        rounds))
        }
        await server.stop()
        try await group.shutdownGracefully()
        if best[1].full > 0, best[1].notModified > 0 {
            print(
                formatted(
                    "http: feedsift/nginx: full GETs %.2f, 304s %.2f (target: at least 0.50 each)",
                    best[0].full / best[1].full, best[0].notModified / best[1].notModified))
        }
    }

    /// Requests per second wrk reports; non-2xx/3xx answers fail the run.
    private func measure(_ url: String, headers: [String]) throws -> Double {
        var arguments = ["-t\(threads)", "-c\(connections)", "-d\(duration)s"]
        for header in headers { arguments += ["-H", header] }
        let output = try Self.runProgram(wrk, arguments + [url])
        if let line = output.split(separator: "\n").first(where: { $0.contains("Non-2xx or 3xx responses") }) {
            throw ValidationError("wrk: \(line.trimmingWhitespace()) from \(url)")
        }
        guard let line = output.split(separator: "\n").first(where: { $0.hasPrefix("Requests/sec:") }),
            let value = Double(line.dropFirst("Requests/sec:".count).trimmingWhitespace())
        else { throw ValidationError("wrk printed no rate:\n\(output)") }
        return value
    }

    /// The ETag a plain GET of `url` returns (asked with curl).
    private static func etag(of url: String) throws -> String {
        let output = try runProgram("curl", ["-s", "-o", "/dev/null", "-D", "-", url])
        guard
            let line = output.split(separator: "\r\n").first(where: { $0.lowercased().hasPrefix("etag:") }),
            let colon = line.firstIndex(of: ":")
        else { throw ValidationError("no ETag from \(url)") }
        return line[line.index(after: colon)...].trimmingWhitespace()
    }

    /// What `program` (found on PATH) printed; throws when it fails.
    static func runProgram(_ program: String, _ arguments: [String]) throws -> String {
        let result = try ProcessRunner.run(program, arguments)
        guard result.status == 0 else {
            throw ValidationError("\(program) \(arguments.joined(separator: " ")) failed")
        }
        return result.stdout
    }

    /// An Atom feed of generated stories, as the publisher writes it, at
    /// least `size` bytes.
    static func generateFeed(size: Int) -> [UInt8] {
        var stories: [StorySnapshot] = []
        var document: [UInt8] = []
        let start = Date(timeIntervalSince1970: 1_795_000_000)
        while document.count < size {
            let id = Int64(stories.count + 1)
            let seen = start.addingTimeInterval(Double(id) * 600)
            let text =
                "Exporters of gallium and germanium report that licence approvals slowed again this week, "
                + "while buyers in Rotterdam and Singapore paid higher premiums for prompt material (story \(id))."
            let item = ItemSnapshot(
                id: id, feedName: "wire-\(id % 17)", feedTitle: "Wire \(id % 17)", feedLink: nil,
                feedURL: "https://wire\(id % 17).example/feed.xml", entryID: "urn:bench:\(id)",
                link: "https://wire\(id % 17).example/news/\(id)", title: "Commodity story number \(id)",
                summaryHTML: "<p>\(text)</p>", contentHTML: nil, summaryText: text, contentText: nil, authors: [],
                published: seen, updated: nil, firstSeen: seen, copyOf: nil, joinReason: nil,
                categories: ["critical-minerals"], score: 10, dropped: false)
            stories.append(
                StorySnapshot(
                    id: id, uid: String(id, radix: 16), title: item.title, firstSeen: seen, updated: seen,
                    published: seen, score: 10, categories: ["critical-minerals"], items: [item]))
            document = Array(
                AtomFeedWriter.render(
                    stories, options: AtomFeedOptions(title: "Benchmark feed", feedID: "tag:feedsift,2026:bench")
                ).utf8)
        }
        return document
    }
}

/// nginx serving `root` on a free loopback port, in the foreground, with
/// a configuration of its own; stopped with SIGQUIT.
private final class NginxServer {
    let port: Int
    private var pid: Int32?

    init(program: String, root: String, workers: Int) throws {
        port = try HTTPProbe.freePort()
        let configuration = """
            worker_processes \(workers);
            daemon off;
            pid \(root)/nginx.pid;
            error_log \(root)/nginx-error.log;
            events { worker_connections 1024; }
            http {
                access_log off;
                sendfile on;
                tcp_nopush on;
                keepalive_requests 1000000;
                client_body_temp_path \(root)/nginx-body;
                proxy_temp_path \(root)/nginx-proxy;
                fastcgi_temp_path \(root)/nginx-fastcgi;
                uwsgi_temp_path \(root)/nginx-uwsgi;
                scgi_temp_path \(root)/nginx-scgi;
                types { application/atom+xml atom; }
                server {
                    listen 127.0.0.1:\(port);
                    root \(root);
                }
            }
            """
        let path = "\(root)/nginx.conf"
        try configuration.write(toFile: path, atomically: true, encoding: .utf8)
        let null = open("/dev/null", O_RDWR | O_CLOEXEC)
        defer { close(null) }
        pid = try Subprocess.spawn(
            URL(fileURLWithPath: program).path, arguments: ["-c", path, "-p", root], input: null, output: null,
            errors: null)
        // Wait until it answers (at most 5 s).
        for _ in 0..<100 {
            if (try? HTTPBenchmark.runProgram("curl", ["-s", "-o", "/dev/null", "http://127.0.0.1:\(port)/"])) != nil {
                return
            }
            usleep(50_000)
        }
        stop()
        throw ValidationError("nginx did not start; see \(root)/nginx-error.log")
    }

    func stop() {
        guard let pid, (try? Subprocess.poll(pid)) == .some(nil) else { return }
        kill(pid, SIGQUIT)
        _ = try? Subprocess.wait(for: pid)
        self.pid = nil
    }
}
