/// Cleans HTML from feeds with an allow-list, so it can be republished.
///
/// Guarantees of the output: only allowed elements (text formatting, links,
/// lists, tables, images, audio/video) and allowed attributes remain; no
/// `script`, `style`, `iframe`, `object`, `embed`, `applet`, `form`
/// controls, `svg`/`math`, `meta`/`link`/`base`, no event-handler
/// attributes, no URL whose scheme is not on the allow-list (`javascript:`,
/// `vbscript:`, `data:` except raster images in `img src`), and no CSS that
/// can load or execute anything (`url(`, `expression(`, `@import`, escapes).
/// Elements are balanced; relative URLs are resolved against `baseURL`.
public enum HTMLSanitizer {
    public static func sanitize(_ html: String, baseURL: String?) -> String {
        HTMLProcessor.process(html, baseURL: baseURL, wantHTML: true, wantText: false).html
    }
}

/// Plain text of HTML, for keyword rules and deduplication.
///
/// Markup, comments, attributes and the content of `script`/`style` never
/// become words; character references are decoded; block elements
/// (paragraphs, headings, list items, …) become paragraphs separated by
/// `"\n\n"`, `<br>` a line break; other whitespace runs collapse to one space.
public enum HTMLText {
    public static func plainText(fromHTML html: String) -> String {
        HTMLProcessor.process(html, baseURL: nil, wantHTML: false, wantText: true).text
    }
}
