import Synchronization

/// A cancellation request that can arrive from any thread before, during or
/// after the transfer it concerns.
final class CancellationFlag: Sendable {
    private let raised = Atomic<Bool>(false)

    func raise() { raised.store(true, ordering: .releasing) }
    var isRaised: Bool { raised.load(ordering: .acquiring) }
}

/// One transfer handed to the loop, with the continuation of the caller
/// waiting for it. The loop resumes it exactly once.
final class TransferJob: Sendable {
    typealias Outcome = Result<TransferResult, FetchError>

    let spec: TransferSpec
    let cancellation: CancellationFlag
    private let continuation: CheckedContinuation<Outcome, Never>

    init(spec: TransferSpec, cancellation: CancellationFlag, continuation: CheckedContinuation<Outcome, Never>) {
        self.spec = spec
        self.cancellation = cancellation
        self.continuation = continuation
    }

    func finish(_ outcome: Outcome) {
        continuation.resume(returning: outcome)
    }
}
