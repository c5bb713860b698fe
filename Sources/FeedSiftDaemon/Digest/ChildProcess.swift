import FeedSiftCore
import FoundationEssentials
import Glibc

/// Runs a program to completion with `input` on its standard input, its
/// standard output discarded and its standard error collected, the way
/// `SendmailMailer` used Foundation's `Process`: the same checks before
/// starting (and the same `CocoaError` codes when they fail), the same
/// descriptors and process group for the child (`Subprocess`), the
/// environment of this process, and an end-of-file on standard input once
/// all of `input` is written. Blocks the calling thread until the child
/// has exited.
enum ChildProcess {
    struct Outcome {
        var termination: Subprocess.Termination
        var standardError: String
        /// The `CocoaError` Foundation reported when writing the input
        /// failed (the child closed its standard input early).
        var writeError: CocoaError?
    }

    /// Throws what Foundation's `Process.run()` threw when the program
    /// could not be started.
    static func run(_ program: String, arguments: [String], input: [UInt8]) throws(CocoaError) -> Outcome {
        let path = URL(fileURLWithPath: program).path
        var status = stat()
        guard stat(path, &status) == 0 else { throw readError(errno) }
        // Foundation reported a directory or device as a missing file.
        guard status.st_mode & S_IFMT == S_IFREG else { throw CocoaError(.fileNoSuchFile) }
        guard access(path, X_OK) == 0 else { throw readError(errno) }

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
            throw readError(error.code)
        }
        let null = open("/dev/null", O_RDWR | O_CLOEXEC)
        var parentEnds = [inputPipe.write, errorPipe.read]
        defer { for descriptor in parentEnds where descriptor >= 0 { close(descriptor) } }
        var childEnds = [inputPipe.read, errorPipe.write, null]
        defer { for descriptor in childEnds where descriptor >= 0 { close(descriptor) } }
        guard null >= 0 else { throw readError(errno) }

        let pid: Int32
        do {
            pid = try Subprocess.spawn(
                path, arguments: arguments, input: inputPipe.read, output: null, errors: errorPipe.write)
        } catch {
            throw readError(error.code)
        }
        for descriptor in childEnds { close(descriptor) }
        childEnds = []

        let (standardError, writeFailure) = exchange(input: input, with: &parentEnds)
        // Foundation recorded an exit when it could not tell.
        let termination = (try? Subprocess.wait(for: pid)) ?? .exit(0)
        return Outcome(
            termination: termination, standardError: String(decoding: standardError, as: UTF8.self),
            writeError: writeFailure.map(writeError))
    }

    /// Writes `input` to the child and reads its standard error until end
    /// of file, both at once so that neither side can block the other;
    /// closes the input once written (or once writing failed). Returns
    /// what was read and the error number of a failed write.
    private static func exchange(input: [UInt8], with ends: inout [Int32]) -> ([UInt8], Int32?) {
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
        return (collected, writeFailure)
    }

    /// Foundation's code for an error number met while starting the
    /// program (`_NSErrorWithErrno(…, reading: true)`).
    private static func readError(_ code: Int32) -> CocoaError {
        switch code {
        case EFBIG: CocoaError(.fileReadTooLarge)
        case ENOENT: CocoaError(.fileReadNoSuchFile)
        case EPERM, EACCES: CocoaError(.fileReadNoPermission)
        default: CocoaError(.fileReadUnknown)
        }
    }

    /// Foundation's code for an error number met while writing
    /// (`_NSErrorWithErrno(…, reading: false)`): a closed pipe is 512.
    private static func writeError(_ code: Int32) -> CocoaError {
        switch code {
        case ENOENT: CocoaError(.fileNoSuchFile)
        case EPERM, EACCES: CocoaError(.fileWriteNoPermission)
        case ENAMETOOLONG: CocoaError(.fileWriteInvalidFileName)
        case EDQUOT, ENOSPC: CocoaError(.fileWriteOutOfSpace)
        case EROFS: CocoaError(.fileWriteVolumeReadOnly)
        case EEXIST: CocoaError(.fileWriteFileExists)
        default: CocoaError(.fileWriteUnknown)
        }
    }
}
