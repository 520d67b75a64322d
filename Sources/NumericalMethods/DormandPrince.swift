import Foundation

/// Adaptive Dormand–Prince 5(4) Runge–Kutta integrator with error control, FSAL and
/// 4th-order dense output (Dormand & Prince 1980; dense output of Hairer, Nørsett & Wanner).
///
/// The state is a SIMD vector of doubles, so the hot loop allocates nothing. Unused lanes
/// should be kept at zero: the error norm is the maximum over lanes of
/// |err_i| / (absoluteTolerances_i + relativeTolerance * max(|y_i|, |y_new,i|)).
public struct DormandPrince<State: SIMD & Sendable>: Sendable where State.Scalar == Double {
    /// Relative error tolerance per step.
    public var relativeTolerance: Double
    /// Absolute error tolerance per step, per lane.
    public var absoluteTolerances: State
    /// Absolute error tolerance per step (setting it sets every lane; reading it gives the largest lane).
    public var absoluteTolerance: Double {
        get { absoluteTolerances.max() }
        set { absoluteTolerances = State(repeating: newValue) }
    }
    /// Maximum number of accepted plus rejected steps before giving up.
    public var maxSteps: Int

    public init(relativeTolerance: Double = 1e-8, absoluteTolerance: Double = 1e-14, maxSteps: Int = 100_000) {
        self.relativeTolerance = relativeTolerance
        self.absoluteTolerances = State(repeating: absoluteTolerance)
        self.maxSteps = maxSteps
    }

    /// An integrator with a separate absolute tolerance for each lane (for lanes whose values pass near zero
    /// while only their absolute accuracy matters).
    public init(relativeTolerance: Double, absoluteTolerances: State, maxSteps: Int = 100_000) {
        self.relativeTolerance = relativeTolerance
        self.absoluteTolerances = absoluteTolerances
        self.maxSteps = maxSteps
    }

    /// The outcome of an integration.
    public struct Solution: Sendable {
        /// The state at the end point.
        public var state: State
        /// Accepted steps.
        public var acceptedSteps: Int
        /// Rejected steps.
        public var rejectedSteps: Int
        /// Right-hand-side evaluations.
        public var evaluations: Int
        /// The step size the controller proposed for a next step (to continue an integration).
        public var nextStep: Double

        @inlinable init(state: State, acceptedSteps: Int, rejectedSteps: Int, evaluations: Int, nextStep: Double) {
            self.state = state
            self.acceptedSteps = acceptedSteps
            self.rejectedSteps = rejectedSteps
            self.evaluations = evaluations
            self.nextStep = nextStep
        }
    }

    /// One accepted step with its continuous extension, for evaluating the solution inside the step.
    public struct DenseStep: Sendable {
        /// Start and end of the step.
        public let t0: Double, t1: Double
        @usableFromInline let r1: State, r2: State, r3: State, r4: State, r5: State

        @inlinable init(t0: Double, t1: Double, r1: State, r2: State, r3: State, r4: State, r5: State) {
            self.t0 = t0; self.t1 = t1
            self.r1 = r1; self.r2 = r2; self.r3 = r3; self.r4 = r4; self.r5 = r5
        }

        /// The 4th-order interpolated state at t in [t0, t1].
        @inlinable public func state(at t: Double) -> State {
            let theta = (t - t0) / (t1 - t0)
            let theta1 = 1 - theta
            return r1 + theta * (r2 + theta1 * (r3 + theta * (r4 + theta1 * r5)))
        }
    }

    /// Integrates dy/dt = f(t, y) from t0 to t1 (either direction).
    ///
    /// - Parameters:
    ///   - initialStep: a first step size guess (its sign is ignored); estimated when nil.
    ///   - onStep: called after every accepted step with its dense output.
    /// - Throws: `NumericsError.stepSizeUnderflow`, `.tooManySteps`, or what `f` throws.
    ///   A non-finite right-hand side is treated as a failed step (the step shrinks); if it persists the
    ///   integration fails with `.stepSizeUnderflow` instead of returning NaN.
    @inlinable
    public func integrate(
        from t0: Double, to t1: Double, initial y0: State,
        initialStep: Double? = nil,
        onStep: ((DenseStep) throws -> Void)? = nil,
        _ f: (Double, State) throws -> State
    ) throws -> Solution {
        let direction: Double = t1 >= t0 ? 1 : -1
        var t = t0
        var y = y0
        var k1 = try f(t, y)
        var evaluations = 1
        var h: Double
        if let guess = initialStep, guess != 0, guess.isFinite {
            h = abs(guess)
        } else {
            h = try initialStepGuess(t0: t0, y0: y0, f0: k1, direction: direction, f)
            evaluations += 1
        }
        var accepted = 0, rejected = 0
        var lastRejected = false
        let span = abs(t1 - t0)
        if span == 0 {
            return Solution(state: y, acceptedSteps: 0, rejectedSteps: 0, evaluations: evaluations, nextStep: h)
        }
        while true {
            if accepted + rejected >= maxSteps {
                throw NumericsError.tooManySteps(t: t, steps: maxSteps)
            }
            let remaining = abs(t1 - t)
            var last = false
            if h >= remaining * (1 - 1e-12) { h = remaining; last = true }
            let minStep = 16 * Double.ulpOfOne * max(abs(t), 1e-300)
            if h < minStep {
                throw NumericsError.stepSizeUnderflow(t: t, step: h)
            }
            let hs = direction * h
            let k2 = try f(t + 0.2 * hs, y + (hs * 0.2) * k1)
            var acc: State = (3.0 / 40) * k1
            acc += (9.0 / 40) * k2
            let k3 = try f(t + 0.3 * hs, y + hs * acc)
            acc = (44.0 / 45) * k1
            acc -= (56.0 / 15) * k2
            acc += (32.0 / 9) * k3
            let k4 = try f(t + 0.8 * hs, y + hs * acc)
            acc = (19372.0 / 6561) * k1
            acc -= (25360.0 / 2187) * k2
            acc += (64448.0 / 6561) * k3
            acc -= (212.0 / 729) * k4
            let k5 = try f(t + (8.0 / 9) * hs, y + hs * acc)
            acc = (9017.0 / 3168) * k1
            acc -= (355.0 / 33) * k2
            acc += (46732.0 / 5247) * k3
            acc += (49.0 / 176) * k4
            acc -= (5103.0 / 18656) * k5
            let k6 = try f(t + hs, y + hs * acc)
            acc = (35.0 / 384) * k1
            acc += (500.0 / 1113) * k3
            acc += (125.0 / 192) * k4
            acc -= (2187.0 / 6784) * k5
            acc += (11.0 / 84) * k6
            let yNew = y + hs * acc
            let tNew = last ? t1 : t + hs
            let k7 = try f(tNew, yNew)
            evaluations += 6
            acc = (71.0 / 57600) * k1
            acc -= (71.0 / 16695) * k3
            acc += (71.0 / 1920) * k4
            acc -= (17253.0 / 339200) * k5
            acc += (22.0 / 525) * k6
            acc -= (1.0 / 40) * k7
            let errVec = hs * acc
            var err = 0.0
            var finite = true
            for i in 0..<State.scalarCount {
                let scale = absoluteTolerances[i] + relativeTolerance * max(abs(y[i]), abs(yNew[i]))
                let e = abs(errVec[i]) / scale
                if !e.isFinite || !yNew[i].isFinite || !k7[i].isFinite { finite = false }
                err = max(err, e)
            }
            if !finite {
                rejected += 1
                lastRejected = true
                h *= 0.25
                continue
            }
            if err <= 1 {
                if let onStep {
                    let r2: State = yNew - y
                    let r3: State = hs * k1 - r2
                    let r4: State = r2 - hs * k7 - r3
                    var d: State = (-12715105075.0 / 11282082432) * k1
                    d += (87487479700.0 / 32700410799) * k3
                    d += (-10690763975.0 / 1880347072) * k4
                    d += (701980252875.0 / 199316789632) * k5
                    d += (-1453857185.0 / 822651844) * k6
                    d += (69997945.0 / 29380423) * k7
                    let r5: State = hs * d
                    try onStep(DenseStep(t0: t, t1: tNew, r1: y, r2: r2, r3: r3, r4: r4, r5: r5))
                }
                t = tNew
                y = yNew
                k1 = k7
                accepted += 1
                var factor = err == 0 ? 5 : min(5, max(0.2, 0.9 * pow5Inverse(err)))
                if lastRejected { factor = min(factor, 1) }
                lastRejected = false
                let proposed = h * factor
                if last {
                    return Solution(
                        state: y, acceptedSteps: accepted, rejectedSteps: rejected,
                        evaluations: evaluations, nextStep: proposed)
                }
                h = proposed
            } else {
                rejected += 1
                lastRejected = true
                h *= max(0.2, 0.9 * pow5Inverse(err))
            }
        }
    }

    /// Hairer's starting step estimate.
    @inlinable
    func initialStepGuess(
        t0: Double, y0: State, f0: State, direction: Double,
        _ f: (Double, State) throws -> State
    ) throws -> Double {
        var d0 = 0.0, d1 = 0.0
        for i in 0..<State.scalarCount {
            let sc = absoluteTolerances[i] + relativeTolerance * abs(y0[i])
            d0 = max(d0, abs(y0[i]) / sc)
            d1 = max(d1, abs(f0[i]) / sc)
        }
        let h0 = (d0 < 1e-5 || d1 < 1e-5) ? 1e-6 : 0.01 * d0 / d1
        let f1 = try f(t0 + direction * h0, y0 + (direction * h0) * f0)
        var d2 = 0.0
        for i in 0..<State.scalarCount {
            let sc = absoluteTolerances[i] + relativeTolerance * abs(y0[i])
            d2 = max(d2, abs(f1[i] - f0[i]) / sc / h0)
        }
        let dm = max(d1, d2)
        let h1 = dm <= 1e-15 ? max(1e-6, h0 * 1e-3) : pow5Inverse(dm / 0.01)
        let h = min(100 * h0, h1)
        return h.isFinite && h > 0 ? h : 1e-6
    }
}

/// x^(-1/5) for x > 0.
@inlinable func pow5Inverse(_ x: Double) -> Double {
    Foundation.exp(-0.2 * Foundation.log(x))
}
