# debian-mirror.sh — sourced by the rig's package fetchers (arm64-packages.sh, debian-kernel.sh):
# sets MIRROR to the Debian archive this machine's own apt sources use (the first URI ending in
# /debian in its deb822 or one-line sources), or RIG_DEBIAN_MIRROR when set; exits when neither.
debian_system_mirror() {
    {
        sed -n 's/^URIs:[[:space:]]*//p' /etc/apt/sources.list.d/*.sources 2>/dev/null | tr ' ' '\n'
        sed -n 's/^deb[[:space:]]\+\(\[[^]]*\][[:space:]]\+\)\?\([^[:space:]]*\).*/\2/p' /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null
    } | grep '/debian/\?$' | sed -n 1p
}
MIRROR=${RIG_DEBIAN_MIRROR:-$(debian_system_mirror || true)}
[[ -n $MIRROR ]] || { echo "$(basename "$0"): no Debian archive in /etc/apt sources; set RIG_DEBIAN_MIRROR" >&2; exit 1; }
MIRROR=${MIRROR%/}
