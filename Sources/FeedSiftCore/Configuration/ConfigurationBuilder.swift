/// Checks the sections read from feeds.conf and its includes against the
/// schema and builds the `Configuration`, collecting every problem.
///
/// The result is complete even when there were errors (bad values keep
/// their defaults, incomplete feeds and rules are left out), so tools like
/// `feedsift check` can go on to compile the rules and report their errors
/// too.
struct ConfigurationBuilder {
    private(set) var diagnostics: [Diagnostic] = []
    private let mainFile: String

    init(mainFile: String) {
        self.mainFile = mainFile
    }

    mutating func build(_ sections: [RawSection]) -> Configuration {
        let mainDirectory = PathNames.parent(of: ConfigurationPaths.absolute(mainFile))
        var singletons: [SectionKind: RawSection] = [:]
        var categories: [CategoryDefinition] = []
        var feeds: [FeedDefinition] = []
        var rules: [RuleDefinition] = []
        var firstNamed: [SectionKind: [String: SourceLocation]] = [:]

        for section in sections {
            guard let kind = SectionKind(rawValue: section.kind) else {
                var message = "unknown section [\(section.kind)]"
                if let suggestion = SpellingSuggestion.closest(
                    to: section.kind, in: SectionKind.allCases.map(\.rawValue))
                {
                    message += " (did you mean [\(suggestion)]?)"
                }
                error(message, at: section.kindLocation)
                continue
            }
            guard checkName(of: section, kind: kind) else { continue }
            let entries = checkKeys(of: section, kind: kind)
            if kind.isNamed {
                let name = section.name ?? ""
                let nameLocation = section.nameLocation ?? section.kindLocation
                if let first = firstNamed[kind, default: [:]][name] {
                    error("duplicate \(kind.rawValue) \"\(name)\" (first defined at \(first))", at: nameLocation)
                    continue
                }
                firstNamed[kind, default: [:]][name] = nameLocation
            } else {
                if let first = singletons[kind] {
                    error(
                        "duplicate section [\(kind.rawValue)] (first at \(first.kindLocation))",
                        at: section.kindLocation)
                    continue
                }
                singletons[kind] = section
            }
            switch kind {
            case .category: categories.append(category(section, entries))
            case .feed: if let feed = feed(section, entries) { feeds.append(feed) }
            case .rule: if let rule = rule(section, entries) { rules.append(rule) }
            default: break
            }
        }

        let daemon = daemonSettings(singletons[.daemon], defaultDirectory: mainDirectory)
        return Configuration(
            file: mainFile,
            daemon: daemon,
            fetch: fetchSettings(singletons[.fetch]),
            output: outputSettings(singletons[.output], stateDirectory: daemon.stateDirectory),
            digest: digestSettings(singletons[.digest], stateDirectory: daemon.stateDirectory),
            dedupe: dedupeSettings(singletons[.dedupe]),
            filter: FilterSettings(drop: singletons[.filter].flatMap { query($0, entries: entriesByKey($0), "drop") }),
            categories: categories,
            feeds: feeds,
            rules: rules
        )
    }

    // MARK: - Structure

    private mutating func checkName(of section: RawSection, kind: SectionKind) -> Bool {
        if kind.isNamed {
            guard let name = section.name else {
                error("[\(kind.rawValue)] needs a name: write [\(kind.rawValue) \"name\"]", at: section.kindLocation)
                return false
            }
            let nameLocation = section.nameLocation ?? section.kindLocation
            if name.trimmingBlanks().isEmpty {
                error("empty name in \(section.title)", at: nameLocation)
                return false
            }
            if kind == .category, !Self.isSlug(name) {
                error(
                    "invalid category name \"\(name)\": use lowercase letters, digits and '-' (it names files and URLs)",
                    at: nameLocation)
                return false
            }
        } else if section.name != nil {
            error("[\(kind.rawValue)] takes no name", at: section.nameLocation ?? section.kindLocation)
            return false
        }
        return true
    }

    /// Reports unknown and repeated keys and missing required ones; returns
    /// the first entry of each known key.
    private mutating func checkKeys(of section: RawSection, kind: SectionKind) -> [String: RawEntry] {
        var entries: [String: RawEntry] = [:]
        for entry in section.entries {
            guard kind.keys.contains(entry.key) else {
                var message = "unknown key \"\(entry.key)\" in \(section.title)"
                if let suggestion = SpellingSuggestion.closest(to: entry.key, in: kind.keys + ["include"]) {
                    message += " (did you mean \"\(suggestion)\"?)"
                }
                error(message, at: entry.keyLocation)
                continue
            }
            if let first = entries[entry.key] {
                error(
                    "duplicate key \"\(entry.key)\" in \(section.title) (first set at \(first.keyLocation))",
                    at: entry.keyLocation)
                continue
            }
            entries[entry.key] = entry
        }
        for key in kind.requiredKeys where entries[key] == nil {
            error("missing required key \"\(key)\" in \(section.title)", at: section.location)
        }
        return entries
    }

    private func entriesByKey(_ section: RawSection) -> [String: RawEntry] {
        var entries: [String: RawEntry] = [:]
        for entry in section.entries where entries[entry.key] == nil { entries[entry.key] = entry }
        return entries
    }

    static func isSlug(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, first != "-" else { return false }
        return name.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
    }

    // MARK: - Sections

    private mutating func daemonSettings(_ section: RawSection?, defaultDirectory: String) -> DaemonSettings {
        let entries = section.map(entriesByKey) ?? [:]
        let directory = section?.directory ?? defaultDirectory
        let stateDirectory =
            path(entries["state-dir"], directory: directory)
            ?? ConfigurationPaths.resolve("var", against: defaultDirectory)
        var settings = DaemonSettings(
            stateDirectory: stateDirectory,
            socketPath: path(entries["socket"], directory: directory)
                ?? ConfigurationPaths.resolve("feedsift.sock", against: stateDirectory))
        if let userAgent = string(entries["user-agent"]) { settings.userAgent = userAgent }
        if let level = parse(
            entries["log-level"], { ConfigurationValues.choice($0, key: "log-level", as: LogLevelSetting.self) })
        {
            settings.logLevel = level
        }
        return settings
    }

    private mutating func fetchSettings(_ section: RawSection?) -> FetchSettings {
        var settings = FetchSettings()
        guard let section else { return settings }
        let entries = entriesByKey(section)
        func duration(_ key: String) -> Duration? {
            parse(entries[key]) { ConfigurationValues.duration($0, key: key) }
        }
        if let value = duration("interval") { settings.interval = value }
        if let value = duration("min-interval") { settings.minInterval = value }
        if let value = duration("max-interval") { settings.maxInterval = value }
        if let value = duration("timeout") { settings.timeout = value }
        if let value = duration("connect-timeout") { settings.connectTimeout = value }
        if let value = duration("retention") { settings.retention = value }
        if let value = duration("backoff-cap") { settings.backoffCap = value }
        if let value = parse(
            entries["concurrency"], { ConfigurationValues.integer($0, key: "concurrency", in: 1...1000) })
        {
            settings.concurrency = value
        }
        if let value = parse(entries["per-host"], { ConfigurationValues.integer($0, key: "per-host", in: 1...100) }) {
            settings.perHost = value
        }
        if let value = parse(entries["max-size"], { ConfigurationValues.size($0, key: "max-size") }) {
            settings.maxSize = value
        }
        if let value = parse(entries["allow-private"], { ConfigurationValues.boolean($0, key: "allow-private") }) {
            settings.allowPrivate = value
        }
        if let value = parse(
            entries["retry-after-scope"],
            { ConfigurationValues.choice($0, key: "retry-after-scope", as: RetryAfterScope.self) })
        {
            settings.retryAfterScope = value
        }
        if settings.minInterval > settings.maxInterval, let entry = entries["min-interval"] ?? entries["max-interval"] {
            error(
                "\"min-interval\" (\(Self.format(settings.minInterval))) is longer than "
                    + "\"max-interval\" (\(Self.format(settings.maxInterval)))",
                at: entry.valueLocation)
        }
        return settings
    }

    private mutating func outputSettings(_ section: RawSection?, stateDirectory: String) -> OutputSettings {
        let entries = section.map(entriesByKey) ?? [:]
        var settings = OutputSettings(
            atomPath: path(entries["atom"], directory: section?.directory ?? "")
                ?? ConfigurationPaths.resolve("out/feed.atom", against: stateDirectory))
        if let title = string(entries["title"]) { settings.title = title }
        if let entry = entries["listen"], !entry.unquotedValue.isEmpty {
            settings.listen = parse(entry) { ConfigurationValues.listenAddress($0, key: "listen") }
        }
        if let entry = entries["url"], !entry.unquotedValue.isEmpty {
            settings.url = parse(entry) { ConfigurationValues.webURL($0, key: "url") }
        }
        if let value = parse(
            entries["max-entries"], { ConfigurationValues.integer($0, key: "max-entries", in: 1...100_000) })
        {
            settings.maxEntries = value
        }
        if let value = parse(entries["uncategorized"], { ConfigurationValues.boolean($0, key: "uncategorized") }) {
            settings.uncategorized = value
        }
        return settings
    }

    private mutating func digestSettings(_ section: RawSection?, stateDirectory: String) -> DigestSettings {
        let entries = section.map(entriesByKey) ?? [:]
        let directory = section?.directory ?? ""
        var settings = DigestSettings(
            directory: path(entries["dir"], directory: directory)
                ?? ConfigurationPaths.resolve("digests", against: stateDirectory))
        if let time = parse(entries["at"], { ConfigurationValues.timeOfDay($0, key: "at") }) {
            settings.hour = time.hour
            settings.minute = time.minute
        }
        if let zone = parse(entries["timezone"], ConfigurationValues.timeZone) { settings.timeZone = zone }
        if let from = parse(entries["from"], { ConfigurationValues.mailAddress($0, key: "from") }) {
            settings.from = from
        }
        if let entry = entries["to"] {
            settings.to = ConfigurationValues.list(entry.unquotedValue).compactMap { address in
                report(ConfigurationValues.mailAddress(address, key: "to"), at: entry.valueLocation)
            }
        }
        if let delivery = parse(entries["deliver"], { ConfigurationValues.delivery($0, key: "deliver") }) {
            settings.deliver = delivery
        }
        settings.credentialsFile = path(entries["credentials"], directory: directory)
        if let value = parse(entries["skip-empty"], { ConfigurationValues.boolean($0, key: "skip-empty") }) {
            settings.skipEmpty = value
        }
        if let title = string(entries["title"]) { settings.title = title }
        return settings
    }

    private mutating func dedupeSettings(_ section: RawSection?) -> DedupeSettings {
        var settings = DedupeSettings()
        if let section,
            let window = parse(entriesByKey(section)["window"], { ConfigurationValues.duration($0, key: "window") })
        {
            settings.window = window
        }
        return settings
    }

    private mutating func category(_ section: RawSection, _ entries: [String: RawEntry]) -> CategoryDefinition {
        let slug = section.name ?? ""
        return CategoryDefinition(
            slug: slug, label: string(entries["label"]) ?? slug, location: section.nameLocation ?? section.location)
    }

    private mutating func feed(_ section: RawSection, _ entries: [String: RawEntry]) -> FeedDefinition? {
        let url = entries["url"].flatMap { entry in
            parse(entry) { ConfigurationValues.feedURL($0, directory: section.directory) }
        }
        let interval = parse(entries["interval"]) { ConfigurationValues.duration($0, key: "interval") }
        let allowPrivate = parse(entries["allow-private"]) { ConfigurationValues.boolean($0, key: "allow-private") }
        let enabled = parse(entries["enabled"]) { ConfigurationValues.boolean($0, key: "enabled") }
        let title = string(entries["title"])
        guard let url else { return nil }
        return FeedDefinition(
            name: section.name ?? "", url: url, interval: interval,
            tags: entries["tags"].map { ConfigurationValues.list($0.unquotedValue) } ?? [],
            allowPrivate: allowPrivate, enabled: enabled ?? true, title: title,
            location: section.nameLocation ?? section.location)
    }

    private mutating func rule(_ section: RawSection, _ entries: [String: RawEntry]) -> RuleDefinition? {
        let category = string(entries["category"])
        let score = parse(entries["score"]) { ConfigurationValues.integer($0, key: "score", in: -1000...1000) }
        let enabled = parse(entries["enabled"]) { ConfigurationValues.boolean($0, key: "enabled") }
        let exclude = query(section, entries: entries, "exclude")
        guard let category, let match = query(section, entries: entries, "match") else { return nil }
        return RuleDefinition(
            name: section.name ?? "", category: category, categoryLocation: entries["category"]?.valueLocation,
            match: match, exclude: exclude, score: score ?? 1, enabled: enabled ?? true,
            location: section.nameLocation ?? section.location)
    }

    // MARK: - Values

    /// A query keeps its quotes; an empty one is left for the rule compiler
    /// to report, since only it knows what a query needs.
    private func query(_ section: RawSection, entries: [String: RawEntry], _ key: String) -> QuerySource? {
        guard let entry = entries[key] else { return nil }
        return QuerySource(text: entry.value, location: entry.valueLocation)
    }

    private mutating func string(_ entry: RawEntry?) -> String? {
        guard let entry else { return nil }
        let value = entry.unquotedValue
        if value.isEmpty {
            error("empty value for \"\(entry.key)\"", at: entry.valueLocation)
            return nil
        }
        return value
    }

    private mutating func path(_ entry: RawEntry?, directory: String) -> String? {
        string(entry).map { ConfigurationPaths.resolve($0, against: directory) }
    }

    private mutating func parse<Value>(
        _ entry: RawEntry?, _ parser: (String) -> Result<Value, ConfigurationValues.Invalid>
    ) -> Value? {
        guard let entry, let text = string(entry) else { return nil }
        return report(parser(text), at: entry.valueLocation)
    }

    private mutating func report<Value>(
        _ result: Result<Value, ConfigurationValues.Invalid>, at location: SourceLocation
    ) -> Value? {
        switch result {
        case .success(let value): return value
        case .failure(let invalid):
            error(invalid.message, at: location)
            return nil
        }
    }

    private mutating func error(_ message: String, at location: SourceLocation) {
        diagnostics.append(Diagnostic(location: location, message: message))
    }

    /// `2h`, `90s`, `1d2h`: the shortest way to write a duration.
    static func format(_ duration: Duration) -> String {
        var seconds = duration.components.seconds
        var text = ""
        for (unit, size) in [("d", Int64(86400)), ("h", 3600), ("m", 60), ("s", 1)] where seconds >= size {
            text += "\(seconds / size)\(unit)"
            seconds %= size
        }
        return text.isEmpty ? "0s" : text
    }
}
