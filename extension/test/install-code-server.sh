#!/bin/sh
# Installs code-server (VS Code 1.100.3 server + web workbench) from the npm registry alone, so the
# integration tests run the real workbench and extension host on machines without desktop VS Code.
# Needs chromium and libkrb5-dev from the OS (apt-get install -y chromium libkrb5-dev).
set -eu
DEST=${1:?usage: install-code-server.sh DEST_DIR}
CS_VERSION=4.100.3          # last code-server line whose npm package accepts Node 20 (4.103+ wants Node 22)
RG_CACHE_VERSION=1.15.11    # @vscode/ripgrep version pinned in code-server 4.100.3's lib/vscode shrinkwrap
RG_ASSET=ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz
mkdir -p "$DEST/tmp"
DEST=$(cd "$DEST" && pwd)
cd "$DEST"
if [ -x node_modules/.bin/code-server ] && node_modules/.bin/code-server --version 2>/dev/null | grep -q "^$CS_VERSION"; then
  echo "code-server $CS_VERSION already installed in $DEST"
  exit 0
fi
[ -f package.json ] || echo '{"private":true}' > package.json
# @vscode/ripgrep's postinstall downloads rg from GitHub: pre-seed its cache with the rg binary that
# the npm package @vscode/ripgrep-linux-x64 ships, so nothing but the npm registry is needed.
if [ ! -f "tmp/vscode-ripgrep-cache-$RG_CACHE_VERSION/$RG_ASSET" ]; then
  mkdir -p rg "tmp/vscode-ripgrep-cache-$RG_CACHE_VERSION"
  (cd rg && npm pack --silent @vscode/ripgrep-linux-x64@1.18.0 >/dev/null && tar xzf vscode-ripgrep-linux-x64-1.18.0.tgz)
  tar czf "tmp/vscode-ripgrep-cache-$RG_CACHE_VERSION/$RG_ASSET" -C rg/package/bin rg
fi
# code-server's postinstall refuses to run without unsafe-perm; node-pty's runs `npx node-gyp`, hence yes.
TMPDIR="$DEST/tmp" npm_config_unsafe_perm=true npm_config_yes=true \
  npm install --no-audit --no-fund --no-save "code-server@$CS_VERSION"
test -x node_modules/code-server/lib/vscode/node_modules/@vscode/ripgrep/bin/rg
node_modules/.bin/code-server --version
