import FeedSiftCore
import FeedSiftFetch
import FoundationEssentials
import Glibc

/// Hands a message to the local mail system with `sendmail -t -i`: the
/// recipients come from the message's own `To` header, and a line holding
/// a single dot is data, not the end of input.
struct SendmailMailer: Sendable {
    /// The program: `sendmail` on PATH, else the traditional locations.
    var program: String

    init(program: String? = nil) {
        self.program = program ?? Self.locate()
    }

    func send(_ message: [UInt8]) async throws(MailError) {
        let program = self.program
        let result: Result<Void, MailError> = await withCheckedContinuation { continuation in
            let started = DetachedThread.start(name: "feedsift-sendmail") {
                continuation.resume(returning: Result { () throws(MailError) in try Self.run(program, message) })
            }
            if let error = started {
                continuation.resume(
                    returning: .failure(
                        MailError(
                            .sendmail, target: program, "cannot start a thread: \(String(cString: strerror(error)))")))
            }
        }
        try result.get()
    }

    private static func run(_ program: String, _ message: [UInt8]) throws(MailError) {
        let outcome: ChildProcess.Outcome
        do throws(ChildProcess.StartError) {
            outcome = try ChildProcess.run(program, arguments: ["-t", "-i"], input: message)
        } catch {
            throw MailError(.sendmail, target: program, "cannot start it: \(error)")
        }
        guard outcome.termination == .exit(0) else {
            let firstLine = outcome.standardError.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
            let how =
                switch outcome.termination {
                case .exit(let status): "exited with status \(status)"
                case .signal(let signal): "was killed by signal \(signal)"
                }
            throw MailError(.sendmail, target: program, how + (firstLine.isEmpty ? "" : ": \(firstLine)"))
        }
        if let (error, written) = outcome.writeFailure {
            throw MailError(
                .sendmail, target: program,
                "stopped reading the message after \(written) of \(message.count) bytes: \(error)")
        }
    }

    private static func locate() -> String {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        let candidates =
            path.split(separator: ":").map { "\($0)/sendmail" } + ["/usr/sbin/sendmail", "/usr/lib/sendmail"]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) } ?? "/usr/sbin/sendmail"
    }
}
