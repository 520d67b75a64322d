import Foundation
import NeutronStarPhysics
import Testing

/// SLy4's core as table columns (the 400 nodes of the library's core table, exact values, from p_cc up to
/// n_B = 2.5 fm⁻³; the rows above p_max ≈ 858 MeV fm⁻³ become acausal, which is allowed there).
struct Columns {
    var n: [Double], eps: [Double], p: [Double], cs2: [Double]?

    init(n: [Double], eps: [Double], p: [Double], cs2: [Double]?) {
        self.n = n; self.eps = eps; self.p = p; self.cs2 = cs2
    }

    init(_ table: EOSTable) {
        self.init(n: table.logBaryonDensity.map { exp($0) }, eps: table.energyDensity, p: table.pressure, cs2: table.soundSpeedSquared)
    }

    /// Rows `range` only.
    func rows(_ range: Range<Int>) -> Columns {
        Columns(n: Array(n[range]), eps: Array(eps[range]), p: Array(p[range]), cs2: cs2.map { Array($0[range]) })
    }

    /// `self` below `other`.
    func prepended(to other: Columns) -> Columns {
        Columns(n: n + other.n, eps: eps + other.eps, p: p + other.p, cs2: cs2.flatMap { a in other.cs2.map { a + $0 } })
    }

    func table() throws(EOSTableError) -> TabulatedEOS {
        try TabulatedEOS(baryonDensity: n, energyDensity: eps, pressure: p, soundSpeedSquared: cs2)
    }

    /// The error the table is refused with, or nil if it encodes.
    func error() -> EOSTableError? {
        do throws(EOSTableError) {
            _ = try table().encode()
            return nil
        } catch {
            return error
        }
    }
}

/// `count` rows of an EOS sampled log-uniformly in pressure from `lowest` to `highest` (what `/v1/decode` returns).
func sampled(_ eos: NeutronStarEOS, count: Int, lowest: Double = TOVSolver.defaultSurfacePressure, highest: Double) throws -> Columns {
    let s = try eos.samples(count: count, lowestPressure: lowest, highestPressure: highest)
    return Columns(n: s.map(\.baryonDensity), eps: s.map(\.energyDensity), p: s.map(\.pressure), cs2: s.map(\.soundSpeedSquared))
}

@Suite("EOS table to 107-vector (TabulatedEOS)")
struct TabulatedEOSTests {
    static func sly4() throws -> SLy4Pipeline.Result { try #require(SLy4Pipeline.thermodynamic) }

    /// The library's SLy4 core table gives SLy4's 107-vector. Both paths start from the same transition state, so
    /// n_cc, ε_cc, p_cc agree exactly. p_max comes from a new TOV maximum search on the resampled table: M(p_c) is
    /// flat there and the search stops at 1e-4 in ln p_c (``StarSequence``), so p_max and with it n_max, ε_max and
    /// the grid c_s² may move by up to ~1e-4 relative (measured: 2.4e-5); the c_s² between rows are PCHIP of exact
    /// node values 0.023 apart in ln p (measured 9e-6). Tolerance 1e-4 relative, as the exact-vector test uses.
    @Test("SLy4's core table gives SLy4's 107-vector to 1e-4 in every entry (with and without the cs2 column)")
    func sly4CoreTable() throws {
        let r = try Self.sly4()
        let core = Columns(r.model.eos.core)
        #expect(core.cs2!.contains { $0 > 1 }, "the SLy4 table goes acausal above p_max: rows above p_max may")
        let reference = try Fixtures.vector("sly4_107_exact.txt")
        for columns in [core, Columns(n: core.n, eps: core.eps, p: core.p, cs2: nil)] {
            let table = try columns.table()
            #expect(table.crustRowCount == 0 && table.soundSpeedIsComputed == (columns.cs2 == nil))
            let encoding = try table.encode()
            let v = encoding.vector.values
            #expect(Array(v[101...103]) == Array(r.vector.values[101...103]))
            for i in 0..<107 {
                #expect(abs(v[i] / r.vector.values[i] - 1) < 1e-4, "entry \(i): \(v[i]) vs \(r.vector.values[i])")
                #expect(abs(v[i] / reference[i] - 1) < 1e-4, "entry \(i) vs sly4_107_exact.txt: \(v[i]) vs \(reference[i])")
            }
            #expect(abs(encoding.maximumMassStar.massMsun - r.summary.maximumMassStar.massMsun) < 1e-6)
            #expect(encoding.maximumPressure == encoding.maximumMassStar.centralPressure)
        }
    }

    /// With a quarter of the rows (0.09 apart in ln p) the given c_s² still give the vector to 1e-4 (measured 1.2e-5);
    /// c_s² computed as dp/dε from those rows are good to 1e-3 (measured 3.7e-4, worst at the low end where the
    /// one-sided PCHIP slope is least accurate).
    @Test("A coarser SLy4 table: given c_s^2 to 1e-4, computed dp/deps to 1e-3")
    func coarseTable() throws {
        let r = try Self.sly4()
        let core = Columns(r.model.eos.core)
        let keep = Array(stride(from: 0, to: core.p.count, by: 4)) + [core.p.count - 1]
        func pick(_ a: [Double]) -> [Double] { keep.map { a[$0] } }
        for (cs2, tolerance) in [(Optional(pick(core.cs2!)), 1e-4), (nil, 1e-3)] {
            let v = try Columns(n: pick(core.n), eps: pick(core.eps), p: pick(core.p), cs2: cs2).table().encode().vector.values
            let worst = zip(v, r.vector.values).map { abs($0 / $1 - 1) }.max()!
            #expect(worst < tolerance, "worst relative deviation \(worst) (cs2 \(cs2 == nil ? "computed" : "given"))")
        }
    }

    @Test("SLy4 crust rows below the core are recognised and skipped: the same vector as the core alone")
    func crustRowsAreSkipped() throws {
        let r = try Self.sly4()
        let core = Columns(r.model.eos.core)
        let crust = try sampled(r.model.eos, count: 60, highest: r.model.transition.pressure * 0.999)
        let full = crust.prepended(to: core)
        let table = try full.table()
        #expect(table.crustRowCount == 60)
        #expect(
            table.transition
                == EOSPoint(baryonDensity: core.n[0], energyDensity: core.eps[0], pressure: core.p[0], soundSpeedSquared: core.cs2![0]))
        #expect(try table.encode().vector == core.table().encode().vector)
    }

    /// A table as `/v1/decode` returns it: surface to the centre of the maximum-mass star, log-spaced, crust
    /// included. The transition falls between rows; the first row at or above p_cc stands in for it. The table
    /// ends at p_max itself, so the maximum is found within the overshoot margin and taken at the last row.
    @Test("A decode-style table (surface to p_max, crust included): transition at the first core row, p_max at the last row")
    func decodeStyleTable() throws {
        let r = try Self.sly4()
        let pMax = r.summary.maximumMassStar.centralPressure
        for count in [200, 2000] {
            let columns = try sampled(r.model.eos, count: count, highest: pMax)
            let table = try columns.table()
            let firstCore = try #require(columns.p.firstIndex { $0 >= r.model.transition.pressure })
            #expect(table.crustRowCount == firstCore, "\(count) rows")
            let v = try table.encode().vector
            #expect(v.transitionPressure == columns.p[firstCore])
            let spacing = log(columns.p[1] / columns.p[0])
            #expect(
                v.transitionPressure >= r.model.transition.pressure && log(v.transitionPressure / r.model.transition.pressure) <= spacing)
            // p_max sits at the flat maximum of M(p_c): each search locates it to 1e-4 in ln p_c (StarSequence's
            // Brent tolerance), so two searches on two representations of one EOS agree to ~2e-4 (measured 1.5e-4).
            #expect(abs(v.maximumPressure / pMax - 1) < 3e-4, "p_max \(v.maximumPressure) vs \(pMax)")
            #expect(abs(v.maximumEnergyDensity / r.vector.maximumEnergyDensity - 1) < 3e-4)
            // c_s² at p_max is the same point of the same EOS.
            #expect(abs(v.values[100] / r.vector.values[100] - 1) < 3e-4)
        }
    }

    @Test("A table ending before the maximum-mass star is refused; one ending just past it is accepted")
    func tableMustReachTheMaximum() throws {
        let r = try Self.sly4()
        let pMax = r.summary.maximumMassStar.centralPressure
        let short = try sampled(r.model.eos, count: 100, lowest: r.model.transition.pressure, highest: 0.8 * pMax).error()
        #expect(short?.kind == .endsBeforeMaximumMass && short?.column == nil, "\(String(describing: short))")
        #expect(short?.reason.contains("before the centre of the maximum-mass star") == true)
        let veryShort = try sampled(r.model.eos, count: 20, lowest: r.model.transition.pressure, highest: 4).error()
        #expect(veryShort?.kind == .endsBeforeMaximumMass)
        // A core spanning a tiny pressure range is refused before it is resampled (a uniform grid over it with the
        // 1.6x extension above would need millions of nodes).
        let narrow = Columns(
            n: (0..<8).map { 0.1 * (1 + 1e-8 * Double($0)) }, eps: (0..<8).map { 90 * (1 + 1e-8 * Double($0)) },
            p: (0..<8).map { 0.5 * (1 + 1e-8 * Double($0)) }, cs2: nil)
        let start = ContinuousClock.now
        #expect(narrow.error()?.kind == .endsBeforeMaximumMass)
        #expect(ContinuousClock.now - start < .seconds(1))
        let crustOnly = try sampled(r.model.eos, count: 50, highest: r.model.transition.pressure * 0.99).error()
        #expect(crustOnly?.kind == .endsBeforeMaximumMass && crustOnly?.reason.contains("lie on the SLy4 crust") == true)
        let past = try sampled(r.model.eos, count: 100, lowest: r.model.transition.pressure, highest: 1.05 * pMax)
        let encoding = try past.table().encode()
        #expect(encoding.maximumPressure < 1.05 * pMax && abs(encoding.maximumPressure / pMax - 1) < 1e-4)
    }

    // MARK: validation

    static func core() throws -> Columns { Columns(try sly4().model.eos.core) }

    @Test("Row counts: fewer than 8 rows, unequal columns, a core of fewer than 8 rows")
    func rowCounts() throws {
        let core = try Self.core()
        let seven = core.rows(0..<7).error()
        #expect(seven?.kind == .rowCount && seven?.column == .pressure && seven?.reason.contains("at least 8") == true)
        var unequal = core
        unequal.eps.removeLast()
        #expect(unequal.error().map { ($0.kind, $0.column) } ?? (.stars, nil) == (.rowCount, .energyDensity))
        unequal = core
        unequal.cs2!.append(0.5)
        #expect(unequal.error()?.column == .soundSpeedSquared)
        let r = try Self.sly4()
        let crust = try sampled(r.model.eos, count: 20, highest: r.model.transition.pressure * 0.99)
        let fewCore = crust.prepended(to: core.rows(0..<5)).error()
        #expect(fewCore?.kind == .rowCount && fewCore?.reason.contains("5 core rows") == true, "\(String(describing: fewCore))")
    }

    @Test("Values must be finite, positive and at most 1e300", arguments: [0.0, -1.0, .nan, .infinity, 1e301])
    func values(bad: Double) throws {
        let core = try Self.core()
        for column in EOSTableError.Column.allCases {
            var c = core
            switch column {
            case .baryonDensity: c.n[3] = bad
            case .energyDensity: c.eps[3] = bad
            case .pressure: c.p[3] = bad
            case .soundSpeedSquared: c.cs2![3] = bad
            }
            let error = c.error()
            #expect(error?.kind == .outOfRange && error?.column == column && error?.row == 3, "\(column): \(String(describing: error))")
        }
    }

    @Test("p must increase over all rows; n_B and eps through the core")
    func increasing() throws {
        let core = try Self.core()
        var c = core
        c.p[10] = c.p[9]
        #expect(c.error().map { ($0.kind, $0.column, $0.row) } ?? (.stars, nil, nil) == (.notIncreasing, .pressure, 10))
        c = core
        c.eps[10] = c.eps[9] * 0.999
        #expect(c.error().map { ($0.kind, $0.column, $0.row) } ?? (.stars, nil, nil) == (.notIncreasing, .energyDensity, 10))
        c = core
        c.n[10] = c.n[9]
        #expect(c.error().map { ($0.kind, $0.column, $0.row) } ?? (.stars, nil, nil) == (.notIncreasing, .baryonDensity, 10))
    }

    @Test("The transition must have n_cc in [0.03, 0.13] fm^-3 and p_cc below 5 MeV fm^-3 (a foreign crust is refused)")
    func transitionRanges() throws {
        let r = try Self.sly4()
        let core = try Self.core()
        // Another crust: 1 % denser than SLy4's, so no row is recognised and the first row is taken as the transition.
        var foreign = try sampled(r.model.eos, count: 40, highest: r.model.transition.pressure * 0.99)
        foreign.eps = foreign.eps.map { $0 * 1.01 }
        let error = foreign.prepended(to: core).error()
        #expect(error?.kind == .outOfRange && error?.column == .baryonDensity && error?.row == 0)
        #expect(error?.reason.contains("[0.03, 0.13]") == true)
        // A core starting above the crust table (p_cc = 6 MeV fm^-3) with an admissible n_cc.
        var high = core.rows(0..<40)
        high.p = high.p.map { $0 + 6 }
        high.eps = high.eps.map { $0 + 100 }
        high.n = high.n.map { $0 + 0.01 }
        let highError = high.error()
        #expect(highError?.kind == .outOfRange && highError?.column == .pressure && highError?.row == 0, "\(String(describing: highError))")
    }

    @Test("c_s^2 must be at most 1 up to p_max (rows above may be acausal)")
    func causality() throws {
        let core = try Self.core()
        var c = core
        c.cs2![200] = 1.2  // p ≈ 40 MeV fm^-3, far below p_max
        let error = c.error()
        #expect(error?.kind == .outOfRange && error?.column == .soundSpeedSquared && error?.row == 200)
        #expect(error?.reason.contains("(0, 1]") == true)
    }

    @Test("A c_s^2 column inconsistent with eps(p) is refused")
    func inconsistentSoundSpeed() throws {
        let core = try Self.core()
        let keep = Array(stride(from: 0, to: core.p.count, by: 16))
        var c = Columns(
            n: keep.map { core.n[$0] }, eps: keep.map { core.eps[$0] }, p: keep.map { core.p[$0] }, cs2: keep.map { core.cs2![$0] })
        c.cs2![5] *= 0.05  // slope p/c_s² twenty times too steep: the Hermite cubic overshoots and turns back
        let error = c.error()
        #expect(error?.kind == .inconsistent && error?.column == .soundSpeedSquared, "\(String(describing: error))")
    }

    @Test("Computed c_s^2 must be positive: a kinked table whose end slope vanishes is refused")
    func computedSoundSpeedMustBePositive() throws {
        var c = try Self.core()
        c.cs2 = nil
        // Lower eps at row 0 so that the first interval spans three times the ln eps of the second: ln p then rises
        // about three times slower against ln eps there than in the next interval, and the shape-preserving end
        // slope of the monotone cubic is zero, i.e. dp/deps = 0 at row 0.
        c.eps[0] = c.eps[1] * exp(-3 * log(c.eps[2] / c.eps[1]))
        let error = c.error()
        #expect(error?.kind == .outOfRange && error?.column == .energyDensity && error?.row == 0, "\(String(describing: error))")
    }

    @Test("Descriptions name the column, row and value")
    func descriptions() {
        let error = EOSTableError(.outOfRange, column: .soundSpeedSquared, row: 4, value: 1.5, reason: "must lie in (0, 1]")
        #expect(error.description == "c_s^2[4] = 1.5 must lie in (0, 1]")
        #expect(EOSTableError(.stars, reason: "no maximum").description == "no maximum")
    }
}
