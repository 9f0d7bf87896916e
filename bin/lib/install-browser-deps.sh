#!/usr/bin/env bash
# Installs what the real-browser report tests need from Debian's packages, only when missing
# (idempotent, non-interactive): chromium and chromium-driver (/usr/bin/chromedriver, which
# selenium drives). Called by the test command before the report tests; `apt-get update` runs
# only when something has to be installed.
set -euo pipefail

packages=(chromium chromium-driver)

missing=()
for p in "${packages[@]}"; do
    status="$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)"
    [[ "$status" == "install ok installed" ]] || missing+=("$p")
done

if ((${#missing[@]})); then
    command -v apt-get >/dev/null || {
        echo "install-browser-deps: missing ${missing[*]} and no apt-get (Debian/Ubuntu expected)" >&2
        exit 1
    }
    sudo=()
    if [[ "$(id -u)" != 0 ]]; then
        command -v sudo >/dev/null || { echo "install-browser-deps: run as root or install sudo (missing: ${missing[*]})" >&2; exit 1; }
        sudo=(sudo)
    fi
    echo "install-browser-deps: installing ${missing[*]}" >&2
    export DEBIAN_FRONTEND=noninteractive
    "${sudo[@]}" apt-get update -qq
    "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
fi

# the browser and driver the tests run with
for f in /usr/bin/chromium /usr/bin/chromedriver; do
    [[ -x "$f" ]] || { echo "install-browser-deps: $f not found after install" >&2; exit 1; }
done
/usr/bin/chromedriver --version >/dev/null || {
    echo "install-browser-deps: /usr/bin/chromedriver does not run" >&2
    exit 1
}
