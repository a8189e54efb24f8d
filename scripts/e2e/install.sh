#!/usr/bin/env bash
# Installs what the end-to-end tier needs, outside the extension's own dependencies:
#   - Debian packages: libkrb5-dev (code-server's native build), ripgrep, chromium
#   - code-server (bundles real VS Code) into $E2E_HOME/code-server (default: <repo>/.e2e)
# Idempotent: every step is skipped when its result is already there.
# Needs only the Debian apt mirror and the npm registry (see ../shared/E2E.md).
set -euo pipefail

CODE_SERVER_VERSION="${CODE_SERVER_VERSION:-4.100.3}"
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
E2E_HOME="${E2E_HOME:-$repo/.e2e}"
dir="$E2E_HOME/code-server"
log() { printf '[e2e-install] %s\n' "$*"; }
t0=$SECONDS

# 1. Debian packages, only the missing ones.
missing=()
for pkg in libkrb5-dev ripgrep chromium; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
done
if ((${#missing[@]})); then
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  log "apt-get install ${missing[*]}"
  $sudo apt-get -o DPkg::Lock::Timeout=600 update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get -o DPkg::Lock::Timeout=600 install -y -qq "${missing[@]}" >/dev/null
else
  log "Debian packages present (libkrb5-dev ripgrep chromium)"
fi

# 2. code-server at the pinned version, in its own folder.
installed=""
if [ -f "$dir/node_modules/code-server/package.json" ]; then
  installed="$(node -p "require('$dir/node_modules/code-server/package.json').version")"
fi
if [ "$installed" = "$CODE_SERVER_VERSION" ] && [ -x "$dir/node_modules/.bin/code-server" ] \
   && [ -f "$dir/node_modules/code-server/lib/vscode/node_modules/@vscode/ripgrep/bin/rg" ]; then
  log "code-server $CODE_SERVER_VERSION already installed in $dir"
else
  # Seed @vscode/ripgrep's download cache with Debian's rg so its postinstall does not
  # try to fetch from GitHub.
  cache="${TMPDIR:-/tmp}/vscode-ripgrep-cache-1.15.11"
  mkdir -p "$cache/pkg"
  cp "$(command -v rg)" "$cache/pkg/rg"
  tar czf "$cache/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz" -C "$cache/pkg" rg
  mkdir -p "$dir"
  [ -f "$dir/package.json" ] || printf '{\n  "name": "e2e-code-server",\n  "private": true\n}\n' > "$dir/package.json"
  log "npm install code-server@$CODE_SERVER_VERSION into $dir (about two minutes)"
  # --foreground-scripts: show and run the postinstall (native modules, VS Code deps).
  ( cd "$dir" && npm_config_yes=true npm install "code-server@$CODE_SERVER_VERSION" \
      --unsafe-perm --ignore-scripts=false --foreground-scripts --no-audit --no-fund \
      --loglevel=error >"$dir/install.log" 2>&1 ) || { tail -50 "$dir/install.log"; exit 1; }
  if [ ! -f "$dir/node_modules/code-server/lib/vscode/node_modules/@vscode/ripgrep/bin/rg" ]; then
    tail -50 "$dir/install.log"
    log "code-server's postinstall did not complete (no ripgrep in lib/vscode)"; exit 1
  fi
fi

v="$(CODE_SERVER_CONFIG="$dir/config.yaml" "$dir/node_modules/.bin/code-server" --version 2>/dev/null | grep -E '^[0-9]' | head -1)"
[ -n "$v" ] || { log "code-server does not start"; exit 1; }
log "code-server $v ready: $dir/node_modules/.bin/code-server ($((SECONDS - t0))s)"
