// ModelFormat — work in progress.
