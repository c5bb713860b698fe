public import Foundation

/// The real `feedsift run` in the background, for end-to-end tests of the
/// long-running daemon: started, waited on, signalled, and its output kept.
public final class DaemonProcess: @unchecked Sendable {
    public let process: Process
    private let errorPipe = Pipe()
    private let errorOutput = LockedBox(Data())

    /// Starts `feedsift` with `arguments` (e.g. `["run", "--config", path]`).
    public init(
        arguments: [String], environment: [String: String] = [:], binary: String = RepositoryPaths.feedsiftBinary
    ) throws {
        process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        process.standardOutput = FileHandle.nullDevice
        process.standardError = errorPipe
        process.standardInput = FileHandle.nullDevice
        let output = errorOutput
        errorPipe.fileHandleForReading.readabilityHandler = { handle in
            let data = handle.availableData
            if !data.isEmpty { output.append(data) }
        }
        try process.run()
    }

    deinit {
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
        errorPipe.fileHandleForReading.readabilityHandler = nil
    }

    /// What the daemon logged so far.
    public var stderr: String { String(decoding: errorOutput.value, as: UTF8.self) }

    /// Waits until `condition` holds, polling every 50 ms; false on time-out
    /// or when the daemon exited first.
    @discardableResult
    public func wait(upTo seconds: Double = 20, until condition: () -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if condition() { return true }
            if !process.isRunning { return condition() }
            Thread.sleep(forTimeInterval: 0.05)
        }
        return false
    }

    /// Sends `signal` and waits for the exit; returns the exit status, or
    /// nil when the daemon did not exit within `seconds`.
    public func stop(signal: Int32 = 15, within seconds: Double = 10) -> Int32? {
        kill(process.processIdentifier, signal)
        let deadline = Date().addingTimeInterval(seconds)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
        guard !process.isRunning else { return nil }
        return process.terminationStatus
    }
}

extension LockedBox where Value == Data {
    func append(_ data: Data) {
        set(value + data)
    }
}
