/// The version feedsift reports in its User-Agent, `--version` and Atom
/// `generator`.
public enum FeedSiftVersion {
    public static let current = "0.1.0"
}
