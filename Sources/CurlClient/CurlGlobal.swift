import CCurl

/// Process-wide libcurl initialisation. Swift initialises a static `let` exactly once, on
/// first use, in a thread-safe way, so `curl_global_init` runs once however many clients
/// are created concurrently. libcurl stays initialised for the life of the process.
enum CurlGlobal {
    private static let initCode: UInt32 = ccurl_global_init().rawValue

    static func initialise() throws(HTTPClientError) {
        guard initCode == CURLE_OK.rawValue else {
            throw .transport(curlCode: Int(initCode), message: "curl_global_init failed")
        }
    }
}
