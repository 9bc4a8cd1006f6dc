#!/usr/bin/env bash
# Installs what the build and the tests need and is missing; safe to run again.
# Only package registries are used (crates.io, npm, Debian); nothing is downloaded from GitHub.
set -euo pipefail
cd "$(dirname "$0")/.."

need_browser=${NEED_BROWSER:-1}
SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"

if [ "$need_browser" = 1 ] && ! command -v chromium >/dev/null 2>&1; then
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends chromium chromium-driver >/dev/null
fi

rustup target list --installed | grep -q '^wasm32-unknown-unknown$' || rustup target add wasm32-unknown-unknown

# Trunk 0.22 needs rustc 1.96.1; 0.21.14 is the newest that builds here.
if ! trunk --version 2>/dev/null | grep -q '0.21.14'; then
  cargo install trunk --version 0.21.14 --locked
fi
# The CLI must equal the wasm-bindgen pinned in Cargo.toml; --locked fails on this registry.
if ! wasm-bindgen --version 2>/dev/null | grep -q '0.2.130'; then
  cargo install wasm-bindgen-cli --version 0.2.130
fi

# binaryen (wasm-opt 132) and playwright-core come from npm into ./node_modules.
if [ ! -x node_modules/.bin/wasm-opt ] || [ ! -d node_modules/playwright-core ]; then
  npm ci --no-audit --no-fund --silent
fi

# Fuzzing (fuzz/, run by scripts/test.sh): cargo-fuzz from crates.io, on the nightly toolchain.
rustup toolchain list | grep -q nightly || rustup toolchain install nightly --profile minimal
if ! cargo fuzz --version >/dev/null 2>&1; then
  cargo install cargo-fuzz --locked
fi
