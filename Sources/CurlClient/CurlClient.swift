// CurlClient — work in progress.
