public import FoundationEssentials

/// The named parameters of one request, read by name and type.
///
/// Every reader answers a wrong type with `invalidParams` naming the
/// parameter and what it should be; `finish()` rejects names no reader
/// asked for, so a typo (`limt`) is an error rather than silently ignored.
/// A parameter given as null counts as absent.
public struct ControlParameters: Sendable {
    private let method: String
    private let object: JSONObject
    private var known: Set<String> = []

    /// `params` as the request carried it: absent, or an object. Positional
    /// (array) parameters are refused: every method takes named ones.
    public init(method: String, params: JSONValue?) throws(ControlError) {
        self.method = method
        switch params {
        case nil, .null?: object = JSONObject()
        case .object(let members)?: object = members
        case let other?:
            throw ControlError(
                .invalidParams,
                "params of \(method) must be an object of named parameters, not \(other.typeDescription)")
        }
    }

    public mutating func string(_ name: String) throws(ControlError) -> String? {
        guard let value = value(name) else { return nil }
        guard let string = value.stringValue else { throw mistyped(name, "a string", value) }
        return string
    }

    public mutating func requiredString(_ name: String) throws(ControlError) -> String {
        guard let string = try string(name) else { throw missing(name, "a string") }
        return string
    }

    public mutating func bool(_ name: String) throws(ControlError) -> Bool? {
        guard let value = value(name) else { return nil }
        guard let bool = value.boolValue else { throw mistyped(name, "true or false", value) }
        return bool
    }

    public mutating func int(_ name: String, in range: ClosedRange<Int>) throws(ControlError) -> Int? {
        guard let value = value(name) else { return nil }
        guard let number = value.intValue else { throw mistyped(name, "an integer", value) }
        guard range.contains(number) else {
            throw ControlError(
                .invalidParams,
                "\(method): parameter \"\(name)\" must be between \(range.lowerBound) and \(range.upperBound), not \(number)"
            )
        }
        return number
    }

    /// An object whose members are all strings.
    public mutating func stringMap(_ name: String) throws(ControlError) -> [String: String]? {
        guard let value = value(name) else { return nil }
        guard case .object(let members) = value else { throw mistyped(name, "an object of strings", value) }
        var map: [String: String] = [:]
        for member in members {
            guard let text = member.value.stringValue else {
                throw mistyped(name, "an object of strings", member.value)
            }
            map[member.key] = text
        }
        return map
    }

    /// An instant given as an RFC 3339 timestamp, a date, or an age (`7d`).
    public mutating func instant(_ name: String, now: Date) throws(ControlError) -> Date? {
        guard let text = try string(name) else { return nil }
        guard let instant = ControlTime.instant(text, now: now) else {
            throw ControlError(
                .invalidParams,
                "\(method): parameter \"\(name)\" must be an RFC 3339 time, a date (2026-05-01) or an age "
                    + "(90s, 15m, 2h, 7d), not \"\(text)\"")
        }
        return instant
    }

    /// Throws when the request named a parameter this method does not take.
    public func finish() throws(ControlError) {
        let unknown = object.keys.filter { !known.contains($0) }
        guard unknown.isEmpty else {
            let accepted = known.isEmpty ? "it takes none" : "it takes " + known.sorted().joined(separator: ", ")
            throw ControlError(
                .invalidParams,
                "\(method) has no parameter \(unknown.map { "\"\($0)\"" }.joined(separator: ", ")) (\(accepted))")
        }
    }

    private mutating func value(_ name: String) -> JSONValue? {
        known.insert(name)
        guard let value = object[name], !value.isNull else { return nil }
        return value
    }

    private func mistyped(_ name: String, _ expected: String, _ value: JSONValue) -> ControlError {
        ControlError(
            .invalidParams, "\(method): parameter \"\(name)\" must be \(expected), not \(value.typeDescription)")
    }

    private func missing(_ name: String, _ expected: String) -> ControlError {
        ControlError(.invalidParams, "\(method): parameter \"\(name)\" (\(expected)) is required")
    }
}
