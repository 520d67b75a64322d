#!/bin/bash
# Container health check for eos-server: GET /healthz on loopback, healthy on HTTP 200.
# Needs nothing but bash (its /dev/tcp redirection), so the runtime image carries no curl or wget.
# Port: $EOS_PORT (default 8080), the same variable eos-server reads; a --port flag would need it too.
set -u
port="${EOS_PORT:-8080}"
exec 3<>"/dev/tcp/127.0.0.1/${port}" || { echo "eos-healthcheck: cannot connect to 127.0.0.1:${port}" >&2; exit 1; }
printf 'GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: eos-healthcheck\r\nConnection: close\r\n\r\n' >&3
if ! IFS= read -r -t 2 status <&3; then
    echo "eos-healthcheck: no answer from 127.0.0.1:${port}" >&2
    exit 1
fi
status="${status%$'\r'}"
case "$status" in
    "HTTP/1.1 200"*|"HTTP/1.0 200"*) exit 0 ;;
    *) echo "eos-healthcheck: /healthz answered '${status}'" >&2; exit 1 ;;
esac
