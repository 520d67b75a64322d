#!/usr/bin/env bash
# `swift test`, after making sure the one system package the build needs is present: libcurl's headers
# (libcurl4-openssl-dev, for the CCurl module of eos-client and its tests). Missing and run as root on
# Debian/Ubuntu: installs it; otherwise stops at once with the line to run. Arguments go to `swift test`.
set -euo pipefail
cd "$(dirname "$0")/.."

have_curl_headers() {
    compgen -G '/usr/include/curl/curl.h' >/dev/null || compgen -G '/usr/include/*/curl/curl.h' >/dev/null
}

if ! have_curl_headers; then
    if [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null; then
        echo "test.sh: installing libcurl4-openssl-dev (libcurl's headers, needed to build eos-client)" >&2
        export DEBIAN_FRONTEND=noninteractive
        apt-get install -y -q libcurl4-openssl-dev >&2 || { apt-get update -q >&2 && apt-get install -y -q libcurl4-openssl-dev >&2; }
    else
        echo "test.sh: libcurl's headers are missing; run: sudo apt-get install -y libcurl4-openssl-dev" >&2
        exit 1
    fi
fi
exec swift test "$@"
