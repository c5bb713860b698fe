/// A JSON value as Foundation's `JSONSerialization` reads it, for the
/// places that used to call it on text from outside (JSON Feed documents)
/// or on stored columns: `LenientJSON.parse` accepts exactly what
/// `JSONSerialization.jsonObject(with:)` accepted (trailing commas, UTF-16
/// and UTF-32 text, the last of duplicate member names), and the accessors
/// answer as the `as?` casts on its result did (`as? String`,
/// `as? NSNumber`, `as? [String: Any]`, `as? [Any]`).
///
/// The control protocol has its own strict reader (`JSONParser` in
/// FeedSiftDaemon); this one exists so that reading documents did not change
/// when feedsift stopped linking full Foundation.
public enum LenientJSON: Sendable {
    case string(String)
    case number(LenientJSONNumber)
    case bool(Bool)
    case null
    case array([LenientJSON])
    case object([String: LenientJSON])

    /// The text, for a string (`as? String`).
    public var stringValue: String? {
        if case .string(let value) = self { value } else { nil }
    }

    /// The number, for a number or a boolean (`as? NSNumber`: Foundation
    /// reads `true` and `false` as the numbers 1 and 0).
    public var numberValue: LenientJSONNumber? {
        switch self {
        case .number(let number): number
        case .bool(let value): LenientJSONNumber(bool: value)
        default: nil
        }
    }

    /// The elements, for an array (`as? [Any]`).
    public var arrayValue: [LenientJSON]? {
        if case .array(let elements) = self { elements } else { nil }
    }

    /// The members, for an object (`as? [String: Any]`).
    public var objectValue: [String: LenientJSON]? {
        if case .object(let members) = self { members } else { nil }
    }

    /// The member named `key`, for an object that has one (null included).
    public subscript(key: String) -> LenientJSON? {
        if case .object(let members) = self { members[key] } else { nil }
    }
}
