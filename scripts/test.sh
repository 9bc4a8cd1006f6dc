#!/usr/bin/env bash
# THE one command that runs every check: sets up whatever is missing (scripts/setup.sh),
# then formatting, native tests, the release build, the payload budget, the browser
# tests (wasm-bindgen-test in headless Chromium) and the end-to-end tests (playwright-core).
# Fails on the first failing stage and prints how long each stage took.
set -euo pipefail
cd "$(dirname "$0")/.."

# npm's wasm-opt 132 must come before Debian's /usr/bin/wasm-opt (108 cannot read our wasm).
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"

# Gzipped size allowed for dist/*.wasm + dist/*.js, in bytes.
PAYLOAD_BUDGET=$((600 * 1024))

timings=()
current=""
started=0

begin() {
  current=$1
  started=$SECONDS
  printf '\n\033[1m==== %s ====\033[0m\n' "$current"
}

end() {
  local took=$((SECONDS - started))
  timings+=("$(printf '%-54s %4ds' "$current" "$took")")
  printf '\033[1m---- %s: ok (%ds)\033[0m\n' "$current" "$took"
  current=""
}

summary() {
  local rc=$?
  printf '\n\033[1m==== Summary ====\033[0m\n'
  local t
  for t in "${timings[@]}"; do
    printf '  %s\n' "$t"
  done
  if [ "$rc" -ne 0 ]; then
    printf '\033[1;31mFAILED in stage: %s (exit %d)\033[0m\n' "${current:-?}" "$rc"
  else
    printf '\033[1;32mAll checks passed (%ds)\033[0m\n' "$SECONDS"
  fi
}
trap summary EXIT

begin "setup (scripts/setup.sh)"
scripts/setup.sh
end

begin "cargo fmt --check"
cargo fmt --all -- --check
end

begin "native tests (cargo test --workspace)"
cargo test --workspace
end

# ---------------------------------------------------------------------------
# Fuzz smoke runs and benchmark compile checks: the lead adds them here.
# (e.g. `cargo bench --no-run -p engine`, short `cargo fuzz run … -- -max_total_time=…`)
# ---------------------------------------------------------------------------

begin "release build (trunk build --release)"
trunk build --release
end

begin "payload budget"
shopt -s nullglob
payload=(dist/*.wasm dist/*.js)
shopt -u nullglob
if [ "${#payload[@]}" -eq 0 ]; then
  echo "no dist/*.wasm or dist/*.js: did the release build run?" >&2
  exit 1
fi
raw=0
gz=0
for f in "${payload[@]}"; do
  r=$(wc -c <"$f")
  g=$(gzip -9 -c "$f" | wc -c)
  printf '  %-48s %9d B raw %9d B gzip -9\n' "$f" "$r" "$g"
  raw=$((raw + r))
  gz=$((gz + g))
done
printf '  %-48s %9d B raw %9d B gzip -9 (%d KiB of %d KiB allowed)\n' \
  total "$raw" "$gz" $((gz / 1024)) $((PAYLOAD_BUDGET / 1024))
if [ "$gz" -gt "$PAYLOAD_BUDGET" ]; then
  echo "payload over budget: $gz > $PAYLOAD_BUDGET bytes gzipped" >&2
  exit 1
fi
end

begin "browser tests (wasm-bindgen-test, headless Chromium)"
cargo test --target wasm32-unknown-unknown -p playground
end

begin "end-to-end tests (node --test e2e/)"
node --test e2e/
end
