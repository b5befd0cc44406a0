#!/usr/bin/env bash
# The whole test suite: formatting, lints, Rust unit + integration tests, the real app
# end to end under Xvfb (tauri-driver + WebKitWebDriver), and the UI in headless Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
t0=$SECONDS; step() { echo "== [$((SECONDS - t0))s] $*"; }
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"

step "dependencies"; bash scripts/deps.sh test
step "UI: typecheck and build"; (cd ui && npx tsc -p . --noEmit && npm run --silent build)
step "cargo fmt --check"; cargo fmt --all --check
step "cargo clippy -D warnings"; cargo clippy --workspace --all-targets --locked --quiet -- -D warnings
step "the UI's types are the Rust DTOs' (ui/src/generated/api.ts current)"
cargo test --locked -p concordia-core --features ts --test ts_types --quiet
step "cargo test (unit, integration, corpus, CLI, real-app e2e under Xvfb)"
xvfb-run -a -s "-screen 0 1366x768x24" cargo test --workspace --locked -- --skip hostile_text_in_documents
step "hostile-file corpus on the release build (each file within 10 s)"
cargo test --release --locked -p concordia-cli --test hostile -- --include-ignored
step "trust: not-files, racing processes, index damage, kills, disk full (release build; counts below)"
trust_log=$(mktemp)
counts() { grep -oE "(not-files|race|index damage|kill|disk full|cancel|hostile text): .*" "$trust_log" | grep -v ": seed" || true; }
cargo test --release --locked -p concordia-cli --test trust --test cancel -- --include-ignored --nocapture --test-threads 1 \
  >"$trust_log" 2>&1 || { cat "$trust_log"; exit 1; }
counts
xvfb-run -a -s "-screen 0 1366x768x24" cargo test --locked --test e2e_trust hostile_text -- --nocapture \
  >"$trust_log" 2>&1 || { cat "$trust_log"; exit 1; }
counts
step "UI tests (node --test: pure modules + Playwright on Debian Chromium)"
(cd ui && node --test test/)
step "done"
