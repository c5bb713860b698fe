public import FeedSiftCore

/// Parses feed documents (RSS 0.9x/2.0, RSS 1.0, Atom 0.3/1.0, JSON Feed
/// 1.0/1.1) into `ParsedFeed`, as forgivingly as real publishers require
/// and without trusting the document.
///
/// Guarantees: the format is detected from the document; no network or
/// file access happens (no DTDs, no external entities); entity expansion,
/// nesting depth, entry count and size are bounded (`ParseLimits`); a
/// malformed document still yields what a reader would expect, with
/// `ParsedFeed.warnings` saying what was repaired. `summary`/`content` are
/// sanitized HTML and `summaryText`/`contentText` their plain text.
/// `FeedParser` is a value with no shared state: use it from any thread.
public struct FeedParser: Sendable {
    public let limits: ParseLimits

    public init(limits: ParseLimits = ParseLimits()) {
        self.limits = limits
    }

    /// Parses a document. `documentURL` is the base for relative URLs (an
    /// in-document `xml:base` is resolved against it); `contentType` is the
    /// HTTP Content-Type, whose charset wins over the XML declaration (RFC 7303).
    /// Throws only when nothing usable could be extracted.
    ///
    /// The bytes are let go once the XML is read, before the entries' HTML
    /// is sanitized: a caller that hands over its only copy (`consume`)
    /// keeps a large document in memory once, not three times over.
    public func parse(_ bytes: consuming [UInt8], documentURL: String? = nil, contentType: String? = nil)
        throws(ParseError) -> ParsedFeed
    {
        let name = documentURL ?? "document"
        guard bytes.count <= limits.maxDocumentBytes else {
            throw ParseError(.tooLarge, "\(name) is \(bytes.count) bytes, over the limit of \(limits.maxDocumentBytes)")
        }
        guard bytes.contains(where: { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 }) else {
            throw ParseError(.empty, "\(name) is empty")
        }
        if JSONFeedParser.looksLikeJSON(bytes) {
            return try JSONFeedParser(limits: limits).parse(bytes, documentURL: documentURL)
        }
        let (builder, warnings) = try readXML(consume bytes, documentURL: documentURL, contentType: contentType)
        guard builder.sawRootElement, builder.isFeedLike else {
            throw ParseError(.notAFeed, "\(name) is neither an RSS, Atom nor JSON feed")
        }
        var feed = FeedAssembler(limits: limits).assemble(consume builder)
        feed.warnings = warnings
        return feed
    }

    /// Decodes the document and reads its XML: the entries as collected,
    /// and every warning so far. The bytes (and their decoded copy) are
    /// freed on return.
    private func readXML(_ bytes: consuming [UInt8], documentURL: String?, contentType: String?)
        throws(ParseError) -> (FeedBuilder, [ParseWarning])
    {
        let decoded = DocumentDecoder.decode(consume bytes, contentType: contentType)
        var run = try runXML(decoded.utf8, documentURL: documentURL, numericPredefinedEntities: false)
        if run.needsNumericEntityRetry {
            // libxml2 (2.9) drops `&amp;` & co. after its first error; re-read with numeric references.
            run = try runXML(decoded.utf8, documentURL: documentURL, numericPredefinedEntities: true)
        }
        return (run.result, decoded.warnings + run.prepassWarnings + run.result.warnings)
    }

    private struct XMLRun {
        var result: FeedBuilder
        var prepassWarnings: [ParseWarning]
        /// libxml2 reported errors in a document that uses entity references.
        var needsNumericEntityRetry: Bool
    }

    private func runXML(_ utf8: [UInt8], documentURL: String?, numericPredefinedEntities: Bool) throws(ParseError)
        -> XMLRun
    {
        var prepass = XMLPrepass(limits: limits)
        prepass.numericPredefinedEntities = numericPredefinedEntities
        let repaired = prepass.run(utf8)
        let document = repaired.bytes ?? utf8
        let parsed = document.withUnsafeBufferPointer { buffer -> FeedBuilder? in
            let builder = FeedBuilder(limits: limits, documentURL: documentURL)
            guard let reader = XMLEventReader(handler: builder) else { return nil }
            reader.parse(buffer)
            return reader.handler
        }
        guard var builder = parsed else {
            throw ParseError(
                .parserUnavailable, "libxml2 could not create a parser for \(documentURL ?? "the document")")
        }
        builder.finish()
        let retry =
            !numericPredefinedEntities && builder.warnings.contains { $0.kind == .malformed }
            && document.contains(UInt8(ascii: "&"))
        return XMLRun(result: builder, prepassWarnings: repaired.warnings, needsNumericEntityRetry: retry)
    }
}

extension FeedBuilder {
    /// Whether what was read is recognizably a feed (root element or content).
    var isFeedLike: Bool {
        if case .unknown = version {
            return !entries.isEmpty || feed.title != nil || feed.link != nil
        }
        return true
    }
}
