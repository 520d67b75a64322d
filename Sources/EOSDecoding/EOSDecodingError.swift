import NeuralNetwork
import NeutronStarPhysics

/// Why a latent point could not be decoded into an EOS and its stars. Every case says which stage failed;
/// decoding never signals failure with NaN.
public enum EOSDecodingError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The request itself is unusable (non-finite value, wrong number of z values…).
    case invalidRequest(String)
    /// The network rejected its input.
    case network(NeuralNetworkError)
    /// The decoded 107-vector is not a valid EOS vector (e.g. p_max ≤ p_cc).
    case invalidVector(PhysicsError)
    /// The EOS could not be rebuilt from the decoded vector (e.g. p_cc outside the crust table).
    case reconstruction(PhysicsError)
    /// The TOV sequence failed (no maximum mass inside the EOS, no 1.4 M☉ star, integration failure).
    case stars(PhysicsError)
    /// An observable was asked at a baryon density [fm⁻³] outside the decoded EOS (`index` in the request's list).
    case densityOutsideTable(index: Int, value: Double, range: ClosedRange<Double>)
    /// Exact conditioning found no decoder input that gives the requested M_max and R_1.4 (see
    /// ``EOSDecoder/decodeExactly(_:conditioning:)``).
    case conditioningFailed(String)

    public var description: String {
        switch self {
        case let .invalidRequest(reason): return "invalid decoding request: \(reason)"
        case let .network(error): return "network: \(error)"
        case let .invalidVector(error): return "decoded vector is not a valid EOS: \(error)"
        case let .reconstruction(error): return "EOS reconstruction failed: \(error)"
        case let .stars(error): return "TOV solution failed: \(error)"
        case let .conditioningFailed(reason): return "exact conditioning failed: \(reason)"
        case let .densityOutsideTable(_, value, range):
            return
                "baryon density \(value) fm^-3 lies outside the decoded EOS (\(range.lowerBound)...\(range.upperBound) fm^-3, up to the centre of the maximum-mass star)"
        }
    }

    /// A short machine-readable name of the failing stage (`invalid_request`, `network`, `invalid_vector`,
    /// `reconstruction`, `stars`, `observables`, `conditioning`).
    public var stage: String {
        switch self {
        case .invalidRequest: return "invalid_request"
        case .network: return "network"
        case .invalidVector: return "invalid_vector"
        case .reconstruction: return "reconstruction"
        case .stars: return "stars"
        case .densityOutsideTable: return "observables"
        case .conditioningFailed: return "conditioning"
        }
    }
}
