/// Stroke pattern of a line.
public enum LineDash: Sendable, Hashable {
    case solid
    case dashed
    case dotted
    case dashDot
}

/// Shape of a scatter or highlight marker.
public enum Marker: Sendable, Hashable {
    case circle
    case square
    case triangle
    case diamond
    case cross
}

/// Where a panel draws its legend (inside the plot area).
public enum LegendPosition: Sendable, Hashable {
    case topRight
    case topLeft
    case bottomRight
    case bottomLeft
    /// No legend, even if series have labels.
    case hidden
}

/// How numbers printed in heat-map cells are formatted (locale independent).
public enum NumberStyle: Sendable, Hashable {
    /// Exactly this many digits after the decimal point.
    case fixed(Int)
    /// This many significant digits, trailing zeros kept (`0.0520`); scientific form
    /// (`1.2×10⁻⁵`, mantissa trimmed) outside [10⁻³, 10⁵).
    case significant(Int)
}
