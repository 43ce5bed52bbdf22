import Foundation

/// Reads one input on a second thread, handing records over in batches through a bounded queue, so parsing
/// overlaps validation and writing on a two-core machine while memory stays bounded (a few batches in flight).
/// Records arrive in input order; an input error arrives after the records read before it. Batches the caller has
/// finished with go back to the reading thread, which reads the next records into them: their text buffers are
/// reused rather than allocated on one thread and freed on the other.
final class ParallelReader: @unchecked Sendable {
    private enum Item {
        case batch([TestScore])
        case failure(InputError)
        case end
    }

    private let condition = NSCondition()
    private var queue: [Item] = []
    /// Batches handed back for reuse (guarded by `condition`, like `queue`).
    private var spare: [[TestScore]] = []
    private var cancelled = false
    private let capacity: Int
    private var current: [TestScore] = []
    private var index = 0
    private var finished = false

    /// Starts reading `input` at once.
    init(_ input: ScoreInput, batchSize: Int = 128, capacity: Int = 2) {
        self.capacity = capacity
        let box = UncheckedBox(input)
        let thread = Thread { [self] in self.produce(box.value, batchSize: batchSize) }
        thread.stackSize = 1 << 20
        thread.start()
    }

    deinit { cancel() }

    /// The next record in input order, or nil at the end of the input.
    func next(into score: inout TestScore) throws(InputError) -> Bool {
        while index == current.count {
            if finished { return false }
            condition.lock()
            if !current.isEmpty {
                spare.append(current)
                current = []
            }
            while queue.isEmpty { condition.wait() }
            let item = queue.removeFirst()
            condition.signal()
            condition.unlock()
            switch item {
            case .batch(let batch):
                current = batch
                index = 0
            case .failure(let error):
                finished = true
                throw error
            case .end:
                finished = true
                return false
            }
        }
        // Swapped out, not copied: the batch keeps the caller's old record, freed with the batch.
        swap(&score, &current[index])
        index += 1
        return true
    }

    /// Stops the reading thread (a run that failed midway).
    func cancel() {
        condition.lock()
        cancelled = true
        condition.broadcast()
        condition.unlock()
    }

    private func produce(_ input: ScoreInput, batchSize: Int) {
        var batch = takeSpare(batchSize)
        var count = 0
        do {
            // Each record is read straight into its slot of the batch, over the record that slot held before.
            while true {
                if count == batch.count { batch.append(TestScore(test: .ieltsAcademic)) }
                guard try input.next(into: &batch[count]) else { break }
                count += 1
                if count == batchSize {
                    guard put(.batch(batch)) else { return }
                    batch = takeSpare(batchSize)
                    count = 0
                }
            }
            if count > 0 {
                batch.removeLast(batch.count - count)
                guard put(.batch(batch)) else { return }
            }
            _ = put(.end)
        } catch {
            // The slot at `count` holds the record that failed midway: it is not a record.
            if count > 0 {
                batch.removeLast(batch.count - count)
                guard put(.batch(batch)) else { return }
            }
            _ = put(.failure(error))
        }
    }

    /// A batch handed back, or a new one.
    private func takeSpare(_ batchSize: Int) -> [TestScore] {
        condition.lock()
        defer { condition.unlock() }
        if let batch = spare.popLast() { return batch }
        var batch: [TestScore] = []
        batch.reserveCapacity(batchSize)
        return batch
    }

    /// Waits for room; false if the reader was cancelled.
    private func put(_ item: Item) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while queue.count >= capacity && !cancelled { condition.wait() }
        if cancelled { return false }
        queue.append(item)
        condition.signal()
        return true
    }
}

/// Moves a value whose type is not Sendable to the one thread that uses it from then on.
private struct UncheckedBox<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
