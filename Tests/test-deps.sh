#!/usr/bin/env bash
# Installs what the tests need, when missing: the real readers outputs are checked with (jq, xmllint, mandoc; LibreOffice headless Calc, which also makes spreadsheet inputs; zsh
# and fish parse the completion scripts; openpyxl from PyPI), the real server fetch is tested against (nginx-light,
# with openssl for its htpasswd file), and libcurl's development files, which `make dist` (run by `make test`) links
# against. Python's csv, json and zipfile come with python3. Nothing is installed if all are present.
set -euo pipefail
need=()
command -v jq >/dev/null || need+=(jq)
command -v xmllint >/dev/null || need+=(libxml2-utils)
# The man page is linted with mandoc; the zsh and fish completion scripts are parsed by their shells.
command -v mandoc >/dev/null || need+=(mandoc)
command -v zsh >/dev/null || need+=(zsh)
command -v fish >/dev/null || need+=(fish)
# make dist links Foundation's networking statically, which needs libcurl's development files (-lcurl).
curl_dev=false
for lib in /usr/lib/*/libcurl.so /usr/lib64/libcurl.so /usr/lib/libcurl.so; do if [[ -e $lib ]]; then curl_dev=true; fi; done
$curl_dev || need+=(libcurl4-openssl-dev)
[[ -x /usr/sbin/nginx ]] || need+=(nginx-light)
command -v openssl >/dev/null || need+=(openssl)
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
    # The tests start nginx themselves (a generated config, a free loopback port): the packaged service is unused.
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null 2>&1
fi
python3 -c "import openpyxl" 2>/dev/null || {
    echo "test-deps: installing openpyxl" >&2
    python3 -m pip install -q --disable-pip-version-check openpyxl >/dev/null 2>&1 \
        || python3 -m pip install -q --disable-pip-version-check --user openpyxl
}
