#!/usr/bin/env bash
# The lint step of action.yml. Reads the INPUT_* variables the action sets and GitHub's
# GITHUB_ACTION_PATH, GITHUB_OUTPUT and GITHUB_STEP_SUMMARY files; runs the linter once with
# several outputs (annotations on standard output, SARIF and Markdown to files) and records
# its exit code as a step output instead of failing, so the SARIF upload still happens.
set -uo pipefail
root="${GITHUB_ACTION_PATH:-$(cd "$(dirname "$0")/../.." && pwd)}"
if [ ! -f "$root/dist/cli.js" ]; then
  echo "::group::Build Twelve-Factor Lens"
  (cd "$root" && npm ci --no-audit --no-fund --ignore-scripts && node scripts/build.mjs) || { echo "::error::could not build twelve-factor-lens"; exit 2; }
  echo "::endgroup::"
fi

args=(--no-color)
[ -n "${INPUT_FAIL_ON:-}" ] && args+=(--fail-on "$INPUT_FAIL_ON")
[ -n "${INPUT_CONFIG:-}" ] && args+=(--config "$INPUT_CONFIG")
if [ "${INPUT_ANNOTATIONS:-true}" = "true" ]; then args+=(--format github); else args+=(--format stylish); fi
sarif="${INPUT_SARIF_FILE:-}"
[ -n "$sarif" ] && args+=(--format sarif --output-file "$sarif")
summary_file=""
if [ "${INPUT_SUMMARY:-true}" = "true" ] && [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then
  summary_file="$(mktemp)"
  args+=(--format markdown --output-file "$summary_file")
fi
# Paths are split on whitespace, never evaluated by the shell.
read -r -a paths <<< "${INPUT_PATHS:-.}"
[ ${#paths[@]} -eq 0 ] && paths=(.)

node "$root/dist/cli.js" "${args[@]}" -- "${paths[@]}"
code=$?

if [ -n "$summary_file" ]; then
  [ -s "$summary_file" ] && cat "$summary_file" >> "$GITHUB_STEP_SUMMARY"
  rm -f "$summary_file"
fi
if [ -n "${GITHUB_OUTPUT:-}" ]; then
  echo "exit-code=$code" >> "$GITHUB_OUTPUT"
  if [ -n "$sarif" ] && [ -f "$sarif" ]; then echo "sarif-file=$sarif" >> "$GITHUB_OUTPUT"; else echo "sarif-file=" >> "$GITHUB_OUTPUT"; fi
fi
# 2 is a usage or I/O problem: fail at once. Findings (1) fail in the action's last step, after the upload.
[ "$code" -eq 2 ] && exit 2
exit 0
