import FeedSiftCore
import FoundationEssentials

/// The form of a link under which copies of one article compare equal:
/// scheme and host lower-cased, `www.` and default ports dropped, tracking
/// parameters (`utm_*`, `fbclid`, `gclid`, …) and the fragment removed,
/// the remaining query parameters sorted, a trailing slash dropped.
///
/// Two links with the same canonical form point at the same article; the
/// converse is not promised (publishers have many URL schemes for one page).
public enum CanonicalURL {
    /// The canonical form of `link`, or nil when it is not an absolute
    /// http(s) URL.
    public static func canonicalize(_ link: String) -> String? {
        // Links almost never need trimming; Foundation's trim bridges the
        // string, which costs more than the rest of this function.
        let trimmed =
            link.unicodeScalars.first?.properties.isWhitespace == true
                || link.unicodeScalars.last?.properties.isWhitespace == true
            ? link.trimmingWhitespaceAndNewlines() : link
        guard var components = URLComponents(string: trimmed),
            let scheme = components.scheme?.lowercased(), scheme == "http" || scheme == "https",
            var host = components.host?.lowercased(), !host.isEmpty
        else { return nil }
        if host.hasPrefix("www.") { host.removeFirst(4) }
        if host.hasSuffix(".") { host.removeLast() }
        components.host = host
        // http and https copies of one article are the same article.
        components.scheme = "https"
        if components.port == 80 || components.port == 443 { components.port = nil }
        components.fragment = nil
        components.user = nil
        components.password = nil
        if let items = components.queryItems {
            let kept = items.filter { !isTrackingParameter($0.name) }
                .sorted { ($0.name, $0.value ?? "") < ($1.name, $1.value ?? "") }
            components.queryItems = kept.isEmpty ? nil : kept
        }
        var path = components.percentEncodedPath
        while path.count > 1 && path.hasSuffix("/") { path.removeLast() }
        components.percentEncodedPath = path == "/" ? "" : path
        return components.string
    }

    private static let trackingNames: Set<String> = [
        "fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "mc_cid", "mc_eid", "_ga", "_gl",
        "igshid", "mkt_tok", "oly_anon_id", "oly_enc_id", "rb_clickid", "s_cid", "vero_id", "wickedid",
    ]

    static func isTrackingParameter(_ name: String) -> Bool {
        let lowered = name.lowercased()
        return lowered.hasPrefix("utm_") || trackingNames.contains(lowered)
    }
}
