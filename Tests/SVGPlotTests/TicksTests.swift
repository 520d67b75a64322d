import Testing
import SVGPlot

/// Tick positions are compared with a relative tolerance of 1e-12: they are products of
/// small integers and powers of ten, so only the last bit or two may differ.
private func close(_ a: [Double], _ b: [Double]) -> Bool {
    a.count == b.count && zip(a, b).allSatisfy { abs($0 - $1) <= 1e-12 * max(abs($0), abs($1), 1e-300) }
}

@Suite struct TicksTests {
    @Test func niceStepsAreOneTwoFive() {
        #expect(Ticks.niceStep(0, 2.5, target: 6) == 0.5)
        #expect(Ticks.niceStep(0, 1, target: 6) == 0.2)
        #expect(Ticks.niceStep(0, 10, target: 6) == 2)
        #expect(Ticks.niceStep(0, 730, target: 6) == 200, "100 gives 8 ticks, 200 gives 4: tie goes to the larger step")
        #expect(abs(Ticks.niceStep(0, 3e-4, target: 4) - 1e-4) < 1e-18)
    }

    @Test func linearZeroToTwoAndAHalf() {
        let ticks = Ticks.linear(0, 2.5, target: 6)
        #expect(close(ticks.major, [0, 0.5, 1, 1.5, 2, 2.5]))
        #expect(close(ticks.minor, [0.25, 0.75, 1.25, 1.75, 2.25]))
    }

    @Test func linearPaddedRangeKeepsTicksInside() {
        let ticks = Ticks.linear(-0.125, 2.625, target: 6)
        #expect(close(ticks.major, [0, 0.5, 1, 1.5, 2, 2.5]))
        let negative = Ticks.linear(-7.3, 2.1, target: 6)
        #expect(close(negative.major, [-6, -4, -2, 0, 2]))
    }

    @Test func logDecadesWithMinorTicks() {
        let ticks = Ticks.log10(1e-2, 1e3)
        #expect(close(ticks.major, [1e-2, 1e-1, 1, 10, 100, 1000]))
        #expect(ticks.minor.count == 5 * 8)
        #expect(close(Array(ticks.minor.prefix(3)), [0.02, 0.03, 0.04]))
        #expect(ticks.minor.allSatisfy { $0 > 1e-2 && $0 < 1e3 })
    }

    @Test func logBelowTwoDecadesUsesOneTwoFive() {
        let ticks = Ticks.log10(1.5, 60)
        #expect(close(ticks.major, [2, 5, 10, 20, 50]))
        #expect(close(ticks.minor, [3, 4, 6, 7, 8, 9, 30, 40, 60]))
    }

    @Test func logManyDecadesThinsMajors() {
        let ticks = Ticks.log10(1e-10, 1e10)
        // 21 decades → every third one is major.
        #expect(ticks.major.count == 7)
        #expect(close(Array(ticks.major.prefix(2)), [1e-10, 1e-7]))
        #expect(ticks.major.count + ticks.minor.count == 21)
    }

    @Test func degenerateRangesGiveNoTicks() {
        #expect(Ticks.linear(1, 1).major.isEmpty)
        #expect(Ticks.linear(.nan, 1).major.isEmpty)
        #expect(Ticks.log10(-1, 10).major.isEmpty)
    }

    @Test func logMappingIsLinearInExponent() throws {
        let mapping = ScaleMapping(scale: .log10, domain: 1e-2...1e3, pixels: (start: 0, end: 500))
        #expect(abs(try #require(mapping.pixel(1)) - 200) < 1e-9)
        #expect(abs(try #require(mapping.pixel(10)) - 300) < 1e-9)
        #expect(abs(try #require(mapping.pixel(1e3)) - 500) < 1e-9)
        #expect(abs(try #require(mapping.pixel(10.0.squareRoot())) - 250) < 1e-9)
        #expect(mapping.pixel(0) == nil)
        #expect(mapping.pixel(-3) == nil)
        #expect(mapping.pixel(.nan) == nil)
        #expect(mapping.pixel(.infinity) == nil)
    }

    @Test func linearMappingCanRunBackwards() throws {
        let mapping = ScaleMapping(scale: .linear, domain: 0...2, pixels: (start: 300, end: 100))
        #expect(try #require(mapping.pixel(0.5)) == 250)
        #expect(try #require(mapping.pixel(2)) == 100)
    }
}
