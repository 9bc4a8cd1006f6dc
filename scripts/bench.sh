#!/usr/bin/env bash
# Every benchmark, from one command: the engine natively (criterion), then the release
# build in headless Chromium (bench/browser.mjs: edit-to-grid times, frame times while a
# rollout plays, the whole rollout in WebAssembly, the payload).
#   scripts/bench.sh               all of it
#   scripts/bench.sh --browser     only the browser part (after a release build)
#   NODES="100 1000" scripts/bench.sh --browser
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"

scripts/setup.sh
if [ "${1:-}" != "--browser" ]; then
  cargo bench -p engine --bench engine
fi
trunk build --release
# shellcheck disable=SC2086
node bench/browser.mjs ${NODES:-100 1000 5000}
