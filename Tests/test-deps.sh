#!/usr/bin/env bash
# Installs the real readers the tests check outputs with, when missing: jq and xmllint (Debian's packages) and
# openpyxl (PyPI), and the real server fetch is tested against: nginx (Debian's nginx-light, with openssl for its
# htpasswd file). Python's csv, json and zipfile come with python3. Nothing is installed if all are present.
set -euo pipefail
need=()
command -v jq >/dev/null || need+=(jq)
command -v xmllint >/dev/null || need+=(libxml2-utils)
[[ -x /usr/sbin/nginx ]] || need+=(nginx-light)
command -v openssl >/dev/null || need+=(openssl)
if ((${#need[@]})); then
    if [[ $(id -u) -ne 0 ]]; then
        echo "test-deps: missing ${need[*]}; install them (apt-get install ${need[*]}) or run as root" >&2
        exit 1
    fi
    echo "test-deps: installing ${need[*]}" >&2
    apt-get update -qq >/dev/null
    # The tests start nginx themselves (a generated config, a free loopback port): the packaged service is unused.
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null 2>&1
fi
python3 -c "import openpyxl" 2>/dev/null || {
    echo "test-deps: installing openpyxl" >&2
    python3 -m pip install -q --disable-pip-version-check openpyxl >/dev/null 2>&1 \
        || python3 -m pip install -q --disable-pip-version-check --user openpyxl
}
