#!/usr/bin/env bash
# Installs the real readers the tests check outputs with: jq and xmllint (Debian), when missing.
# Python's csv and json come with python3. Nothing is installed if everything is present.
set -euo pipefail
need=()
command -v jq >/dev/null || need+=(jq)
command -v xmllint >/dev/null || need+=(libxml2-utils)
if ((${#need[@]})); then
    if [[ $(id -u) -ne 0 ]]; then
        echo "test-deps: missing ${need[*]}; install them (apt-get install ${need[*]}) or run as root" >&2
        exit 1
    fi
    echo "test-deps: installing ${need[*]}" >&2
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi
