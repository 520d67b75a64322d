import Testing
import SVGPlot

@Suite struct HistogramTests {
    @Test func explicitBinCountCoversRangeAndIncludesMaximum() {
        let bins = HistogramBins(values: [0, 1, 2, 3, 4, .nan, 4], binCount: 4)
        #expect(bins.edges == [0, 1, 2, 3, 4])
        #expect(bins.heights == [1, 1, 1, 3])
    }

    @Test func densityIntegratesToOne() {
        let values = (0..<1000).map { Double($0 % 37) * 0.1 }
        let bins = HistogramBins(values: values, binCount: 10, density: true)
        let area = zip(bins.heights, zip(bins.edges, bins.edges.dropFirst())).reduce(0) { $0 + $1.0 * ($1.1.1 - $1.1.0) }
        #expect(abs(area - 1) < 1e-12)
    }

    @Test func automaticBinCountIsFreedmanDiaconis() {
        // 0…99 ten times each: IQR = 74 − 24 = 50, width = 2·50/∛1000 = 10, span 99 → 10 bins.
        let values = (0..<1000).map { Double($0 % 100) }
        let bins = HistogramBins(values: values)
        #expect(bins.heights.count == 10)
        #expect(bins.heights.reduce(0, +) == 1000)
    }

    @Test func emptyAndConstantInputs() {
        #expect(HistogramBins(values: [.nan, .infinity]).edges.isEmpty)
        let constant = HistogramBins(values: [2, 2, 2])
        #expect(constant.edges.first! < 2 && constant.edges.last! > 2)
        #expect(constant.heights.reduce(0, +) == 3)
    }
}
