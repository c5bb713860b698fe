import FeedSiftCore
import FoundationEssentials

#if canImport(Glibc)
    import Glibc
#endif

/// The control socket's file: making sure no other feedsift owns it,
/// publishing a bound socket under its name with the right mode, and
/// removing it at shutdown only if it is still ours.
struct ControlSocketFile {
    let path: String

    /// Makes `path` free to take: creates its directory, removes a stale
    /// socket left by a crashed daemon, and refuses when another daemon
    /// answers on it or something that is not a socket is in the way.
    func claim() throws(DaemonError) {
        guard path.utf8.count <= UnixSocket.maximumPathLength else {
            throw DaemonError(
                .configuration,
                "control socket path \(path) is longer than the \(UnixSocket.maximumPathLength) bytes a Unix socket path may have"
            )
        }
        let directory = PathNames.parent(of: path)
        do {
            try FileManager.default.createDirectory(
                atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o750])
        } catch {
            throw DaemonError(.stateDirectory, "cannot create the control socket's directory \(directory): \(error)")
        }
        var status = stat()
        guard lstat(path, &status) == 0 else { return }  // nothing there
        guard status.st_mode & S_IFMT == S_IFSOCK else {
            throw DaemonError(
                .stateDirectory, "control socket path \(path) exists and is not a socket; not replacing it")
        }
        do {
            _ = try UnixSocket.connect(path: path, timeout: .seconds(2))
            throw DaemonError(
                .alreadyRunning, "another feedsift is already running: it answers on the control socket \(path)")
        } catch let failure as UnixSocket.Failure where failure.errorNumber == ECONNREFUSED {
            // A socket file nobody listens on: left by a daemon that died.
            guard unlink(path) == 0 || errno == ENOENT else {
                throw DaemonError(
                    .stateDirectory,
                    "cannot remove the stale control socket \(path): \(String(cString: strerror(errno)))")
            }
        } catch let failure as UnixSocket.Failure {
            throw DaemonError(
                .alreadyRunning,
                "control socket \(path) exists and cannot be checked (\(failure.reason)); not replacing it")
        } catch let error as DaemonError {
            throw error
        } catch {
            throw DaemonError(.stateDirectory, "cannot check the control socket \(path): \(error)")
        }
    }

    /// A private name next to `path` to bind to before the socket has its
    /// final mode, or nil when the directory's name leaves no room for one.
    var temporaryPath: String? {
        let candidate = "\(path).\(getpid()).new"
        return candidate.utf8.count <= UnixSocket.maximumPathLength ? candidate : nil
    }

    /// Gives the socket bound at `boundPath` its mode and, when it was bound
    /// under a temporary name, moves it to `path` (atomically, so clients
    /// never see a socket with a looser mode). Returns its inode.
    func publish(boundPath: String, mode: UInt16) throws(DaemonError) -> ino_t {
        guard chmod(boundPath, mode_t(mode)) == 0 else {
            throw DaemonError(
                .stateDirectory,
                "cannot set the mode of control socket \(boundPath): \(String(cString: strerror(errno)))")
        }
        if boundPath != path, rename(boundPath, path) != 0 {
            let reason = String(cString: strerror(errno))
            unlink(boundPath)
            throw DaemonError(.stateDirectory, "cannot move the control socket to \(path): \(reason)")
        }
        var status = stat()
        return lstat(path, &status) == 0 ? status.st_ino : 0
    }

    /// Removes the socket file if it is still the one with `inode`.
    func remove(ifInode inode: ino_t) {
        var status = stat()
        if lstat(path, &status) == 0, status.st_ino == inode { unlink(path) }
    }
}
