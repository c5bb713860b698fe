internal import CCurl
import Dispatch
import FeedSiftCore
import FoundationEssentials
import Glibc
import Logging
import Synchronization

/// The thread that drives libcurl's multi interface for one `HTTPFetcher`.
///
/// `curl_multi_poll` blocks, so it gets a thread of its own. Callers put
/// jobs in a lock-guarded inbox and wake the poll with `curl_multi_wakeup`;
/// everything else (the admission queue, the easy handles) belongs to that
/// thread alone. Results go back through each job's continuation.
final class TransferLoop: Sendable {
    private struct Inbox {
        var jobs: [TransferJob] = []
        var stopping = false
        /// Bumped on every cancellation so the thread knows to look.
        var cancellations = 0
    }

    private let multi: MultiHandle
    private let inbox = Mutex(Inbox())
    private let exited = DispatchSemaphore(value: 0)

    init(limits: FetcherLimits, logger: Logger) throws(FetchError) {
        let multi = try MultiHandle(limits: limits)
        self.multi = multi
        let started = DetachedThread.start(name: "feedsift-curl") { [self] in
            LoopWorker(multi: multi, limits: limits, logger: logger).run(inbox: self)
            exited.signal()
        }
        if let error = started {
            throw FetchError(
                code: .other, feedName: "", url: "",
                message: "cannot start the transfer thread: \(String(cString: strerror(error)))")
        }
    }

    /// Queues `job`; false (and the job untouched) once the loop is stopping.
    func submit(_ job: TransferJob) -> Bool {
        let accepted = inbox.withLock { inbox in
            guard !inbox.stopping else { return false }
            inbox.jobs.append(job)
            return true
        }
        if accepted { multi.wakeup() }
        return accepted
    }

    /// Tells the thread that some job's cancellation flag was raised.
    func noteCancellation() {
        inbox.withLock { $0.cancellations &+= 1 }
        multi.wakeup()
    }

    /// Abandons every job (their callers get `cancelled`) and waits for the
    /// thread to finish. Safe to call more than once.
    func stop() {
        inbox.withLock { $0.stopping = true }
        multi.wakeup()
        exited.wait()
        exited.signal()  // let a later or concurrent stop() through too
    }

    fileprivate func take() -> (jobs: [TransferJob], stopping: Bool, cancellations: Int) {
        inbox.withLock { inbox in
            defer { inbox.jobs.removeAll() }
            return (inbox.jobs, inbox.stopping, inbox.cancellations)
        }
    }
}

/// The state confined to the loop thread.
private final class LoopWorker {
    private struct Active {
        let job: TransferJob
        let transfer: EasyTransfer
    }

    private let multi: MultiHandle
    private let logger: Logger
    private var queue: AdmissionQueue<TransferJob>
    private var active: [UnsafeMutableRawPointer: Active] = [:]
    private var seenCancellations = 0

    init(multi: MultiHandle, limits: FetcherLimits, logger: Logger) {
        self.multi = multi
        self.logger = logger
        self.queue = AdmissionQueue(concurrency: limits.concurrency, perHost: limits.perHost)
    }

    func run(inbox: TransferLoop) {
        while true {
            let (jobs, stopping, cancellations) = inbox.take()
            if stopping {
                abandonAll(jobs)
                return
            }
            for job in jobs {
                if job.cancellation.isRaised {
                    job.finish(.failure(.cancelled(job.spec, shutDown: false)))
                } else {
                    queue.enqueue(job, host: job.spec.hostKey)
                }
            }
            if cancellations != seenCancellations {
                seenCancellations = cancellations
                sweepCancelled()
            }
            admit()
            var running: Int32 = 0
            _ = curl_multi_perform(multi.pointer, &running)
            if collectFinished() > 0, queue.waitingCount > 0 {
                continue  // slots were freed: start the next transfers before sleeping
            }
            // curl shortens the wait to its own next time-out on its own.
            _ = curl_multi_poll(multi.pointer, nil, 0, 1000, nil)
        }
    }

    private func admit() {
        while let (host, job) = queue.admitNext() {
            do throws(FetchError) {
                let transfer = try EasyTransfer(spec: job.spec)
                guard transfer.attach(to: multi) else {
                    throw FetchError(
                        code: .other, feedName: job.spec.feedName, url: job.spec.url,
                        message: "libcurl refused to start the transfer")
                }
                active[transfer.handle] = Active(job: job, transfer: transfer)
            } catch {
                queue.finished(host: host)
                job.finish(.failure(error))
            }
        }
    }

    /// Completes every transfer curl reports done; returns how many.
    private func collectFinished() -> Int {
        var done: [(UnsafeMutableRawPointer, CURLcode)] = []
        var remaining: Int32 = 0
        while let message = curl_multi_info_read(multi.pointer, &remaining) {
            guard message.pointee.msg == CURLMSG_DONE, let handle = message.pointee.easy_handle else { continue }
            done.append((handle, feedsift_msg_result(message)))
        }
        for (handle, code) in done {
            guard let entry = active.removeValue(forKey: handle) else { continue }
            entry.transfer.detach()
            queue.finished(host: entry.job.spec.hostKey)
            if code == CURLE_OK {
                entry.job.finish(.success(entry.transfer.result()))
            } else {
                let error = FetchError.transferFailed(code, transfer: entry.transfer)
                logger.debug(
                    "transfer failed",
                    metadata: [
                        "feed.name": "\(error.feedName)", "url": "\(error.url)", "error.code": "\(error.code)",
                        "curl.code": "\(code.rawValue)",
                    ])
                entry.job.finish(.failure(error))
            }
        }
        return done.count
    }

    private func sweepCancelled() {
        for job in queue.removeWaiting(where: { $0.cancellation.isRaised }) {
            job.finish(.failure(.cancelled(job.spec, shutDown: false)))
        }
        for (handle, entry) in active where entry.job.cancellation.isRaised {
            active[handle] = nil
            entry.transfer.detach()
            queue.finished(host: entry.job.spec.hostKey)
            entry.job.finish(.failure(.cancelled(entry.job.spec, shutDown: false)))
        }
    }

    private func abandonAll(_ arrived: [TransferJob]) {
        var abandoned = arrived + queue.removeWaiting { _ in true }
        for entry in active.values {
            entry.transfer.detach()
            abandoned.append(entry.job)
        }
        active.removeAll()  // easy handles are cleaned up here, before the multi handle
        for job in abandoned { job.finish(.failure(.cancelled(job.spec, shutDown: true))) }
    }
}
