#!/usr/bin/env bash
# Installs what the tests need, when missing:
# - the real readers outputs are checked with and writers inputs are made with: jq, xmllint, mandoc (the man page),
#   zsh and fish (the completion scripts), openpyxl and xlsxwriter (PyPI), LibreOffice headless Calc;
# - the real server fetch is tested against: nginx-light, with openssl for its htpasswd file;
# - libcurl's development files, which `make dist` (run by `make test`) links against.
# Python's csv, json and zipfile come with python3. Nothing is installed if all are present. LibreOffice is large:
# when it cannot be installed its tests skip visibly, except under CI=true, where this script fails instead.
set -euo pipefail
need=()
command -v jq >/dev/null || need+=(jq)
command -v xmllint >/dev/null || need+=(libxml2-utils)
command -v mandoc >/dev/null || need+=(mandoc)
command -v zsh >/dev/null || need+=(zsh)
command -v fish >/dev/null || need+=(fish)
curl_dev=false
for lib in /usr/lib/*/libcurl.so /usr/lib64/libcurl.so /usr/lib/libcurl.so; do if [[ -e $lib ]]; then curl_dev=true; fi; done
$curl_dev || need+=(libcurl4-openssl-dev)
[[ -x /usr/sbin/nginx ]] || need+=(nginx-light)
command -v openssl >/dev/null || need+=(openssl)

apt_install() {
    if [[ $(id -u) -ne 0 ]]; then
        echo "test-deps: missing $*; install them (apt-get install $*) or run as root" >&2
        return 1
    fi
    echo "test-deps: installing $*" >&2
    apt-get update -qq >/dev/null
    # The tests start nginx themselves (a generated config, a free loopback port): the packaged service is unused.
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
    echo "test-deps: LibreOffice could not be installed; its spreadsheet tests will be skipped" >&2
}
