/// The small parts of content negotiation the response writer needs.
enum ContentNegotiation {
    /// Whether an `Accept-Encoding` value allows gzip (RFC 9110 §12.5.3): an explicit `gzip`/`x-gzip`
    /// with q > 0, or otherwise `*` with q > 0. `gzip;q=0` forbids it even if `*` allows.
    static func acceptsGzip(_ acceptEncoding: String?) -> Bool {
        guard let acceptEncoding else { return false }
        var gzipQuality: Double?
        var wildcardQuality: Double?
        for element in acceptEncoding.split(separator: ",") {
            let parameters = element.split(separator: ";")
            guard let coding = parameters.first?.trimmingOWS().lowercased() else { continue }
            var quality = 1.0
            for parameter in parameters.dropFirst() {
                let pair = parameter.split(separator: "=", maxSplits: 1)
                if pair.count == 2, pair[0].trimmingOWS().lowercased() == "q" {
                    quality = Double(pair[1].trimmingOWS()) ?? 0
                }
            }
            switch coding {
            case "gzip", "x-gzip": gzipQuality = quality
            case "*": wildcardQuality = quality
            default: break
            }
        }
        return (gzipQuality ?? wildcardQuality ?? 0) > 0
    }

    /// Whether a body of this `Content-Type` is worth compressing (text, JSON, XML, JavaScript, SVG, CSV).
    static func isCompressible(contentType: String?) -> Bool {
        guard let contentType else { return false }
        let mediaType = contentType.split(separator: ";").first?.trimmingOWS().lowercased() ?? ""
        return mediaType.hasPrefix("text/")
            || mediaType.hasSuffix("+json") || mediaType.hasSuffix("+xml")
            || [
                "application/json", "application/xml", "application/javascript", "application/x-ndjson",
                "image/svg+xml",
            ].contains(mediaType)
    }
}
