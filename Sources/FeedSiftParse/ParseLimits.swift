/// Bounds on what one document may cost to parse. Exceeding one never
/// crashes or exhausts memory: the parse stops or skips the excess and
/// reports a warning (or, for the document size, throws `ParseError`).
public struct ParseLimits: Sendable, Hashable {
    /// Largest document accepted, in bytes.
    public var maxDocumentBytes: Int
    /// Total bytes that internal DTD entities may expand to.
    public var maxEntityExpansionBytes: Int
    /// Deepest element nesting: an XML document nested deeper stops being
    /// read (with a warning); HTML content nested deeper is flattened.
    public var maxDepth: Int
    /// Entries kept from one document; the rest are dropped with a warning.
    public var maxEntries: Int

    public init(
        maxDocumentBytes: Int = 32 << 20,
        maxEntityExpansionBytes: Int = 1 << 20,
        maxDepth: Int = 256,
        maxEntries: Int = 10_000
    ) {
        self.maxDocumentBytes = maxDocumentBytes
        self.maxEntityExpansionBytes = maxEntityExpansionBytes
        self.maxDepth = maxDepth
        self.maxEntries = maxEntries
    }
}
