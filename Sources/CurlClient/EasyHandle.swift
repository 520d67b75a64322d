import CCurl
import Foundation

/// Owns one libcurl easy handle. Reusing it across requests keeps its connection cache,
/// so consecutive requests to the same host share a keep-alive connection.
/// Not thread-safe: `HTTPClient` serialises access with a mutex.
final class EasyHandle {
    private let handle: UnsafeMutableRawPointer
    private let errorBuffer: UnsafeMutablePointer<CChar>

    init() throws(HTTPClientError) {
        try CurlGlobal.initialise()
        guard let handle = curl_easy_init() else {
            throw .transport(curlCode: Int(CURLE_FAILED_INIT.rawValue), message: "curl_easy_init returned NULL")
        }
        self.handle = handle
        errorBuffer = .allocate(capacity: Int(CURL_ERROR_SIZE))
    }

    deinit {
        curl_easy_cleanup(handle)
        errorBuffer.deallocate()
    }

    /// Performs one attempt. Statuses ≥ 400 are returned as responses, not errors.
    func perform(
        url: String, request: HTTPRequest, configuration: HTTPClientConfiguration
    ) -> Result<(status: Int, headers: [HTTPHeader], body: Data), HTTPClientError> {
        curl_easy_reset(handle)
        errorBuffer[0] = 0
        let sink = TransferSink()
        var headerList: UnsafeMutablePointer<curl_slist>?
        defer { curl_slist_free_all(headerList) }
        for header in headerLines(request, configuration) {
            headerList = curl_slist_append(headerList, header)
        }

        let context = Unmanaged.passUnretained(sink).toOpaque()
        var code = withExtendedLifetime(sink) { () -> CURLcode in
            let setup =
                [
                    ccurl_setopt_pointer(handle, CURLOPT_ERRORBUFFER, errorBuffer),
                    ccurl_setopt_long(handle, CURLOPT_NOSIGNAL, 1),
                    ccurl_setopt_string(handle, CURLOPT_URL, url),
                    ccurl_setopt_long(handle, CURLOPT_CONNECTTIMEOUT_MS, configuration.connectTimeout.roundedUpMilliseconds),
                    ccurl_setopt_long(handle, CURLOPT_TIMEOUT_MS, configuration.totalTimeout.roundedUpMilliseconds),
                    ccurl_setopt_long(handle, CURLOPT_TCP_KEEPALIVE, 1),
                    ccurl_setopt_string(handle, CURLOPT_USERAGENT, configuration.userAgent),
                    ccurl_setopt_slist(handle, CURLOPT_HTTPHEADER, headerList),
                    configuration.acceptCompression ? ccurl_setopt_string(handle, CURLOPT_ACCEPT_ENCODING, "") : CURLE_OK,
                    ccurl_setopt_write_callback(
                        handle,
                        { data, size, count, context in
                            let sink = Unmanaged<TransferSink>.fromOpaque(context!).takeUnretainedValue()
                            sink.receiveBody(UnsafeRawBufferPointer(start: data, count: size * count))
                            return size * count
                        }, context),
                    ccurl_setopt_header_callback(
                        handle,
                        { data, size, count, context in
                            let sink = Unmanaged<TransferSink>.fromOpaque(context!).takeUnretainedValue()
                            sink.receiveHeaderLine(UnsafeRawBufferPointer(start: data, count: size * count))
                            return size * count
                        }, context),
                ] + setMethod(request)
            if let failed = setup.first(where: { $0 != CURLE_OK }) { return failed }
            return curl_easy_perform(handle)
        }

        var status = 0
        if code == CURLE_OK {
            code = ccurl_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &status)
        }
        guard code == CURLE_OK else { return .failure(error(for: code, url: url)) }
        return .success((status, sink.headers, sink.body))
    }

    /// Method and body options. POST, PUT and PATCH always send a body (empty if `nil`);
    /// libcurl copies it (CURLOPT_COPYPOSTFIELDS).
    private func setMethod(_ request: HTTPRequest) -> [CURLcode] {
        switch request.method {
        case .get:
            return [ccurl_setopt_long(handle, CURLOPT_HTTPGET, 1)]
        case .head:
            return [ccurl_setopt_long(handle, CURLOPT_NOBODY, 1)]
        case .delete where request.body == nil:
            return [ccurl_setopt_string(handle, CURLOPT_CUSTOMREQUEST, request.method.rawValue)]
        case .post, .put, .patch, .delete:
            let body = request.body ?? Data()
            var codes = [
                ccurl_setopt_long(handle, CURLOPT_POST, 1),
                ccurl_setopt_off_t(handle, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(body.count)),
                body.withUnsafeBytes { bytes in
                    "".withCString { empty in
                        ccurl_setopt_pointer(
                            handle, CURLOPT_COPYPOSTFIELDS, UnsafeMutableRawPointer(mutating: bytes.baseAddress ?? UnsafeRawPointer(empty)))
                    }
                },
            ]
            if request.method != .post {
                codes.append(ccurl_setopt_string(handle, CURLOPT_CUSTOMREQUEST, request.method.rawValue))
            }
            return codes
        }
    }

    /// Default headers, the request's own, the request id, and an empty `Expect:` that stops
    /// libcurl from waiting for `100 Continue` before sending larger bodies.
    private func headerLines(_ request: HTTPRequest, _ configuration: HTTPClientConfiguration) -> [String] {
        var lines = (configuration.headers + request.headers).map { "\($0.name): \($0.value)" }
        if let id = request.requestID {
            lines.append("\(configuration.requestIDHeader): \(id)")
        }
        lines.append("Expect:")
        return lines
    }

    private func error(for code: CURLcode, url: String) -> HTTPClientError {
        let detail = String(cString: errorBuffer)
        let message = detail.isEmpty ? String(cString: curl_easy_strerror(code)) : detail
        switch code {
        case CURLE_COULDNT_CONNECT, CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY:
            return .unreachable(url: url, message: message)
        case CURLE_OPERATION_TIMEDOUT:
            return .timeout(url: url, message: message)
        default:
            return .transport(curlCode: Int(code.rawValue), message: message)
        }
    }
}
