#!/usr/bin/env bash
# Language tools the snippet tests use to check the Lambda handlers (gofmt, javac, python3).
# Installed from Debian's packages when missing; the tests report a check as skipped, never
# passed, when a tool is still unavailable. Not part of `npm ci`: extension users never need them.
set -euo pipefail
# pre-commit (PyPI) for the hook test of test/cli/formats.test.ts, which is skipped, with the reason, without it.
# First without retries: where PyPI is unreachable and pip has local indexes, pip's five retries per package
# cost about a minute before it took each from them; then once more with pip's own retries.
command -v pre-commit >/dev/null 2>&1 \
  || python3 -m pip install --quiet --retries 0 --timeout 10 pre-commit \
  || python3 -m pip install --quiet pre-commit \
  || echo "could not install pre-commit; its hook test will be skipped" >&2
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
