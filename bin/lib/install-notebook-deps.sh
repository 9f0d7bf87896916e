#!/usr/bin/env bash
# Installs what notebooks/ needs from Debian's packages, only when missing (idempotent,
# non-interactive). Called by bin/notebooks and by the test command before the notebook tests.
# Debian ships no pyarrow, so the notebooks read a run folder's CSV and JSON files only.
# jupyter-nbconvert (the `jupyter nbconvert` command) and jupyter-notebook are only Recommends of
# the jupyter package, so they are named: installs use --no-install-recommends.
# Everything runs with Debian's /usr/bin/python3 and /usr/bin/jupyter, never a pyenv/venv one.
set -euo pipefail

packages=(jupyter jupyter-nbconvert jupyter-notebook python3-nbconvert python3-ipykernel python3-pandas python3-matplotlib python3-yaml)

missing=()
for p in "${packages[@]}"; do
    status="$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)"
    [[ "$status" == "install ok installed" ]] || missing+=("$p")
done

if ((${#missing[@]})); then
    command -v apt-get >/dev/null || {
        echo "install-notebook-deps: missing ${missing[*]} and no apt-get (Debian/Ubuntu expected)" >&2
        exit 1
    }
    sudo=()
    if [[ "$(id -u)" != 0 ]]; then
        command -v sudo >/dev/null || { echo "install-notebook-deps: run as root or install sudo (missing: ${missing[*]})" >&2; exit 1; }
        sudo=(sudo)
    fi
    echo "install-notebook-deps: installing ${missing[*]}" >&2
    export DEBIAN_FRONTEND=noninteractive
    "${sudo[@]}" apt-get update -qq
    "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
fi

# the interpreter and tools the notebooks run with
for f in /usr/bin/python3 /usr/bin/jupyter /usr/bin/jupyter-nbconvert; do
    [[ -x "$f" ]] || { echo "install-notebook-deps: $f not found after install" >&2; exit 1; }
done
env -u PYTHONPATH -u PYTHONHOME PYTHONNOUSERSITE=1 /usr/bin/python3 -c 'import pandas, matplotlib, yaml, ipykernel, nbformat, nbconvert' || {
    echo "install-notebook-deps: Debian's python3 cannot import pandas/matplotlib/yaml/ipykernel/nbconvert" >&2
    exit 1
}
