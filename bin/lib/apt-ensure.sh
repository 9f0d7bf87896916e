# apt_ensure WHO PACKAGE...: installs the Debian packages that are missing, only those, without
# prompting; `apt-get update` runs only when something has to be installed. WHO names the
# caller in messages. Sourced by bin/lib/install-*-deps.sh.
apt_ensure() {
    local who="$1"; shift
    local missing=() p status
    for p in "$@"; do
        status="$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)"
        [[ "$status" == "install ok installed" ]] || missing+=("$p")
    done
    ((${#missing[@]})) || return 0
    command -v apt-get >/dev/null || {
        echo "$who: missing ${missing[*]} and no apt-get (Debian/Ubuntu expected)" >&2
        exit 1
    }
    local sudo=()
    if [[ "$(id -u)" != 0 ]]; then
        command -v sudo >/dev/null || { echo "$who: run as root or install sudo (missing: ${missing[*]})" >&2; exit 1; }
        sudo=(sudo)
    fi
    echo "$who: installing ${missing[*]}" >&2
    export DEBIAN_FRONTEND=noninteractive
    "${sudo[@]}" apt-get update -qq
    "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
}
