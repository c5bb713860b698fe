/// Which addresses a feed fetch may connect to: the SSRF rules.
///
/// The check runs on the address a socket is about to connect to (after DNS,
/// on every redirect hop) and again on the peer of every request, so reused
/// connections are covered too. IPv6 forms that carry an IPv4 address
/// (IPv4-mapped, IPv4-compatible, NAT64, 6to4) are judged by that address.
enum AddressPolicy {
    /// Why an address is not an ordinary public one.
    enum Category: String, Sendable {
        case loopback
        case privateNetwork = "private network"
        case sharedAddressSpace = "carrier-grade NAT"
        case uniqueLocal = "unique local"
        case linkLocal = "link-local"
        case cloudMetadata = "cloud metadata"
        case unspecified
        case multicast
        case broadcast
        case reserved

        /// Private-use ranges a user may open up with `allow-private`
        /// (tests, intranets). The rest never host a feed.
        var isAllowedWhenPrivateAllowed: Bool {
            switch self {
            case .loopback, .privateNetwork, .sharedAddressSpace, .uniqueLocal: true
            case .linkLocal, .cloudMetadata, .unspecified, .multicast, .broadcast, .reserved: false
            }
        }
    }

    /// nil when connecting is allowed; else the reason it is not.
    static func refusal(for address: IPAddress, allowPrivate: Bool) -> Category? {
        guard let category = category(of: address) else { return nil }
        if allowPrivate && category.isAllowedWhenPrivateAllowed { return nil }
        return category
    }

    /// nil for a public unicast address.
    static func category(of address: IPAddress) -> Category? {
        if address.isIPv4 { return categoryOfIPv4(address) }
        if let embedded = embeddedIPv4(in: address) { return categoryOfIPv4(embedded) }
        return categoryOfIPv6(address)
    }

    private static let cloudMetadataAddresses = Set(
        [
            "169.254.169.254",  // AWS, GCP, Azure, OpenStack, DigitalOcean
            "169.254.170.2",  // AWS ECS task credentials
            "100.100.100.200",  // Alibaba Cloud
            "192.0.0.192",  // Oracle Cloud
            "fd00:ec2::254",  // AWS over IPv6
        ].compactMap { IPAddress($0) })

    private static func categoryOfIPv4(_ address: IPAddress) -> Category? {
        if cloudMetadataAddresses.contains(address) { return .cloudMetadata }
        let ranges: [(network: [UInt8], prefix: Int, category: Category)] = [
            ([255, 255, 255, 255], 32, .broadcast),
            ([0, 0, 0, 0], 8, .unspecified),  // "this network"; 0.0.0.0 reaches the local host
            ([127, 0, 0, 0], 8, .loopback),
            ([10, 0, 0, 0], 8, .privateNetwork),
            ([172, 16, 0, 0], 12, .privateNetwork),
            ([192, 168, 0, 0], 16, .privateNetwork),
            ([100, 64, 0, 0], 10, .sharedAddressSpace),
            ([169, 254, 0, 0], 16, .linkLocal),
            ([192, 0, 0, 0], 24, .reserved),  // IETF protocol assignments
            ([192, 0, 2, 0], 24, .reserved),  // documentation
            ([198, 51, 100, 0], 24, .reserved),
            ([203, 0, 113, 0], 24, .reserved),
            ([198, 18, 0, 0], 15, .reserved),  // benchmarking
            ([224, 0, 0, 0], 4, .multicast),
            ([240, 0, 0, 0], 4, .reserved),
        ]
        return ranges.first { address.isIn($0.network, prefixLength: $0.prefix) }?.category
    }

    private static func categoryOfIPv6(_ address: IPAddress) -> Category? {
        if cloudMetadataAddresses.contains(address) { return .cloudMetadata }
        let bytes = address.bytes
        if bytes.allSatisfy({ $0 == 0 }) { return .unspecified }
        if bytes.dropLast().allSatisfy({ $0 == 0 }) && bytes[15] == 1 { return .loopback }
        let ranges: [(network: [UInt8], prefix: Int, category: Category)] = [
            (v6([0xFE, 0x80]), 10, .linkLocal),
            (v6([0xFE, 0xC0]), 10, .uniqueLocal),  // deprecated site-local
            (v6([0xFC]), 7, .uniqueLocal),
            (v6([0xFF]), 8, .multicast),
            (v6([0x01, 0x00]), 64, .reserved),  // discard-only
            (v6([0x20, 0x01, 0x0D, 0xB8]), 32, .reserved),  // documentation
            (v6([0x20, 0x01, 0x00, 0x00]), 32, .reserved),  // Teredo hides an IPv4 peer
            (v6([0x00, 0x64, 0xFF, 0x9B, 0x00, 0x01]), 48, .reserved),  // local-use NAT64
        ]
        return ranges.first { address.isIn($0.network, prefixLength: $0.prefix) }?.category
    }

    /// The IPv4 address an IPv6 address stands for, if it is one of the
    /// forms that reach an IPv4 host.
    static func embeddedIPv4(in address: IPAddress) -> IPAddress? {
        let bytes = address.bytes
        guard bytes.count == 16 else { return nil }
        let last4 = Array(bytes[12..<16])
        if bytes[0..<10].allSatisfy({ $0 == 0 }) && bytes[10] == 0xFF && bytes[11] == 0xFF {
            return IPAddress(bytes: last4)  // ::ffff:a.b.c.d, IPv4-mapped
        }
        if bytes[0..<12].allSatisfy({ $0 == 0 }) && !(bytes[12..<15].allSatisfy { $0 == 0 } && bytes[15] <= 1) {
            return IPAddress(bytes: last4)  // ::a.b.c.d, IPv4-compatible (:: and ::1 excluded)
        }
        if address.isIn(v6([0x00, 0x64, 0xFF, 0x9B]), prefixLength: 96) {
            return IPAddress(bytes: last4)  // 64:ff9b::/96, NAT64
        }
        if bytes[0] == 0x20 && bytes[1] == 0x02 {
            return IPAddress(bytes: Array(bytes[2..<6]))  // 2002:aabb:ccdd::/48, 6to4
        }
        return nil
    }

    private static func v6(_ prefix: [UInt8]) -> [UInt8] {
        prefix + [UInt8](repeating: 0, count: 16 - prefix.count)
    }
}
