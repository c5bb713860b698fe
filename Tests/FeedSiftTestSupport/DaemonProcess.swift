import FeedSiftCore
import FoundationEssentials
import Glibc

/// The real `feedsift run` in the background, for end-to-end tests of the
/// long-running daemon: started, waited on, signalled, and its output kept.
public final class DaemonProcess: @unchecked Sendable {
    // `@unchecked`: `errorOutput` and `termination` are only touched under `lock`.
    public let processIdentifier: Int32
    private let lock = ConditionLock()
    private var errorOutput: [UInt8] = []
    private var termination: Subprocess.Termination?

    /// Starts `feedsift` with `arguments` (e.g. `["run", "--config", path]`).
    public init(
        arguments: [String], environment: [String: String] = [:], binary: String = RepositoryPaths.feedsiftBinary
    ) throws {
        let errors = try Subprocess.pipe()
        let null = open("/dev/null", O_RDWR | O_CLOEXEC)
        defer { close(null) }
        do {
            processIdentifier = try Subprocess.spawn(
                URL(fileURLWithPath: binary).path, arguments: arguments,
                environment: ProcessEnvironment.merged(with: environment), input: null, output: null,
                errors: errors.write)
        } catch {
            close(errors.read)
            close(errors.write)
            throw error
        }
        close(errors.write)
        let reader = errors.read
        let started = DetachedThread.start(name: "daemon-stderr") { [self] in
            var buffer = [UInt8](repeating: 0, count: 4096)
            while true {
                let count = read(reader, &buffer, buffer.count)
                if count > 0 {
                    lock.withLock { errorOutput.append(contentsOf: buffer[..<count]) }
                } else if count == 0 || errno != EINTR {
                    break
                }
            }
            close(reader)
        }
        precondition(started == nil, "cannot start the daemon's stderr reader")
    }

    deinit {
        if isRunning {
            kill(processIdentifier, SIGTERM)
            waitUntilExit()
        }
    }

    /// What the daemon logged so far.
    public var stderr: String { String(decoding: lock.withLock { errorOutput }, as: UTF8.self) }

    /// Whether the daemon has not exited yet.
    public var isRunning: Bool { currentTermination() == nil }

    /// Blocks until the daemon exits.
    public func waitUntilExit() {
        while currentTermination() == nil { sleepThread(seconds: 0.01) }
    }

    /// Waits until `condition` holds, polling every 50 ms; false on time-out
    /// or when the daemon exited first.
    @discardableResult
    public func wait(upTo seconds: Double = 20, until condition: () -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if condition() { return true }
            if !isRunning { return condition() }
            sleepThread(seconds: 0.05)
        }
        return false
    }

    /// Sends `signal` and waits for the exit; returns the exit status (or
    /// the signal that ended it), or nil when the daemon did not exit
    /// within `seconds`.
    public func stop(signal: Int32 = 15, within seconds: Double = 10) -> Int32? {
        kill(processIdentifier, signal)
        let deadline = Date().addingTimeInterval(seconds)
        while isRunning && Date() < deadline { sleepThread(seconds: 0.02) }
        switch currentTermination() {
        case nil: return nil
        case .exit(let status): return status
        case .signal(let signal): return signal
        }
    }

    /// How the daemon ended, once it has; reaps it the first time.
    private func currentTermination() -> Subprocess.Termination? {
        lock.withLock {
            if termination == nil, let ended = try? Subprocess.poll(processIdentifier) { termination = ended }
            return termination
        }
    }
}
