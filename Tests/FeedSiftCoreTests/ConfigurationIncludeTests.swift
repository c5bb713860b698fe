import FeedSiftCore
import Foundation
import Testing

@Suite("feeds.conf includes and relative paths")
struct ConfigurationIncludeTests {
    @Test("include is relative to the including file, nested, in place, and paths resolve against the naming file")
    func nestedIncludes() throws {
        let fixture = try ConfigurationFixture([
            "feeds.conf": """
            [category "first"]
            include = conf/rules.conf
            [category "last"]
            """,
            "conf/rules.conf": """
            [category "middle"]
            include = "more/feeds.conf"
            [output]
            atom = out/feed.atom
            """,
            "conf/more/feeds.conf": """
            [feed "nested"]
            url = local.xml
            """,
        ])
        let configuration = try fixture.load()
        let root = fixture.directory.path
        #expect(configuration.categories.map(\.slug) == ["first", "middle", "last"])
        #expect(configuration.feeds.map(\.url) == ["file://\(root)/conf/more/local.xml"])
        #expect(configuration.output.atomPath == "\(root)/conf/out/feed.atom")
    }

    @Test("the including file resumes its own section after an include")
    func sectionResumesAfterInclude() throws {
        let fixture = try ConfigurationFixture([
            "feeds.conf": "[output]\ninclude = other.conf\ntitle = Resumed\n",
            "other.conf": "[dedupe]\nwindow = 1d\n",
        ])
        let configuration = try fixture.load()
        #expect(configuration.output.title == "Resumed")
        #expect(configuration.dedupe.window == .seconds(86400))
    }

    @Test("errors are located in the included file, named relative to the main file as the user named it")
    func errorsInIncludedFiles() throws {
        let fixture = try ConfigurationFixture([
            "feeds.conf": "include = conf/rules.conf\n",
            "conf/rules.conf": "[category \"a\"]\nlable = A\n",
        ])
        #expect(
            fixture.errors() == [
                #"conf/rules.conf:2:1: unknown key "lable" in [category "a"] (did you mean "label"?)"#
            ])
    }

    @Test("a relative main path stays relative in messages")
    func relativeMainPath() throws {
        let fixture = try ConfigurationFixture([
            "feeds.conf": "include = rules.conf\n",
            "rules.conf": "[fecth]\n",
        ])
        let relative = Self.relativePath(to: fixture.path("feeds.conf"))
        #expect(!relative.hasPrefix("/"))
        do {
            _ = try ConfigurationLoader.load(path: relative)
            Issue.record("expected an error")
        } catch {
            let directory = (relative as NSString).deletingLastPathComponent
            #expect(
                error.diagnostics.map(\.description) == [
                    "\(directory)/rules.conf:1:2: unknown section [fecth] (did you mean [fetch]?)"
                ])
        }
    }

    @Test("include loops are reported at the include that closes them")
    func includeLoop() throws {
        let fixture = try ConfigurationFixture([
            "feeds.conf": "include = a.conf\n",
            "a.conf": "[category \"a\"]\ninclude = b.conf\n",
            "b.conf": "include = a.conf\n",
        ])
        #expect(
            fixture.errors() == [
                "b.conf:1:11: include loop: feeds.conf includes a.conf includes b.conf includes a.conf"
            ])
        let selfInclude = try ConfigurationFixture("include = feeds.conf\n")
        #expect(selfInclude.errors() == ["feeds.conf:1:11: include loop: feeds.conf includes feeds.conf"])
    }

    @Test("including one file twice is reported, not read twice")
    func repeatedInclude() throws {
        let fixture = try ConfigurationFixture([
            "feeds.conf": "include = rules.conf\ninclude = ./rules.conf\n",
            "rules.conf": "[category \"a\"]\n",
        ])
        #expect(fixture.errors() == ["feeds.conf:2:11: rules.conf is already included at feeds.conf:1:11"])
    }

    @Test("a missing included file names the file and the reason")
    func missingInclude() throws {
        let fixture = try ConfigurationFixture("\n  include = missing.conf\n")
        #expect(
            fixture.errors() == ["feeds.conf:2:13: cannot read included file missing.conf: No such file or directory"])
    }

    @Test("an unreadable main file is one diagnostic naming the path and the reason")
    func missingMainFile() throws {
        let fixture = try ConfigurationFixture([:])
        let path = fixture.path("absent.conf")
        do {
            _ = try ConfigurationLoader.load(path: path)
            Issue.record("expected an error")
        } catch {
            #expect(
                error.diagnostics == [
                    Diagnostic(location: nil, message: "cannot read \(path): No such file or directory")
                ])
            #expect(error.description == "cannot read \(path): No such file or directory")
        }
        do {
            _ = try ConfigurationLoader.load(path: fixture.directory.path)
            Issue.record("expected an error")
        } catch {
            #expect(error.description == "cannot read \(fixture.directory.path): Is a directory")
        }
    }

    @Test("a file that is not UTF-8 is reported")
    func notUTF8() throws {
        let fixture = try ConfigurationFixture([:])
        try Data([0x5B, 0xFF, 0x5D]).write(to: URL(fileURLWithPath: fixture.path("feeds.conf")))
        let path = fixture.path("feeds.conf")
        #expect(throws: ConfigurationError.self) { try ConfigurationLoader.load(path: path) }
        #expect(fixture.errors() == ["cannot read feeds.conf: not valid UTF-8 text"])
    }

    @Test("a configuration read here is read the same from its texts alone, with nothing on disk")
    func readFromTheTextsSentAlong() throws {
        let fixture = try ConfigurationFixture([
            "feeds.conf": "[category \"first\"]\ninclude = conf/rules.conf\n",
            "conf/rules.conf": "[category \"second\"]\n[rule \"r\"]\ncategory = second\nmatch = tin\n",
        ])
        let main = fixture.path("feeds.conf")
        let report = ConfigurationLoader.inspect(path: main)
        #expect(report.diagnostics.isEmpty)
        #expect(report.files.keys.sorted() == [fixture.path("conf/rules.conf"), main])

        // Somewhere nothing exists: only the texts are read.
        var moved: [String: String] = [:]
        for (path, text) in report.files { moved["/nowhere" + path] = text }
        let alone = try ConfigurationLoader.load(path: "/nowhere" + main, files: moved)
        #expect(alone.categories.map(\.slug) == ["first", "second"])
        #expect(alone.rules.map(\.name) == ["r"])

        // A file that was not sent is an error at its include.
        let partial = ConfigurationLoader.inspect(
            path: "/nowhere" + main, files: ["/nowhere" + main: report.files[main]!])
        #expect(
            partial.diagnostics.map(\.message) == [
                "cannot read included file /nowhere\(fixture.path("conf/rules.conf")): not sent along"
            ])
    }

    /// `target` relative to the current directory.
    static func relativePath(to target: String) -> String {
        let current = FileManager.default.currentDirectoryPath.split(separator: "/")
        let parts = target.split(separator: "/")
        var common = 0
        while common < min(current.count, parts.count), current[common] == parts[common] { common += 1 }
        let ups = Array(repeating: "..", count: current.count - common)
        return (ups + parts[common...].map(String.init)).joined(separator: "/")
    }
}
