/// The digest as HTML for mail clients: tables and inline styles only (no
/// `<style>` sheet, which several clients strip), no images, no scripts,
/// no external resources. Every text is the stories' plain text, escaped;
/// links are http(s) only.
enum DigestHTMLRenderer {
    private static let font = "font-family:Helvetica,Arial,sans-serif;"
    /// Long words and links wrap instead of widening the layout.
    private static let wrap = "overflow-wrap:break-word;word-wrap:break-word;word-break:break-word;"
    private static let accent = "#1f4e79"

    static func render(_ content: DigestContent, heading: DigestHeading) -> String {
        var out = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta http-equiv="Content-Type" content="text/html; charset=utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(HTMLEscaping.text(heading.title))</title>
            </head>
            <body style="margin:0;padding:0;background-color:#f3f4f6;">
            <table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0"
             style="background-color:#f3f4f6;">
            <tr><td align="center" style="padding:16px 8px;">
            <table role="presentation" width="640" cellpadding="0" cellspacing="0" border="0"
             style="width:100%;max-width:640px;table-layout:fixed;background-color:#ffffff;\(font)\(wrap)color:#1f2933;">
            <tr><td style="padding:20px 24px 14px 24px;border-bottom:3px solid \(accent);">
            <h1 style="margin:0;font-size:21px;line-height:1.3;color:\(accent);\(font)">\(HTMLEscaping.text(heading.title))</h1>
            <p style="margin:6px 0 0 0;font-size:13px;line-height:1.4;color:#52606d;">\(HTMLEscaping.text(heading.period))</p>
            </td></tr>

            """
        for section in content.sections {
            out += """
                <tr><td style="padding:18px 24px 2px 24px;">
                <h2 style="margin:0;font-size:17px;line-height:1.3;color:#1f2933;\(font)border-bottom:1px solid #d9e2ec;\
                padding-bottom:4px;">\(HTMLEscaping.text(section.label)) <span style="font-weight:normal;color:#7b8794;">\
                (\(section.entries.count))</span></h2>
                </td></tr>

                """
            for entry in section.entries {
                out += self.entry(entry)
            }
        }
        out += """
            <tr><td style="padding:18px 24px 20px 24px;font-size:11px;line-height:1.4;color:#7b8794;">
            Written by feedsift. Stories are grouped by category, highest score first.
            </td></tr>
            </table>
            </td></tr>
            </table>
            </body>
            </html>

            """
        return out
    }

    private static func entry(_ entry: DigestEntry) -> String {
        var title = HTMLEscaping.text(entry.title)
        if let link = entry.link {
            title =
                "<a href=\"\(HTMLEscaping.text(link))\" style=\"color:\(accent);text-decoration:none;\">\(title)</a>"
        }
        let badge =
            entry.isUpdate
            ? "<span style=\"display:inline-block;padding:0 5px;margin-right:4px;font-size:11px;font-weight:bold;"
                + "color:#ffffff;background-color:#c05621;border-radius:3px;\">UPDATED</span> "
            : ""
        var out = """
            <tr><td style="padding:10px 24px 6px 24px;">
            <p style="margin:0 0 4px 0;font-size:15px;line-height:1.35;font-weight:bold;">\(badge)\(title)</p>

            """
        if !entry.summary.isEmpty {
            out +=
                "<p style=\"margin:0 0 4px 0;font-size:14px;line-height:1.45;color:#323f4b;\">"
                + "\(HTMLEscaping.text(entry.summary))</p>\n"
        }
        out +=
            "<p style=\"margin:0;font-size:12px;line-height:1.4;color:#616e7c;\">"
            + "\(HTMLEscaping.text(entry.sourcesLine))</p>\n</td></tr>\n"
        return out
    }
}
