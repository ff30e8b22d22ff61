#!/usr/bin/env bash
# Installs what the real-VS-Code tests and `npm run try` need, once, into a cache folder:
# Debian's chromium (+ libkrb5-dev for code-server's native modules, ripgrep for its search)
# and code-server 4.100.3 (VS Code 1.100.3, the newest that runs on Node 20). See ../shared/E2E.md.
# Idempotent: a second run only checks. Prints the cache folder on its last line.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
W="${VIGIL_E2E_DIR:-$ROOT/.e2e-cache}"
CS_VERSION=4.100.3
mkdir -p "$W"

need_apt=()
[ -x /usr/bin/chromium ] || need_apt+=(chromium)
command -v rg >/dev/null || need_apt+=(ripgrep)
dpkg -s libkrb5-dev >/dev/null 2>&1 || need_apt+=(libkrb5-dev)
if [ ${#need_apt[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then SUDO=sudo; else SUDO=; fi
  echo "e2e setup: installing ${need_apt[*]} from Debian" >&2
  $SUDO apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need_apt[@]}" >&2
fi

CS_BIN="$W/cs/node_modules/.bin/code-server"
if [ ! -x "$CS_BIN" ] || ! grep -q "\"version\": \"$CS_VERSION\"" "$W/cs/node_modules/code-server/package.json" 2>/dev/null; then
  echo "e2e setup: installing code-server $CS_VERSION into $W/cs (about a minute)" >&2
  export TMPDIR="$W/tmp" XDG_CONFIG_HOME="$W/xdg-config" XDG_DATA_HOME="$W/xdg-data"
  mkdir -p "$TMPDIR"
  # @vscode/ripgrep's postinstall downloads from GitHub unless it finds this cached tarball.
  mkdir -p "$TMPDIR/vscode-ripgrep-cache-1.15.11"
  tar -C "$(dirname "$(command -v rg)")" -czf "$TMPDIR/vscode-ripgrep-cache-1.15.11/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz" rg
  mkdir -p "$W/cs"
  (cd "$W/cs" && echo '{"private":true}' > package.json && \
    npm_config_unsafe_perm=true npm_config_yes=true npm install --no-audit --no-fund --loglevel=error "code-server@$CS_VERSION" >&2)
  # Check that the postinstall did its job (npm 11 runs it but may only warn).
  [ -x "$CS_BIN" ] || { echo "e2e setup: code-server was not installed at $CS_BIN" >&2; exit 1; }
  [ -d "$W/cs/node_modules/code-server/lib/vscode/node_modules" ] || { echo "e2e setup: code-server's postinstall did not install VS Code's modules" >&2; exit 1; }
fi
echo "$W"
