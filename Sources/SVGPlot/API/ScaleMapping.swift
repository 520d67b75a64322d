import Foundation

/// Maps data values on a linear or log₁₀ axis to pixel positions.
public struct ScaleMapping: Sendable {
    public let scale: AxisScale
    /// Data range (positive on a log axis).
    public let domain: ClosedRange<Double>
    /// Pixel positions of `domain.lowerBound` and `domain.upperBound`
    /// (the second may be smaller, as for a y axis whose pixels grow downwards).
    public let pixels: (start: Double, end: Double)

    public init(scale: AxisScale, domain: ClosedRange<Double>, pixels: (start: Double, end: Double)) {
        self.scale = scale
        self.domain = domain
        self.pixels = pixels
    }

    /// The pixel position of `value`, or `nil` when it cannot be shown (non-finite,
    /// or ≤ 0 on a log axis). Values outside the domain map outside the pixel range.
    public func pixel(_ value: Double) -> Double? {
        guard let t = fraction(value) else { return nil }
        return pixels.start + t * (pixels.end - pixels.start)
    }

    /// Position of `value` as a fraction of the domain (0 at the lower bound, 1 at the upper).
    public func fraction(_ value: Double) -> Double? {
        guard value.isFinite else { return nil }
        switch scale {
        case .linear:
            return (value - domain.lowerBound) / (domain.upperBound - domain.lowerBound)
        case .log10:
            guard value > 0 else { return nil }
            let lo = Foundation.log10(domain.lowerBound)
            return (Foundation.log10(value) - lo) / (Foundation.log10(domain.upperBound) - lo)
        }
    }
}
