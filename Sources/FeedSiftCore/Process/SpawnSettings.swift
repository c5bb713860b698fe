import Glibc

/// The file actions and attributes of one `posix_spawn`, owned together:
/// `init` initializes both C objects in memory of their own (their
/// addresses never change), `deinit` destroys them.
///
/// The child gets the given descriptors as its standard input, output and
/// error, no other descriptor of ours, optionally another working
/// directory, and a process group of its own (as Foundation's `Process`
/// gave the programs it started).
final class SpawnSettings {
    let fileActions: UnsafeMutablePointer<posix_spawn_file_actions_t>
    let attributes: UnsafeMutablePointer<posix_spawnattr_t>

    /// Throws the error number of the first C call that refused.
    init(input: Int32, output: Int32, errors: Int32, directory: String?) throws(SubprocessError) {
        let fileActions = UnsafeMutablePointer<posix_spawn_file_actions_t>.allocate(capacity: 1)
        let attributes = UnsafeMutablePointer<posix_spawnattr_t>.allocate(capacity: 1)
        let actionsResult = posix_spawn_file_actions_init(fileActions)
        let attributesResult = posix_spawnattr_init(attributes)
        var failure = actionsResult != 0 ? actionsResult : attributesResult
        if failure == 0 {
            var results = [
                posix_spawn_file_actions_adddup2(fileActions, input, 0),
                posix_spawn_file_actions_adddup2(fileActions, output, 1),
                posix_spawn_file_actions_adddup2(fileActions, errors, 2),
                spawnCloseFrom(fileActions, 3),
                posix_spawnattr_setpgroup(attributes, 0),
                posix_spawnattr_setflags(attributes, Int16(POSIX_SPAWN_SETPGROUP)),
            ]
            if let directory { results.append(spawnChangeDirectory(fileActions, directory)) }
            failure = results.first { $0 != 0 } ?? 0
        }
        guard failure == 0 else {
            if actionsResult == 0 { posix_spawn_file_actions_destroy(fileActions) }
            if attributesResult == 0 { posix_spawnattr_destroy(attributes) }
            fileActions.deallocate()
            attributes.deallocate()
            throw SubprocessError(code: failure)
        }
        self.fileActions = fileActions
        self.attributes = attributes
    }

    deinit {
        posix_spawn_file_actions_destroy(fileActions)
        posix_spawnattr_destroy(attributes)
        fileActions.deallocate()
        attributes.deallocate()
    }
}

// posix_spawn_file_actions_addclosefrom_np(3) (glibc 2.34, which the Swift
// runtime requires already) and posix_spawn_file_actions_addchdir_np(3)
// (2.29) are declared only under _GNU_SOURCE.
@_silgen_name("posix_spawn_file_actions_addclosefrom_np")
private func spawnCloseFrom(_ actions: UnsafeMutablePointer<posix_spawn_file_actions_t>, _ lowest: Int32) -> Int32

@_silgen_name("posix_spawn_file_actions_addchdir_np")
private func spawnChangeDirectory(
    _ actions: UnsafeMutablePointer<posix_spawn_file_actions_t>, _ path: UnsafePointer<CChar>
) -> Int32
