#!/usr/bin/env bash
# Installs the real readers and writers the tests check against, when missing: jq and xmllint (Debian's packages),
# openpyxl and xlsxwriter (PyPI), and LibreOffice headless (libreoffice-calc-nogui) for the XLSX tests. Python's csv,
# json and zipfile come with python3. Nothing is installed if all are present. LibreOffice is large: when it cannot
# be installed, its tests skip visibly, except under CI=true, where this script fails instead.
set -euo pipefail
need=()
command -v jq >/dev/null || need+=(jq)
command -v xmllint >/dev/null || need+=(libxml2-utils)
apt_install() {
    if [[ $(id -u) -ne 0 ]]; then
        echo "test-deps: missing $*; install them (apt-get install $*) or run as root" >&2
        return 1
    fi
    echo "test-deps: installing $*" >&2
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null 2>&1
}
if ((${#need[@]})); then apt_install "${need[@]}"; fi
for module in openpyxl xlsxwriter; do
    python3 -c "import $module" 2>/dev/null || {
        echo "test-deps: installing $module" >&2
        python3 -m pip install -q --disable-pip-version-check "$module" >/dev/null 2>&1 \
            || python3 -m pip install -q --disable-pip-version-check --user "$module"
    }
done
command -v soffice >/dev/null || apt_install libreoffice-calc-nogui || {
    if [[ ${CI:-} == true ]]; then
        echo "test-deps: LibreOffice is required under CI=true" >&2
        exit 1
    fi
    echo "test-deps: LibreOffice could not be installed; its XLSX tests will be skipped" >&2
}
