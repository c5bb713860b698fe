import FoundationEssentials

extension ControlDispatcher {
    /// `refresh`: poll `feed`, or every feed, now.
    func refresh(_ parameters: inout ControlParameters) async throws(ControlError) -> JSONValue {
        let feed = try parameters.string("feed")
        try parameters.finish()
        return try await requireDaemon(for: .refresh).refresh(feed: feed).jsonValue
    }

    /// `reload`: re-read the configuration.
    func reload(_ parameters: inout ControlParameters) async throws(ControlError) -> JSONValue {
        try parameters.finish()
        return try await requireDaemon(for: .reload).reload().jsonValue
    }

    /// `explain`: the rules' verdict on one item, named by `item`: its
    /// store id (a number, `ref` in `story` and `search`) or its entry id
    /// (a string, `id` in `stories`).
    func explain(_ parameters: inout ControlParameters) async throws(ControlError) -> JSONValue {
        let itemID = try await resolveItem(&parameters)
        try parameters.finish()
        return try await requireDaemon(for: .explain).explain(itemID: itemID).jsonValue
    }

    /// `digest`: write (and with `send`, deliver) the digest of `date`
    /// (`YYYY-MM-DD`, default today).
    func digest(_ parameters: inout ControlParameters) async throws(ControlError) -> JSONValue {
        let date = try parameters.string("date")
        let send = try parameters.bool("send") ?? false
        try parameters.finish()
        if let date, !Self.isCalendarDate(date) {
            throw ControlError(
                .invalidParams, "digest: parameter \"date\" must be a date like 2026-05-01, not \"\(date)\"")
        }
        return try await requireDaemon(for: .digest).digest(date: date, send: send).jsonValue
    }

    /// `rules_test`: the rules of `config` over the items stored since
    /// `since` (default 30 days). `files` (absolute path → text) carries
    /// the configuration and what it includes, so the daemon need not be
    /// able to read them; without it, the daemon reads `config` itself.
    func rulesTest(_ parameters: inout ControlParameters) async throws(ControlError) -> JSONValue {
        let now = Date()
        guard let path = try parameters.string("config") else {
            throw ControlError(.invalidParams, "rules_test: parameter \"config\" (a configuration file) is required")
        }
        let files = try parameters.stringMap("files")
        let since = try parameters.instant("since", now: now) ?? now.addingTimeInterval(-30 * 86400)
        try parameters.finish()
        return try await requireDaemon(for: .rulesTest).testRules(configurationPath: path, files: files, since: since)
            .jsonValue
    }

    /// `reclassify`: the running rules over the items stored since `since`
    /// (default 30 days), storing what changed.
    func reclassify(_ parameters: inout ControlParameters) async throws(ControlError) -> JSONValue {
        let now = Date()
        let since = try parameters.instant("since", now: now) ?? now.addingTimeInterval(-30 * 86400)
        try parameters.finish()
        return try await requireDaemon(for: .reclassify).reclassify(since: since).jsonValue
    }

    private func resolveItem(_ parameters: inout ControlParameters) async throws(ControlError) -> Int64 {
        let reference: JSONValue
        if let number = try? parameters.int("item", in: 1...Int.max) {
            reference = JSONValue(number)
        } else if let text = try? parameters.string("item") {
            reference = .string(text)
        } else {
            throw ControlError(
                .invalidParams, "explain: parameter \"item\" (a store id number or an entry id string) is required")
        }
        do {
            switch reference {
            case .int(let id):
                if try await reader.itemExists(id: id) { return id }
            case .string(let entryID):
                if let id = try await reader.itemID(forEntryID: entryID) { return id }
            default: break
            }
        } catch {
            throw Self.storeFailure(error)
        }
        throw ControlError(.notFound, "no item \(reference.serialized())")
    }

    private static func isCalendarDate(_ text: String) -> Bool {
        text.utf8.count == 10 && ControlTime.timestamp(text) != nil
    }
}
