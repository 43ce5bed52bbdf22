#!/usr/bin/env bash
# Installs the real readers the tests check outputs with, when missing: jq and xmllint (Debian's packages) and
# openpyxl (PyPI); and LibreOffice (headless Calc), which makes spreadsheet CSV inputs. Python's csv, json and zipfile
# come with python3. Nothing is installed if all are present.
set -euo pipefail
need=()
command -v jq >/dev/null || need+=(jq)
command -v xmllint >/dev/null || need+=(libxml2-utils)
# LibreOffice is large and optional outside CI: without root it is only reported, and its tests skip visibly.
if ! command -v soffice >/dev/null; then
    if [[ $(id -u) -eq 0 ]]; then
        need+=(libreoffice-calc-nogui)
    else
        echo "test-deps: LibreOffice (soffice) is missing: its spreadsheet-input tests will be skipped" >&2
    fi
fi
if ((${#need[@]})); then
    if [[ $(id -u) -ne 0 ]]; then
        echo "test-deps: missing ${need[*]}; install them (apt-get install ${need[*]}) or run as root" >&2
        exit 1
    fi
    echo "test-deps: installing ${need[*]}" >&2
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
python3 -c "import openpyxl" 2>/dev/null || {
    echo "test-deps: installing openpyxl" >&2
    python3 -m pip install -q --disable-pip-version-check openpyxl >/dev/null 2>&1 \
        || python3 -m pip install -q --disable-pip-version-check --user openpyxl
}
