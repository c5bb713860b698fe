import FeedSiftCore
import FoundationEssentials

/// A message file as Python's `email` package reads it with
/// `policy.strict` (which raises on every defect), for tests that must
/// show a digest is valid RFC 5322 + MIME by a parser feedsift did not
/// write. Needs `python3`.
public struct ParsedMail: Sendable {
    public struct Part: Sendable {
        public var contentType: String
        public var charset: String?
        public var transferEncoding: String?
        /// Decoded text, with LF line ends.
        public var content: String
    }

    /// Every header as Python decodes it (RFC 2047 words decoded).
    public var headers: [String: String]
    public var subject: String
    public var from: [String]
    public var to: [String]
    public var messageID: String
    /// The `Date` header as UTC seconds since 1970.
    public var date: Double
    public var contentType: String
    public var parts: [Part]
    /// Longest line in the raw file, CRLF excluded.
    public var longestLine: Int
    /// Whether the raw file has a line break that is not CRLF.
    public var hasBareLineFeed: Bool
    public var hasEightBitBytes: Bool

    /// Start and end tags and attributes of an HTML text, as Python's
    /// `html.parser` sees them (a parser as lenient as a mail client's).
    public struct HTMLElement: Sendable {
        public var tag: String
        public var attributes: [String: String]
    }

    public static let script = """
        import sys, json, email, email.policy, email.utils
        raw = open(sys.argv[1], 'rb').read()
        msg = email.message_from_bytes(raw, policy=email.policy.strict)
        def parts(m):
            return [{"type": p.get_content_type(), "charset": p.get_content_charset(),
                     "cte": p["Content-Transfer-Encoding"],
                     "content": p.get_content().replace("\\r\\n", "\\n")} for p in m.iter_parts()]
        out = {
            "headers": {k: str(v) for k, v in msg.items()},
            "subject": str(msg["Subject"]),
            "from": [a.addr_spec for a in msg["From"].addresses],
            "to": [a.addr_spec for a in msg["To"].addresses],
            "message_id": str(msg["Message-ID"]),
            "date": email.utils.parsedate_to_datetime(str(msg["Date"])).timestamp(),
            "content_type": msg.get_content_type(),
            "parts": parts(msg) if msg.is_multipart() else [],
            "longest_line": max(len(l) for l in raw.split(b"\\r\\n")),
            "bare_lf": b"\\n" in raw.replace(b"\\r\\n", b"") or b"\\r" in raw.replace(b"\\r\\n", b""),
            "eight_bit": any(b > 127 for b in raw),
            "defects": [str(d) for p in msg.walk() for d in p.defects],
        }
        if out["defects"]:
            raise SystemExit("defects: " + ", ".join(out["defects"]))
        print(json.dumps(out))
        """

    /// Parses the file at `path`; throws with Python's message when the
    /// strict parser refuses it.
    public static func parse(file path: String) throws -> ParsedMail {
        let result = try ProcessRunner.run("python3", ["-c", script, path])
        guard result.status == 0, let object = (try? LenientJSON.parse(Array(result.stdout.utf8)))?.objectValue
        else {
            throw ParseFailure(message: result.stderr.isEmpty ? result.stdout : result.stderr)
        }
        let parts = (object["parts"]?.arrayValue ?? []).compactMap(\.objectValue).map { part in
            Part(
                contentType: part["type"]?.stringValue ?? "", charset: part["charset"]?.stringValue,
                transferEncoding: part["cte"]?.stringValue, content: part["content"]?.stringValue ?? "")
        }
        return ParsedMail(
            headers: strings(object["headers"]?.objectValue) ?? [:], subject: object["subject"]?.stringValue ?? "",
            from: strings(object["from"]?.arrayValue) ?? [], to: strings(object["to"]?.arrayValue) ?? [],
            messageID: object["message_id"]?.stringValue ?? "", date: object["date"]?.numberValue?.doubleValue ?? 0,
            contentType: object["content_type"]?.stringValue ?? "", parts: parts,
            longestLine: object["longest_line"]?.numberValue?.intValue ?? Int.max,
            hasBareLineFeed: boolean(object["bare_lf"]) ?? true, hasEightBitBytes: boolean(object["eight_bit"]) ?? true)
    }

    /// Every element of `html`, in document order.
    public static func htmlElements(_ html: String) throws -> [HTMLElement] {
        let script = """
            import sys, json
            from html.parser import HTMLParser
            class Collector(HTMLParser):
                def __init__(self):
                    super().__init__(convert_charrefs=True)
                    self.elements = []
                def handle_starttag(self, tag, attrs):
                    self.elements.append({"tag": tag, "attributes": {k: (v or "") for k, v in attrs}})
                handle_startendtag = handle_starttag
            c = Collector()
            c.feed(sys.stdin.read())
            c.close()
            print(json.dumps(c.elements))
            """
        let directory = try TemporaryDirectory(prefix: "feedsift-html")
        let file = try directory.write("part.html", html)
        let result = try ProcessRunner.run("sh", ["-c", "python3 -c \"$1\" < \"$2\"", "sh", script, file])
        guard result.status == 0, let list = (try? LenientJSON.parse(Array(result.stdout.utf8)))?.arrayValue
        else { throw ParseFailure(message: result.stderr) }
        return list.compactMap(\.objectValue).map {
            HTMLElement(tag: $0["tag"]?.stringValue ?? "", attributes: strings($0["attributes"]?.objectValue) ?? [:])
        }
    }

    /// The strings of an array, when all its elements are strings.
    private static func strings(_ elements: [LenientJSON]?) -> [String]? {
        guard let elements else { return nil }
        let strings = elements.compactMap(\.stringValue)
        return strings.count == elements.count ? strings : nil
    }

    /// The members of an object, when all its values are strings.
    private static func strings(_ members: [String: LenientJSON]?) -> [String: String]? {
        guard let members else { return nil }
        let strings = members.compactMapValues(\.stringValue)
        return strings.count == members.count ? strings : nil
    }

    private static func boolean(_ value: LenientJSON?) -> Bool? {
        if case .bool(let flag) = value { flag } else { nil }
    }

    public struct ParseFailure: Error, CustomStringConvertible {
        public var message: String
        public var description: String { "strict parse failed: \(message)" }
    }
}
