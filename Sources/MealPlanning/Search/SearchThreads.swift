import Foundation

/// Threads for the independent parts of a search, kept for the life of the process. A solver
/// may keep state per thread (GLPK keeps an environment on each thread that used it, freed only
/// by that thread), so a new thread per task would leave that state behind every time; a kept
/// thread reuses it. A thread is taken when idle and made when none is, so there are at most as
/// many as parts ever ran at once.
final class SearchThreads: @unchecked Sendable {
    static let shared = SearchThreads()

    private let lock = NSLock()
    private var idle: [Worker] = []
    private var threadsMade = 0
    /// How many threads it has made.
    var made: Int { lock.withLock { threadsMade } }

    /// One kept thread and the task it runs next.
    final class Worker: @unchecked Sendable {
        private let condition = NSCondition()
        private var task: (() -> Void)?

        init() {
            let thread = Thread { [unowned self] in self.serve() }
            // GLPK's branch and bound recurses; a main-thread-sized stack.
            thread.stackSize = 8 << 20
            thread.start()
        }

        func run(_ work: @escaping () -> Void) {
            condition.lock()
            task = work
            condition.signal()
            condition.unlock()
        }

        private func serve() {
            while true {
                condition.lock()
                while task == nil { condition.wait() }
                let work = task!
                task = nil
                condition.unlock()
                work()
            }
        }
    }

    /// Starts `work` on a kept thread; `then` runs on it once the thread is idle again.
    func start(_ work: @escaping () -> Void, then: @escaping () -> Void = {}) {
        let worker = lock.withLock { () -> Worker in
            if let worker = idle.popLast() { return worker }
            threadsMade += 1
            return Worker()
        }
        worker.run { [self] in
            work()
            lock.withLock { idle.append(worker) }
            then()
        }
    }

    /// Both results: `second` on a kept thread while `first` runs on this one. Each part works
    /// on its own values, so the results never depend on which ends first; an error of either
    /// is thrown once both have ended (the first part's when both fail).
    func both<A, B>(_ first: () throws -> A, _ second: @escaping () throws -> B) throws -> (A, B) {
        let box = Box<Result<B, any Error>>()
        let done = DispatchSemaphore(value: 0)
        start({ box.value = Result { try second() } }, then: { done.signal() })
        let firstResult = Result { try first() }
        done.wait()
        return (try firstResult.get(), try box.value!.get())
    }

    /// A value handed from one thread to another, read only after the hand-over is signalled.
    final class Box<Value>: @unchecked Sendable {
        var value: Value?
    }
}
