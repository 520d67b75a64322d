/// A request the service refuses: the HTTP status and the error body's code, message and field.
///
/// Every error a handler of `eos-server` (and of its explorer) throws is one of these, answered by the router as
/// `{"error": {"code", "message", "field"}}` (the conformance to `MiniHTTP.HTTPError` is in EOSExplorer); unknown
/// errors become a 500 without their text. It lives here so that code outside the service (the decoded EOS's API form in EOSDecoding)
/// can refuse a result the way the service does.
public struct APIProblem: Error, Sendable, Equatable {
    /// HTTP status code, e.g. 422.
    public var status: Int
    /// The error body's code, message and field.
    public var detail: APIErrorDetail

    /// A problem with its HTTP status and error body.
    public init(status: Int, code: String, message: String, field: String? = nil) {
        self.status = status
        detail = APIErrorDetail(code: code, message: message, field: field)
    }

    /// 422 `out_of_range` for a number outside its allowed range.
    public static func outOfRange(_ field: String, value: Double, range: ClosedRange<Double>, unit: String = "") -> APIProblem {
        outOfRange(field, value: value, range: ValueRange(min: range.lowerBound, max: range.upperBound), unit: unit)
    }

    /// 422 `out_of_range` for a number outside its allowed range.
    public static func outOfRange(_ field: String, value: Double, range: ValueRange, unit: String = "") -> APIProblem {
        let suffix = unit.isEmpty ? "" : " " + unit
        return APIProblem(
            status: 422, code: "out_of_range",
            message: "\(field) = \(value)\(suffix) is outside the allowed range [\(range.min), \(range.max)]\(suffix)",
            field: field)
    }

    /// 422 `out_of_range` for an integer outside its allowed range.
    public static func outOfRange(_ field: String, value: Int, range: ClosedRange<Int>) -> APIProblem {
        APIProblem(
            status: 422, code: "out_of_range",
            message: "\(field) = \(value) is outside the allowed range [\(range.lowerBound), \(range.upperBound)]",
            field: field)
    }

    /// 404 `model_not_found`.
    public static func modelNotFound(_ name: String, served: String) -> APIProblem {
        APIProblem(status: 404, code: "model_not_found", message: "no model named '\(name)'; this server serves '\(served)'", field: "name")
    }

    /// 503 `not_ready` while the model is loading or the server drains.
    public static let notReady = APIProblem(
        status: 503, code: "not_ready", message: "the model is not ready (loading or shutting down); retry later")
}
