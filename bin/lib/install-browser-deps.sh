#!/usr/bin/env bash
# Installs what the real-browser report tests need from Debian's packages, only when missing
# (idempotent, non-interactive): chromium and chromium-driver (/usr/bin/chromedriver, which
# selenium drives), and a font for the report's charts (Java draws them with fontconfig). Called by the test command before the report tests; `apt-get update` runs
# only when something has to be installed.
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/apt-ensure.sh"
packages=(chromium chromium-driver fontconfig fonts-dejavu-core)
apt_ensure install-browser-deps "${packages[@]}"

# the browser and driver the tests run with
for f in /usr/bin/chromium /usr/bin/chromedriver; do
    [[ -x "$f" ]] || { echo "install-browser-deps: $f not found after install" >&2; exit 1; }
done
/usr/bin/chromedriver --version >/dev/null || {
    echo "install-browser-deps: /usr/bin/chromedriver does not run" >&2
    exit 1
}
