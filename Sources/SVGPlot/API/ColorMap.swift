/// A sequential colour map from values in [0, 1] to colours, used by heat maps.
public struct ColorMap: Sendable, Hashable {
    /// Evenly spaced anchor colours; values between anchors are interpolated linearly in sRGB.
    public let anchors: [Color]

    /// Creates a map from at least two evenly spaced anchors.
    public init(anchors: [Color]) {
        precondition(anchors.count >= 2, "a colour map needs at least two anchors")
        self.anchors = anchors
    }

    /// Viridis (perceptually uniform, colour-blind safe), sampled at nine points.
    public static let viridis = ColorMap(
        anchors: [
            0x440154, 0x472D7B, 0x3B528B, 0x2C728E, 0x21918C, 0x28AE80, 0x5EC962, 0xADDC30, 0xFDE725,
        ].map { Color(hex: $0) })

    /// The same map run backwards (e.g. so that the best, lowest loss is brightest).
    public var reversed: ColorMap { ColorMap(anchors: anchors.reversed()) }

    /// The colour at `fraction` (clamped to [0, 1]; a non-finite input gives the first anchor).
    public func color(at fraction: Double) -> Color {
        let t = fraction.isFinite ? min(max(fraction, 0), 1) : 0
        let position = t * Double(anchors.count - 1)
        let lower = min(Int(position), anchors.count - 2)
        let weight = position - Double(lower)
        let a = anchors[lower], b = anchors[lower + 1]
        func mix(_ x: UInt8, _ y: UInt8) -> UInt8 {
            UInt8((Double(x) * (1 - weight) + Double(y) * weight).rounded())
        }
        return Color(red: mix(a.red, b.red), green: mix(a.green, b.green), blue: mix(a.blue, b.blue))
    }
}
