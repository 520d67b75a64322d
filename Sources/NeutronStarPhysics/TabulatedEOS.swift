import Foundation
import NumericalMethods

/// Why an EOS table cannot be turned into a 107-vector: what is wrong, and the column and row at fault.
public struct EOSTableError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A column of the table.
    public enum Column: String, Sendable, Equatable, CaseIterable {
        /// Baryon density n_B [fm⁻³].
        case baryonDensity = "n_B"
        /// Energy density ε [MeV fm⁻³].
        case energyDensity = "eps"
        /// Pressure p [MeV fm⁻³].
        case pressure = "p"
        /// Squared sound speed c_s² [c²].
        case soundSpeedSquared = "c_s^2"
    }

    /// What is wrong.
    public enum Kind: Sendable, Equatable {
        /// Too few rows, or columns of different lengths.
        case rowCount
        /// A value outside its allowed range (not finite, not positive, c_s² > 1, or a transition value outside
        /// the range the SLy4 crust join and the training data allow).
        case outOfRange
        /// A column that must increase strictly from row to row does not.
        case notIncreasing
        /// The columns contradict one another (the thermodynamic interpolation of ε or n_B through the given c_s²
        /// is not increasing).
        case inconsistent
        /// The table ends before the centre of the maximum-mass star.
        case endsBeforeMaximumMass
        /// The TOV sequence of the table could not be solved (no maximum found, an integration failed).
        case stars
    }

    /// What is wrong.
    public var kind: Kind
    /// The column at fault, nil for the table as a whole.
    public var column: Column?
    /// The row at fault (0-based, in the table as given, crust rows included), nil for a whole column.
    public var row: Int?
    /// The offending value, if there is one.
    public var value: Double?
    /// The explanation. With a column it reads on from "column[row] = value " (e.g. "must be finite and positive");
    /// without one it is a sentence of its own.
    public var reason: String

    public init(_ kind: Kind, column: Column? = nil, row: Int? = nil, value: Double? = nil, reason: String) {
        self.kind = kind
        self.column = column
        self.row = row
        self.value = value
        self.reason = reason
    }

    public var description: String {
        guard let column else { return reason }
        let name = column.rawValue + (row.map { "[\($0)]" } ?? "")
        return name + (value.map { " = \($0)" } ?? "") + " " + reason
    }
}

/// An EOS given as a table of rows (n_B [fm⁻³], ε [MeV fm⁻³] with rest mass, p [MeV fm⁻³] and optionally
/// c_s² = dp/dε [c²]) in increasing pressure, turned into the 107-vector the way the training data were made
/// (``SkyrmeStarAnalysis``): c_s² at 101 pressures log-spaced from p_cc to p_max, then n_cc, ε_cc, p_cc, n_max,
/// ε_max, p_max, with p_max the central pressure of the maximum-mass star of the table joined to the SLy4 crust.
///
/// **Crust and core.** Leading rows that lie on the library's SLy4 crust (``SLy4Crust``: ε and n_B within
/// ``crustTolerance`` relative of the crust at the same pressure, as in a table returned by the decoder, which
/// samples the same crust) are recognised as crust and dropped. The first remaining row is the crust–core
/// transition: its (n_B, ε, p) are (n_cc, ε_cc, p_cc), which must lie in ``transitionDensityRange`` (the training
/// filter) and ``transitionPressureRange`` (where the SLy4 crust can be joined). A core table that starts at the
/// transition is therefore used from its first row; a full table with another crust is refused at its first row.
/// Below p_cc the SLy4 crust is used, keeping the energy-density jump, as for decoded EOSs (``ReconstructedEOS``).
/// In a decoder table the transition lies between two rows: the first core row stands in for it, so p_cc moves
/// up by at most one row spacing.
///
/// **Interpolation.** Between rows, ε(ln p) and ln n_B(ln p) are cubic Hermite polynomials with the thermodynamic
/// slopes dε/d ln p = p/c_s² and d ln n/d ln p = p/((ε + p) c_s²) (as in ``EOSTable``), and c_s²(ln p) is monotone
/// cubic (PCHIP, never outside the neighbouring rows' values). Without a c_s² column, c_s² = dp/dε at each row is
/// (p/ε) d ln p/d ln ε of a monotone cubic of ln p against ln ε through the core rows. For the TOV solution the
/// core is resampled on a uniform ln p grid (``EOSTable``) and extended above the last row with constant c_s²
/// up to ``ReconstructedEOS/extensionFactor`` times its pressure, only so that a maximum at the very top of the
/// table (a decoder table ends exactly at its p_max) can be bracketed: the maximum-mass star must have its centre
/// inside the table, up to ``maximumMassOvershoot``.
public struct TabulatedEOS: Sendable {
    /// Fewest rows of the table, and of its core.
    public static let minimumRowCount = 8
    /// Largest value accepted in any column (as for a raw 107-vector).
    public static let largestValue = 1e300
    /// Relative agreement of ε and n_B with the SLy4 crust for a row to count as crust.
    public static let crustTolerance = 1e-5
    /// Allowed crust–core transition densities n_cc [fm⁻³]: the training data's filter.
    public static let transitionDensityRange = SkyrmeStarAnalysis.transitionDensityRange
    /// Allowed transition pressures p_cc [MeV fm⁻³]: inside the SLy4 crust table, which is joined below p_cc.
    public static var transitionPressureRange: ClosedRange<Double> {
        SLy4Crust.table.pressureRange.lowerBound...SLy4Crust.tableTopPressure
    }
    /// How far (relative) the maximum-mass star's central pressure may lie above the last row. A decoder table ends
    /// at its own p_max; solving the maximum again on the interpolated table moves it by ~1e-4 or less (SLy4: 2e-5),
    /// so it may land just above the last row. Within this margin p_max is taken as the last row's pressure: M(p_c)
    /// is flat there, and a 1 % offset in p_c changes M by only ~2e-5 M☉.
    public static let maximumMassOvershoot = 0.01

    /// Leading rows recognised as SLy4 crust and dropped.
    public let crustRowCount: Int
    /// The core rows, from the crust–core transition up, with c_s² given or computed.
    public let core: [EOSPoint]
    /// Whether c_s² was computed from the table (no c_s² column given).
    public let soundSpeedIsComputed: Bool
    /// The SLy4 crust joined at p_cc to the resampled core (extended above the last row; see the type's notes).
    public let eos: NeutronStarEOS

    /// ε(ln p), ln n(ln p) and c_s²(ln p) through the core rows.
    let energyDensityInterpolant: PiecewiseCubic
    let logDensityInterpolant: PiecewiseCubic
    let soundSpeedInterpolant: PiecewiseCubic

    /// Validates the columns, separates crust from core and builds the EOS.
    ///
    /// - Parameters:
    ///   - baryonDensity, energyDensity, pressure: the columns, in increasing pressure.
    ///   - soundSpeedSquared: the c_s² column, or nil to compute dp/dε from the table.
    ///   - nodesPerUnitLogPressure: resolution of the resampled core for the TOV solver.
    /// - Throws: ``EOSTableError`` naming the column and row: fewer than ``minimumRowCount`` rows or unequal
    ///   lengths; a value not finite, not positive or above ``largestValue``; p not strictly
    ///   increasing; a transition outside its ranges; a core of fewer than ``minimumRowCount`` rows; a table ending
    ///   too low for any maximum-mass star (`.endsBeforeMaximumMass`); n_B or ε not strictly increasing through the
    ///   core; c_s² inconsistent with ε(p).
    public init(
        baryonDensity: [Double], energyDensity: [Double], pressure: [Double], soundSpeedSquared: [Double]?,
        nodesPerUnitLogPressure: Int = 100
    ) throws(EOSTableError) {
        let count = pressure.count
        guard count >= Self.minimumRowCount else {
            throw EOSTableError(
                .rowCount, column: .pressure,
                reason: "has \(count) rows; at least \(Self.minimumRowCount) are needed")
        }
        let given: [(EOSTableError.Column, [Double])] =
            [(.baryonDensity, baryonDensity), (.energyDensity, energyDensity), (.pressure, pressure)]
            + (soundSpeedSquared.map { [(.soundSpeedSquared, $0)] } ?? [])
        for (column, values) in given where values.count != count {
            throw EOSTableError(
                .rowCount, column: column, reason: "has \(values.count) rows but p has \(count); all columns need the same length")
        }
        for (column, values) in given {
            for (row, value) in values.enumerated() where !(value.isFinite && value > 0 && value <= Self.largestValue) {
                throw EOSTableError(
                    .outOfRange, column: column, row: row, value: value,
                    reason: "must be finite and positive (allowed range (0, \(Self.largestValue)])")
            }
        }
        for row in 1..<count where !(pressure[row] > pressure[row - 1]) {
            throw EOSTableError(
                .notIncreasing, column: .pressure, row: row, value: pressure[row],
                reason: "must exceed the previous row's \(pressure[row - 1]) (rows in strictly increasing pressure)")
        }

        // Crust rows: a leading run on the SLy4 crust.
        var first = 0
        while first < count,
            Self.isOnCrust(pressure: pressure[first], energyDensity: energyDensity[first], baryonDensity: baryonDensity[first])
        {
            first += 1
        }
        crustRowCount = first
        guard first < count else {
            throw EOSTableError(
                .endsBeforeMaximumMass,
                reason:
                    "all \(count) rows lie on the SLy4 crust (the table ends at p = \(pressure[count - 1]) MeV fm^-3); the core up to the maximum-mass star is missing"
            )
        }
        let nCC = baryonDensity[first], pCC = pressure[first]
        let transitionNote =
            first == 0
            ? "the crust-core transition (the first row)"
            : "the crust-core transition (the first row not on the SLy4 crust; rows 0...\(first - 1) are crust)"
        guard Self.transitionDensityRange.contains(nCC) else {
            throw EOSTableError(
                .outOfRange, column: .baryonDensity, row: first, value: nCC,
                reason:
                    "is n_cc at \(transitionNote) and must lie in [\(Self.transitionDensityRange.lowerBound), \(Self.transitionDensityRange.upperBound)] fm^-3; "
                    + "send the core from the crust-core transition up, or a full table whose crust is the SLy4 crust (as /v1/decode returns)"
            )
        }
        let pRange = Self.transitionPressureRange
        guard pCC > pRange.lowerBound, pCC < pRange.upperBound else {
            throw EOSTableError(
                .outOfRange, column: .pressure, row: first, value: pCC,
                reason:
                    "is p_cc at \(transitionNote) and must lie in (\(pRange.lowerBound), \(pRange.upperBound)) MeV fm^-3, where the SLy4 crust is joined"
            )
        }
        let coreCount = count - first
        guard coreCount >= Self.minimumRowCount else {
            throw EOSTableError(
                .rowCount, column: .pressure,
                reason:
                    "holds \(coreCount) core rows (rows \(first)...\(count - 1), from the crust-core transition up); at least \(Self.minimumRowCount) are needed"
            )
        }
        // The maximum-mass search scans central pressures from `defaultLowestCentralPressure` (or just above p_cc)
        // over at least 0.5 in ln p_c, up to the top of the extended core: a table ending lower cannot reach the
        // maximum. (Checked before resampling, which would otherwise need a tiny step for a tiny pressure range.)
        let lowest = max(StarSequence.defaultLowestCentralPressure, pCC * 1.001)
        guard Foundation.log(pressure[count - 1] * ReconstructedEOS.extensionFactor) > Foundation.log(lowest) + 0.5 else {
            throw EOSTableError(
                .endsBeforeMaximumMass,
                reason: "the table ends at p = \(pressure[count - 1]) MeV fm^-3, before the centre of the maximum-mass star: "
                    + "the stars are searched from p_c = \(lowest) MeV fm^-3 up, and the table must reach well above that")
        }
        for row in (first + 1)..<count {
            if !(energyDensity[row] > energyDensity[row - 1]) {
                throw EOSTableError(
                    .notIncreasing, column: .energyDensity, row: row, value: energyDensity[row],
                    reason: "must exceed the previous row's \(energyDensity[row - 1]) (eps increases strictly through the core)")
            }
            if !(baryonDensity[row] > baryonDensity[row - 1]) {
                throw EOSTableError(
                    .notIncreasing, column: .baryonDensity, row: row, value: baryonDensity[row],
                    reason: "must exceed the previous row's \(baryonDensity[row - 1]) (n_B increases strictly through the core)")
            }
        }

        let p = Array(pressure[first...]), eps = Array(energyDensity[first...]), n = Array(baryonDensity[first...])
        let lnP = p.map { Foundation.log($0) }
        let cs2: [Double]
        if let given = soundSpeedSquared {
            cs2 = Array(given[first...])
        } else {
            cs2 = try Self.computedSoundSpeed(pressure: p, energyDensity: eps, firstRow: first)
        }
        soundSpeedIsComputed = soundSpeedSquared == nil
        core = (0..<coreCount).map { EOSPoint(baryonDensity: n[$0], energyDensity: eps[$0], pressure: p[$0], soundSpeedSquared: cs2[$0]) }
        do {
            energyDensityInterpolant = try PiecewiseCubic(x: lnP, y: eps, slopes: (0..<coreCount).map { p[$0] / cs2[$0] })
            logDensityInterpolant = try PiecewiseCubic(
                x: lnP, y: n.map { Foundation.log($0) },
                slopes: (0..<coreCount).map { p[$0] / ((eps[$0] + p[$0]) * cs2[$0]) })
            soundSpeedInterpolant = try MonotoneCubic.interpolant(x: lnP, y: cs2)
        } catch {
            throw EOSTableError(.inconsistent, reason: "the table cannot be interpolated: \(error)")
        }
        eos = try Self.resampledEOS(
            lnP: lnP, firstRow: first, energy: energyDensityInterpolant, logDensity: logDensityInterpolant,
            soundSpeed: soundSpeedInterpolant, computed: soundSpeedSquared == nil,
            nodesPerUnitLogPressure: nodesPerUnitLogPressure)
    }

    /// The crust–core transition: the first core row (n_cc, ε_cc, p_cc, c_s²).
    public var transition: EOSPoint { core[0] }
    /// The pressure of the last row [MeV fm⁻³].
    public var topPressure: Double { core[core.count - 1].pressure }

    /// The core interpolated at pressure p between p_cc and the last row [MeV fm⁻³].
    /// - Throws: ``EOSTableError`` (`.outOfRange`, column p) outside the core rows.
    public func corePoint(pressure p: Double) throws(EOSTableError) -> EOSPoint {
        guard p.isFinite, p >= transition.pressure * (1 - 1e-12), p <= topPressure * (1 + 1e-12) else {
            throw EOSTableError(
                .outOfRange, column: .pressure, value: p,
                reason: "is outside the core rows [\(transition.pressure), \(topPressure)] MeV fm^-3")
        }
        let z = Foundation.log(p)
        return EOSPoint(
            baryonDensity: Foundation.exp(logDensityInterpolant.value(at: z)), energyDensity: energyDensityInterpolant.value(at: z),
            pressure: p, soundSpeedSquared: soundSpeedInterpolant.value(at: z))
    }

    /// The table's 107-vector and its maximum-mass star.
    public struct Encoding: Sendable {
        /// The 107-vector: c_s² at the 101 grid pressures (interpolated between rows), then the first core row's
        /// (n_cc, ε_cc, p_cc), then (n_max, ε_max, p_max) interpolated at p_max.
        public var vector: SoundSpeedVector
        /// The maximum-mass star of the table joined to the SLy4 crust.
        public var maximumMassStar: Star
        /// p_max [MeV fm⁻³]: the maximum-mass star's central pressure, or the last row's pressure when that star
        /// lies above it by less than ``TabulatedEOS/maximumMassOvershoot``.
        public var maximumPressure: Double
    }

    /// Solves the maximum-mass star of the table (joined to the SLy4 crust) and builds the 107-vector.
    ///
    /// - Parameter relativeTolerance: TOV accuracy (the default, 1e-6, is the decoder's; M_max to ~1e-7).
    /// - Throws: ``EOSTableError``: `.endsBeforeMaximumMass` when M still grows at the last row (beyond
    ///   ``maximumMassOvershoot``); `.outOfRange` when c_s² > 1 at a row up to p_max or between rows at a grid
    ///   pressure (the training data are causal up to p_max; rows above it may be acausal); `.stars` when the
    ///   sequence cannot be solved.
    public func encode(relativeTolerance: Double = 1e-6) throws(EOSTableError) -> Encoding {
        let sequence = StarSequence(solver: TOVSolver(eos: eos, relativeTolerance: relativeTolerance))
        let top = topPressure
        let tooShort = "the table ends at p = \(top) MeV fm^-3, before the centre of the maximum-mass star"
        let star: Star
        do {
            let scanned = try sequence.scan()
            if StarSequence.risesAtTop(scanned), let heaviest = scanned.last {
                throw EOSTableError(
                    .endsBeforeMaximumMass,
                    reason:
                        "\(tooShort): M(p_c) still increases at p_c = \(heaviest.centralPressure) MeV fm^-3 (M = \(heaviest.massMsun) Msun), even with c_s^2 held constant above the last row"
                )
            }
            star = try sequence.maximumMassStar(scanned: scanned)
        } catch let error as EOSTableError {
            throw error
        } catch {
            throw EOSTableError(.stars, reason: "the stars of the table could not be solved: \(error)")
        }
        guard star.centralPressure <= top * (1 + Self.maximumMassOvershoot) else {
            throw EOSTableError(
                .endsBeforeMaximumMass,
                reason:
                    "\(tooShort): with c_s^2 held constant above the last row the maximum mass \(star.massMsun) Msun is reached at p_c = \(star.centralPressure) MeV fm^-3; extend the table past it"
            )
        }
        let pMax = min(star.centralPressure, top)
        // Causality up to p_max, as the training data were filtered (rows above p_max may be acausal).
        let column: EOSTableError.Column = soundSpeedIsComputed ? .energyDensity : .soundSpeedSquared
        for (index, row) in core.enumerated() where row.pressure <= pMax && row.soundSpeedSquared > 1 {
            throw EOSTableError(
                .outOfRange, column: column, row: crustRowCount + index,
                value: soundSpeedIsComputed ? row.energyDensity : row.soundSpeedSquared,
                reason: (soundSpeedIsComputed ? "gives c_s^2 = dp/deps = \(row.soundSpeedSquared) (computed from the table); " : "")
                    + "c_s^2 must lie in (0, 1] up to p_max = \(pMax) MeV fm^-3, the centre of the maximum-mass star (a causal EOS)")
        }
        let grid = SoundSpeedVector.gridPressures(transitionPressure: transition.pressure, maximumPressure: pMax)
        let cs2 = grid.map { soundSpeedInterpolant.value(at: Foundation.log($0)) }
        if let i = cs2.firstIndex(where: { $0 > 1 }) {
            let row = crustRowCount + intervalIndex(of: Foundation.log(grid[i]), in: core.map { Foundation.log($0.pressure) })
            throw EOSTableError(
                .outOfRange, column: column, row: row + 1,
                reason:
                    "is acausal and makes c_s^2 interpolated at p = \(grid[i]) MeV fm^-3 (below p_max = \(pMax)) \(cs2[i]) > 1; c_s^2 must lie in (0, 1] up to p_max"
            )
        }
        let centre = try corePoint(pressure: pMax)
        do {
            let vector = try SoundSpeedVector(
                values: cs2 + [
                    transition.baryonDensity, transition.energyDensity, transition.pressure,
                    centre.baryonDensity, centre.energyDensity, pMax,
                ])
            return Encoding(vector: vector, maximumMassStar: star, maximumPressure: pMax)
        } catch {
            throw EOSTableError(.stars, reason: "the 107-vector of the table is not valid: \(error)")
        }
    }

    /// Whether a row lies on the SLy4 crust (ε and n_B within ``crustTolerance``).
    static func isOnCrust(pressure p: Double, energyDensity e: Double, baryonDensity n: Double) -> Bool {
        guard let point = try? SLy4Crust.table.point(pressure: p) else { return false }
        return abs(e / point.energyDensity - 1) <= crustTolerance && abs(n / point.baryonDensity - 1) <= crustTolerance
    }

    /// c_s² = dp/dε = (p/ε) d ln p/d ln ε at the core rows, from a monotone cubic of ln p against ln ε.
    static func computedSoundSpeed(pressure p: [Double], energyDensity eps: [Double], firstRow: Int) throws(EOSTableError) -> [Double] {
        let slopes: [Double]
        do {
            slopes = try MonotoneCubic.interpolant(x: eps.map { Foundation.log($0) }, y: p.map { Foundation.log($0) }).slopes
        } catch {
            throw EOSTableError(.inconsistent, reason: "c_s^2 = dp/deps cannot be computed from the table: \(error)")
        }
        var cs2 = [Double](repeating: 0, count: p.count)
        for i in p.indices {
            cs2[i] = p[i] / eps[i] * slopes[i]
            guard cs2[i].isFinite, cs2[i] > 0 else {
                throw EOSTableError(
                    .outOfRange, column: .energyDensity, row: firstRow + i, value: eps[i],
                    reason:
                        "gives c_s^2 = dp/deps = \(cs2[i]) at this row (computed from the table, as no c_s^2 column was given); it must be positive"
                )
            }
        }
        return cs2
    }

    /// The SLy4 crust joined to the core resampled on a uniform ln p grid (p_cc and the last row on nodes) and
    /// extended above the last row with constant c_s², where ε and n_B follow in closed form:
    /// ε = ε_top + (p − p_top)/c_s², n = n_top ((ε + p)/(ε_top + p_top))^(1/(1 + c_s²)).
    static func resampledEOS(
        lnP: [Double], firstRow: Int, energy: PiecewiseCubic, logDensity: PiecewiseCubic,
        soundSpeed: PiecewiseCubic, computed: Bool, nodesPerUnitLogPressure: Int
    ) throws(EOSTableError) -> NeutronStarEOS {
        let start = lnP[0], end = lnP[lnP.count - 1]
        let inside = max(Int(((end - start) * Double(max(nodesPerUnitLogPressure, 1))).rounded(.up)), 8)
        let step = (end - start) / Double(inside)
        let above = Int((Foundation.log(ReconstructedEOS.extensionFactor) / step).rounded(.up))
        let total = inside + above + 1
        var eps = [Double](repeating: 0, count: total)
        var n = eps, cs2 = eps, slope = eps
        for i in 0...inside {
            let z = i == inside ? end : start + Double(i) * step
            eps[i] = energy.value(at: z)
            n[i] = Foundation.exp(logDensity.value(at: z))
            cs2[i] = soundSpeed.value(at: z)
            slope[i] = i == inside ? 0 : soundSpeed.derivative(at: z)
            if i > 0, !(eps[i] > eps[i - 1] && n[i] > n[i - 1]) {
                let row = firstRow + intervalIndex(of: z, in: lnP)
                let what = eps[i] > eps[i - 1] ? "n_B" : "eps"
                throw EOSTableError(
                    .inconsistent, column: computed ? .energyDensity : .soundSpeedSquared, row: row,
                    reason: computed
                        ? "and the next row make the interpolated \(what)(p) decrease; the table is not smooth enough to compute c_s^2 = dp/deps"
                        : "is inconsistent with eps and p: interpolated with the slopes p/c_s^2, \(what)(p) decreases between rows \(row) and \(row + 1); c_s^2 must be dp/deps of the table"
                )
            }
        }
        let pTop = Foundation.exp(end), eTop = eps[inside], nTop = n[inside], cTop = cs2[inside]
        for i in (inside + 1)..<total {
            let p = Foundation.exp(start + Double(i) * step)
            eps[i] = eTop + (p - pTop) / cTop
            n[i] = nTop * Foundation.pow((eps[i] + p) / (eTop + pTop), 1 / (1 + cTop))
            cs2[i] = cTop
        }
        do {
            let core = try EOSTable(
                logPressureStart: start, logPressureStep: step, energyDensity: eps, baryonDensity: n,
                soundSpeedSquared: cs2, soundSpeedSquaredSlope: slope)
            return try NeutronStarEOS(crust: SLy4Crust.table, core: core)
        } catch {
            throw EOSTableError(.inconsistent, reason: "the resampled core is not a valid EOS table: \(error)")
        }
    }
}
