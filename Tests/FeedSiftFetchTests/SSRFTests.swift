import FeedSiftTestSupport
import Foundation
import Testing

@testable import FeedSiftFetch

/// No connection to loopback, private, link-local, metadata and other
/// special addresses, however the host is spelled, on every hop and on
/// reused connections, unless the request allows private addresses.
@Suite struct SSRFTests {
    @Test(arguments: [
        "127.0.0.1", "2130706433", "0177.0.0.1", "0x7f.0.0.1", "127.1", "017700000001", "localhost",
        "[::ffff:127.0.0.1]", "[::ffff:7f00:1]", "[::1]", "127.0.0.2",
    ])
    func loopbackInAnySpellingIsRefused(host: String) async throws {
        let server = try LoopbackHTTPServer { _ in .ok("secret") }
        let fetcher = try HTTPFetcher()
        let error = await fetchError {
            try await fetcher.fetch(loopbackRequest("http://\(host):\(server.port)/", allowPrivate: false))
        }
        #expect(error?.code == .blockedAddress)
        #expect(error?.address != nil)
        #expect(server.requests.isEmpty)
    }

    /// Refused before any packet leaves, so these need no network.
    @Test(arguments: [
        ("10.0.0.1", "10.0.0.1"), ("172.16.5.4", "172.16.5.4"), ("192.168.1.1", "192.168.1.1"),
        ("100.64.0.1", "100.64.0.1"), ("169.254.169.254", "169.254.169.254"), ("[fd00:ec2::254]", "fd00:ec2::254"),
        ("[::ffff:10.0.0.1]", "::ffff:10.0.0.1"), ("224.0.0.1", "224.0.0.1"), ("0.0.0.0", "0.0.0.0"),
    ])
    func privateAndSpecialAddressesAreRefused(host: String, address: String) async throws {
        let fetcher = try HTTPFetcher()
        let error = await fetchError {
            try await fetcher.fetch(
                loopbackRequest("http://\(host)/feed.xml", timeout: .seconds(2), allowPrivate: false))
        }
        #expect(error?.code == .blockedAddress)
        #expect(error?.address == address)
        #expect(error?.message.contains(address) == true)
    }

    @Test func allowPrivateStillRefusesMetadataAndUnspecifiedAddresses() async throws {
        let server = try LoopbackHTTPServer { _ in .ok("secret") }
        let fetcher = try HTTPFetcher()
        for url in [
            "http://169.254.169.254/latest/meta-data/", "http://0.0.0.0:\(server.port)/", "http://[::]:\(server.port)/",
        ] {
            let error = await fetchError { try await fetcher.fetch(loopbackRequest(url, timeout: .seconds(2))) }
            #expect(error?.code == .blockedAddress, "\(url)")
        }
        #expect(server.requests.isEmpty)
    }

    @Test func everyRedirectHopIsChecked() async throws {
        let server = try LoopbackHTTPServer { request in
            request.path == "/secret"
                ? .ok("secret")
                : .response(status: 302, headers: [("Location", "http://169.254.169.254/latest/meta-data/")])
        }
        let fetcher = try HTTPFetcher()
        let metadata = await fetchError { try await fetcher.fetch(loopbackRequest(server.baseURL + "/meta")) }
        #expect(metadata?.code == .blockedAddress)
        #expect(metadata?.url == "http://169.254.169.254/latest/meta-data/")

        // The first hop is allowed; its redirect to 0.0.0.0 (this machine) is not.
        let zeroServer = try LoopbackHTTPServer { request in
            request.path == "/secret"
                ? .ok("secret")
                : .response(status: 301, headers: [("Location", "http://0.0.0.0:\(server.port)/secret")])
        }
        let zero = await fetchError { try await fetcher.fetch(loopbackRequest(zeroServer.baseURL + "/start")) }
        #expect(zero?.code == .blockedAddress)
        #expect(server.requests(for: "/secret").isEmpty)
    }

    @Test func aConnectionOpenedWithAllowPrivateIsNotReusedWithoutIt() async throws {
        let server = try LoopbackHTTPServer { _ in .ok("<rss/>") }
        let fetcher = try HTTPFetcher()
        _ = try await fetcher.fetch(loopbackRequest(server.baseURL + "/a.xml", allowPrivate: true))
        let error = await fetchError {
            try await fetcher.fetch(loopbackRequest(server.baseURL + "/a.xml", allowPrivate: false))
        }
        #expect(error?.code == .blockedAddress)
        #expect(server.requests.count == 1)
    }

    @Test(
        arguments: [
            ("8.8.8.8", nil), ("1.1.1.1", nil), ("2606:4700:4700::1111", nil), ("172.32.0.1", nil),
            ("100.128.0.1", nil), ("192.169.0.1", nil),
            ("127.0.0.1", .loopback), ("127.255.255.254", .loopback), ("::1", .loopback),
            ("10.255.0.1", .privateNetwork), ("172.31.255.255", .privateNetwork), ("192.168.0.1", .privateNetwork),
            ("100.64.0.0", .sharedAddressSpace), ("100.127.255.255", .sharedAddressSpace),
            ("fc00::1", .uniqueLocal), ("fdff::1", .uniqueLocal),
            ("169.254.0.1", .linkLocal), ("fe80::1", .linkLocal), ("febf::1", .linkLocal),
            ("169.254.169.254", .cloudMetadata), ("fd00:ec2::254", .cloudMetadata), ("100.100.100.200", .cloudMetadata),
            ("0.0.0.0", .unspecified), ("0.1.2.3", .unspecified), ("::", .unspecified),
            ("224.0.0.251", .multicast), ("239.255.255.250", .multicast), ("ff02::1", .multicast),
            ("255.255.255.255", .broadcast), ("240.0.0.1", .reserved), ("198.18.0.1", .reserved),
            ("2001:db8::1", .reserved), ("2001::1", .reserved),
            ("::ffff:127.0.0.1", .loopback), ("::ffff:10.1.2.3", .privateNetwork), ("::ffff:8.8.8.8", nil),
            ("::127.0.0.1", .loopback), ("64:ff9b::a9fe:a9fe", .cloudMetadata), ("64:ff9b::808:808", nil),
            ("2002:7f00:1::", .loopback), ("2002:0808:0808::1", nil), ("fe80::1%eth0", .linkLocal),
        ] as [(String, AddressPolicy.Category?)])
    func addressCategories(text: String, expected: AddressPolicy.Category?) throws {
        let address = try #require(IPAddress(text))
        #expect(AddressPolicy.category(of: address) == expected)
    }

    @Test func allowPrivateOpensOnlyPrivateUseRanges() throws {
        let permitted = ["127.0.0.1", "10.0.0.1", "192.168.1.1", "100.64.1.1", "fd12::1", "::1"]
        let stillRefused = ["169.254.169.254", "169.254.1.1", "fe80::1", "0.0.0.0", "224.0.0.1", "fd00:ec2::254"]
        for text in permitted {
            let address = try #require(IPAddress(text))
            #expect(AddressPolicy.refusal(for: address, allowPrivate: true) == nil, "\(text)")
            #expect(AddressPolicy.refusal(for: address, allowPrivate: false) != nil, "\(text)")
        }
        for text in stillRefused {
            let address = try #require(IPAddress(text))
            #expect(AddressPolicy.refusal(for: address, allowPrivate: true) != nil, "\(text)")
        }
    }
}
