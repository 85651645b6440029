/// A fixed-size, manually allocated array: the training hot loop works on raw pointers so that no
/// step allocates, copies on write or checks exclusivity. Freed when the owner releases it.
final class Buffer<Element> {
    let pointer: UnsafeMutablePointer<Element>
    let count: Int

    init(count: Int, repeating value: Element) {
        self.count = count
        pointer = .allocate(capacity: max(count, 1))
        pointer.initialize(repeating: value, count: count)
    }

    init(_ elements: [Element]) {
        count = elements.count
        pointer = .allocate(capacity: max(count, 1))
        elements.withUnsafeBufferPointer { src in
            if let base = src.baseAddress { pointer.initialize(from: base, count: count) }
        }
    }

    deinit {
        pointer.deinitialize(count: count)
        pointer.deallocate()
    }

    /// A copy of the contents.
    var array: [Element] { Array(UnsafeBufferPointer(start: pointer, count: count)) }

    /// Overwrites the contents; `elements.count` must equal `count`.
    func assign(_ elements: [Element]) {
        precondition(elements.count == count, "Buffer.assign: \(elements.count) elements for \(count)")
        elements.withUnsafeBufferPointer { src in
            if let base = src.baseAddress { pointer.update(from: base, count: count) }
        }
    }
}
