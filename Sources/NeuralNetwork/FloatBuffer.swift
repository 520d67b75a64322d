/// A fixed-size, zero-initialised heap buffer of `Float` owned by a class instance.
///
/// Used for the network's scratch space so the hot loops work on stable raw pointers
/// without copy-on-write checks.
final class FloatBuffer {
    let count: Int
    let pointer: UnsafeMutablePointer<Float>

    init(count: Int) {
        self.count = count
        pointer = .allocate(capacity: max(count, 1))
        pointer.initialize(repeating: 0, count: max(count, 1))
    }

    deinit {
        pointer.deallocate()
    }
}
