/// Fictional news texts written for these tests: one tin story told by
/// several outlets, and look-alike stories that must stay apart.
enum NewsFixtures {
    static let tinOriginal = NewsItem(
        title: "Tin jumps to two-year high as Myanmar halts Man Maw mining",
        text: """
            Tin prices on the London Metal Exchange jumped 6.2% to $34,150 a tonne on Tuesday after authorities in \
            Myanmar's Wa region suspended mining at the Man Maw site for a safety review, traders said.

            The region supplied about 10% of the world's mined tin last year. Smelters in Yunnan have already cut \
            runs because of ore shortages, and stocks in LME warehouses fell to 3,950 tonnes, the lowest since March.

            A spokesman for the Wa administration said the review would last at least six weeks.
            """, hours: 0, link: "https://metals.example.com/tin-myanmar-halt")

    /// The wire's syndicated copy: dateline, "said Tuesday", a credit line.
    static let tinWireCopy = NewsItem(
        title: "UPDATE 1-Tin jumps to two-year high as Myanmar halts Man Maw mining",
        text: """
            LONDON, Oct 6 (Example Wire) - Tin prices on the London Metal Exchange jumped 6.2% to $34,150 a tonne \
            on Tuesday after authorities in Myanmar's Wa region suspended mining at the Man Maw site for a safety \
            review, traders said.

            The region supplied about 10% of the world's mined tin last year. Smelters in Yunnan have already cut \
            runs because of ore shortages, and stocks in LME warehouses fell to 3,950 tonnes, the lowest since March.

            (Reporting by the Example Wire metals desk)
            """, hours: 1, link: "https://wire.example.org/news/tin-4411")

    /// A content farm's copy, wrapped in its own header and footer.
    static let tinFarmCopy = NewsItem(
        title: "Industry News: Tin jumps to two-year high as Myanmar halts Man Maw mining",
        text: """
            We build websites and run campaigns for mining and metals companies. Ask us for a free audit of your \
            online presence today!

            Tin prices on the London Metal Exchange jumped 6.2% to $34,150 a tonne on Tuesday after authorities in \
            Myanmar's Wa region suspended mining at the Man Maw site for a safety review, traders said.

            The region supplied about 10% of the world's mined tin last year. Smelters in Yunnan have already cut \
            runs because of ore shortages, and stocks in LME warehouses fell to 3,950 tonnes, the lowest since March.

            A spokesman for the Wa administration said the review would last at least six weeks.

            Leave a comment below and share this story with your network.
            """, hours: 9, link: "https://farm.example.net/industry-news-tin")

    /// Another outlet's own write-up of the same event.
    static let tinRewrite = NewsItem(
        title: "Myanmar's Man Maw suspension sends tin to $34,150, highest in two years",
        text: """
            A safety review that stopped work at the Man Maw tin mine in Myanmar's Wa region pushed LME tin up 6.2% \
            on Tuesday to $34,150 per tonne. Wa officials expect the halt to last six weeks or more. Chinese \
            smelters in Yunnan, which rely on Wa ore, had already trimmed output, and LME inventories are down to \
            3,950 tonnes.
            """, hours: 3, link: "https://asia.example.com/markets/tin-man-maw")

    static let tinHeadline = NewsItem(
        title: "Tin jumps 6.2% to $34,150 after Myanmar suspends Man Maw mine", text: nil, hours: 0.5,
        link: "https://headlines.example.com/h/881")

    /// The next day: the same market and mine, the opposite move.
    static let tinNextDayFall = NewsItem(
        title: "Tin falls from two-year high as traders expect Man Maw restart",
        text: """
            Tin prices on the London Metal Exchange fell 3.1% to $33,090 a tonne on Wednesday, a day after hitting \
            a two-year high, as traders bet that the safety review at Myanmar's Man Maw mine in the Wa region would \
            end sooner than announced. Stocks in LME warehouses rose to 4,020 tonnes.
            """, hours: 22, link: "https://metals.example.com/tin-falls")

    /// Same day, same region, another commodity.
    static let rareEarthHalt = NewsItem(
        title: "Myanmar's Wa region halts rare earth mining for safety review",
        text: """
            Authorities in Myanmar's Wa region suspended rare earth mining at three sites on Tuesday for a safety \
            review, traders said, adding to supply worries after the region's Man Maw tin mine was halted. The \
            review would last at least six weeks, a spokesman for the Wa administration said.
            """, hours: 2, link: "https://metals.example.com/myanmar-rare-earths")

    static func tinExports(month: String, percent: String, tonnes: String, hours: Double) -> NewsItem {
        NewsItem(
            title: "Indonesia's tin exports rise \(percent)% in \(month)",
            text: """
                Indonesia's refined tin exports rose \(percent)% from a year earlier to \(tonnes) tonnes in \(month), \
                trade ministry data showed on Monday, as state miner shipments recovered after smelter maintenance. \
                Indonesia is the world's largest exporter of refined tin.
                """, hours: hours, link: "https://metals.example.com/indonesia-tin-\(month.lowercased())")
    }

    /// Unrelated stories.
    static let coffee = NewsItem(
        title: "Brazil's arabica harvest ends early as dry weather persists",
        text: """
            Brazilian farmers finished harvesting the 2026 arabica crop two weeks earlier than usual, a cooperative \
            in Minas Gerais said on Friday, as dry weather sped up picking. Futures in New York rose 1.4%.
            """, hours: 5, link: "https://agri.example.net/arabica-harvest")

    static let freight = NewsItem(
        title: "Container freight rates on Asia-Europe lanes ease for third week",
        text: """
            Spot rates for shipping a 40-foot container from Shanghai to Rotterdam eased 4% this week to $2,310, \
            a freight index showed on Thursday, the third weekly decline as new vessels joined the trade.
            """, hours: 6, link: "https://ships.example.com/rates-week")
}
