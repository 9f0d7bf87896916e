#!/usr/bin/env bash
# Installs what notebooks/ needs from Debian's packages, only when missing (idempotent,
# non-interactive). Called by bin/notebooks and by the test command before the notebook tests.
# Debian ships no pyarrow, so the notebooks read a run folder's CSV and JSON files only.
# jupyter-nbconvert (the `jupyter nbconvert` command) and jupyter-notebook are only Recommends of
# the jupyter package, so they are named: installs use --no-install-recommends.
# Everything runs with Debian's /usr/bin/python3 and /usr/bin/jupyter, never a pyenv/venv one.
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/apt-ensure.sh"
packages=(jupyter jupyter-nbconvert jupyter-notebook python3-nbconvert python3-ipykernel python3-pandas python3-matplotlib python3-yaml)
apt_ensure install-notebook-deps "${packages[@]}"

# the interpreter and tools the notebooks run with
for f in /usr/bin/python3 /usr/bin/jupyter /usr/bin/jupyter-nbconvert; do
    [[ -x "$f" ]] || { echo "install-notebook-deps: $f not found after install" >&2; exit 1; }
done
env -u PYTHONPATH -u PYTHONHOME PYTHONNOUSERSITE=1 /usr/bin/python3 -c 'import pandas, matplotlib, yaml, ipykernel, nbformat, nbconvert' || {
    echo "install-notebook-deps: Debian's python3 cannot import pandas/matplotlib/yaml/ipykernel/nbconvert" >&2
    exit 1
}
