public import FoundationEssentials

/// A time zone named the way `[digest] timezone` names it, with its UTC
/// offset at any instant: what Foundation's `TimeZone(identifier:)` gave
/// feedsift before feedsift stopped linking ICU, which that initializer
/// needs on Linux for every zone but GMT.
///
/// Names are accepted as Foundation accepted them: `GMT`/`UTC` with an
/// optional `±H`, `±HH`, `±HHMM` or `±H[H]:MM` offset (up to 18 hours),
/// shown as `GMT` or `GMT+0200`; the zones and links of the IANA database;
/// and ICU's legacy aliases (`PST`, `IST`, `SystemV/EST5EDT`…). Offsets come
/// from the system's compiled database in `/usr/share/zoneinfo` (package
/// `tzdata`), so they follow the rules of the installed release; a zone
/// whose file is missing is unknown. A fixed-offset name needs no file.
public struct IANATimeZone: Sendable {
    /// The name as given, except that GMT/UTC offsets read as
    /// Foundation printed them (`UTC` is `GMT`, `UTC+2` is `GMT+0200`).
    public let identifier: String
    private let rules: Rules

    private enum Rules: Sendable {
        case fixed(Int)
        case file(TZifFile)
        case posix(POSIXTimeZoneRule)
    }

    /// Where the compiled zone files are.
    static let databaseDirectory = "/usr/share/zoneinfo"

    public init?(identifier: String) {
        guard !identifier.isEmpty else { return nil }
        if let offset = Self.offsetFromGMTName(identifier), let name = Self.nameForOffset(offset) {
            self.identifier = name
            rules = .fixed(offset)
            return
        }
        if let rule = Self.systemVRules[identifier], let parsed = POSIXTimeZoneRule(rule) {
            self.identifier = identifier
            rules = .posix(parsed)
            return
        }
        let fileName = Self.legacyAliases[identifier] ?? identifier
        guard Self.isZoneName(fileName),
            let data = FileManager.default.contents(atPath: Self.databaseDirectory + "/" + fileName),
            let file = TZifFile(Array(data))
        else { return nil }
        self.identifier = identifier
        rules = .file(file)
    }

    /// Seconds east of UTC at `instant`.
    public func secondsFromGMT(for instant: Date) -> Int {
        secondsFromGMT(at: Int64(instant.timeIntervalSince1970.rounded(.down)))
    }

    /// Seconds east of UTC at `seconds` since 1970.
    public func secondsFromGMT(at seconds: Int64) -> Int {
        switch rules {
        case .fixed(let offset): offset
        case .file(let file): file.offset(at: seconds)
        case .posix(let rule): rule.offset(at: seconds)
        }
    }

    /// The zone names to suggest for a misspelt one, sorted: the database's
    /// zones and links that Foundation listed as `knownTimeZoneIdentifiers`
    /// (which leaves out the `US/`, `Etc/`… aliases and the legacy names).
    /// Empty when the database has no `tzdata.zi`.
    public static func knownIdentifiers() -> [String] {
        guard let data = FileManager.default.contents(atPath: databaseDirectory + "/tzdata.zi") else { return [] }
        var names: [String] = []
        for line in String(decoding: data, as: UTF8.self).split(separator: "\n") {
            let fields = line.split(separator: " ")
            // `Z name …` declares a zone, `L target name` a link.
            let name: Substring
            if fields.count >= 2, fields[0] == "Z" {
                name = fields[1]
            } else if fields.count >= 3, fields[0] == "L" {
                name = fields[2]
            } else {
                continue
            }
            let isExcluded =
                ["US/", "Etc/", "Canada/", "SystemV/", "Mideast/"].contains(where: { name.hasPrefix($0) })
                || unlistedNames.contains(String(name))
            if !isExcluded { names.append(String(name)) }
        }
        return names.sorted()
    }

    /// A name of the database (`Europe/Paris`, `EST5EDT`): letters, digits,
    /// `_`, `-` and `+` in `/`-separated parts, none of them the `posix` or
    /// `right` copies of the database or its other files.
    private static func isZoneName(_ name: String) -> Bool {
        let parts = name.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.allSatisfy({ !$0.isEmpty && $0.utf8.allSatisfy(isNameByte) }) else { return false }
        return !["posix", "right"].contains(parts[0]) && !["localtime", "posixrules"].contains(name)
    }

    private static func isNameByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"), UInt8(ascii: "-"), UInt8(ascii: "+"):
            true
        default: false
        }
    }
}

extension IANATimeZone {
    /// The offset a `GMT…`/`UTC…` name stands for, as swift-foundation's
    /// `TimeZone.tryParseGMTName` reads it: `GMT`, `GMT±H`, `GMT±HH`,
    /// `GMT±HHMM` or `GMT±H[H]:MM` (`.` also separates), at most 18:00.
    static func offsetFromGMTName(_ name: String) -> Int? {
        let characters = Array(name)
        let length = characters.count
        guard length >= 3, length <= 9, name.hasPrefix("GMT") || name.hasPrefix("UTC") else { return nil }
        if length == 3 { return 0 }
        guard length >= 5 else { return nil }
        let sign: Int
        switch characters[3] {
        case "+": sign = 1
        case "-": sign = -1
        default: return nil
        }
        func digit(_ character: Character, upTo maximum: UInt8 = 9) -> Int? {
            guard let value = character.asciiValue, value >= 0x30, value <= 0x30 + maximum else { return nil }
            return Int(value - 0x30)
        }
        func isSeparator(_ character: Character) -> Bool { character == ":" || character == "." }
        guard let firstHourDigit = digit(characters[4]) else { return nil }
        if length == 5 { return sign * firstHourDigit * 3600 }
        let hours: Int
        var index = 6
        if let secondHourDigit = digit(characters[5]) {
            hours = firstHourDigit * 10 + secondHourDigit
        } else if isSeparator(characters[5]) {
            hours = firstHourDigit
        } else {
            return nil
        }
        guard hours <= 18 else { return nil }
        if digit(characters[5]) != nil && length == 6 { return sign * hours * 3600 }
        guard length >= 8 else { return nil }
        // `HHMM` (8 characters) or `HH:MM` (9); after `H:` the minutes follow at once.
        let firstMinuteIsDigit = digit(characters[index], upTo: 5) != nil
        let firstMinuteIsSeparator = isSeparator(characters[index])
        guard (firstMinuteIsDigit && length == 8) || (firstMinuteIsSeparator && length == 9) else { return nil }
        if firstMinuteIsSeparator { index += 1 }
        // After a separator Foundation did not check the first minute digit
        // against 5 (`GMT+1:75` is 2:15), and stopped the process if it was
        // no digit at all; here that is no offset.
        guard index + 1 < length, let firstMinute = digit(characters[index]),
            let secondMinuteDigit = digit(characters[index + 1])
        else { return nil }
        let minutes = 10 * firstMinute + secondMinuteDigit
        if hours == 18 && minutes != 0 { return nil }
        return sign * (hours * 3600 + minutes * 60)
    }

    /// `GMT`, or `GMT+HHMM` / `GMT-HHMM` (rounded to the minute); nil past 18 hours.
    static func nameForOffset(_ seconds: Int) -> String? {
        guard abs(seconds) <= 18 * 3600 else { return nil }
        let rounded = abs(seconds) + 30
        let hour = rounded / 3600
        let minute = rounded % 3600 / 60
        if hour == 0 && minute == 0 { return "GMT" }
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "GMT\(seconds < 0 ? "-" : "+")\(two(hour))\(two(minute))"
    }

    /// ICU's three-letter legacy names (from Java), and the zones they stand for.
    static let legacyAliases: [String: String] = [
        "ACT": "Australia/Darwin", "AET": "Australia/Sydney", "AGT": "America/Argentina/Buenos_Aires",
        "ART": "Africa/Cairo", "AST": "America/Anchorage", "BET": "America/Sao_Paulo", "BST": "Asia/Dhaka",
        "CAT": "Africa/Maputo", "CNT": "America/St_Johns", "CST": "America/Chicago", "CTT": "Asia/Shanghai",
        "EAT": "Africa/Nairobi", "ECT": "Europe/Paris", "IET": "America/Indiana/Indianapolis",
        "IST": "Asia/Kolkata", "JST": "Asia/Tokyo", "MIT": "Pacific/Apia", "NET": "Asia/Yerevan",
        "NST": "Pacific/Auckland", "PLT": "Asia/Karachi", "PNT": "America/Phoenix", "PRT": "America/Puerto_Rico",
        "PST": "America/Los_Angeles", "SST": "Pacific/Guadalcanal", "VST": "Asia/Ho_Chi_Minh",
    ]

    /// ICU's `SystemV/` zones: fixed offsets, or daylight saving by the US
    /// rule of 1976–1986 (last Sunday of April to last Sunday of October).
    static let systemVRules: [String: String] = [
        "SystemV/AST4": "AST4", "SystemV/AST4ADT": "AST4ADT,M4.5.0,M10.5.0",
        "SystemV/CST6": "CST6", "SystemV/CST6CDT": "CST6CDT,M4.5.0,M10.5.0",
        "SystemV/EST5": "EST5", "SystemV/EST5EDT": "EST5EDT,M4.5.0,M10.5.0",
        "SystemV/HST10": "HST10",
        "SystemV/MST7": "MST7", "SystemV/MST7MDT": "MST7MDT,M4.5.0,M10.5.0",
        "SystemV/PST8": "PST8", "SystemV/PST8PDT": "PST8PDT,M4.5.0,M10.5.0",
        "SystemV/YST9": "YST9", "SystemV/YST9YDT": "YST9YDT,M4.5.0,M10.5.0",
    ]

    /// Names Foundation's `knownTimeZoneIdentifiers` left out.
    static let unlistedNames: Set<String> = [
        "ACT", "AET", "AGT", "ART", "AST", "Africa/Asmera", "Africa/Timbuktu", "America/Argentina/ComodRivadavia",
        "America/Atka", "America/Buenos_Aires", "America/Catamarca", "America/Coral_Harbour", "America/Cordoba",
        "America/Ensenada", "America/Fort_Wayne", "America/Indianapolis", "America/Jujuy", "America/Knox_IN",
        "America/Louisville", "America/Mendoza", "America/Porto_Acre", "America/Rosario", "America/Virgin",
        "Asia/Ashkhabad", "Asia/Kolkata", "Asia/Chungking", "Asia/Dacca", "Asia/Istanbul", "Asia/Macao",
        "Asia/Riyadh87", "Asia/Riyadh88", "Asia/Riyadh89", "Asia/Saigon", "Asia/Tel_Aviv", "Asia/Thimbu",
        "Asia/Ujung_Pandang", "Asia/Ulan_Bator", "Atlantic/Faeroe", "Atlantic/Jan_Mayen", "Australia/ACT",
        "Australia/Canberra", "Australia/LHI", "Australia/NSW", "Australia/North", "Australia/Queensland",
        "Australia/South", "Australia/Tasmania", "Australia/Victoria", "Australia/West", "Australia/Yancowinna",
        "BET", "BST", "Brazil/Acre", "Brazil/DeNoronha", "Brazil/East", "Brazil/West", "CAT", "CET", "CNT", "CST",
        "CST6CDT", "CTT", "Chile/Continental", "Chile/EasterIsland", "Cuba", "EAT", "ECT", "EET", "EST", "EST5EDT",
        "Egypt", "Eire", "Europe/Belfast", "Europe/Nicosia", "Europe/Tiraspol", "Factory", "GB", "GB-Eire",
        "GMT+0", "GMT-0", "GMT0", "Greenwich", "HST", "Hongkong", "IET", "IST", "Iceland", "Iran", "Israel", "JST",
        "Jamaica", "Japan", "Kwajalein", "Libya", "MET", "MIT", "MST", "MST7MDT", "Mexico/BajaNorte",
        "Mexico/BajaSur", "Mexico/General", "NET", "NST", "NZ", "NZ-CHAT", "Navajo", "PLT", "PNT", "PRC", "PRT",
        "PST", "PST8PDT", "Pacific/Samoa", "Pacific/Yap", "Poland", "Portugal", "ROC", "ROK", "SST", "Singapore",
        "Turkey", "UCT", "UTC", "Universal", "VST", "W-SU", "WET", "Zulu",
    ]
}
