#!/usr/bin/env bash
# THE one command that runs every check: sets up whatever is missing (scripts/setup.sh),
# then formatting, native tests, the release build, the payload budget, the browser
# tests (wasm-bindgen-test in headless Chromium) and the end-to-end tests (playwright-core).
# Fails on the first failing stage and prints how long each stage took.
set -euo pipefail
cd "$(dirname "$0")/.."

# npm's wasm-opt 132 must come before Debian's /usr/bin/wasm-opt (108 cannot read our wasm).
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"

# Gzipped size allowed for every .wasm and .js file in dist, in bytes: the product's goal,
# 600 KB. The app is at 599,838 bytes (README, "Payload"); a change that takes it over
# the goal fails here.
PAYLOAD_BUDGET=600000

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

begin "benchmarks compile (cargo bench --no-run -p engine)"
cargo bench --no-run -p engine
end

# Each fuzz target (fuzz/README.md) runs for FUZZ_SECONDS from its committed corpus; a
# crash, a timeout or running out of memory fails the stage. Inputs that libFuzzer adds
# go to a scratch folder, so the committed corpus stays as it is.
FUZZ_SECONDS=${FUZZ_SECONDS:-20}
begin "fuzz smoke runs (cargo fuzz, ${FUZZ_SECONDS}s per target)"
fuzz_scratch=$(mktemp -d)
for target in manifest script session share shell; do
  mkdir -p "$fuzz_scratch/$target"
  echo "fuzz target $target:"
  if ! (cd fuzz && cargo +nightly fuzz run --sanitizer none "$target" "$fuzz_scratch/$target" "corpus/$target" -- \
    -max_total_time="$FUZZ_SECONDS" -rss_limit_mb=2048 -timeout=10 -print_final_stats=1 >"$fuzz_scratch/$target.log" 2>&1); then
    tail -n 60 "$fuzz_scratch/$target.log" >&2
    echo "fuzz target $target failed; the input is in fuzz/artifacts/$target/ (see fuzz/README.md to reproduce it)" >&2
    exit 1
  fi
  grep -E '^stat::number_of_executed_units|^stat::peak_rss_mb|^Done' "$fuzz_scratch/$target.log" | sed 's/^/  /' || true
done
rm -rf "$fuzz_scratch"
end

begin "release build (trunk build --release)"
trunk build --release
end

begin "payload budget"
# Every script the page can load: the app, its glue, the JS snippets and the service worker.
mapfile -t payload < <(find dist -type f \( -name '*.wasm' -o -name '*.js' \) | sort)
if [ "${#payload[@]}" -eq 0 ]; then
  echo "no .wasm or .js files in dist: did the release build run?" >&2
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
