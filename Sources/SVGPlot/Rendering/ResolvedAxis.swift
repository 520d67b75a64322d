/// An axis with its final range, ticks and tick labels.
struct ResolvedAxis {
    let scale: AxisScale
    let range: ClosedRange<Double>
    let ticks: TickSet
    let labels: [String]

    /// Ticks for `range` aiming at `target` major ticks (log axes ignore the target).
    init(scale: AxisScale, range: ClosedRange<Double>, target: Int) {
        self.scale = scale
        self.range = range
        switch scale {
        case .linear:
            ticks = Ticks.linear(range.lowerBound, range.upperBound, target: target)
            let step = Ticks.niceStep(range.lowerBound, range.upperBound, target: target)
            labels = NumberText.linearTickLabels(ticks.major, step: step)
        case .log10:
            ticks = Ticks.log10(range.lowerBound, range.upperBound)
            labels = NumberText.logTickLabels(ticks.major)
        }
    }

    /// A horizontal axis whose labels fit side by side in `length` px: the largest target
    /// (at most 8, about one tick per 70 px) whose labels fill under 75 % of the length.
    static func horizontal(scale: AxisScale, range: ClosedRange<Double>, length: Double) -> ResolvedAxis {
        var target = min(8, max(3, Int(length / 70)))
        while true {
            let axis = ResolvedAxis(scale: scale, range: range, target: target)
            let used = axis.labels.reduce(0) { $0 + textWidth($1, fontSize: Style.tickFont) + 8 }
            if used < length * 0.75 || target <= 2 { return axis }
            target -= 1
        }
    }

    /// The explicit range of `axis`, validated, or the automatic range of `extent`.
    static func range(of axis: Axis, extent: DataExtent, panel: Int, name: String) throws(PlotError) -> ClosedRange<Double> {
        guard let range = axis.range else { return extent.automaticRange }
        let valid =
            range.lowerBound.isFinite && range.upperBound.isFinite && range.lowerBound < range.upperBound
            && (axis.scale == .linear || range.lowerBound > 0)
        guard valid else {
            throw .invalidRange(panel: panel, axis: name, lower: range.lowerBound, upper: range.upperBound)
        }
        return range
    }
}
