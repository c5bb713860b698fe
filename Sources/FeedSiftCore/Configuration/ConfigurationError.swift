/// Why a configuration cannot be used: every problem found in the main file
/// and the files it includes, each located at its offending token.
public struct ConfigurationError: Error, CustomStringConvertible {
    /// In the order found (reading order, includes in place).
    public var diagnostics: [Diagnostic]

    public init(diagnostics: [Diagnostic]) {
        self.diagnostics = diagnostics
    }

    /// One diagnostic per line.
    public var description: String {
        diagnostics.map(\.description).joined(separator: "\n")
    }
}
