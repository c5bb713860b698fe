import FoundationEssentials

#if canImport(Glibc)
    import Glibc
#endif

/// What the client's output goes to: how wide it is and whether it may be
/// coloured.
struct Terminal {
    /// Columns available for tables.
    var width: Int
    /// ANSI colour only on a terminal, and never with `NO_COLOR` set (https://no-color.org).
    var usesColor: Bool

    /// Standard output as it is: the terminal's width from `TIOCGWINSZ`,
    /// else `COLUMNS`, else 100.
    static func standardOutput(environment: [String: String] = ProcessInfo.processInfo.environment) -> Terminal {
        let isTerminal = isatty(STDOUT_FILENO) == 1
        var size = winsize()
        let width: Int
        if isTerminal, ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 {
            width = Int(size.ws_col)
        } else if let columns = environment["COLUMNS"].flatMap(Int.init), columns > 0 {
            width = columns
        } else {
            width = 100
        }
        let noColor = environment["NO_COLOR"].map { !$0.isEmpty } ?? false
        return Terminal(width: width, usesColor: isTerminal && !noColor && environment["TERM"] != "dumb")
    }

    /// `text` in a colour, when colour is on.
    func styled(_ text: String, _ style: TextStyle) -> String {
        usesColor && style != .plain ? "\u{1B}[\(style.rawValue)m\(text)\u{1B}[0m" : text
    }
}

/// The few ANSI styles the tables use.
enum TextStyle: String {
    case plain = "0"
    case bold = "1"
    case dim = "2"
    case red = "31"
    case green = "32"
    case yellow = "33"
}
