import Glibc

/// An error number from starting or waiting for a child process.
public struct SubprocessError: Error, Sendable, CustomStringConvertible {
    public var code: Int32

    public init(code: Int32) {
        self.code = code
    }

    public var description: String { String(cString: strerror(code)) }
}

/// Starting child processes and waiting for them, with `posix_spawn`: what
/// feedsift uses instead of Foundation's `Process` (sendmail, and the
/// test harness's runs of the `feedsift` binary). The caller makes the
/// descriptors the child gets; the child inherits no others
/// (`SpawnSettings`).
public enum Subprocess {
    /// How a child ended.
    public enum Termination: Sendable, Equatable {
        case exit(Int32)
        case signal(Int32)
    }

    /// Starts `path` (argv[0] is `path` itself) with `arguments`, the
    /// environment `environment` (`NAME=value` entries; nil: this
    /// process's), in `directory` (nil: ours), with `input`, `output` and
    /// `errors` as its standard streams. Returns the child's process id.
    public static func spawn(
        _ path: String, arguments: [String], environment: [String]? = nil, directory: String? = nil,
        input: Int32, output: Int32, errors: Int32
    ) throws(SubprocessError) -> Int32 {
        let settings = try SpawnSettings(input: input, output: output, errors: errors, directory: directory)
        var pid = pid_t()
        let result = withCStrings([path] + arguments) { argv in
            if let environment {
                withCStrings(environment) { envp in
                    posix_spawn(&pid, path, settings.fileActions, settings.attributes, argv, envp)
                }
            } else {
                posix_spawn(&pid, path, settings.fileActions, settings.attributes, argv, environ)
            }
        }
        guard result == 0 else { throw SubprocessError(code: result) }
        return pid
    }

    /// Waits for `pid` to end (retrying when a signal interrupts).
    public static func wait(for pid: Int32) throws(SubprocessError) -> Termination {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 {
            guard errno == EINTR else { throw SubprocessError(code: errno) }
        }
        return termination(status)
    }

    /// How `pid` ended, or nil while it runs.
    public static func poll(_ pid: Int32) throws(SubprocessError) -> Termination? {
        var status: Int32 = 0
        let result = waitpid(pid, &status, WNOHANG)
        guard result >= 0 else { throw SubprocessError(code: errno) }
        return result == 0 ? nil : termination(status)
    }

    /// A pipe whose two ends are closed on exec (the child gets copies).
    public static func pipe() throws(SubprocessError) -> (read: Int32, write: Int32) {
        var ends: [Int32] = [-1, -1]
        guard Glibc.pipe(&ends) == 0 else { throw SubprocessError(code: errno) }
        _ = fcntl(ends[0], F_SETFD, FD_CLOEXEC)
        _ = fcntl(ends[1], F_SETFD, FD_CLOEXEC)
        return (ends[0], ends[1])
    }

    /// `WIFEXITED`/`WEXITSTATUS`/`WTERMSIG`, which Swift does not import.
    private static func termination(_ status: Int32) -> Termination {
        status & 0x7F == 0 ? .exit((status >> 8) & 0xFF) : .signal(status & 0x7F)
    }

    /// An argv-style array: the strings as C strings and a terminating null.
    private static func withCStrings<Result>(
        _ strings: [String], _ body: (UnsafePointer<UnsafeMutablePointer<CChar>?>) -> Result
    ) -> Result {
        let copies = strings.map { strdup($0) }
        defer { for copy in copies { free(copy) } }
        return (copies + [nil]).withUnsafeBufferPointer { body($0.baseAddress!) }
    }
}
