import Glibc

/// Starts an operating-system thread of its own that runs one closure and
/// then ends: what `JobThreads`, the store's WAL checkpointer, the curl
/// transfer loop and SMTP deliveries run on.
///
/// The thread is detached (nothing joins it; its resources go back to the
/// system when the closure returns) and gets the default stack size. The
/// closure travels to the new thread in a retained box that the thread
/// releases, so it lives exactly as long as the thread needs it.
public enum DetachedThread {
    /// Starts a thread named `name` (cut to the 15 bytes Linux keeps, as
    /// `top -H` and `/proc/<pid>/task/<tid>/comm` show it) that runs `body`.
    /// Returns the `pthread_create` error (EAGAIN at the system's thread
    /// limit) when there is no thread, and `body` never runs; nil otherwise.
    public static func start(name: String, _ body: @escaping @Sendable () -> Void) -> Int32? {
        let box = Unmanaged.passRetained(Box(name: name, body: body)).toOpaque()
        var thread = pthread_t()
        let result = pthread_create(&thread, nil, detachedThreadMain, box)
        guard result == 0 else {
            Unmanaged<Box>.fromOpaque(box).release()
            return result
        }
        pthread_detach(thread)
        return nil
    }

    fileprivate final class Box {
        let name: String
        let body: @Sendable () -> Void

        init(name: String, body: @escaping @Sendable () -> Void) {
            self.name = name
            self.body = body
        }
    }
}

private func detachedThreadMain(_ context: UnsafeMutableRawPointer?) -> UnsafeMutableRawPointer? {
    let box = Unmanaged<DetachedThread.Box>.fromOpaque(context!).takeRetainedValue()
    // Linux keeps 15 bytes of a thread's name and refuses a longer one.
    var name = Array(box.name.utf8.prefix(15))
    name.append(0)
    _ = name.withUnsafeBufferPointer { buffer in
        buffer.withMemoryRebound(to: CChar.self) { glibcSetThreadName(pthread_self(), $0.baseAddress!) }
    }
    box.body()
    return nil
}

// pthread_setname_np(3) is a GNU extension that Glibc's Swift module does not
// import (it is declared only under _GNU_SOURCE).
@_silgen_name("pthread_setname_np")
private func glibcSetThreadName(_ thread: pthread_t, _ name: UnsafePointer<CChar>) -> Int32
