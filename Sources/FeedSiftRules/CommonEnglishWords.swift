/// The most frequent words of English news text, most frequent first (an
/// approximate ranking written for feedsift, not taken from a corpus). A
/// word's rank estimates how often it occurs: by Zipf's law the word of
/// rank r makes up about 6%/r of running text.
enum CommonEnglishWords {
    /// Rank (from 1) of each listed word.
    static let ranks: [String: Int] = {
        var ranks: [String: Int] = [:]
        for word in list.split(whereSeparator: \.isWhitespace) where ranks[String(word)] == nil {
            ranks[String(word)] = ranks.count + 1
        }
        return ranks
    }()

    /// The listed words in rank order, for finding those a prefix matches.
    static let sorted: [String] = ranks.keys.sorted()

    private static let list = """
        the of and to a in for is on that said s by with it at as from was be he his has have are an
        will not but its were had this which been they their also more after who up one would new year
        two about over than first or last we into other could percent million i there all she her out
        when some can no government people time billion years three so only week most while before
        market prices price now since under our did against such made because company state like where
        do world month many any may then told these him those if should between both during them you
        off back still being well even high group second per president minister four however way part
        country officials later national another five around each own public news much city here very
        end long make take get set down top early former among work day best few least next told used
        including expected according data companies industry trade report rose fell increase higher
        lower rate rates cut record total deal plan plans official officials ministry sales production
        demand supply growth economy economic global international foreign china chinese united states
        u us european union eu russia india japan countries country capital bank financial investors
        business shares stock stocks analysts chief executive statement spokesman agency department
        policy law rules rule move support help need without within through until across already
        again just what how than much must might less lower due likely half quarter six seven eight
        nine ten hundred thousand monday tuesday wednesday thursday friday saturday sunday january
        february march april june july august september october november december jan feb mar apr
        jun jul aug sep sept oct nov dec mr ms st co ltd inc corp plc said says say saying added
        called announced reported according show shows showed data figures current previous recent
        major big large small key main new old same different several further earlier near both
        my me your my his her them us what which why whom whose yet though although either neither
        nor each every any some many much more most other another such own same so than too very
        can could may might shall should will would must ought able make made making take took
        taking give gave given go went going come came coming see saw seen know knew known think
        thought get got getting put keep kept let begin began seem seemed help helped show showed
        turn turned start started run ran move moved live lived believe believed hold held bring
        brought happen happened write wrote provide provided sit stand lose lost pay paid meet met
        include included continue continued change changed lead led understand watch follow
        followed stop stopped create created speak spoke read allow allowed add added spend spent
        grow grew open opened walk walked win won offer offered remember love consider appear
        appeared buy bought wait serve die send sent expect build built stay fall cut reach kill
        remain remained suggest raise raised pass passed sell sold require required decide decided
        return returned explain hope develop carry break receive received agree agreed support
        hit produce produced eat cover catch draw choose cause point points percent level levels
        value total average term terms period side sides area areas issue issues case cases
        number numbers home house family life night school children members member way ways
        part parts place places problem problems fact hand hands eye eyes week weeks
        """
}
