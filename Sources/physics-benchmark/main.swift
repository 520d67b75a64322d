// Benchmark of the physics hot paths (TOV, M_max/R_1.4 evaluation, stars at given masses with and without the moment
// of inertia and baryon mass, EOS construction and reconstruction) on SLy4.
// Reports; never asserts. Run through Benchmarks/tov/run.sh, which adds the Python baselines in the same invocation.
//
// Usage: physics-benchmark [--tolerance 1e-7] [--repeat 200] [--table FILE]
import Foundation
import NeutronStarPhysics

/// CPU time of this thread in seconds.
func cpuSeconds() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
}

/// Median CPU seconds per call of `body` over `repeat` calls (after one warm-up call).
func measure(_ repeatCount: Int, _ body: () throws -> Void) rethrows -> Double {
    try body()
    var samples: [Double] = []
    for _ in 0..<repeatCount {
        let t0 = cpuSeconds()
        try body()
        samples.append(cpuSeconds() - t0)
    }
    return samples.sorted()[samples.count / 2]
}

let arguments = Array(CommandLine.arguments.dropFirst())
func option(_ name: String) -> String? {
    guard let i = arguments.firstIndex(of: name), i + 1 < arguments.count else { return nil }
    return arguments[i + 1]
}
let tolerance = Double(option("--tolerance") ?? "") ?? 1e-7
let repeatCount = Int(option("--repeat") ?? "") ?? 200

let model = try SkyrmeEOS(parameters: .sly4)
let reference = try StarSequence(solver: TOVSolver(eos: model.eos, relativeTolerance: 1e-12)).summary(curvePoints: 0)
let solver = TOVSolver(eos: model.eos, relativeTolerance: tolerance)
let sequence = StarSequence(solver: solver)
let summary = try sequence.summary(curvePoints: 50)

if let path = option("--table") {
    // The SLy4 EOS (crust + core) for the Python baselines: n [fm^-3], eps, p [MeV fm^-3], c_s^2.
    let points = try model.eos.samples(count: 4000, highestPressure: model.eos.maximumPressure)
    var text = "# SLy4 (HP crust + Skyrme core), n_B [fm^-3], eps [MeV fm^-3], p [MeV fm^-3], c_s^2\n"
    for p in points { text += "\(p.baryonDensity) \(p.energyDensity) \(p.pressure) \(p.soundSpeedSquared)\n" }
    try text.write(toFile: path, atomically: true, encoding: .utf8)
}

let canonical = summary.canonicalStar
let oneStar = try measure(repeatCount * 5) { _ = try solver.star(centralPressure: canonical.centralPressure) }
let fullEvaluation = try measure(repeatCount) { _ = try sequence.summary(curvePoints: 50) }
let build = try measure(max(repeatCount / 4, 5)) { _ = try SkyrmeEOS(parameters: .sly4) }
let pipeline = try measure(max(repeatCount / 4, 5)) { _ = try SkyrmeStarAnalysis(parameters: .sly4, curvePoints: 0, tolerance: tolerance) }
// A likelihood's question: M_TOV, R_1.4 and the stars at three pulsar masses (the scan, the maximum, the 1.4 Msun
// star and three roots, no curve), without and with the moment of inertia and baryon mass, against the summary with
// its 50-point curve; and one star with both extras against one without.
let pulsarMasses = [1.34, 1.44, 2.07]
let extras: StarQuantities = [.momentOfInertia, .baryonMass]
func observables(_ quantities: StarQuantities) throws {
    let scanned = try sequence.scan()
    let scalars = try sequence.summary(curvePoints: 0, scanned: scanned)
    _ = try sequence.stars(masses: pulsarMasses, scanned: scanned, maximum: scalars.maximumMassStar, including: quantities)
}
let scanned = try sequence.scan()
let atMasses = try measure(repeatCount) { _ = try sequence.stars(masses: pulsarMasses, scanned: scanned, maximum: summary.maximumMassStar) }
let observablesPlain = try measure(repeatCount) { try observables([]) }
let observablesExtras = try measure(repeatCount) { try observables(extras) }
let extrasStar = try measure(repeatCount * 5) { _ = try solver.star(centralPressure: canonical.centralPressure, including: extras) }
let vector = try model.soundSpeedVector(maximumMassStar: summary.maximumMassStar)
let reconstruction = try measure(repeatCount) { _ = try ReconstructedEOS(vector: vector) }

let result: [String: Double] = [
    "tolerance": tolerance,
    "star_us": oneStar * 1e6,
    "star_steps": Double(canonical.integrationSteps),
    "star_eos_evaluations": Double(canonical.eosEvaluations),
    "full_evaluation_ms": fullEvaluation * 1e3,
    "star_with_extras_us": extrasStar * 1e6,
    "extras_cost_ratio": extrasStar / oneStar,
    "stars_at_3_masses_ms": atMasses * 1e3,
    "observables_3_masses_ms": observablesPlain * 1e3,
    "observables_3_masses_with_extras_ms": observablesExtras * 1e3,
    "full_over_observables": fullEvaluation / observablesPlain,
    "full_over_observables_with_extras": fullEvaluation / observablesExtras,
    "skyrme_eos_build_ms": build * 1e3,
    "skyrme_pipeline_ms": pipeline * 1e3,
    "reconstruction_ms": reconstruction * 1e3,
    "m_max": summary.maximumMassStar.massMsun,
    "r_14_km": canonical.radiusKm,
    "lambda_14": canonical.tidalDeformability,
    "m_max_rel_error": abs(summary.maximumMassStar.massMsun / reference.maximumMassStar.massMsun - 1),
    "r_14_rel_error": abs(canonical.radiusKm / reference.canonicalStar.radiusKm - 1),
    "lambda_14_rel_error": abs(canonical.tidalDeformability / reference.canonicalStar.tidalDeformability - 1),
]

let encoder = JSONEncoder()
encoder.outputFormatting = [.sortedKeys]
print(String(decoding: try encoder.encode(result), as: UTF8.self))
