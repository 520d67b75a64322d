extension [Series] {
    /// The colour of every series: its own, or the next palette colour for series without
    /// one (reference lines always carry their own and do not advance the palette).
    func resolvedColors() -> [Color] {
        var next = 0
        return map { series in
            func auto(_ own: Color?) -> Color {
                if let own { return own }
                defer { next += 1 }
                return Palette.color(at: next)
            }
            switch series {
            case .line(let line): return auto(line.color)
            case .scatter(let scatter): return auto(scatter.color)
            case .point(let point): return auto(point.color)
            case .histogram(let histogram): return auto(histogram.color)
            case .reference(let reference): return reference.color
            case .heatMap: return .black
            }
        }
    }

    /// Legend entries for labelled line, scatter and histogram series, in panel order.
    func legendEntries(colors: [Color]) -> [LegendEntry] {
        enumerated().compactMap { number, series in
            switch series {
            case .line(let line):
                line.label.map { LegendEntry(label: $0, color: colors[number], sample: .line(width: line.width, dash: line.dash)) }
            case .scatter(let scatter):
                scatter.label.map {
                    LegendEntry(label: $0, color: colors[number], sample: .marker(scatter.marker, opacity: scatter.opacity))
                }
            case .histogram(let histogram):
                histogram.label.map { LegendEntry(label: $0, color: colors[number], sample: .bar) }
            case .point, .reference, .heatMap:
                nil
            }
        }
    }
}
