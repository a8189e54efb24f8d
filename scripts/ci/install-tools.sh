#!/usr/bin/env bash
# Language tools the snippet tests use to check the Lambda handlers (gofmt, javac, python3).
# Installed from Debian's packages when missing; the tests report a check as skipped, never
# passed, when a tool is still unavailable. Not part of `npm ci`: extension users never need them.
set -euo pipefail
missing=()
command -v gofmt >/dev/null 2>&1 || missing+=(golang-go)
command -v javac >/dev/null 2>&1 || missing+=(default-jdk-headless)
command -v python3 >/dev/null 2>&1 || missing+=(python3)
if [ ${#missing[@]} -eq 0 ]; then
  echo "language tools present: gofmt, javac, python3"
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "not root: cannot install ${missing[*]}; the snippet checks that need them will be skipped" >&2
  exit 0
fi
echo "installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
