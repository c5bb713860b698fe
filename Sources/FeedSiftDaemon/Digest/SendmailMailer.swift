import FeedSiftFetch
import Foundation

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
            Thread {
                continuation.resume(returning: Result { () throws(MailError) in try Self.run(program, message) })
            }.start()
        }
        try result.get()
    }

    private static func run(_ program: String, _ message: [UInt8]) throws(MailError) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = ["-t", "-i"]
        let input = Pipe()
        let errors = Pipe()
        process.standardInput = input
        process.standardOutput = FileHandle.nullDevice
        process.standardError = errors
        do {
            try process.run()
        } catch {
            throw MailError(.sendmail, target: program, "cannot start it: \(error.localizedDescription)")
        }
        // Read stderr on another thread so a chatty sendmail cannot block on a full pipe.
        let errorText = ErrorCollector()
        let reader = Thread { errorText.collect(errors.fileHandleForReading) }
        reader.start()
        var writeFailure: (any Error)?
        do {
            try input.fileHandleForWriting.write(contentsOf: message)
            try input.fileHandleForWriting.close()
        } catch {
            writeFailure = error
            try? input.fileHandleForWriting.close()
        }
        process.waitUntilExit()
        let stderr = errorText.wait()
        guard process.terminationReason == .exit, process.terminationStatus == 0 else {
            let firstLine = stderr.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
            let how =
                process.terminationReason == .exit
                ? "exited with status \(process.terminationStatus)"
                : "was killed by signal \(process.terminationStatus)"
            throw MailError(.sendmail, target: program, how + (firstLine.isEmpty ? "" : ": \(firstLine)"))
        }
        if let writeFailure {
            throw MailError(
                .sendmail, target: program, "stopped reading the message: \(writeFailure.localizedDescription)")
        }
    }

    private static func locate() -> String {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        let candidates =
            path.split(separator: ":").map { "\($0)/sendmail" } + ["/usr/sbin/sendmail", "/usr/lib/sendmail"]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) } ?? "/usr/sbin/sendmail"
    }
}

/// What a child process wrote to stderr, collected on a thread of its own.
private final class ErrorCollector: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private var text = ""

    func collect(_ handle: FileHandle) {
        text = String(decoding: handle.readDataToEndOfFile(), as: UTF8.self)
        done.signal()
    }

    /// Waits for end of file; the semaphore orders the write before this read.
    func wait() -> String {
        done.wait()
        return text
    }
}
