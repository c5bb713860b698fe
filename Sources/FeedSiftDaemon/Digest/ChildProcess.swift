import FeedSiftCore
import FoundationEssentials
import Glibc

/// Runs a program to completion with `input` on its standard input, its
/// standard output discarded and its standard error collected: the
/// descriptors and process group of `Subprocess`, the environment of this
/// process, and an end-of-file on standard input once all of `input` is
/// written. Blocks the calling thread until the child has exited.
enum ChildProcess {
    struct Outcome {
        var termination: Subprocess.Termination
        var standardError: String
        /// Why writing the input stopped early (the child closed its
        /// standard input), and how many bytes it had taken by then.
        var writeFailure: (error: SubprocessError, written: Int)?
    }

    /// Why the program could not be started.
    enum StartError: Error, CustomStringConvertible {
        /// `stat`, `access`, a pipe or `posix_spawn` failed.
        case system(SubprocessError)
        /// The path names a directory, a device or another non-file.
        case notAFile

        var description: String {
            switch self {
            case .system(let error): error.description
            case .notAFile: "not a regular file"
            }
        }
    }

    static func run(_ program: String, arguments: [String], input: [UInt8]) throws(StartError) -> Outcome {
        let path = URL(fileURLWithPath: program).path
        var status = stat()
        guard stat(path, &status) == 0 else { throw .system(SubprocessError(code: errno)) }
        guard status.st_mode & S_IFMT == S_IFREG else { throw .notAFile }
        guard access(path, X_OK) == 0 else { throw .system(SubprocessError(code: errno)) }

        let inputPipe: (read: Int32, write: Int32)
        let errorPipe: (read: Int32, write: Int32)
        do throws(SubprocessError) {
            inputPipe = try Subprocess.pipe()
            do throws(SubprocessError) {
                errorPipe = try Subprocess.pipe()
            } catch {
                close(inputPipe.read)
                close(inputPipe.write)
                throw error
            }
        } catch {
            throw .system(error)
        }
        let null = open("/dev/null", O_RDWR | O_CLOEXEC)
        var parentEnds = [inputPipe.write, errorPipe.read]
        defer { for descriptor in parentEnds where descriptor >= 0 { close(descriptor) } }
        var childEnds = [inputPipe.read, errorPipe.write, null]
        defer { for descriptor in childEnds where descriptor >= 0 { close(descriptor) } }
        guard null >= 0 else { throw .system(SubprocessError(code: errno)) }

        let pid: Int32
        do throws(SubprocessError) {
            pid = try Subprocess.spawn(
                path, arguments: arguments, input: inputPipe.read, output: null, errors: errorPipe.write)
        } catch {
            throw .system(error)
        }
        for descriptor in childEnds { close(descriptor) }
        childEnds = []

        let (standardError, written, writeFailure) = exchange(input: input, with: &parentEnds)
        // `waitpid` fails only for a child that is not ours to reap, which
        // this one is; should it fail anyway, the input counts as taken.
        let termination = (try? Subprocess.wait(for: pid)) ?? .exit(0)
        return Outcome(
            termination: termination, standardError: String(decoding: standardError, as: UTF8.self),
            writeFailure: writeFailure.map { (SubprocessError(code: $0), written) })
    }

    /// Writes `input` to the child and reads its standard error until end
    /// of file, both at once so that neither side can block the other;
    /// closes the input once written (or once writing failed). Returns
    /// what was read, how many bytes were written, and the error number of
    /// a failed write.
    private static func exchange(input: [UInt8], with ends: inout [Int32]) -> ([UInt8], Int, Int32?) {
        let flags = fcntl(ends[0], F_GETFL)
        _ = fcntl(ends[0], F_SETFL, flags | O_NONBLOCK)
        var written = 0
        var writeFailure: Int32?
        var collected: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        if input.isEmpty {
            close(ends[0])
            ends[0] = -1
        }
        while ends[1] >= 0 {
            var descriptors = [pollfd(fd: ends[1], events: Int16(POLLIN), revents: 0)]
            if ends[0] >= 0 { descriptors.append(pollfd(fd: ends[0], events: Int16(POLLOUT), revents: 0)) }
            guard poll(&descriptors, nfds_t(descriptors.count), -1) >= 0 || errno == EINTR else { break }
            if descriptors.count > 1, descriptors[1].revents != 0 {
                let result = input.withUnsafeBytes { bytes in
                    write(ends[0], bytes.baseAddress! + written, bytes.count - written)
                }
                if result >= 0 {
                    written += result
                } else if errno != EAGAIN && errno != EINTR {
                    writeFailure = errno
                }
                if written == input.count || writeFailure != nil {
                    close(ends[0])
                    ends[0] = -1
                }
            }
            if descriptors[0].revents != 0 {
                let count = read(ends[1], &buffer, buffer.count)
                if count > 0 {
                    collected.append(contentsOf: buffer[..<count])
                } else if count == 0 || (errno != EAGAIN && errno != EINTR) {
                    close(ends[1])
                    ends[1] = -1
                }
            }
        }
        if ends[0] >= 0 {
            // The child closed its standard error first: finish the input blocking.
            _ = fcntl(ends[0], F_SETFL, flags)
            while written < input.count {
                let result = input.withUnsafeBytes { bytes in
                    write(ends[0], bytes.baseAddress! + written, bytes.count - written)
                }
                if result >= 0 {
                    written += result
                } else if errno != EINTR {
                    writeFailure = errno
                    break
                }
            }
            close(ends[0])
            ends[0] = -1
        }
        return (collected, written, writeFailure)
    }
}
