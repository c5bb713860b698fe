import Glibc

/// Writing text to standard output or standard error, all of it, as
/// `FileHandle.standardOutput.write(_:)` did: `write(2)` until every byte
/// is out, retried when a signal interrupts it. A stream that cannot be
/// written to (closed, or a reader gone) is given up on silently, where
/// FileHandle stopped the process.
enum StandardStreams {
    static func writeOutput(_ text: String) {
        write(text, to: STDOUT_FILENO)
    }

    static func writeError(_ text: String) {
        write(text, to: STDERR_FILENO)
    }

    private static func write(_ text: String, to descriptor: Int32) {
        var text = text
        text.withUTF8 { bytes in
            var offset = 0
            while offset < bytes.count {
                let written = Glibc.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
                if written > 0 {
                    offset += written
                } else if written < 0 && errno == EINTR {
                    continue
                } else {
                    return
                }
            }
        }
    }
}
