/// Failures of the numerical methods, each with the context needed to act on it.
public enum NumericsError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The root is not bracketed: f(a) and f(b) have the same sign.
    case rootNotBracketed(a: Double, b: Double, fa: Double, fb: Double)
    /// An iteration did not converge within its iteration budget.
    case noConvergence(method: String, iterations: Int)
    /// The input data are unusable (too few points, non-increasing abscissae, non-finite values).
    case invalidInput(String)
    /// The adaptive ODE step size fell below the floor (stiffness, singularity or a non-finite right-hand side).
    case stepSizeUnderflow(t: Double, step: Double)
    /// The ODE integration needed more steps than allowed.
    case tooManySteps(t: Double, steps: Int)

    public var description: String {
        switch self {
        case let .rootNotBracketed(a, b, fa, fb):
            return "root not bracketed in [\(a), \(b)]: f(a) = \(fa), f(b) = \(fb)"
        case let .noConvergence(method, iterations):
            return "\(method) did not converge in \(iterations) iterations"
        case let .invalidInput(message):
            return "invalid input: \(message)"
        case let .stepSizeUnderflow(t, step):
            return "ODE step size underflow at t = \(t) (h = \(step))"
        case let .tooManySteps(t, steps):
            return "ODE integration exceeded \(steps) steps at t = \(t)"
        }
    }
}
