// MiniHTTP — work in progress.
