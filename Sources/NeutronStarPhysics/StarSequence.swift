import Foundation
import NumericalMethods

/// The global properties of an EOS's stars: the maximum-mass star, the 1.4 M☉ star and a mass–radius curve.
public struct StarSequenceSummary: Sendable, Equatable, Codable {
    /// The maximum-mass star (its central pressure is p_max).
    public var maximumMassStar: Star
    /// The 1.4 M☉ star on the stable branch.
    public var canonicalStar: Star
    /// Stars with central pressures log-spaced up to p_max, in increasing central pressure.
    public var massRadiusCurve: [Star]
}

/// Locates the maximum mass and stars of given mass along the sequence of stars of one EOS.
public struct StarSequence: Sendable {
    /// The TOV solver (it holds the EOS and the accuracy).
    public let solver: TOVSolver
    /// Lowest central pressure of the scan and of the mass–radius curve [MeV fm⁻³].
    public let lowestCentralPressure: Double
    /// Number of points of the coarse scan in ln p_c.
    public static let scanPoints = 20

    /// The default lowest central pressure of the scan [MeV fm⁻³].
    public static let defaultLowestCentralPressure = 5.0

    public init(solver: TOVSolver, lowestCentralPressure: Double = StarSequence.defaultLowestCentralPressure) {
        self.solver = solver
        self.lowestCentralPressure = lowestCentralPressure
    }

    /// The canonical mass for R_1.4 and Λ_1.4 [M☉].
    public static let canonicalMass = 1.4

    /// The coarse scan: ``scanPoints`` stars log-spaced in p_c from the lowest central pressure up the EOS, stopping
    /// after two successive decreases of the mass past the maximum. It brackets the maximum and the stars of given
    /// mass (``summary(curvePoints:scanned:)``, ``stars(masses:scanned:maximum:including:)``).
    public func scan() throws -> [Star] {
        let lo = Foundation.log(max(lowestCentralPressure, solver.eos.transitionPressure * 1.001))
        let hi = Foundation.log(solver.eos.maximumPressure * (1 - 1e-9))
        guard hi > lo + 0.5 else {
            throw PhysicsError.maximumMassNotFound(
                reason:
                    "the EOS ends at p = \(solver.eos.maximumPressure) MeV fm^-3, too close to the lowest central pressure scanned (\(Foundation.exp(lo)))"
            )
        }
        var stars: [Star] = []
        var decreases = 0
        for i in 0..<Self.scanPoints {
            let star = try solver.star(centralPressure: Foundation.exp(lo + (hi - lo) * Double(i) / Double(Self.scanPoints - 1)))
            if let last = stars.last, star.massMsun < last.massMsun { decreases += 1 } else { decreases = 0 }
            stars.append(star)
            if decreases == 2 { break }
        }
        return stars
    }

    /// The maximum-mass star, located by Brent minimisation in ln p_c from the best scanned star (M_max to ~1e-9 relative).
    /// - Throws: `PhysicsError.maximumMassNotFound` if M(p_c) still grows at the top of the EOS table.
    public func maximumMassStar() throws -> Star {
        try maximumMassStar(scanned: scan())
    }

    func maximumMassStar(scanned stars: [Star]) throws -> Star {
        guard let k = stars.indices.max(by: { stars[$0].massMsun < stars[$1].massMsun }) else {
            throw PhysicsError.maximumMassNotFound(reason: "no stars")
        }
        guard k < stars.count - 1, k > 0 else {
            throw PhysicsError.maximumMassNotFound(
                reason: k == 0
                    ? "the mass decreases from the lowest central pressure on"
                    : "the mass still increases at the top of the EOS table (p = \(solver.eos.maximumPressure) MeV fm^-3)")
        }
        let a = Foundation.log(stars[k - 1].centralPressure), b = Foundation.log(stars[k + 1].centralPressure)
        var best = stars[k]
        do {
            // Brent from the best scanned star. The tolerance on ln p_c, 1e-4, puts M_max within ~1e-9 of the
            // maximum of M(ln p_c) (the maximum is quadratic); p_max itself is not defined better than ~1e-4 by
            // stars computed to a relative accuracy of ~1e-8.
            _ = try BrentMinimize.minimize(
                in: a, b, start: Foundation.log(stars[k].centralPressure), value: -stars[k].massMsun,
                xTolerance: Self.maximumTolerance
            ) {
                let star = try solver.star(centralPressure: Foundation.exp($0))
                if star.massMsun > best.massMsun { best = star }
                return -star.massMsun
            }
            return best
        } catch let error as NumericsError {
            throw PhysicsError.numerical("maximum-mass search: \(error)")
        }
    }

    /// Tolerance on ln p_c of the maximum-mass search.
    static let maximumTolerance = 1e-4
    /// Tolerance on ln p_c of the search for a star of given mass (R_1.4 changes by ~3e-10 km).
    static let massTolerance = 1e-9

    /// The star of the given mass [M☉] on the stable branch (below the maximum-mass central pressure).
    /// - Throws: `PhysicsError.massNotReached` at or above M_max, `.numerical` below the lightest star the solver
    ///   reaches or when a search fails.
    public func star(mass: Double, scanned: [Star]? = nil, maximum: Star? = nil) throws -> Star {
        let stars = try scanned ?? scan()
        let top = try maximum ?? maximumMassStar(scanned: stars)
        guard mass < top.massMsun else { throw PhysicsError.massNotReached(mass: mass, maximumMass: top.massMsun) }
        var branch = StableBranch(scanned: stars, maximum: top)
        try branch.extend(below: mass, solver: solver)
        guard let star = try branch.star(mass: mass, solver: solver) else {
            throw PhysicsError.numerical("no star lighter than \(mass) Msun found")
        }
        return star
    }

    /// The stars of the given masses [M☉] on the stable branch, each the root of M(ln p_c) = mass to the solver's
    /// tolerance (Brent, ln p_c to 1e-9), or nil where no such star exists: at or above M_max, or below the lightest
    /// star the solver reaches.
    ///
    /// The roots are bracketed by `scanned` (the scan M_max was found from) and `maximum`; masses below the lightest
    /// scanned star extend the branch downward once for all of them, by halving p_c until a star is light enough, the
    /// minimum of M(p_c) (~0.1 M☉, where the branch turns towards the white dwarfs) is passed, or p_c falls to 100
    /// times the surface pressure. Each mass's root depends only on its bracket, not on the other masses asked for;
    /// repeated masses are solved once. With `including` non-empty the root star is solved once more at its central
    /// pressure with the extra quantities, which are copied onto it (its M, R, k2 and Λ are those of the root search,
    /// identical with or without extras).
    /// - Throws: `PhysicsError.invalidParameter` for a mass that is not finite and positive, `.numerical` when an
    ///   integration or a root search fails.
    public func stars(masses: [Double], scanned: [Star], maximum: Star, including quantities: StarQuantities = []) throws -> [Star?] {
        for (i, mass) in masses.enumerated() where !(mass.isFinite && mass > 0) {
            throw PhysicsError.invalidParameter(name: "masses[\(i)] [Msun]", value: mass, reason: "must be finite and positive")
        }
        var branch = StableBranch(scanned: scanned, maximum: maximum)
        if let lightest = masses.min(), lightest < maximum.massMsun { try branch.extend(below: lightest, solver: solver) }
        var solved: [Double: Star?] = [:]
        return try masses.map { mass in
            if let known = solved[mass] { return known }
            var star = mass < maximum.massMsun ? try branch.star(mass: mass, solver: solver) : nil
            if let root = star, !quantities.isEmpty {
                let extended = try solver.star(centralPressure: root.centralPressure, including: quantities)
                star?.momentOfInertia = extended.momentOfInertia
                star?.baryonMassMsun = extended.baryonMassMsun
            }
            solved[mass] = star
            return star
        }
    }

    /// `count` stars with central pressures log-spaced from `lowestCentralPressure` to `highestCentralPressure`.
    public func curve(count: Int, highestCentralPressure: Double) throws -> [Star] {
        try curve(count: count, highestCentralPressure: highestCentralPressure, known: [])
    }

    /// The curve, reusing the stars of `known` whose central pressures are exactly those of curve points.
    func curve(count: Int, highestCentralPressure: Double, known: [Star]) throws -> [Star] {
        guard count >= 2 else { throw PhysicsError.invalidParameter(name: "curve points", value: Double(count), reason: "need at least 2") }
        let lo = Foundation.log(max(lowestCentralPressure, solver.eos.transitionPressure * 1.001))
        let hi = Foundation.log(highestCentralPressure)
        return try (0..<count).map { i in
            let pc =
                i == 0
                ? Foundation.exp(lo)
                : i == count - 1 ? highestCentralPressure : Foundation.exp(lo + (hi - lo) * Double(i) / Double(count - 1))
            if let star = known.first(where: { $0.centralPressure == pc }) { return star }
            return try solver.star(centralPressure: pc)
        }
    }

    /// M_max, the 1.4 M☉ star and a mass–radius curve of `curvePoints` stars up to p_max.
    public func summary(curvePoints: Int = 50) throws -> StarSequenceSummary {
        try summary(curvePoints: curvePoints, scanned: scan())
    }

    /// Whether the scanned mass still increases at the top of the EOS table (its heaviest star is the last one).
    static func risesAtTop(_ scanned: [Star]) -> Bool {
        guard let last = scanned.last else { return false }
        return scanned.dropLast().allSatisfy { $0.massMsun < last.massMsun }
    }

    /// The summary from an existing scan (``scan()``): identical to ``summary(curvePoints:)``, which scans itself.
    public func summary(curvePoints: Int, scanned stars: [Star]) throws -> StarSequenceSummary {
        let top = try maximumMassStar(scanned: stars)
        let canonical = try star(mass: Self.canonicalMass, scanned: stars, maximum: top)
        let curve =
            curvePoints > 0 ? try self.curve(count: curvePoints, highestCentralPressure: top.centralPressure, known: [stars[0], top]) : []
        return StarSequenceSummary(maximumMassStar: top, canonicalStar: canonical, massRadiusCurve: curve)
    }
}

/// The stable branch of a sequence as far as solved: stars in increasing central pressure from the lightest solved
/// one to the maximum-mass star.
struct StableBranch {
    /// The stars, in increasing central pressure; the last is the maximum-mass star.
    private(set) var stars: [Star]
    /// Whether no lighter star can be added: the minimum of M(p_c) was passed, or p_c reached its floor.
    private(set) var bottomReached = false

    /// The scanned stars below the maximum's central pressure, then the maximum.
    init(scanned: [Star], maximum: Star) {
        stars = scanned.filter { $0.centralPressure < maximum.centralPressure } + [maximum]
    }

    /// Adds lighter stars (halving p_c) until the lightest is at most `mass`, the mass stops decreasing (the
    /// minimum of M(p_c) lies behind: that star is not added), or p_c would fall to 100 times the surface pressure.
    mutating func extend(below mass: Double, solver: TOVSolver) throws {
        while !bottomReached, stars[0].massMsun > mass {
            let lower = stars[0].centralPressure / 2
            guard lower > solver.surfacePressure * 100 else { bottomReached = true; break }
            let star = try solver.star(centralPressure: lower)
            guard star.massMsun < stars[0].massMsun else { bottomReached = true; break }
            stars.insert(star, at: 0)
        }
    }

    /// The root of M(ln p_c) = mass between the first pair of neighbouring stars that brackets it, or nil when no
    /// pair does (the mass lies below the lightest star or at or above the maximum).
    func star(mass: Double, solver: TOVSolver) throws -> Star? {
        guard let j = stars.indices.dropLast().first(where: { stars[$0].massMsun <= mass && stars[$0 + 1].massMsun >= mass }) else {
            return nil
        }
        let a = Foundation.log(stars[j].centralPressure), b = Foundation.log(stars[j + 1].centralPressure)
        var solved: [Double: Star] = [a: stars[j], b: stars[j + 1]]
        do {
            let lnPc = try BrentRoot.solve(
                in: a, b, fa: stars[j].massMsun - mass, fb: stars[j + 1].massMsun - mass,
                xTolerance: StarSequence.massTolerance
            ) {
                let star = try solver.star(centralPressure: Foundation.exp($0))
                solved[$0] = star
                return star.massMsun - mass
            }
            // Brent returns a point it evaluated: reuse that star rather than solving it again.
            return try solved[lnPc] ?? solver.star(centralPressure: Foundation.exp(lnPc))
        } catch let error as NumericsError {
            throw PhysicsError.numerical("search for the \(mass) Msun star: \(error)")
        }
    }
}
