#!/usr/bin/env bash
# Installs what is missing, builds Concordia, imports the bundled sample library and opens the window.
# The library lives in $CONCORDIA_DATA_DIR, else ~/.local/share/concordia.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/deps.sh run
echo "== building the UI and the app (the first build takes a few minutes)"
(cd ui && npm run --silent build)
cargo build --release --locked -p concordia-app -p concordia-cli
echo "== importing the sample library (unchanged files are skipped)"
./target/release/concordia import samples/
if [ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
  echo "No display found. On a headless machine run:  xvfb-run -a ./target/release/concordia-app" >&2
  exit 1
fi
exec ./target/release/concordia-app "$@"
