import FeedSiftCore
import Foundation
import Testing

/// `IANATimeZone` replaced Foundation's ICU-backed `TimeZone` for the
/// digest's `timezone`: the same names, the same identifiers and the same
/// offsets (from the system's tz database instead of ICU's copy of it).
@Suite struct IANATimeZoneTests {
    /// Zones whose rules have not changed in decades (north and south, half
    /// and three-quarter hours, no daylight saving), so that any two
    /// releases of the database agree on them.
    static let stableZones = [
        "Europe/Brussels", "America/New_York", "Australia/Sydney", "Asia/Kolkata", "Asia/Kathmandu",
        "Australia/Lord_Howe", "Pacific/Auckland", "Asia/Tokyo", "America/Los_Angeles", "Europe/London", "UTC",
        "Etc/GMT+5", "EST5EDT", "US/Eastern", "PST", "IST", "SystemV/EST5EDT", "GMT+2", "UTC-03:30", "GMT",
    ]

    @Test func offsetsAgreeWithFoundationFrom2000To2060() throws {
        for name in Self.stableZones {
            let zone = try #require(IANATimeZone(identifier: name), "\(name)")
            let foundation = try #require(TimeZone(identifier: name))
            #expect(zone.identifier == foundation.identifier)
            var instant: Int64 = 946_684_800
            while instant < 2_840_140_800 {
                let date = Date(timeIntervalSince1970: TimeInterval(instant))
                #expect(zone.secondsFromGMT(for: date) == foundation.secondsFromGMT(for: date), "\(name) \(instant)")
                instant += 86_400 * 2 + 3_599
            }
        }
    }

    @Test func namesAreAcceptedAsFoundationAcceptedThem() {
        let names = [
            "UTC", "GMT", "GMT+0", "GMT-0", "GMT0", "UTC+1", "GMT+2", "GMT+02", "GMT+0200", "GMT+02:00", "GMT+2:30",
            "GMT-11.45", "GMT+01:75", "GMT+18", "GMT+18:00", "GMT+18:01", "GMT+19", "GMT+1:75", "UTC+", "gmt", "GMT+2 ",
            "Etc/UTC", "Etc/GMT-14", "Europe/Kyiv", "Europe/Kiev", "Asia/Calcutta", "Factory", "CET", "EST", "CST",
            "ACT", "VST", "SystemV/AST4ADT", "SystemV/YST9", "", "europe/paris", "Europe/Paris ", "Europe//Paris",
            "Europe/Paris/", "/Europe/Paris", "../zoneinfo/Europe/Paris", "posix/Europe/Paris", "right/UTC",
            "localtime", "posixrules", "Asia/Hanoi", "Etc/Unknown", "Mars/Olympus_Mons", "EDT", "CEST",
        ]
        for name in names {
            let foundation = TimeZone(identifier: name)
            let zone = IANATimeZone(identifier: name)
            #expect((zone == nil) == (foundation == nil), "\(name.debugDescription)")
            #expect(zone?.identifier == foundation?.identifier, "\(name.debugDescription)")
        }
        #expect(IANATimeZone(identifier: "UTC")?.identifier == "GMT")
        #expect(IANATimeZone(identifier: "GMT+01:75")?.secondsFromGMT(at: 0) == 8100)
    }

    @Test func footerRulesCarryOnAfterTheLastTransition() throws {
        // Long after the transitions a compiled file lists, its TZ string decides.
        func instant(_ year: Int, _ month: Int, _ day: Int) -> Int64 {
            Int64(CivilDate.daysSinceEpoch(year: year, month: month, day: day)) * 86400
        }
        let brussels = try #require(IANATimeZone(identifier: "Europe/Brussels"))
        #expect(brussels.secondsFromGMT(at: instant(2245, 7, 1)) == 7200)
        #expect(brussels.secondsFromGMT(at: instant(2245, 12, 1)) == 3600)
        // 2245-03-30 is the last Sunday of March: 01:00 UTC is the change.
        #expect(brussels.secondsFromGMT(at: instant(2245, 3, 30) + 3599) == 3600)
        #expect(brussels.secondsFromGMT(at: instant(2245, 3, 30) + 3600) == 7200)
        let sydney = try #require(IANATimeZone(identifier: "Australia/Sydney"))
        #expect(sydney.secondsFromGMT(at: instant(2245, 1, 15)) == 39600)
        #expect(sydney.secondsFromGMT(at: instant(2245, 7, 15)) == 36000)
    }

    @Test func suggestionsComeFromTheListedNames() {
        let known = IANATimeZone.knownIdentifiers()
        #expect(known.contains("Europe/Brussels"))
        #expect(known.contains("GMT"))
        #expect(!known.contains("US/Eastern") && !known.contains("UTC") && !known.contains("Asia/Kolkata"))
        #expect(known == known.sorted())
        let foundation = Set(TimeZone.knownTimeZoneIdentifiers)
        // The same list, give or take the names one release of the database added or retired.
        #expect(Set(known).symmetricDifference(foundation).count < 10)
    }
}
