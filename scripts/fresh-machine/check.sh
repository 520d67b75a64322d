#!/usr/bin/env bash
# Proves that the README's two set-up commands work on a fresh Debian 12 machine with only the Swift toolchain.
#
# 1. debootstrap a Debian 12 (bookworm) root filesystem holding the toolchain's own prerequisites (swift.org's
#    Debian 12 list) but none of the project's packages (no libcurl4-openssl-dev, no OpenBLAS). It is kept in
#    WORK/base and reused; each run starts from a fresh copy of it in WORK/root.
# 2. Bind-mount the toolchain (/opt/swift) and the local Swift package mirrors (/opt/swift-packages) read-only,
#    copy in the host's git URL redirections (github.com → mirrors), copy in the repo's committed files (HEAD).
# 3. Run, as root inside the root filesystem, exactly the two commands of the README's first `sh` block: the first
#    in the background until GET /healthz answers 200 (it builds first), then stop it; then the second.
# Passes (exit 0) only if /healthz answered and the second command exited 0; prints its test summary and timings.
#
# Usage, as root: scripts/fresh-machine/check.sh [WORK]   (WORK defaults to /var/tmp/eos-fresh-machine)
# Needs: debootstrap (installed with apt-get when missing), network to the Debian mirror, port 8080 free.
set -euo pipefail

repo=$(cd "$(dirname "$0")/../.." && pwd)
work=${1:-/var/tmp/eos-fresh-machine}
base=$work/base root=$work/root
mirror=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
# swift.org's Debian 12 prerequisites of the toolchain, without the project's libcurl4-openssl-dev (libcurl4, the
# runtime library, stays: the toolchain links it); zlib1g-dev is on any such machine; curl to probe /healthz.
prerequisites=binutils,gcc,git,libc6-dev,libcurl4,libedit-dev,libicu-dev,libncurses-dev,libpython3-dev,libsqlite3-dev
prerequisites+=,libstdc++-12-dev,libxml2-dev,pkg-config,tzdata,uuid-dev,zlib1g-dev,ca-certificates,curl

[[ $(id -u) == 0 ]] || { echo "check.sh: run as root (debootstrap, chroot, bind mounts)" >&2; exit 2; }
if curl -s --max-time 2 -o /dev/null http://127.0.0.1:8080/; then
    echo "check.sh: port 8080 is in use; the README's server needs it" >&2; exit 2
fi
# The README's set-up commands: its first sh block, comments stripped.
mapfile -t commands < <(awk '/^```sh/{inside=1; next} /^```/{if (inside) exit} inside' "$repo/README.md" |
                        sed -e 's/[[:space:]]*#.*$//' -e '/^[[:space:]]*$/d')
[[ ${#commands[@]} == 2 ]] || { echo "check.sh: the README's first sh block holds ${#commands[@]} commands, not 2" >&2; exit 2; }

start=$SECONDS
mkdir -p "$work"
if [[ ! -f $base/.complete ]]; then
    command -v debootstrap >/dev/null || apt-get install -y debootstrap
    rm -rf "$base"
    echo "== debootstrap bookworm into $base"
    debootstrap --variant=minbase --include="$prerequisites" bookworm "$base" "$mirror" >"$work/debootstrap.log"
    touch "$base/.complete"
fi

mounted=()
server=
stop_tree() {  # SIGTERM to a process and all its descendants, children first
    local child
    for child in $(pgrep -P "$1"); do stop_tree "$child"; done
    kill -TERM "$1" 2>/dev/null || true
}
cleanup() {
    if [[ -n $server ]]; then stop_tree "$server"; fi
    for ((i = ${#mounted[@]} - 1; i >= 0; i--)); do umount -l "${mounted[i]}" || true; done
}
trap cleanup EXIT
bind() {  # bind SOURCE TARGET [ro]
    mkdir -p "$2"
    mount --bind "$1" "$2"
    mounted+=("$2")
    if [[ ${3:-} == ro ]]; then mount -o remount,bind,ro "$2"; fi
}

echo "== fresh copy of the base in $root"
rm -rf "$root"
cp -a "$base" "$root"
bind /proc "$root/proc"
bind /dev "$root/dev"
bind /opt/swift "$root/opt/swift" ro
bind /opt/swift-packages "$root/opt/swift-packages" ro
cp /etc/resolv.conf "$root/etc/resolv.conf"
git config --system --get-regexp '^url\.' | while read -r key value; do
    chroot "$root" git config --system --add "$key" "$value"
done
mkdir -p "$root/src/repo"
git -C "$repo" archive HEAD | tar -x -C "$root/src/repo"

# A login-like environment: root's home, the toolchain on PATH, nothing inherited from this shell.
in_root() {
    chroot "$root" /usr/bin/env -i HOME=/root LANG=C.UTF-8 TERM=dumb \
        PATH=/opt/swift/usr/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
        /bin/bash -c "cd /src/repo && $1"
}

echo "== command 1: ${commands[0]}"
in_root "${commands[0]}" >"$work/command1.log" 2>&1 &
server=$!
healthz=
for _ in $(seq 1 3600); do  # it builds in release first: allow an hour on a busy machine
    healthz=$(curl -fsS --max-time 2 http://127.0.0.1:8080/healthz 2>/dev/null) && break
    healthz=
    kill -0 "$server" 2>/dev/null || break
    sleep 1
done
command1_seconds=$((SECONDS - start))
if [[ -z $healthz ]]; then
    echo "FAIL: /healthz never answered; the end of command 1's output:"; tail -30 "$work/command1.log"; exit 1
fi
echo "== /healthz answered after $command1_seconds s: $healthz"
stop_tree "$server"
wait "$server" || true
server=

echo "== command 2: ${commands[1]}"
status=0
in_root "${commands[1]}" >"$work/command2.log" 2>&1 || status=$?
echo "== command 2 exited $status after $((SECONDS - start)) s in all; its summary:"
grep -E "Test run with|Executed [0-9]+ tests|error:|FAIL|failed" "$work/command2.log" | tail -15 || true
if [[ $status != 0 ]]; then echo "FAIL: command 2 exited $status; full output in $work/command2.log"; exit 1; fi
echo "PASS: both README commands work on a fresh Debian 12 root ($((SECONDS - start)) s)"
