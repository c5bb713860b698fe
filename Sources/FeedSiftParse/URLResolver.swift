/// Resolves relative references against a base URL (RFC 3986 §5.2), on
/// strings, without Foundation's URL (slow, and it rejects many URLs that
/// feeds contain).
public enum URLResolver {
    /// `reference` resolved against `base`; `reference` unchanged when it is
    /// absolute or there is no usable base.
    public static func resolve(_ reference: String, against base: String?) -> String {
        let reference = reference.trimming(" \t\r\n")
        guard let base, !base.isEmpty else { return reference }
        if scheme(of: reference) != nil { return reference }
        guard scheme(of: base) != nil else { return reference }
        let b = Parts(base)
        if reference.isEmpty { return b.recomposed(withFragment: false) }
        if reference.hasPrefix("//") { return (b.scheme ?? "") + ":" + reference }
        let r = Parts(reference)
        var result = Parts()
        result.scheme = b.scheme
        result.fragment = r.fragment
        if r.authority != nil {
            result.authority = r.authority
            result.path = removeDotSegments(r.path)
            result.query = r.query
        } else {
            result.authority = b.authority
            if r.path.isEmpty {
                result.path = b.path
                result.query = r.query ?? b.query
            } else {
                if r.path.hasPrefix("/") {
                    result.path = removeDotSegments(r.path)
                } else {
                    result.path = removeDotSegments(merge(base: b, path: r.path))
                }
                result.query = r.query
            }
        }
        return result.recomposed(withFragment: true)
    }

    /// The scheme of an absolute URL (lower-cased), or nil.
    static func scheme(of url: String) -> String? {
        var length = 0
        for character in url.utf8 {
            switch character {
            case UInt8(ascii: ":"):
                guard length > 0 else { return nil }
                let bytes = url.utf8.prefix(length).map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
                return String(decoding: bytes, as: UTF8.self)
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"):
                length += 1
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."):
                if length == 0 { return nil }
                length += 1
            default:
                return nil
            }
        }
        return nil
    }

    private static func merge(base: Parts, path: String) -> String {
        if base.authority != nil && base.path.isEmpty { return "/" + path }
        guard let slash = base.path.lastIndex(of: "/") else { return path }
        return String(base.path[...slash]) + path
    }

    private static func removeDotSegments(_ path: String) -> String {
        guard path.contains(".") else { return path }
        var output: [Substring] = []
        let segments = path.split(separator: "/", omittingEmptySubsequences: false)
        let absolute = path.hasPrefix("/")
        for (index, segment) in segments.enumerated() {
            if absolute && index == 0 { continue }
            let last = index == segments.count - 1
            switch segment {
            case ".":
                if last { output.append("") }
            case "..":
                if !output.isEmpty { output.removeLast() }
                if last { output.append("") }
            default:
                output.append(segment)
            }
        }
        return (absolute ? "/" : "") + output.joined(separator: "/")
    }

    private struct Parts {
        var scheme: String?
        var authority: String?
        var path = ""
        var query: String?
        var fragment: String?

        init() {}

        init(_ url: String) {
            var rest = Substring(url)
            if let hash = rest.firstIndex(of: "#") {
                fragment = String(rest[rest.index(after: hash)...])
                rest = rest[..<hash]
            }
            if let question = rest.firstIndex(of: "?") {
                query = String(rest[rest.index(after: question)...])
                rest = rest[..<question]
            }
            if let scheme = URLResolver.scheme(of: String(rest)) {
                self.scheme = scheme
                rest = rest.dropFirst(scheme.count + 1)
            }
            if rest.hasPrefix("//") {
                rest = rest.dropFirst(2)
                let end = rest.firstIndex(of: "/") ?? rest.endIndex
                authority = String(rest[..<end])
                rest = rest[end...]
            }
            path = String(rest)
        }

        func recomposed(withFragment: Bool) -> String {
            var out = ""
            if let scheme { out += scheme + ":" }
            if let authority { out += "//" + authority }
            out += path
            if let query { out += "?" + query }
            if withFragment, let fragment { out += "#" + fragment }
            return out
        }
    }
}
