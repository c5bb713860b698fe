import ArgumentParser
import FeedSiftDaemon

/// `feedsift explain ITEM`: why an item has its categories.
struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Show which rules matched an item: every rule, term and position.",
        discussion: "ITEM is the number in the REF column of `story` and `search`, or the item's entry id.")

    @Argument(help: "The item: its REF number or its entry id.")
    var item: String

    @OptionGroup var connection: ControlConnectionOptions

    func run() throws {
        let reference: JSONValue = Int(item).map { JSONValue($0) } ?? .string(item)
        connection.print(try connection.call(.explain, ["item": reference]), render: Self.render)
    }

    static func render(_ result: JSONValue, _ terminal: Terminal) -> String {
        var text = terminal.styled(
            "item \(HumanFormat.cell(result["ref"])) (\(HumanFormat.cell(result["feed"]))): \(HumanFormat.cell(result["title"]))",
            .bold)
        text += "\ncategories \(HumanFormat.list(result["categories"])), score \(HumanFormat.cell(result["score"]))"
        if result["dropped"]?.boolValue == true { text += ", " + terminal.styled("dropped by the filter", .yellow) }
        text += "\n"
        let rules = result["rules"]?.arrayValue ?? []
        guard !rules.isEmpty else { return text + "no rule matched\n" }
        var table = TextTable([
            .init(header: "RULE", minimumWidth: 8), .init(header: "CATEGORY", flexible: true, minimumWidth: 8),
            .init(header: "SCORE", alignRight: true), .init(header: "VERDICT"),
            .init(header: "MATCHES (field:term@position)", flexible: true, minimumWidth: 16),
        ])
        for rule in rules {
            let fired = rule["fired"]?.boolValue == true
            let verdict = fired ? "fired" : rule["excluded"]?.boolValue == true ? "excluded" : "no match"
            let matches = (rule["matches"]?.arrayValue ?? []).map {
                "\(HumanFormat.cell($0["field"])):\(HumanFormat.cell($0["term"]))@\(HumanFormat.cell($0["position"]))"
            }
            table.append([
                .init(text: HumanFormat.cell(rule["rule"])), .init(text: HumanFormat.cell(rule["category"])),
                .init(text: HumanFormat.cell(rule["score"])), .init(text: verdict, style: fired ? .green : .yellow),
                .init(text: matches.joined(separator: " ")),
            ])
        }
        return text + table.rendered(for: terminal)
    }
}
