import Foundation
import SeededRandom

/// A seeded xoshiro256** pseudo-random generator (state initialised by SplitMix64).
///
/// Deterministic across platforms: the same seed always yields the same sequence, which makes
/// weight initialisation, shuffling, splits and reparameterisation noise reproducible.
public struct SeededGenerator: RandomNumberGenerator, Sendable, Equatable, Codable {
    /// The four 64-bit words of xoshiro256** state (exposed so checkpoints can store it).
    public private(set) var state: [UInt64]
    /// A second standard normal deviate left over from the last Box–Muller pair, if any.
    public private(set) var spareNormal: Double?

    /// A generator whose state is expanded from `seed` with SplitMix64.
    public init(seed: UInt64) {
        var splitMix = SplitMix64(seed: seed)
        state = (0..<4).map { _ in splitMix.next() }
        spareNormal = nil
    }

    /// A generator resumed from a saved ``state`` and ``spareNormal`` (e.g. from a checkpoint).
    public init(state: [UInt64], spareNormal: Double?) {
        precondition(state.count == 4 && state != [0, 0, 0, 0], "xoshiro256** needs four words, not all zero")
        self.state = state
        self.spareNormal = spareNormal
    }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        let result = rotateLeft(state[1] &* 5, by: 7) &* 9
        let shifted = state[1] << 17
        state[2] ^= state[0]
        state[3] ^= state[1]
        state[1] ^= state[2]
        state[0] ^= state[3]
        state[2] ^= shifted
        state[3] = rotateLeft(state[3], by: 45)
        return result
    }

    /// A uniform deviate in [0, 1) with 53 random bits.
    public mutating func nextUniform() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// A standard normal deviate (Box–Muller; the second value of each pair is cached).
    public mutating func nextStandardNormal() -> Double {
        if let spare = spareNormal {
            spareNormal = nil
            return spare
        }
        let u1 = 1.0 - nextUniform()  // in (0, 1], so the logarithm is finite
        let u2 = nextUniform()
        let radius = (-2.0 * log(u1)).squareRoot()
        let angle = 2.0 * Double.pi * u2
        spareNormal = radius * sin(angle)
        return radius * cos(angle)
    }

    private func rotateLeft(_ value: UInt64, by amount: UInt64) -> UInt64 {
        (value << amount) | (value >> (64 - amount))
    }
}
