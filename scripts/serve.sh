#!/usr/bin/env bash
# Serves the release build at http://127.0.0.1:${PORT:-8080}/ with live rebuilds.
# Sets up what is missing first (no browser needed for serving).
set -euo pipefail
cd "$(dirname "$0")/.."

# npm's wasm-opt 132 must come before Debian's /usr/bin/wasm-opt.
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
NEED_BROWSER=0 scripts/setup.sh
exec trunk serve --release --address 127.0.0.1 --port "${PORT:-8080}"
