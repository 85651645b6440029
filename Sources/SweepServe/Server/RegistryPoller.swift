import Foundation
import Synchronization

/// A background thread calling ``ModelCatalog/refresh(strict:)`` every ``ModelCatalog/pollInterval``
/// seconds (a thread, not a task: registry reads block, and must not hold a cooperative-pool thread).
/// A failed refresh (database briefly unreachable) keeps the current models; its message is printed
/// to stderr once until a refresh succeeds again.
final class RegistryPoller: Sendable {
    let catalog: ModelCatalog
    private let stopped = Atomic<Bool>(false)
    private let done = DispatchSemaphore(value: 0)

    init(catalog: ModelCatalog) { self.catalog = catalog }

    func start() {
        let thread = Thread { [self] in
            var lastError: String?
            while !stopped.load(ordering: .relaxed) {
                do {
                    try catalog.refresh()
                    lastError = nil
                } catch {
                    let message = "\(error)"
                    if message != lastError {
                        FileHandle.standardError.write(Data("sweep serve: cannot refresh models (serving the current ones): \(message)\n".utf8))
                    }
                    lastError = message
                }
                Thread.sleep(forTimeInterval: ModelCatalog.pollInterval)
            }
            done.signal()
        }
        thread.name = "sweep-serve-poller"
        thread.start()
    }

    /// Stops the thread and waits for it.
    func stop() {
        guard !stopped.exchange(true, ordering: .relaxed) else { return }
        done.wait()
    }
}
