/// An axis-aligned rectangle in SVG pixel coordinates (y grows downwards).
struct Rect {
    var x: Double
    var y: Double
    var width: Double
    var height: Double

    var maxX: Double { x + width }
    var maxY: Double { y + height }
    var midX: Double { x + width / 2 }
    var midY: Double { y + height / 2 }

    /// The SVG attributes `x`, `y`, `width`, `height`.
    var attributes: SVGWriter.Attributes {
        [
            ("x", NumberText.coordinate(x)), ("y", NumberText.coordinate(y)),
            ("width", NumberText.coordinate(width)), ("height", NumberText.coordinate(height)),
        ]
    }
}

/// Shorthand for a coordinate attribute value.
func px(_ value: Double) -> String {
    NumberText.coordinate(value)
}

/// Approximate rendered width of `text` in a sans-serif font, for layout only. Errs on the
/// wide side (DejaVu Sans metrics, wider than Helvetica) so text is not clipped or overlapped.
func textWidth(_ text: String, fontSize: Double) -> Double {
    text.reduce(0) { sum, character in
        let em: Double
        switch character {
        case ".", ",", ":", ";", "i", "l", "j", "|", "'", "!", "(", ")", "[", "]", " ": em = 0.34
        case "A"..."Z", "m", "w", "×", "☉", "–", "—": em = 0.8
        default: em = 0.64
        }
        return sum + em * fontSize
    }
}

/// Shared typography and stroke constants, so every panel looks alike.
enum Style {
    static let fontFamily = "Helvetica, Arial, 'DejaVu Sans', sans-serif"
    static let tickFont = 11.0
    static let axisLabelFont = 12.5
    static let panelTitleFont = 13.5
    static let figureTitleFont = 16.0
    static let legendFont = 11.0
    static let annotationFont = 11.0
    static let majorTick = 5.0
    static let minorTick = 3.0
    static let ink = "#262626"
    static let gridColor = "#e6e6e6"
}
