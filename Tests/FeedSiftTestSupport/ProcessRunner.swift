import FeedSiftCore
import FoundationEssentials
import Glibc

/// Runs a real program to completion and captures what it printed.
public struct ProcessResult: Sendable {
    public var status: Int32
    public var stdout: String
    public var stderr: String
}

public enum ProcessRunner {
    /// Runs `executable` with `arguments`; `environment` adds to the
    /// current environment. Waits for exit. `status` is the exit status, or
    /// the signal that ended the program.
    public static func run(
        _ executable: String, _ arguments: [String], environment: [String: String] = [:],
        currentDirectory: String? = nil
    ) throws -> ProcessResult {
        let path = executable.contains("/") ? URL(fileURLWithPath: executable).path : "/usr/bin/env"
        let arguments = executable.contains("/") ? arguments : [executable] + arguments
        let output = try Subprocess.pipe()
        let errors = try Subprocess.pipe()
        let null = open("/dev/null", O_RDONLY | O_CLOEXEC)
        defer { close(null) }
        let pid: Int32
        do {
            pid = try Subprocess.spawn(
                path, arguments: arguments, environment: ProcessEnvironment.merged(with: environment),
                directory: currentDirectory.map { URL(fileURLWithPath: $0).path }, input: null,
                output: output.write, errors: errors.write)
        } catch {
            for descriptor in [output.read, output.write, errors.read, errors.write] { close(descriptor) }
            throw error
        }
        close(output.write)
        close(errors.write)
        // Read both pipes at once so a chatty program cannot block on a full pipe.
        let (stdout, stderr) = readToEnd(output.read, errors.read)
        let termination = try Subprocess.wait(for: pid)
        let status: Int32 =
            switch termination {
            case .exit(let status): status
            case .signal(let signal): signal
            }
        return ProcessResult(
            status: status, stdout: String(decoding: stdout, as: UTF8.self),
            stderr: String(decoding: stderr, as: UTF8.self))
    }

    /// Everything the two descriptors deliver until both are at end of file; closes them.
    private static func readToEnd(_ first: Int32, _ second: Int32) -> ([UInt8], [UInt8]) {
        var open = [first, second]
        var collected: [[UInt8]] = [[], []]
        var buffer = [UInt8](repeating: 0, count: 65536)
        while open.contains(where: { $0 >= 0 }) {
            var descriptors = open.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
            guard Glibc.poll(&descriptors, nfds_t(descriptors.count), -1) >= 0 || errno == EINTR else { break }
            for index in 0..<2 where open[index] >= 0 && descriptors[index].revents != 0 {
                let count = read(open[index], &buffer, buffer.count)
                if count > 0 {
                    collected[index].append(contentsOf: buffer[..<count])
                } else if count == 0 || errno != EINTR {
                    close(open[index])
                    open[index] = -1
                }
            }
        }
        return (collected[0], collected[1])
    }
}

/// The environment of this process with some variables replaced or added.
enum ProcessEnvironment {
    static func merged(with changes: [String: String]) -> [String] {
        ProcessInfo.processInfo.environment.merging(changes) { $1 }.map { "\($0)=\($1)" }
    }
}

/// Sleeps the calling thread.
func sleepThread(seconds: Double) {
    var request = timespec(tv_sec: Int(seconds), tv_nsec: Int((seconds - seconds.rounded(.down)) * 1e9))
    var remaining = timespec()
    while nanosleep(&request, &remaining) != 0 && errno == EINTR { request = remaining }
}
