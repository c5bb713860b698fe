import FeedSiftDaemon
import FeedSiftTestSupport
import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The socket itself: framing, limits, hostile clients, start-up and shutdown.
@Suite struct ControlServerTests {
    let fixture: ControlFixture

    init() throws {
        fixture = try ControlFixture()
    }

    @Test func answersARequestAndSetsTheSocketMode() async throws {
        try await fixture.withServer { _ in
            var status = stat()
            #expect(lstat(fixture.socketPath, &status) == 0)
            #expect(status.st_mode & 0o777 == 0o660)
            let result = try await call(fixture.socketPath, "status")
            #expect(result["items"] == 3)
            #expect(result["stories"] == 2)
            #expect(result["socket"] == .string(fixture.socketPath))
        }
        #expect(!FileManager.default.fileExists(atPath: fixture.socketPath), "the socket is removed on shutdown")
    }

    @Test(arguments: [
        ("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"status\"", -32700, "not valid JSON"),
        ("\u{FF}\u{FE}garbage", -32700, "not valid JSON"),
        ("[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"status\"}]", -32600, "batch"),
        ("42", -32600, "JSON object"),
        ("{\"id\":1,\"method\":\"status\"}", -32600, "jsonrpc"),
        ("{\"jsonrpc\":\"2.0\",\"id\":1}", -32600, "no \"method\""),
        ("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":7}", -32600, "must be a string"),
        ("{\"jsonrpc\":\"2.0\",\"id\":[1],\"method\":\"status\"}", -32600, "\"id\""),
        ("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"status\",\"params\":\"x\"}", -32600, "\"params\""),
        ("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"launch\"}", -32601, "no method \"launch\""),
        ("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"stories\",\"params\":{\"limit\":\"ten\"}}", -32602, "\"limit\""),
        ("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"stories\",\"params\":{\"limit\":0}}", -32602, "between"),
        ("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"stories\",\"params\":{\"limt\":5}}", -32602, "\"limt\""),
        ("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"stories\",\"params\":[5]}", -32602, "named parameters"),
        ("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"stories\",\"params\":{\"since\":\"yesterday\"}}", -32602, "age"),
        ("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"search\",\"params\":{}}", -32602, "\"query\""),
        ("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"search\",\"params\":{\"query\":\"--*\"}}", -32602, "no word"),
        ("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"story\",\"params\":{\"id\":999}}", -32001, "no story 999"),
        ("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"refresh\"}", -32003, "running daemon"),
    ])
    func answersEveryErrorClassWithAReadableMessage(line: String, code: Int, fragment: String) async throws {
        try await fixture.withServer { _ in
            let answer = try await exchange(fixture.socketPath, line)
            #expect(answer["jsonrpc"] == "2.0")
            #expect(answer["result"] == nil)
            #expect(answer["error"]?["code"]?.intValue == code)
            let message = try #require(answer["error"]?["message"]?.stringValue)
            #expect(message.contains(fragment), "\(message)")
        }
    }

    @Test func errorAnswersCarryTheRequestID() async throws {
        try await fixture.withServer { _ in
            let answer = try await exchange(fixture.socketPath, #"{"jsonrpc":"2.0","id":"abc","method":"nope"}"#)
            #expect(answer["id"] == "abc")
        }
    }

    @Test func garbageThenAValidRequestOnOneConnection() async throws {
        try await fixture.withServer { _ in
            let (first, second) = try await onThread {
                let client = try ControlClient(socketPath: fixture.socketPath, timeout: .seconds(20))
                let first = try JSONParser.parse(try client.exchange("}}} not json {{{"))
                let second = try client.call("stories", ["all": true])
                return (first, second)
            }
            #expect(first["error"]?["code"] == -32700)
            #expect(second["stories"]?.arrayValue?.count == 2)
        }
    }

    @Test func aNotificationIsCarriedOutButNotAnswered() async throws {
        try await fixture.withServer { _ in
            let answer = try await onThread {
                let client = try ControlClient(socketPath: fixture.socketPath, timeout: .seconds(20))
                try client.send(Array(#"{"jsonrpc":"2.0","method":"status"}"#.utf8) + [10])
                return try JSONParser.parse(try client.exchange(#"{"jsonrpc":"2.0","id":2,"method":"feeds"}"#))
            }
            #expect(answer["id"] == 2)
            #expect(answer["result"]?["feeds"]?.arrayValue?.count == 2)
        }
    }

    @Test func aRequestFollowedByEndOfFileIsStillAnswered() async throws {
        try await fixture.withServer { _ in
            let answer = try await onThread {
                let client = try ControlClient(socketPath: fixture.socketPath, timeout: .seconds(20))
                // No trailing newline: the half-close ends the line.
                try client.send(Array(#"{"jsonrpc":"2.0","id":1,"method":"status"}"#.utf8))
                client.finishSending()
                return try JSONParser.parse(try client.receiveLine())
            }
            #expect(answer["result"]?["items"] == 3)
        }
    }

    @Test func anOversizedRequestIsRefusedAndItsConnectionClosed() async throws {
        try await fixture.withServer(settings: fixture.settings { $0.maximumRequestBytes = 4096 }) { _ in
            let (answer, afterwards) = try await onThread {
                let client = try ControlClient(socketPath: fixture.socketPath, timeout: .seconds(20))
                let padding = String(repeating: "x", count: 10_000)
                // Sent without a newline: the server must not wait for one.
                try? client.send(Array(#"{"jsonrpc":"2.0","id":1,"method":"status","params":{"p":"\#(padding)"#.utf8))
                let answer = try JSONParser.parse(try client.receiveLine())
                let afterwards = Result<String, ControlClientError> { () throws(ControlClientError) in
                    try client.receiveLine()
                }
                return (answer, afterwards)
            }
            #expect(answer["error"]?["code"] == -32600)
            #expect(answer["error"]?["message"]?.stringValue?.contains("larger than 4096 bytes") == true)
            if case .failure(let error) = afterwards {
                #expect(error.message.contains("closed the connection"), "\(error)")
            } else {
                Issue.record("the connection stayed open after an oversized request")
            }
            // The daemon still serves others.
            #expect(try await call(fixture.socketPath, "status")["items"] == 3)
        }
    }

    @Test func aRequestJustUnderTheLimitIsServed() async throws {
        try await fixture.withServer(settings: fixture.settings { $0.maximumRequestBytes = 4096 }) { _ in
            let prefix = #"{"jsonrpc":"2.0","id":1,"method":"search","params":{"query":"gallium"#
            let suffix = #""}}"#
            let padding = String(repeating: " ", count: 4096 - prefix.utf8.count - suffix.utf8.count)
            let answer = try await exchange(fixture.socketPath, prefix + padding + suffix)
            #expect(answer["result"]?["hits"]?.arrayValue?.count == 2)
        }
    }

    @Test func aSilentClientDoesNotHoldUpOthers() async throws {
        try await fixture.withServer { _ in
            let silent = try await onThread {
                try ControlClient(socketPath: fixture.socketPath, timeout: .seconds(20))
            }
            // Half a request, then nothing.
            try await onThread { try silent.send(Array(#"{"jsonrpc":"2.0","id":1,"me"#.utf8)) }
            for _ in 0..<3 {
                #expect(try await call(fixture.socketPath, "stories")["stories"]?.arrayValue?.count == 1)
            }
            withExtendedLifetime(silent) {}
        }
    }

    @Test func anIdleConnectionIsClosed() async throws {
        try await fixture.withServer(settings: fixture.settings { $0.idleTimeout = .milliseconds(200) }) { _ in
            let outcome = try await onThread {
                let client = try ControlClient(socketPath: fixture.socketPath, timeout: .seconds(20))
                return Result<String, ControlClientError> { () throws(ControlClientError) in try client.receiveLine() }
            }
            if case .failure(let error) = outcome {
                #expect(error.message.contains("closed the connection"), "\(error)")
            } else {
                Issue.record("an idle connection received a line")
            }
        }
    }

    @Test func connectionsBeyondTheLimitAreRefused() async throws {
        try await fixture.withServer(settings: fixture.settings { $0.maximumConnections = 2 }) { _ in
            let held = try await onThread {
                let first = try ControlClient(socketPath: fixture.socketPath, timeout: .seconds(20))
                let second = try ControlClient(socketPath: fixture.socketPath, timeout: .seconds(20))
                // Answers prove both connections are admitted and open.
                _ = try first.call("status")
                _ = try second.call("status")
                return [first, second]
            }
            let refused = try await onThread {
                let third = try ControlClient(socketPath: fixture.socketPath, timeout: .seconds(20))
                return try JSONParser.parse(try third.receiveLine())
            }
            #expect(refused["error"]?["code"] == -32004)
            withExtendedLifetime(held) {}
        }
    }

    @Test func concurrentClientsAllGetTheirOwnAnswers() async throws {
        try await fixture.withServer { _ in
            try await withThrowingTaskGroup(of: Void.self) { group in
                for client in 0..<12 {
                    group.addTask {
                        try await onThread {
                            let connection = try ControlClient(socketPath: fixture.socketPath, timeout: .seconds(30))
                            for round in 0..<15 {
                                let id = client * 100 + round
                                let answer = try JSONParser.parse(
                                    try connection.exchange(
                                        #"{"jsonrpc":"2.0","id":\#(id),"method":"search","params":{"query":"gallium"}}"#
                                    ))
                                guard answer["id"] == .int(Int64(id)), answer["result"]?["hits"]?.arrayValue?.count == 2
                                else {
                                    throw ControlClientError(.protocolFailure, "wrong answer \(answer.serialized())")
                                }
                            }
                        }
                    }
                }
                try await group.waitForAll()
            }
        }
    }

    @Test func aStaleSocketIsReplaced() async throws {
        // A socket file nobody listens on, as a killed daemon leaves it.
        let descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: fixture.socketPath.utf8) }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        #expect(bound == 0)
        close(descriptor)
        #expect(FileManager.default.fileExists(atPath: fixture.socketPath))

        try await fixture.withServer { _ in
            let status = try await call(fixture.socketPath, "status")
            #expect(status["items"] == 3)
        }
    }

    @Test func aLiveSocketIsNotTakenOver() async throws {
        try await fixture.withServer { _ in
            await #expect {
                _ = try await ControlServer.start(
                    settings: fixture.settings(), dispatcher: fixture.dispatcher(), logger: .init(label: "test"))
            } throws: { error in
                (error as? DaemonError)?.code == .alreadyRunning
                    && (error as? DaemonError)?.message.contains(fixture.socketPath) == true
            }
            // The first server is unharmed.
            let status = try await call(fixture.socketPath, "status")
            #expect(status["items"] == 3)
        }
    }

    @Test func somethingElseAtTheSocketPathIsNotRemoved() async throws {
        try fixture.directory.write("control.sock", "not a socket")
        await #expect {
            _ = try await ControlServer.start(
                settings: fixture.settings(), dispatcher: fixture.dispatcher(), logger: .init(label: "test"))
        } throws: { error in
            (error as? DaemonError)?.message.contains("is not a socket") == true
        }
        #expect(try String(contentsOfFile: fixture.socketPath, encoding: .utf8) == "not a socket")
    }

    @Test func aClientOfAStoppedDaemonIsToldItIsNotRunning() async throws {
        await #expect {
            _ = try await call(fixture.socketPath, "status")
        } throws: { error in
            let error = error as? ControlClientError
            return error?.code == .notRunning && error?.message.contains(fixture.socketPath) == true
        }
    }
}
